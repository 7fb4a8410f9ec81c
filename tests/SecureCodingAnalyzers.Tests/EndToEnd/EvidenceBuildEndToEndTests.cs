using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace SecureCodingAnalyzers.Tests.EndToEnd;

/// <summary>
/// Build integration of the evidence (issue 6): a CI build of a consumer repository gives every compilation its own
/// SARIF 2.1 log and an evidence manifest, even for same-named projects in different folders and for each target
/// framework of a multi-targeting project; a project's own ErrorLog is kept.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class EvidenceBuildEndToEndTests
{
    private const string MultiTarget = "Drivers/Plc/Plc.csproj";
    private const string SingleTarget = "Simulator/Plc/Plc.csproj";

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFrameworks>{TFMS}</TargetFrameworks>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SecureCodingAnalyzers" Version="[{VERSION}]" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """;

    // Compiles for netstandard2.0 too (no MD5.HashData there).
    private const string Code = """
        namespace Plc
        {
            public static class Checksum
            {
                public static byte[] Of(byte[] data)
                {
                    using (var md5 = System.Security.Cryptography.MD5.Create())
                    {
                        return md5.ComputeHash(data);
                    }
                }
            }
        }
        """;

    private readonly PackedPackageFixture _package;

    public EvidenceBuildEndToEndTests(PackedPackageFixture package) => _package = package;

    [Fact]
    public async Task CiBuild_WritesOneSarifAndManifestPerProjectAndFramework_AndKeepsAProjectsOwnErrorLog()
    {
        var repo = CreateRepo();
        var evidence = Path.Combine(repo, "artifacts", "secure-coding-evidence");

        var restore = await _package.RunInAsync(repo, "restore", MultiTarget);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var restore2 = await _package.RunInAsync(repo, "restore", SingleTarget);
        Assert.True(restore2.ExitCode == 0, restore2.ToString());

        // Off by default; on with ContinuousIntegrationBuild, under the folder of Directory.Build.props.
        var off = await _package.RunInAsync(repo, "msbuild", SingleTarget, "-nologo", "-getProperty:SecureCodingEvidence");
        Assert.Equal(string.Empty, off.Output.Trim());
        var on = await _package.RunInAsync(repo, "msbuild", SingleTarget, "-nologo", "-p:ContinuousIntegrationBuild=true", "-getProperty:SecureCodingEvidence", "-getProperty:SecureCodingEvidenceDirectory");
        using (var properties = JsonDocument.Parse(on.Output))
        {
            var values = properties.RootElement.GetProperty("Properties");
            Assert.Equal("true", values.GetProperty("SecureCodingEvidence").GetString());
            Assert.Equal(Path.TrimEndingDirectorySeparator(evidence), Path.TrimEndingDirectorySeparator(values.GetProperty("SecureCodingEvidenceDirectory").GetString()!));
        }

        foreach (var project in new[] { MultiTarget, SingleTarget })
        {
            var build = await _package.RunInAsync(repo, "build", project, "--no-restore", "-nologo", "-p:ContinuousIntegrationBuild=true");
            Assert.True(build.ExitCode == 0, build.ToString());
        }

        // Three compilations, three logs: same project name, two folders, two frameworks.
        var logs = Directory.GetFiles(evidence, "*.sarif").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(3, logs.Length);
        Assert.All(logs, name => Assert.Matches(@"^Plc\.[0-9a-f]{8}\.(net10\.0|netstandard2\.0)\.sarif$", name));
        var byProject = logs.GroupBy(n => n!.Split('.')[1]).ToDictionary(g => g.Count(), g => g.Select(n => n!.Split('.', 3)[2]).OrderBy(t => t, StringComparer.Ordinal).ToArray());
        Assert.Equal(new[] { "net10.0.sarif", "netstandard2.0.sarif" }, byProject[2]);
        Assert.Equal(new[] { "net10.0.sarif" }, byProject[1]);

        var analyzerHashes = PackageFileHashes("analyzers/dotnet/cs/SecureCodingAnalyzers.dll", "analyzers/dotnet/cs/SecureCodingAnalyzers.CodeFixes.dll");
        var profileHash = PackageFileHashes("profiles/recommended.globalconfig").Single().Value;
        var manifests = new Dictionary<string, string>();
        foreach (var log in logs)
        {
            var sarifPath = Path.Combine(evidence, log!);
            using (var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath)))
            {
                Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
                var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray();
                Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SCR1001"
                    && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!.EndsWith("Checksum.cs", StringComparison.Ordinal));
            }

            var manifestPath = Path.Combine(evidence, Path.GetFileNameWithoutExtension(log!) + ".evidence.json");
            Assert.True(File.Exists(manifestPath), "no manifest next to " + log);
            var text = File.ReadAllText(manifestPath);
            manifests[manifestPath] = text;
            Assert.DoesNotContain(repo, text, StringComparison.Ordinal);
            Assert.DoesNotContain(_package.NuGetPackages, text, StringComparison.Ordinal);

            using var manifest = JsonDocument.Parse(text);
            var root = manifest.RootElement;
            var framework = log!.Split('.', 3)[2][..^".sarif".Length];
            Assert.Equal("SecureCodingAnalyzers", root.GetProperty("package").GetProperty("id").GetString());
            Assert.Equal(_package.Version, root.GetProperty("package").GetProperty("version").GetString());
            Assert.Equal(
                analyzerHashes.OrderBy(h => h.Key, StringComparer.Ordinal),
                root.GetProperty("analyzers").EnumerateArray().Select(a => new KeyValuePair<string, string>(a.GetProperty("path").GetString()!, a.GetProperty("sha256").GetString()!)).OrderBy(h => h.Key, StringComparer.Ordinal));
            Assert.Equal(framework, root.GetProperty("targetFramework").GetString());
            Assert.Equal("Plc", root.GetProperty("projectName").GetString());
            var hash = log.Split('.')[1];
            Assert.Equal(logs.Count(n => n!.Split('.')[1] == hash) == 2 ? MultiTarget : SingleTarget, root.GetProperty("project").GetString());
            Assert.Equal("Debug", root.GetProperty("configuration").GetString());
            Assert.Equal("recommended", root.GetProperty("profile").GetString());
            var sarifInfo = root.GetProperty("sarif");
            Assert.Equal(log, sarifInfo.GetProperty("file").GetString());
            Assert.Equal("artifacts/secure-coding-evidence/" + log, sarifInfo.GetProperty("path").GetString());
            Assert.Equal("2.1", sarifInfo.GetProperty("version").GetString());
            Assert.False(sarifInfo.GetProperty("projectErrorLog").GetBoolean());
            Assert.Contains("CS1591", root.GetProperty("severitySwitches").GetProperty("noWarn").EnumerateArray().Select(e => e.GetString()));

            var configs = root.GetProperty("configFiles").EnumerateArray().ToDictionary(c => c.GetProperty("path").GetString()!, c => (Origin: c.GetProperty("origin").GetString(), Sha: c.GetProperty("sha256").GetString()));
            Assert.Equal(("package", profileHash), configs["profiles/recommended.globalconfig"]);
            Assert.Equal(("project", Sha256(File.ReadAllBytes(Path.Combine(repo, ".globalconfig")))), configs[".globalconfig"]);
            Assert.Equal(("project", Sha256(File.ReadAllBytes(Path.Combine(repo, ".editorconfig")))), configs[".editorconfig"]);
        }

        // The two frameworks of the multi-targeting project and the single-target project tell their projects apart.
        Assert.Equal(2, manifests.Values.Count(t => t.Contains("\"project\": \"" + MultiTarget + "\"", StringComparison.Ordinal)));
        Assert.Single(manifests.Values, t => t.Contains("\"project\": \"" + SingleTarget + "\"", StringComparison.Ordinal));

        // Deterministic: a full rebuild writes the same manifests byte for byte.
        var rebuild = await _package.RunInAsync(repo, "build", MultiTarget, "--no-restore", "--no-incremental", "-nologo", "-p:ContinuousIntegrationBuild=true");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.All(manifests, m => Assert.Equal(m.Value, File.ReadAllText(m.Key)));

        // A project's own ErrorLog wins; the manifest goes next to it and nothing is written to the evidence folder.
        Directory.Delete(evidence, recursive: true);
        var own = Path.Combine(repo, "logs", "simulator.sarif");
        var custom = await _package.RunInAsync(repo, "build", SingleTarget, "--no-restore", "-nologo", "-p:ContinuousIntegrationBuild=true", "-p:ErrorLog=" + own + "%2Cversion=2.1");
        Assert.True(custom.ExitCode == 0, custom.ToString());
        Assert.False(Directory.Exists(evidence) && Directory.EnumerateFileSystemEntries(evidence).Any(), "the evidence folder was written despite the project's ErrorLog");
        using (var sarif = JsonDocument.Parse(File.ReadAllText(own)))
        {
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        }

        using var ownManifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo, "logs", "simulator.evidence.json")));
        var ownSarif = ownManifest.RootElement.GetProperty("sarif");
        Assert.Equal("simulator.sarif", ownSarif.GetProperty("file").GetString());
        Assert.Equal("logs/simulator.sarif", ownSarif.GetProperty("path").GetString());
        Assert.Equal("2.1", ownSarif.GetProperty("version").GetString());
        Assert.True(ownSarif.GetProperty("projectErrorLog").GetBoolean());
    }

    private string CreateRepo()
    {
        var repo = _package.CreateRepo("evidence", new Dictionary<string, string>
        {
            ["nuget.config"] = $$"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="e2e-feed" value="{FEED}" />
                    <add key="frameworks" value="{{FrameworkFeed()}}" />
                  </packageSources>
                </configuration>
                """,
            ["Directory.Build.props"] = """
                <Project>
                  <PropertyGroup>
                    <LangVersion>latest</LangVersion>
                    <NoWarn>$(NoWarn);CS1591</NoWarn>
                  </PropertyGroup>
                </Project>
                """,
            [".globalconfig"] = """
                is_global = true
                # Justification: packages built in-house by this test; not signed.
                dotnet_diagnostic.SCR5022.allowed_unsigned_packages = SecureCodingAnalyzers, NETStandard.Library, Microsoft.NETCore.Platforms
                """,
            [".editorconfig"] = "root = true\n\n[*.cs]\nindent_style = space\n",
            [MultiTarget] = Project.Replace("{TFMS}", "net10.0;netstandard2.0", StringComparison.Ordinal),
            ["Drivers/Plc/Checksum.cs"] = Code,
            [SingleTarget] = Project.Replace("{TFMS}", "net10.0", StringComparison.Ordinal).Replace("TargetFrameworks>", "TargetFramework>", StringComparison.Ordinal),
            ["Simulator/Plc/Checksum.cs"] = Code,
        });
        return repo;
    }

    /// <summary>
    /// A folder feed with the netstandard2.0 reference package (the only second framework that restores offline), taken
    /// from the package cache the repository's own restore fills: the analyzer projects target netstandard2.0 and pin it.
    /// </summary>
    private string FrameworkFeed()
    {
        var feed = Path.Combine(_package.WorkDirectory, "framework-feed");
        Directory.CreateDirectory(feed);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var (id, version) in new[] { ("netstandard.library", "2.0.3"), ("microsoft.netcore.platforms", "1.1.0") })
        {
            var nupkg = Path.Combine(cache, id, version, $"{id}.{version}.nupkg");
            Assert.True(File.Exists(nupkg), "not in the repository's package cache: " + nupkg);
            File.Copy(nupkg, Path.Combine(feed, Path.GetFileName(nupkg)), overwrite: true);
        }

        return feed;
    }

    private Dictionary<string, string> PackageFileHashes(params string[] entries)
    {
        using var zip = ZipFile.OpenRead(_package.PackageFile);
        return entries.ToDictionary(e => e, e =>
        {
            using var stream = zip.GetEntry(e)!.Open();
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
