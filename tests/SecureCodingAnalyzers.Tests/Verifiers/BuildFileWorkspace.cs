using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.Tool.Workspace;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Runs build-file analyzers on an AdhocWorkspace project whose additional documents are the build files, with their
/// kind and the MSBuild properties in a generated global config, as the package's targets pass them. The workspace
/// itself is the secure-coding tool's (<see cref="BuildFileProject"/>): tests and tool share one implementation.
/// </summary>
public static class BuildFileWorkspace
{
    /// <summary>The project file path the test projects use.</summary>
    public const string ProjectPath = "/repo/App/App.csproj";

    /// <summary>Analyzes <paramref name="files"/>; <paramref name="properties"/> are lines "Name = value".</summary>
    public static async Task<(Project Project, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(
        BuildFileInput[] files, string? properties, ImmutableArray<DiagnosticAnalyzer> analyzers, string? globalOptions = null, Action<string>? onException = null)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var configs = globalOptions is null
            ? Array.Empty<AnalyzerConfigFile>()
            : new[] { new AnalyzerConfigFile("/.globalconfig", SourceText.From("is_global = true\n" + globalOptions + "\n")) };
        var project = BuildFileProject.Create(ProjectPath, files.Select(Document), Lines(properties), configs)
            .AddMetadataReferences(references);
        project = project.AddDocument("Program.cs", "class Program { }", filePath: "/repo/App/Program.cs").Project;
        return (project, await BuildFileProject.AnalyzeAsync(
            project,
            analyzers,
            CancellationToken.None,
            onException is null ? null : (exception, analyzer) => onException($"{analyzer.GetType().Name}: {exception}")));
    }

    /// <summary>A test input as the compiler receives it: its kind and further metadata ("Name = value" lines).</summary>
    public static BuildFileDocument Document(BuildFileInput file)
        => new(file.Path, SourceText.From(file.Text), BuildFileProject.KindMetadata(file.Kind, Lines(file.Metadata)));

    /// <summary>"Name = value" lines as pairs.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Lines(string? lines)
        => (lines ?? string.Empty).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty))
            .ToList();
}
