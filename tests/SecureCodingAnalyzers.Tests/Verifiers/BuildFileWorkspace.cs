using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Runs build-file analyzers on an AdhocWorkspace project whose additional documents are the build files, with their
/// kind in an .editorconfig and the MSBuild properties in a .globalconfig, as the package's targets pass them.
/// </summary>
public static class BuildFileWorkspace
{
    /// <summary>Analyzes <paramref name="files"/>; <paramref name="properties"/> are lines "Name = value".</summary>
    public static async Task<(Project Project, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(
        BuildFileInput[] files, string? properties, ImmutableArray<DiagnosticAnalyzer> analyzers, string? globalOptions = null, Action<string>? onException = null)
    {
        var workspace = new AdhocWorkspace();
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "App", "App", LanguageNames.CSharp, filePath: "/repo/App/App.csproj", metadataReferences: references));
        project = project.AddDocument("Program.cs", "class Program { }", filePath: "/repo/App/Program.cs").Project;

        var editorConfig = new StringBuilder("root = true\n");
        foreach (var file in files)
        {
            project = project.AddAdditionalDocument(file.Path, SourceText.From(file.Text), filePath: file.Path).Project;
            editorConfig.Append(file.EditorConfigSection());
        }

        project = project.AddAnalyzerConfigDocument("/.editorconfig", SourceText.From(editorConfig.ToString()), filePath: "/.editorconfig").Project;
        var global = "is_global = true\n"
            + string.Join("\n", (properties ?? string.Empty).Split('\n').Where(l => l.Trim().Length > 0).Select(l => "build_property." + l.Trim())) + "\n"
            + (globalOptions ?? string.Empty) + "\n";
        project = project.AddAnalyzerConfigDocument("/.globalconfig", SourceText.From(global), filePath: "/.globalconfig").Project;

        var compilation = (await project.GetCompilationAsync())!;
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, _) => onException?.Invoke($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (project, diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray());
    }
}
