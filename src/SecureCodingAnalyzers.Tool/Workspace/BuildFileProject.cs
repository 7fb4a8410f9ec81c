using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Tool.Workspace;

/// <summary>
/// Builds the Roslyn view of a project's build files that the compiler gets from the package's targets, on an
/// <see cref="AdhocWorkspace"/>: every build file is an additional document, and one generated global config holds
/// the <c>build_property.*</c> values and the <c>build_metadata.AdditionalFiles.*</c> sections exactly as MSBuild's
/// GenerateMSBuildEditorConfig task writes them. The project's own .editorconfig/.globalconfig files (and the package's
/// profile) are added as they are, and <c>NoWarn</c> becomes the compilation's suppressions, so a rule the build
/// does not report is not reported here either.
/// Shared by the secure-coding tool and the tests' verifiers: one implementation of "what the analyzers see".
/// </summary>
public static class BuildFileProject
{
    /// <summary>The file name of the generated global config (next to MSBuild's own, in the project's obj folder).</summary>
    public const string GeneratedConfigFileName = "SecureCodingAnalyzers.GeneratedMSBuildEditorConfig.editorconfig";

    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    /// <summary>Creates the project.</summary>
    /// <param name="projectFilePath">The project file's full path (the generated config goes to its obj folder).</param>
    /// <param name="files">The build files (additional documents).</param>
    /// <param name="properties">The compiler-visible properties, in order (see <c>CompilerVisibleProperties.ForCompiler</c>).</param>
    /// <param name="analyzerConfigFiles">The project's .editorconfig/.globalconfig files, as the compiler reads them.</param>
    /// <param name="suppressedIds">Diagnostic ids the build suppresses (<c>NoWarn</c>).</param>
    public static Project Create(
        string projectFilePath,
        IEnumerable<BuildFileDocument> files,
        IEnumerable<KeyValuePair<string, string>> properties,
        IEnumerable<AnalyzerConfigFile>? analyzerConfigFiles = null,
        IEnumerable<string>? suppressedIds = null)
    {
        var name = Path.GetFileNameWithoutExtension(projectFilePath);
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            specificDiagnosticOptions: (suppressedIds ?? Enumerable.Empty<string>())
                .Where(id => id.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress)));
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), name, name, LanguageNames.CSharp, filePath: projectFilePath, compilationOptions: options));

        var fileList = files.ToList();
        foreach (var file in fileList)
        {
            project = project.AddAdditionalDocument(file.Path, file.Text, filePath: file.Path).Project;
        }

        var generatedPath = Path.Combine(Path.GetDirectoryName(projectFilePath) ?? string.Empty, "obj", GeneratedConfigFileName);
        project = project.AddAnalyzerConfigDocument(generatedPath, SourceText.From(GeneratedConfig(properties, fileList)), filePath: generatedPath).Project;
        foreach (var config in analyzerConfigFiles ?? Enumerable.Empty<AnalyzerConfigFile>())
        {
            project = project.AddAnalyzerConfigDocument(config.Path, config.Text, filePath: config.Path).Project;
        }

        return project;
    }

    /// <summary>
    /// The generated global config: <c>is_global = true</c>, one <c>build_property.Name = value</c> line per property
    /// (values as MSBuild evaluated them; the compiler reads a value up to its first ';', which is why the targets
    /// also pass comma-separated copies of list properties), then one section per build file, named by its full
    /// path with forward slashes, holding its item metadata.
    /// </summary>
    public static string GeneratedConfig(IEnumerable<KeyValuePair<string, string>> properties, IEnumerable<BuildFileDocument> files)
    {
        var text = new StringBuilder("is_global = true\n");
        foreach (var (name, value) in properties)
        {
            text.Append("build_property.").Append(name).Append(" = ").Append(value).Append('\n');
        }

        foreach (var file in files)
        {
            text.Append("\n[").Append(file.Path.Replace('\\', '/')).Append("]\n");
            foreach (var (name, value) in file.Metadata)
            {
                text.Append(MetadataPrefix).Append(name).Append(" = ").Append(value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The metadata of a build file of the given kind, plus any further metadata.</summary>
    public static IReadOnlyDictionary<string, string> KindMetadata(BuildFileKind kind, IEnumerable<KeyValuePair<string, string>>? more = null)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [BuildConfiguration.KindMetadata.Substring(MetadataPrefix.Length)] = kind.ToString(),
        };
        foreach (var (name, value) in more ?? Enumerable.Empty<KeyValuePair<string, string>>())
        {
            metadata[name] = value;
        }

        return metadata;
    }

    /// <summary>
    /// Runs <paramref name="analyzers"/> on the project's compilation, as the compiler does, and returns the reported
    /// diagnostics (suppressed ones excluded) ordered by file and position.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken, Action<Exception, DiagnosticAnalyzer>? onAnalyzerException = null)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The workspace project has no compilation.");
        // Without a handler, an analyzer exception becomes an AD0001 diagnostic, which callers report as an error.
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException is null ? null : (exception, analyzer, _) => onAnalyzerException(exception, analyzer),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }
}
