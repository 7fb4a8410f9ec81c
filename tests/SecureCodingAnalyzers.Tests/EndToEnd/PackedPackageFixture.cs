using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace SecureCodingAnalyzers.Tests.EndToEnd;

/// <summary>All end-to-end classes share one packed package (packing takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackageFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Packed package";
}

/// <summary>
/// Packs the real nupkg once into a temporary folder feed with an isolated NuGet cache, and hands out fresh copies of
/// the sample supplier project (samples/) that consume it from that feed only.
/// </summary>
public sealed class PackedPackageFixture : IAsyncLifetime
{
    /// <summary>
    /// The version that was packed. Packing passes no version property: a global Version would change the restore
    /// graph of the repository's own projects and rewrite their lock files.
    /// </summary>
    public string Version { get; private set; } = string.Empty;

    private static readonly Regex ExpectComment = new(@"(//|<!--)\s*expect:\s*(?<ids>SCR\d{4}(\s*,\s*SCR\d{4})*)", RegexOptions.Compiled);

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "scr-e2e-" + Guid.NewGuid().ToString("N")[..12]);

    public string Feed => Path.Combine(WorkDirectory, "feed");

    public string NuGetPackages => Path.Combine(WorkDirectory, "nuget-packages");

    public string PackageFile { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var project = Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers.Package", "SecureCodingAnalyzers.Package.csproj");
        var result = await DotNetCli.RunAsync(DotNetCli.RepoRoot, NuGetPackagesForRepo, "pack", project, "-c", "Release", "-o", Feed, "-nologo");
        var packed = Directory.GetFiles(Feed, "SecureCodingAnalyzers.*.nupkg");
        if (result.ExitCode != 0 || packed.Length != 1)
        {
            throw new InvalidOperationException("dotnet pack failed: " + result);
        }

        PackageFile = packed[0];
        Version = Path.GetFileNameWithoutExtension(PackageFile).Substring("SecureCodingAnalyzers.".Length);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }

        return Task.CompletedTask;
    }

    /// <summary>A fresh copy of samples/ restoring only from the test feed; returns the project file path.</summary>
    public string CreateConsumer(string name)
    {
        var destination = Path.Combine(WorkDirectory, name);
        var samples = Path.Combine(DotNetCli.RepoRoot, "samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(samples, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var packages = Path.Combine(destination, "Directory.Packages.props");
        File.WriteAllText(packages, File.ReadAllText(packages).Replace(">0.1.0</SecureCodingAnalyzersVersion>", $">{Version}</SecureCodingAnalyzersVersion>", StringComparison.Ordinal));
        // The sample's own nuget.config, pointed at the test feed instead of the demo feed.
        var config = Path.Combine(destination, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("../artifacts/demo-feed", Feed, StringComparison.Ordinal));
        return Path.Combine(destination, "SupplierGateway", "SupplierGateway.csproj");
    }

    /// <summary>Writes a fresh consumer repository (relative path to content) and returns its folder.</summary>
    public string CreateRepo(string name, IReadOnlyDictionary<string, string> files)
    {
        var root = Path.Combine(WorkDirectory, name);
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content.Replace("{FEED}", Feed, StringComparison.Ordinal).Replace("{VERSION}", Version, StringComparison.Ordinal));
        }

        return root;
    }

    /// <summary>Packs a small library package <paramref name="id"/> <paramref name="version"/> into the feed (once).</summary>
    public async Task PackLibraryAsync(string id, string version, string? feed = null)
    {
        feed ??= Feed;
        if (File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg")))
        {
            return;
        }

        var folder = Path.Combine(WorkDirectory, "libraries", id + "." + version);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, id + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>{id}</PackageId>
                <Version>{version}</Version>
                <Authors>Contoso</Authors>
                <Description>Test package for the end-to-end tests.</Description>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Library.cs"), $"namespace {id};\npublic static class Marker {{ public const string Version = \"{version}\"; }}\n");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        var result = await DotNetCli.RunAsync(folder, NuGetPackages, "pack", "-c", "Release", "-o", feed, "-nologo");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Packing {id} {version} failed: {result}");
        }
    }

    /// <summary>Runs dotnet in a folder with the isolated cache.</summary>
    public Task<DotNetCli.Result> RunInAsync(string folder, params string[] arguments)
        => DotNetCli.RunAsync(folder, NuGetPackages, arguments);

    /// <summary>Runs dotnet in a folder with the isolated cache and extra environment variables.</summary>
    public Task<DotNetCli.Result> RunInAsync(string folder, IReadOnlyDictionary<string, string> environment, params string[] arguments)
        => DotNetCli.RunAsync(folder, NuGetPackages, environment, arguments);

    /// <summary>Runs dotnet in the consumer with the isolated cache.</summary>
    public Task<DotNetCli.Result> RunAsync(string projectFile, params string[] arguments)
        => DotNetCli.RunAsync(Path.GetDirectoryName(projectFile)!, NuGetPackages, arguments);

    /// <summary>
    /// The findings marked with <c>// expect: SCRnnnn</c> (C#) or <c>&lt;!-- expect: SCRnnnn --&gt;</c> (build files) in the
    /// project's folder and the folders above it up to the consumer root: (file name, line, id).
    /// </summary>
    public static IReadOnlySet<(string File, int Line, string Id)> ExpectedFindings(string projectFile)
    {
        var expected = new HashSet<(string, int, string)>();
        var folder = Path.GetDirectoryName(projectFile)!;
        var files = Directory.EnumerateFiles(folder)
            .Concat(Directory.EnumerateFiles(Path.GetDirectoryName(folder)!))
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".cs" or ".csproj" or ".props" or ".targets" or ".config" or ".json");
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = ExpectComment.Match(lines[i]);
                if (match.Success)
                {
                    foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
                    {
                        expected.Add((Path.GetFileName(file), i + 1, id));
                    }
                }
            }
        }

        return expected;
    }

    /// <summary>Our findings in build output: (file name, line, id, severity).</summary>
    public static IReadOnlySet<(string File, int Line, string Id, string Severity)> Findings(string buildOutput)
    {
        var findings = new HashSet<(string, int, string, string)>();
        foreach (Match m in Regex.Matches(buildOutput, @"^(?<file>[^\r\n(]+)\((?<line>\d+),\d+\): (?<sev>warning|error|info) (?<id>SCR\d{4}):", RegexOptions.Multiline))
        {
            findings.Add((Path.GetFileName(m.Groups["file"].Value.Trim()), int.Parse(m.Groups["line"].Value), m.Groups["id"].Value, m.Groups["sev"].Value));
        }

        return findings;
    }

    // The repo's own restore (for dotnet pack) uses the normal cache: it must not be polluted by, nor pollute, the
    // consumer's isolated cache, and it needs the registry packages the repository pins.
    private static string NuGetPackagesForRepo
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
           ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
