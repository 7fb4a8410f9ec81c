using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Catalog;
using SecureCodingAnalyzers.Tests.EndToEnd;
using SecureCodingAnalyzers.Tests.Verifiers;
using SecureCodingAnalyzers.Tool.Projects;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Catalog;

/// <summary>
/// The repository keeps to what the package preaches: every project's real build files (project, Directory.*.props,
/// nuget.config, lock file, assets file) with its evaluated properties pass the dependency rules; exceptions are
/// configured, with their justification, in the repository's .globalconfig.
/// </summary>
public class OwnBuildFilesTests
{
    public static TheoryData<string> Projects => new TheoryDataOf(
        Regex.Matches(File.ReadAllText(Path.Combine(DotNetCli.RepoRoot, "SecureCodingAnalyzers.sln")), "\"([^\"]+\\.csproj)\"")
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Project_PassesTheDependencyRules(string project)
    {
        var root = DotNetCli.RepoRoot;
        var projectPath = Path.Combine(root, project);
        var folder = Path.GetDirectoryName(projectPath)!;
        var assets = Path.Combine(folder, "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{project} has not been restored");

        var files = new List<BuildFileInput> { Input(projectPath, BuildFileKind.Project), Input(assets, BuildFileKind.AssetsFile) };
        AddIfExists(files, Path.Combine(root, "Directory.Build.props"), BuildFileKind.DirectoryBuildProps);
        AddIfExists(files, Path.Combine(root, "Directory.Packages.props"), BuildFileKind.DirectoryPackagesProps);
        AddIfExists(files, Path.Combine(root, "nuget.config"), BuildFileKind.NuGetConfig);
        AddIfExists(files, Path.Combine(folder, "packages.lock.json"), BuildFileKind.LockFile);

        var analyzers = ShippedAssemblies.Analyzers()
            .Where(a => a.SupportedDiagnostics.Any(d => d.Category == RuleCategory.Dependencies))
            .ToImmutableArray();
        var (_, diagnostics) = await BuildFileWorkspace.AnalyzeAsync(
            files.ToArray(), await EvaluatedPropertiesAsync(projectPath), analyzers, RepositoryGlobalConfig(root));

        var failing = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(failing.Count == 0, string.Join("\n", failing));
    }

    private static BuildFileInput Input(string path, BuildFileKind kind) => new(path, kind, File.ReadAllText(path));

    private static void AddIfExists(List<BuildFileInput> files, string path, BuildFileKind kind)
    {
        if (File.Exists(path))
        {
            files.Add(Input(path, kind));
        }
    }

    /// <summary>The rule options of the repository's own .globalconfig (the justifications live there).</summary>
    private static string RepositoryGlobalConfig(string root)
    {
        var path = Path.Combine(root, ".globalconfig");
        return File.Exists(path)
            ? string.Join("\n", File.ReadAllLines(path).Where(l => l.TrimStart().StartsWith("dotnet_diagnostic.", StringComparison.Ordinal) || l.TrimStart().StartsWith("secure_coding.", StringComparison.Ordinal)))
            : string.Empty;
    }

    /// <summary>
    /// The project's evaluated properties, from MSBuild itself, plus the comma copies the targets write, computed by
    /// the secure-coding tool's <see cref="CompilerVisibleProperties"/> (the one place that knows them).
    /// </summary>
    private static async Task<string> EvaluatedPropertiesAsync(string projectPath)
    {
        var arguments = new List<string> { "msbuild", projectPath, "-nologo" };
        arguments.AddRange(CompilerVisibleProperties.Evaluated.Select(p => "-getProperty:" + p));
        var result = await DotNetCli.RunAsync(Path.GetDirectoryName(projectPath)!, Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), arguments.ToArray());
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Output.Substring(result.Output.IndexOf('{'));
        using var document = JsonDocument.Parse(json);
        var evaluated = document.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        return string.Join("\n", CompilerVisibleProperties.ForCompiler(name => evaluated.GetValueOrDefault(name))
            .Where(p => p.Value.Length > 0)
            .Select(p => p.Key + " = " + p.Value));
    }
}
