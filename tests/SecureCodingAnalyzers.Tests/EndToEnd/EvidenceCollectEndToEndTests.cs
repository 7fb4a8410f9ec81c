using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Json.Schema;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using Xunit;

namespace SecureCodingAnalyzers.Tests.EndToEnd;

/// <summary>
/// <c>secure-coding evidence collect</c> on a real CI build of a consumer repository through the packed package: a
/// solution with an application and a multi-targeting library, findings of our rules, a justified
/// <c>#pragma warning disable</c>, <c>[SuppressMessage]</c> with and without a Justification, and configuration that
/// downgrades one rule everywhere and switches another off for one folder. The evidence is checked against the build
/// and the files: results and their merging, suppressions, analyzed files and their hashes, the effective rule
/// configuration, relative paths only, schema validity, and the same bytes after a rerun and a rebuild.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class EvidenceCollectEndToEndTests
{
    private const string Remote = "https://git.example.com/contoso/plant.git";

    private const string LibProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SecureCodingAnalyzers" Version="[{VERSION}]" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """;

    private const string AppProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <OutputType>Exe</OutputType>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="../Lib/Lib.csproj" />
            <PackageReference Include="SecureCodingAnalyzers" Version="[{VERSION}]" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """;

    private readonly PackedPackageFixture _package;

    public EvidenceCollectEndToEndTests(PackedPackageFixture package) => _package = package;

    [Fact]
    public async Task CiBuildOfASolution_CollectedEvidence_IsCompleteRelativeValidAndReproducible()
    {
        var repo = CreateRepo();
        var head = Git(repo, "rev-parse", "HEAD");
        await BuildAsync(repo, incremental: true);

        var (code, output) = await CollectAsync(repo);

        Assert.True(code == ExitCodes.Success, output);
        var folder = Path.Combine(repo, "artifacts", "evidence");
        var files = new[] { CollectRunner.EvidenceFile, CollectRunner.UploadFile, BundleManifest.FileName };
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(folder, f)), f + " missing\n" + output));
        Assert.Contains("3 log(s), 1 run(s)", output, StringComparison.Ordinal);

        // ---- Both SARIF files are valid SARIF 2.1.0 ----
        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Tool", "sarif-schema-2.1.0.json"));
        foreach (var file in new[] { CollectRunner.EvidenceFile, CollectRunner.UploadFile })
        {
            var validation = schema.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, file))), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            Assert.True(validation.IsValid, file + ": " + string.Join("; ", (validation.Details ?? []).Where(d => d.HasErrors).Select(d => d.InstanceLocation + " " + string.Join(", ", d.Errors!.Values))));
        }

        // ---- No machine path anywhere ----
        foreach (var file in files)
        {
            var text = File.ReadAllText(Path.Combine(folder, file));
            Assert.DoesNotContain(repo, text, StringComparison.Ordinal);
            Assert.DoesNotContain(_package.WorkDirectory, text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"""uri"": ""(file:|/|[A-Za-z]:)", text);
        }

        var evidence = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, CollectRunner.EvidenceFile)))!;
        var run = Assert.Single(evidence["runs"]!.AsArray())!;
        Assert.Equal(head, run["versionControlProvenance"]![0]!["revisionId"]!.GetValue<string>());
        Assert.Equal(Remote, run["versionControlProvenance"]![0]!["repositoryUri"]!.GetValue<string>());
        var results = run["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var artifacts = run["artifacts"]!.AsArray().Select(a => a!.AsObject()).ToList();

        // ---- Results: our rules at the marked lines, each once (duplicates of frameworks and projects merged) ----
        var ours = results.Where(r => Id(r).StartsWith("SCR", StringComparison.Ordinal) && !Id(r).StartsWith("SCR5", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            Expected(repo, "expect").Order(),
            ours.Where(r => !Suppressed(r)).Select(Finding).Order());
        Assert.Equal(
            Expected(repo, "suppressed").Order(),
            ours.Where(Suppressed).Select(Finding).Order());
        Assert.All(results.GroupBy(r => Finding(r) + "|" + r["message"]!["text"]), g => Assert.Single(g));
        Assert.DoesNotContain("(0 duplicate(s) merged", output, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Equal("SRCROOT", r["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uriBaseId"]?.GetValue<string>() ?? "SRCROOT"));

        // Every located result points to its artifact by index.
        foreach (var result in results.Where(r => r["locations"] is not null))
        {
            var location = result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
            Assert.Equal(location["uri"]!.GetValue<string>(), artifacts[location["index"]!.GetValue<int>()]["location"]!["uri"]!.GetValue<string>());
        }

        // ---- Suppressions: kind and justification in the evidence, gone from the upload ----
        var suppressed = ours.Where(Suppressed).ToDictionary(Finding);
        var justified = suppressed.Single(s => s.Key.StartsWith("SCR1001 Lib/Legacy.cs:", StringComparison.Ordinal)).Value;
        var suppression = Assert.Single(justified["suppressions"]!.AsArray())!;
        Assert.Equal("inSource", suppression["kind"]!.GetValue<string>());
        Assert.Equal("Talks to the v1 bootloader's checksum, which only knows MD5; replaced in v2 (PLC-7).", suppression["justification"]!.GetValue<string>());
        Assert.All(suppressed.Values, s => Assert.Equal("inSource", s["suppressions"]![0]!["kind"]!.GetValue<string>()));
        var pragma = Assert.Single(suppressed["SCR1002 Lib/Legacy.cs:11"]["suppressions"]!.AsArray())!;
        Assert.Equal("Firmware v1 frames are DES-encrypted by the PLC; v2 uses AES (PLC-9).", pragma["justification"]!.GetValue<string>());
        Assert.Equal("pragma comment", pragma["properties"]!["justificationSource"]!.GetValue<string>());
        Assert.Null(suppressed["SCR1002 Lib/Legacy.cs:19"]["suppressions"]![0]!["justification"]);
        var upload = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, CollectRunner.UploadFile)))!["runs"]![0]!["results"]!.AsArray();
        Assert.DoesNotContain(upload, r => r!["suppressions"] is JsonArray { Count: > 0 });
        Assert.Equal(results.Count - results.Count(Suppressed), upload.Count);

        // ---- Analyzed files: every source file, with its hash and the compilations that read it ----
        var byUri = artifacts.ToDictionary(a => a["location"]!["uri"]!.GetValue<string>());
        var sources = Directory.EnumerateFiles(repo, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(repo, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(p => p is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["App/Program.cs", "Lib/Checksum.cs", "Lib/Generated/Table.cs", "Lib/Legacy.cs"], sources);
        foreach (var source in sources)
        {
            Assert.True(byUri.TryGetValue(source, out var artifact), source + " is not an artifact");
            Assert.Contains("analysisTarget", artifact!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        }

        Assert.Equal(
            """[{"project":"Lib/Lib.csproj","targetFrameworks":["net10.0","netstandard2.0"]}]""",
            byUri["Lib/Checksum.cs"]["properties"]!["compilations"]!.ToJsonString());
        Assert.Equal(
            """[{"project":"App/App.csproj","targetFrameworks":["net10.0"]}]""",
            byUri["App/Program.cs"]["properties"]!["compilations"]!.ToJsonString());
        Assert.Contains("userSpecifiedConfiguration", byUri[".globalconfig"]["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("Project", byUri["Lib/Lib.csproj"]["properties"]!["buildFileKinds"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains(artifacts, a => a["properties"]?["generated"] is not null && a["location"]!["uri"]!.GetValue<string>().StartsWith("Lib/obj/", StringComparison.Ordinal));
        foreach (var artifact in artifacts)
        {
            var path = Path.Combine(repo, Uri.UnescapeDataString(artifact["location"]!["uri"]!.GetValue<string>()));
            Assert.True(File.Exists(path), path);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), artifact["hashes"]!["sha-256"]!.GetValue<string>());
        }

        // ---- Effective configuration: the downgrade everywhere, the folder switched off only where it applies ----
        var overrides = run["invocations"]![0]!["ruleConfigurationOverrides"]!.AsArray().Select(o => o!.AsObject()).ToList();
        var extensionRules = run["tool"]!["extensions"]![0]!["rules"]!.AsArray();
        foreach (var item in overrides)
        {
            var descriptor = item["descriptor"]!;
            var rules = descriptor["toolComponent"] is null ? run["tool"]!["driver"]!["rules"]!.AsArray() : extensionRules;
            Assert.Equal(descriptor["id"]!.GetValue<string>(), rules[descriptor["index"]!.GetValue<int>()]!["id"]!.GetValue<string>());
        }

        var downgrade = overrides.Single(o => o["descriptor"]!["id"]!.GetValue<string>() == "SCR1001" && o["configuration"]!["level"]?.GetValue<string>() == "note");
        Assert.Equal("""[{"file":".globalconfig","line":5,"value":"suggestion"}]""", downgrade["properties"]!["sources"]!.ToJsonString());
        Assert.Equal(
            """[{"project":"App/App.csproj","targetFrameworks":["net10.0"]},{"project":"Lib/Lib.csproj","targetFrameworks":["net10.0","netstandard2.0"]}]""",
            downgrade["properties"]!["compilations"]!.ToJsonString());
        var switchedOff = overrides.Single(o => o["descriptor"]!["id"]!.GetValue<string>() == "SCR1002" && o["configuration"]!["enabled"] is not null);
        Assert.Equal("""[{"file":".editorconfig","line":8,"value":"none","section":"Lib/Generated/*.cs"}]""", switchedOff["properties"]!["sources"]!.ToJsonString());
        Assert.Equal("""[{"project":"Lib/Lib.csproj","targetFrameworks":["net10.0","netstandard2.0"]}]""", switchedOff["properties"]!["compilations"]!.ToJsonString());
        Assert.Contains(overrides, o => o["properties"]!["sources"]?[0]?["origin"]?.GetValue<string>() == "package");

        // ---- Same commit, same bytes: rerun, then rebuild and rerun ----
        var first = files.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(folder, f)));
        var (again, againOutput) = await CollectAsync(repo);
        Assert.True(again == ExitCodes.Success, againOutput);
        Assert.All(files, f => Assert.True(first[f].SequenceEqual(File.ReadAllBytes(Path.Combine(folder, f))), f + " changed on rerun"));

        await BuildAsync(repo, incremental: false);
        var (rebuilt, rebuiltOutput) = await CollectAsync(repo);
        Assert.True(rebuilt == ExitCodes.Success, rebuiltOutput);
        Assert.All(files, f => Assert.True(first[f].SequenceEqual(File.ReadAllBytes(Path.Combine(folder, f))), f + " changed after a rebuild"));
    }

    private static string Id(JsonObject result) => result["ruleId"]!.GetValue<string>();

    private static bool Suppressed(JsonObject result) => result["suppressions"] is JsonArray { Count: > 0 };

    private static string Finding(JsonObject result)
    {
        var location = result["locations"]![0]!["physicalLocation"]!;
        return Id(result) + " " + location["artifactLocation"]!["uri"]!.GetValue<string>() + ":" + location["region"]!["startLine"]!.GetValue<int>();
    }

    /// <summary>The findings marked <c>// expect: SCRnnnn</c> (or <c>suppressed:</c>) in the sources and <c># expect: SCRnnnn</c> above a configuration line.</summary>
    private static IEnumerable<string> Expected(string repo, string marker)
    {
        var pattern = new Regex("(//|#) " + marker + @": (?<ids>SCR\d{4}(, SCR\d{4})*)(?<above> \(next line\))?");
        foreach (var file in Directory.EnumerateFiles(repo, "*", SearchOption.AllDirectories).Where(f => !f.Contains(Path.DirectorySeparatorChar + ".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(repo, file).Replace('\\', '/');
            if (relative.Split('/').Any(p => p is "bin" or "obj" or "artifacts"))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = pattern.Match(lines[i]);
                foreach (var id in match.Success ? match.Groups["ids"].Value.Split(", ") : [])
                {
                    yield return id + " " + relative + ":" + (i + 1 + (match.Groups["above"].Success ? 1 : 0));
                }
            }
        }
    }

    private async Task BuildAsync(string repo, bool incremental)
    {
        if (incremental)
        {
            var restore = await _package.RunInAsync(repo, "restore", "Plant.slnx");
            Assert.True(restore.ExitCode == 0, restore.ToString());
        }

        string[] build = ["build", "Plant.slnx", "--no-restore", "-nologo", "-p:ContinuousIntegrationBuild=true"];
        var result = await _package.RunInAsync(repo, incremental ? build : [.. build, "--no-incremental"]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task<(int Code, string Output)> CollectAsync(string repo)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SecureCodingTool.RunAsync(["evidence", "collect", "--root", repo, "--quiet"], new ToolSettings { Output = output, Error = error });
        Assert.Equal(string.Empty, error.ToString());
        return (code, output.ToString());
    }

    private string CreateRepo()
    {
        var repo = _package.CreateRepo("evidence-collect", new Dictionary<string, string>
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
            [".gitignore"] = "bin/\nobj/\nartifacts/\n",
            ["Plant.slnx"] = """
                <Solution>
                  <Project Path="App/App.csproj" />
                  <Project Path="Lib/Lib.csproj" />
                </Solution>
                """,
            ["Directory.Build.props"] = """
                <Project>
                  <PropertyGroup>
                    <LangVersion>latest</LangVersion>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                </Project>
                """,
            [".globalconfig"] = """
                is_global = true
                # Justification: packages built in-house by this test; not signed.
                dotnet_diagnostic.SCR5022.allowed_unsigned_packages = SecureCodingAnalyzers, NETStandard.Library, Microsoft.NETCore.Platforms
                # expect: SCR9002 (next line)
                dotnet_diagnostic.SCR1001.severity = suggestion
                """,
            [".editorconfig"] = """
                root = true

                [*.cs]
                indent_style = space

                [Lib/Generated/*.cs]
                # expect: SCR9002 (next line)
                dotnet_diagnostic.SCR1002.severity = none
                """,
            ["App/App.csproj"] = AppProject,
            ["App/Program.cs"] = """
                namespace App;

                public static class Program
                {
                    public static int Main()
                    {
                        using var des = System.Security.Cryptography.DES.Create(); // expect: SCR1002
                        return des.KeySize + Lib.Checksum.Of(new byte[1]).Length;
                    }
                }
                """,
            ["Lib/Lib.csproj"] = LibProject,
            ["Lib/Checksum.cs"] = """
                namespace Lib
                {
                    public static class Checksum
                    {
                        public static byte[] Of(byte[] data)
                        {
                            using (var md5 = System.Security.Cryptography.MD5.Create()) // expect: SCR1001
                            {
                                return md5.ComputeHash(data);
                            }
                        }
                    }
                }
                """,
            ["Lib/Legacy.cs"] = """
                using System.Diagnostics.CodeAnalysis;
                using System.Security.Cryptography;

                namespace Lib
                {
                    public static class Legacy
                    {
                        public static SymmetricAlgorithm Pragma()
                        {
                #pragma warning disable SCR1002 // Firmware v1 frames are DES-encrypted by the PLC; v2 uses AES (PLC-9).
                            return DES.Create(); // suppressed: SCR1002
                #pragma warning restore SCR1002
                        }

                        [SuppressMessage("Security.Cryptography", "SCR1001", Justification = "Talks to the v1 bootloader's checksum, which only knows MD5; replaced in v2 (PLC-7).")]
                        public static HashAlgorithm Bootloader() => MD5.Create(); // suppressed: SCR1001

                        [SuppressMessage("Security.Cryptography", "SCR1002")] // expect: SCR9001
                        public static SymmetricAlgorithm Service() => TripleDES.Create(); // suppressed: SCR1002
                    }
                }
                """,
            ["Lib/Generated/Table.cs"] = """
                namespace Lib.Generated
                {
                    public static class Table
                    {
                        public static System.Security.Cryptography.SymmetricAlgorithm Cipher() => System.Security.Cryptography.DES.Create();
                    }
                }
                """,
        });
        Git(repo, "init", "--quiet", "--initial-branch=main");
        Git(repo, "remote", "add", "origin", Remote);
        Git(repo, "add", "--all");
        Git(repo, "-c", "user.name=Evidence Test", "-c", "user.email=evidence@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "Plant");
        return repo;
    }

    private static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git " + string.Join(' ', arguments) + ": " + error);
        return output.Result.Trim();
    }

    /// <summary>A folder feed with the netstandard2.0 reference package, from the package cache the repository's own restore fills.</summary>
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
}
