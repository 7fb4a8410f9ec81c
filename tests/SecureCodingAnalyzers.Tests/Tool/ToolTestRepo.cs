using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Projects;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>A temporary repository folder for the tool's tests; deleted on dispose.</summary>
public sealed class ToolTestRepo : IDisposable
{
    /// <summary>A restored assets file in which restore resolved Contoso.Plc 1.4.2.</summary>
    public const string Assets = """
        { "version": 3, "targets": { "net8.0": { "Contoso.Plc/1.4.2": { "type": "package" } } },
          "libraries": { "Contoso.Plc/1.4.2": { "type": "package", "path": "contoso.plc/1.4.2" } } }
        """;

    public ToolTestRepo() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "scr-tool-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The full path of a repository-relative path.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a text file (UTF-8 without BOM, as given).</summary>
    public string Write(string relative, string text) => WriteBytes(relative, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes a file's bytes.</summary>
    public string WriteBytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Reads a file's text.</summary>
    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>A restored project with a package reference: project file and assets file.</summary>
    public string Project(string name, string packageReference = """<PackageReference Include="Contoso.Plc" Version="1.*" />""")
    {
        Write($"{name}/obj/project.assets.json", Assets);
        return Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                {packageReference}
              </ItemGroup>
            </Project>

            """);
    }

    /// <summary>The shared build files: Directory.Build.props and a nuget.config with a plain-http source.</summary>
    public void SharedFiles()
    {
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
            </Project>

            """);
        Write("nuget.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="plant" value="http://packages.example.com/v3/index.json" />
              </packageSources>
            </configuration>

            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}

/// <summary>
/// Stands in for MSBuild in unit tests: it "evaluates" a project the way the package's targets would list its build
/// files (the project, the nearest Directory.Build.props, Directory.Packages.props and nuget.config up to the
/// repository root, the lock file and the assets file, each with its SecureCodingKind), and derives
/// RestorePackagesWithLockFile from the files' text, so the tool's re-evaluation after edits can be observed.
/// A project whose file contains &lt;TargetFrameworks&gt; is multi-targeting: evaluated without a target framework it
/// lists no build file, like the outer build.
/// </summary>
public sealed class FakeEvaluator : IProjectEvaluator
{
    private readonly string _root;

    public FakeEvaluator(string root) => _root = root;

    /// <summary>Every evaluation: project and target framework.</summary>
    public List<(string Project, string? Framework)> Calls { get; } = new();

    /// <summary>Projects evaluated as if they did not reference the package (no build file carries a kind).</summary>
    public HashSet<string> WithoutPackage { get; } = new(StringComparer.Ordinal);

    /// <summary>Further evaluated properties of every project.</summary>
    public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<ProjectEvaluation> EvaluateAsync(string projectPath, string? targetFramework, CancellationToken cancellationToken)
    {
        Calls.Add((projectPath, targetFramework));
        var folder = Path.GetDirectoryName(projectPath)!;
        var text = File.ReadAllText(projectPath);
        var properties = new Dictionary<string, string>(Properties, StringComparer.OrdinalIgnoreCase);
        var files = new List<EvaluatedFile>();
        var frameworks = Regex.Match(text, "<TargetFrameworks>(.*?)</TargetFrameworks>");
        if (frameworks.Success)
        {
            properties["TargetFrameworks"] = frameworks.Groups[1].Value;
        }

        if (targetFramework is not null)
        {
            properties["TargetFramework"] = targetFramework;
        }

        if (!WithoutPackage.Contains(projectPath) && (!frameworks.Success || targetFramework is not null))
        {
            Add(files, projectPath, BuildFileKind.Project);
            Add(files, Above(folder, "Directory.Build.props"), BuildFileKind.DirectoryBuildProps);
            Add(files, Above(folder, "Directory.Packages.props"), BuildFileKind.DirectoryPackagesProps);
            Add(files, Above(folder, "nuget.config"), BuildFileKind.NuGetConfig);
            Add(files, Path.Combine(folder, "packages.lock.json"), BuildFileKind.LockFile);
            Add(files, Path.Combine(folder, "obj", "project.assets.json"), BuildFileKind.AssetsFile);
        }

        var msbuildText = string.Concat(files.Where(f => f.Metadata["SecureCodingKind"] is "Project" or "DirectoryBuildProps").Select(f => File.ReadAllText(f.Path)));
        if (Regex.IsMatch(msbuildText, @"<RestorePackagesWithLockFile>\s*true", RegexOptions.IgnoreCase))
        {
            properties["RestorePackagesWithLockFile"] = "true";
        }

        return Task.FromResult(new ProjectEvaluation
        {
            ProjectPath = projectPath,
            TargetFramework = targetFramework,
            Properties = properties,
            AdditionalFiles = files,
            AnalyzerConfigFiles = File.Exists(Path.Combine(_root, ".globalconfig")) ? [Path.Combine(_root, ".globalconfig")] : [],
            IsRestored = File.Exists(Path.Combine(folder, "obj", "project.assets.json")),
            ReferencesPackage = !WithoutPackage.Contains(projectPath),
        });
    }

    private static void Add(List<EvaluatedFile> files, string? path, BuildFileKind kind)
    {
        if (path is not null && File.Exists(path))
        {
            files.Add(new EvaluatedFile(path, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["SecureCodingKind"] = kind.ToString() }));
        }
    }

    private string? Above(string folder, string name)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null && dir.FullName.StartsWith(_root, StringComparison.Ordinal); dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
