using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Json.Schema;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// <c>secure-coding evidence collect</c> on SARIF 2.1 logs written the way the compiler and the package's targets
/// write them: two projects, one of them built for two target frameworks, source files on disk under a fake root.
/// </summary>
public sealed class CollectCommandTests : IDisposable
{
    private const string Crypto = """
        namespace App;
        public static class Checksum
        {
            public static byte[] Of(byte[] data) => System.Security.Cryptography.MD5.HashData(data);
        }

        """;

    private readonly ToolTestRepo _repo = new();

    public CollectCommandTests()
    {
        _repo.Write("src/App/Checksum.cs", Crypto);
        _repo.Write("src/Lib/Legacy.cs", "namespace Lib;\npublic static class Legacy\n{\n    public static object Key = 1;\n    public static int Unused;\n}\n");
        // Two target frameworks of App report the same finding; Lib has a suppressed finding and a compiler warning.
        foreach (var tfm in new[] { "net8.0", "net48" })
        {
            WriteLog($"App.0a1b2c3d.{tfm}", "App", tfm, Result("SCR1001", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken", related: true));
        }

        WriteLog(
            "Lib.9f8e7d6c.net8.0",
            "Lib",
            "net8.0",
            Result("SCR1005", "src/Lib/Legacy.cs", 4, "Key uses a constant as key", suppressed: true),
            Result("CS0649", "src/Lib/Legacy.cs", 5, "Field 'Legacy.Unused' is never assigned"));
    }

    public void Dispose() => _repo.Dispose();

    private string Logs => _repo.PathOf("artifacts/secure-coding-evidence");

    private string Output => _repo.PathOf("out");

    // ---- Merge ----

    [Fact]
    public async Task Collect_MergesOneRunPerTool_AndDeduplicatesTargetFrameworks()
    {
        var (code, output, error) = await CollectAsync();

        Assert.True(code == ExitCodes.Success, output + error);
        var evidence = Read(CollectRunner.EvidenceFile);
        var run = Assert.Single(evidence["runs"]!.AsArray())!;
        Assert.Equal("Microsoft (R) Visual C# Compiler", run["tool"]!["driver"]!["name"]!.GetValue<string>());
        var results = run["results"]!.AsArray();
        Assert.Equal(["SCR1001", "SCR1005", "CS0649"], results.Select(r => r!["ruleId"]!.GetValue<string>()));
        Assert.Contains("3 log(s), 1 run(s), 3 result(s) (1 duplicate(s) merged, 1 suppressed)", output);

        // The compiler's rules stay in the driver; ours move to the extension.
        Assert.Equal(["CS0649"], run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(0, results[2]!["ruleIndex"]!.GetValue<int>());
        var reference = results[0]!["rule"]!;
        Assert.Equal(0, reference["toolComponent"]!["index"]!.GetValue<int>());
        var extension = run["tool"]!["extensions"]![0]!;
        Assert.Equal("SCR1001", extension["rules"]![reference["index"]!.GetValue<int>()]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collect_PathsRelativeToRoot_WithOriginalUriBaseIds_AndArtifactHashes()
    {
        await CollectAsync();

        var run = Read(CollectRunner.EvidenceFile)["runs"]![0]!;
        var location = run["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        Assert.Equal("src/App/Checksum.cs", location["uri"]!.GetValue<string>());
        Assert.Equal("SRCROOT", location["uriBaseId"]!.GetValue<string>());
        Assert.NotNull(run["originalUriBaseIds"]!["SRCROOT"]);
        Assert.DoesNotContain(_repo.Root, File.ReadAllText(Path.Combine(Output, CollectRunner.EvidenceFile)));
        var artifacts = run["artifacts"]!.AsArray();
        Assert.Equal(["src/App/Checksum.cs", "src/Lib/Legacy.cs"], artifacts.Select(a => a!["location"]!["uri"]!.GetValue<string>()));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_repo.PathOf("src/App/Checksum.cs"))));
        Assert.Equal(expected, artifacts[0]!["hashes"]!["sha-256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collect_ExtensionHasVersionHashesRuleMetadataAndTaxonomies()
    {
        await CollectAsync();

        var run = Read(CollectRunner.EvidenceFile)["runs"]![0]!;
        var extension = run["tool"]!["extensions"]![0]!;
        Assert.Equal("SecureCodingAnalyzers", extension["name"]!.GetValue<string>());
        Assert.Equal("1.2.3", extension["version"]!.GetValue<string>());
        var file = Assert.Single(extension["properties"]!["analyzerFiles"]!.AsArray())!;
        Assert.Equal("analyzers/dotnet/cs/SecureCodingAnalyzers.dll", file["path"]!.GetValue<string>());
        Assert.Equal(new string('a', 64), file["sha256"]!.GetValue<string>());

        var rules = extension["rules"]!.AsArray();
        Assert.Equal(SecureCodingAnalyzers.Catalog.Rules.All.Select(d => d.Id), rules.Select(r => r!["id"]!.GetValue<string>()));
        var md5 = rules.Single(r => r!["id"]!.GetValue<string>() == "SCR1001")!;
        Assert.Equal("WeakHashAlgorithm", md5["name"]!.GetValue<string>());
        Assert.StartsWith("Do not use broken hash", md5["shortDescription"]!["text"]!.GetValue<string>());
        Assert.EndsWith("rules/SCR1001.md", md5["helpUri"]!.GetValue<string>());
        Assert.Contains("## Risk", md5["help"]!["markdown"]!.GetValue<string>());
        Assert.Equal("6.0", md5["properties"]!["security-severity"]!.GetValue<string>());
        Assert.Equal("high", md5["properties"]!["precision"]!.GetValue<string>());
        var tags = md5["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Contains("CWE-328", tags);
        Assert.Contains("IEC62443-4-1:SI-2", tags);
        Assert.Contains("external/cwe/cwe-328", tags);

        var taxonomies = run["taxonomies"]!.AsArray();
        Assert.Equal(["CWE", "IEC 62443-4-1"], taxonomies.Select(t => t!["name"]!.GetValue<string>()));
        foreach (var relationship in md5["relationships"]!.AsArray())
        {
            var target = relationship!["target"]!;
            var taxonomy = taxonomies[target["toolComponent"]!["index"]!.GetValue<int>()]!;
            Assert.Equal(taxonomy["name"]!.GetValue<string>(), target["toolComponent"]!["name"]!.GetValue<string>());
            Assert.Equal(target["id"]!.GetValue<string>(), taxonomy["taxa"]![target["index"]!.GetValue<int>()]!["id"]!.GetValue<string>());
        }

        Assert.Equal(["CWE-328", "CWE-327", "SI-2", "SD-4"], md5["relationships"]!.AsArray().Select(r => r!["target"]!["id"]!.GetValue<string>()));
        var compilations = run["properties"]!["secureCoding"]!["compilations"]!.AsArray();
        Assert.Equal(["net48", "net8.0", "net8.0"], compilations.Select(c => c!["targetFramework"]!.GetValue<string>()));
    }

    // ---- Fingerprints ----

    [Fact]
    public async Task Collect_FingerprintsSurviveLineShifts()
    {
        await CollectAsync();
        var before = Fingerprint(Read(CollectRunner.EvidenceFile));

        // A blank line above the finding: the compiler now reports line 5.
        _repo.Write("src/App/Checksum.cs", Crypto.Replace("namespace App;\n", "namespace App;\n\n", StringComparison.Ordinal));
        foreach (var tfm in new[] { "net8.0", "net48" })
        {
            WriteLog($"App.0a1b2c3d.{tfm}", "App", tfm, Result("SCR1001", "src/App/Checksum.cs", 5, "Of uses MD5, which is broken", related: true));
        }

        await CollectAsync();
        var after = Fingerprint(Read(CollectRunner.EvidenceFile));

        Assert.Matches("^[0-9a-f]{16}:1$", before);
        Assert.Equal(before, after);
    }

    // ---- Upload, schema and determinism ----

    [Fact]
    public async Task Collect_UploadDropsSuppressedResults_AndGivesRelatedLocationsAMessage()
    {
        await CollectAsync();

        var evidence = Read(CollectRunner.EvidenceFile)["runs"]![0]!["results"]!.AsArray();
        var upload = Read(CollectRunner.UploadFile)["runs"]![0]!["results"]!.AsArray();
        Assert.Contains(evidence, r => r!["ruleId"]!.GetValue<string>() == "SCR1005" && r["suppressions"] is not null);
        Assert.DoesNotContain(upload, r => r!["ruleId"]!.GetValue<string>() == "SCR1005");
        Assert.Equal(2, upload.Count);
        Assert.Null(evidence[0]!["relatedLocations"]![0]!["message"]);
        Assert.Equal("Related location 1", upload[0]!["relatedLocations"]![0]!["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collect_BothOutputsValidateAgainstTheSarifSchema()
    {
        await CollectAsync();

        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Tool", "sarif-schema-2.1.0.json"));
        foreach (var file in new[] { CollectRunner.EvidenceFile, CollectRunner.UploadFile })
        {
            var result = schema.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(Output, file))), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            Assert.True(result.IsValid, file + ": " + string.Join("; ", (result.Details ?? []).Where(d => d.HasErrors).Select(d => d.InstanceLocation + " " + string.Join(", ", d.Errors!.Values))));
        }
    }

    [Fact]
    public async Task Collect_RerunWritesIdenticalBytes()
    {
        await CollectAsync();
        var evidence = File.ReadAllBytes(Path.Combine(Output, CollectRunner.EvidenceFile));
        var upload = File.ReadAllBytes(Path.Combine(Output, CollectRunner.UploadFile));

        var (code, _, _) = await CollectAsync();

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(evidence, File.ReadAllBytes(Path.Combine(Output, CollectRunner.EvidenceFile)));
        Assert.Equal(upload, File.ReadAllBytes(Path.Combine(Output, CollectRunner.UploadFile)));
        Assert.Equal([CollectRunner.EvidenceFile, BundleManifest.FileName, CollectRunner.UploadFile], Directory.GetFiles(Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Collect_DefaultInput_IsTheEvidenceFolderUnderTheRoot_AndOutputIsNotReadBack()
    {
        // Output inside the input folder: the second run must not read the first run's evidence.sarif back.
        string[] args = ["evidence", "collect", "--root", _repo.Root, "--output", Path.Combine(Logs, "merged")];
        Assert.Equal(ExitCodes.Success, await SecureCodingTool.RunAsync(args, Settings(out _, out _)));

        var code = await SecureCodingTool.RunAsync(args, Settings(out var output, out var error));

        Assert.True(code == ExitCodes.Success, output.ToString() + error);
        Assert.Contains("3 log(s), 1 run(s), 3 result(s)", output.ToString());
    }

    [Fact]
    public void SanitizeRemote_DropsCredentials_AndConvertsScpSyntax()
    {
        Assert.Equal("https://example.com/org/repo.git", Git.SanitizeRemote("https://user:token@example.com/org/repo.git"));
        Assert.Equal("ssh://example.com/org/repo.git", Git.SanitizeRemote("git@example.com:org/repo.git"));
        Assert.Null(Git.SanitizeRemote("/srv/repos/repo.git"));
        Assert.Null(Git.SanitizeRemote(null));
    }

    // ---- Analyzed files ----

    [Fact]
    public async Task Collect_ListsEveryAnalyzedFile_WithHashRolesAndCompilations_AndKeepsAMissingOneWithoutHash()
    {
        _repo.Write("src/App/obj/Release/net8.0/App.AssemblyInfo.cs", "[assembly: System.Reflection.AssemblyVersion(\"1.0\")]\n");
        _repo.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        foreach (var tfm in new[] { "net8.0", "net48" })
        {
            WriteLog($"App.0a1b2c3d.{tfm}", "App", tfm, null, Manifest(sources: """
                { "path": "src/App/Checksum.cs", "origin": "project" },
                { "path": "src/App/Gone.cs", "origin": "project" },
                { "path": "src/App/obj/Release/net8.0/App.AssemblyInfo.cs", "origin": "generated" },
                { "path": "contoso.shared/1.0.0/contentFiles/cs/any/Shared.cs", "origin": "package" }
                """, additional: """{ "path": "src/App/App.csproj", "origin": "project", "kind": "Project" }"""), Result("SCR1001", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken", related: true));
        }

        var (code, output, _) = await CollectAsync();

        Assert.True(code == ExitCodes.Success, output);
        var run = Read(CollectRunner.EvidenceFile)["runs"]![0]!;
        var artifacts = run["artifacts"]!.AsArray();
        Assert.Equal(
            ["src/App/App.csproj", "src/App/Checksum.cs", "src/App/Gone.cs", "src/App/obj/Release/net8.0/App.AssemblyInfo.cs", "src/Lib/Legacy.cs"],
            artifacts.Select(a => a!["location"]!["uri"]!.GetValue<string>()));
        var checksum = artifacts[1]!;
        Assert.Equal("""["analysisTarget"]""", checksum["roles"]!.ToJsonString());
        Assert.Equal("""[{"project":"src/App/App.csproj","targetFrameworks":["net48","net8.0"]}]""", checksum["properties"]!["compilations"]!.ToJsonString());
        Assert.Equal(Sha256("src/App/Checksum.cs"), checksum["hashes"]!["sha-256"]!.GetValue<string>());
        var gone = artifacts[2]!;
        Assert.Null(gone["hashes"]);
        Assert.True(gone["properties"]!["missing"]!.GetValue<bool>());
        Assert.True(artifacts[3]!["properties"]!["generated"]!.GetValue<bool>());
        Assert.Equal("""["Project"]""", artifacts[0]!["properties"]!["buildFileKinds"]!.ToJsonString());
        Assert.Null(artifacts[4]!["roles"]);
        Assert.Contains("1 analyzed file(s) not found under the root: listed without hash", output);

        // Outside the root: counted, never an artifact, no machine path.
        var outside = Assert.Single(run["properties"]!["secureCoding"]!["filesOutsideRoot"]!.AsArray())!;
        Assert.Equal("contoso.shared/1.0.0/contentFiles/cs/any/Shared.cs", outside["path"]!.GetValue<string>());
        Assert.Equal("package", outside["origin"]!.GetValue<string>());
        Assert.Null(run["properties"]!["secureCoding"]!["compilations"]![0]!["sources"]);

        // Result locations point at their artifact.
        foreach (var result in run["results"]!.AsArray())
        {
            var location = result!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
            Assert.Equal(location["uri"]!.GetValue<string>(), artifacts[location["index"]!.GetValue<int>()]!["location"]!["uri"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Collect_ManifestWrittenForAnotherRoot_IsRebasedOntoTheCollectRoot()
    {
        // The build's root (its Directory.Build.props) is src/, collect's root is the repository: the manifest's paths
        // are relative to src/ and say so through sarif.root, the build root as seen from the log's folder.
        _repo.Write("src/App/Checksum.cs", "class Checksum { }\n");
        WriteLog("App.0a1b2c3d.net8.0", "App", "net8.0", null, Manifest(sources: """{ "path": "App/Checksum.cs", "origin": "project" }"""), Result("SCR1001", "src/App/Checksum.cs", 1, "Of uses MD5, which is broken"));
        var manifest = Path.Combine(_repo.Root, "artifacts/secure-coding-evidence/App.0a1b2c3d.net8.0.evidence.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest)
            .Replace("\"projectErrorLog\": false }", "\"projectErrorLog\": false, \"root\": \"../../src\" }", StringComparison.Ordinal)
            .Replace("\"project\": \"src/App/App.csproj\"", "\"project\": \"App/App.csproj\"", StringComparison.Ordinal));

        var (code, output, _) = await CollectAsync();

        Assert.True(code == ExitCodes.Success, output);
        var artifacts = Read(CollectRunner.EvidenceFile)["runs"]![0]!["artifacts"]!.AsArray();
        Assert.True(artifacts.All(a => a!["properties"]?["missing"] is null), artifacts.ToJsonString());
        var artifact = Assert.Single(artifacts, a => a!["location"]!["uri"]!.GetValue<string>() == "src/App/Checksum.cs")!;
        Assert.Equal("src/App/Checksum.cs", artifact["location"]!["uri"]!.GetValue<string>());
        Assert.Equal(Sha256("src/App/Checksum.cs"), artifact["hashes"]!["sha-256"]!.GetValue<string>());
        Assert.Equal("""[{"project":"src/App/App.csproj","targetFrameworks":["net8.0"]}]""", artifact["properties"]!["compilations"]!.ToJsonString());
        Assert.DoesNotContain("not found under the root", output);
    }

    // ---- Effective rule configuration ----

    [Fact]
    public async Task Collect_RuleConfigurationOverrides_MergedAcrossCompilations_WithWhereTheyComeFrom()
    {
        var globalconfig = _repo.Write(".globalconfig", "is_global = true\n# Legacy protocol (PLC-12).\ndotnet_diagnostic.SCR1001.severity = suggestion\n");
        _repo.Write(".editorconfig", "root = true\n\n[src/Lib/Generated/*.cs]\ndotnet_diagnostic.SCR1005.severity = none\n");
        var configFiles = $$"""
            { "path": ".globalconfig", "origin": "project", "sha256": "{{Sha256(".globalconfig")}}" },
            { "path": ".editorconfig", "origin": "project", "sha256": "{{Sha256(".editorconfig")}}" }
            """;
        foreach (var tfm in new[] { "net8.0", "net48" })
        {
            WriteLog($"App.0a1b2c3d.{tfm}", "App", tfm, Invocation(("SCR1001", """{"level":"note"}""")), Manifest(configFiles: configFiles), Result("SCR1001", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken"));
        }

        WriteLog(
            "Lib.9f8e7d6c.net8.0",
            "Lib",
            "net8.0",
            Invocation(("SCR1001", """{"level":"note"}"""), ("SCR1005", """{"enabled":false}"""), ("CS0649", """{"enabled":false}""")),
            Manifest(configFiles: configFiles, noWarn: "\"CS0649\""),
            Result("CS0649", "src/Lib/Legacy.cs", 5, "Field 'Legacy.Unused' is never assigned"));

        var (code, output, _) = await CollectAsync();

        Assert.True(code == ExitCodes.Success, output);
        var run = Read(CollectRunner.EvidenceFile)["runs"]![0]!;
        var invocation = Assert.Single(run["invocations"]!.AsArray())!;
        Assert.True(invocation["executionSuccessful"]!.GetValue<bool>());
        var overrides = invocation["ruleConfigurationOverrides"]!.AsArray();
        Assert.Equal(["CS0649", "SCR1001", "SCR1005"], overrides.Select(o => o!["descriptor"]!["id"]!.GetValue<string>()));

        // The compiler's rule: by index into the driver's rules; NoWarn says where.
        var cs0649 = overrides[0]!;
        Assert.Equal("""{"id":"CS0649","index":0}""", cs0649["descriptor"]!.ToJsonString());
        Assert.Equal("""[{"switch":"NoWarn"}]""", cs0649["properties"]!["sources"]!.ToJsonString());

        // Ours: by index into the extension's rules; one override for three compilations, with the line that set it.
        var scr1001 = overrides[1]!;
        Assert.Equal(0, scr1001["descriptor"]!["toolComponent"]!["index"]!.GetValue<int>());
        Assert.Equal("SCR1001", run["tool"]!["extensions"]![0]!["rules"]![scr1001["descriptor"]!["index"]!.GetValue<int>()]!["id"]!.GetValue<string>());
        Assert.Equal("""{"level":"note"}""", scr1001["configuration"]!.ToJsonString());
        Assert.Equal("""[{"file":".globalconfig","line":3,"value":"suggestion"}]""", scr1001["properties"]!["sources"]!.ToJsonString());
        Assert.Equal(
            """[{"project":"src/App/App.csproj","targetFrameworks":["net48","net8.0"]},{"project":"src/Lib/Lib.csproj","targetFrameworks":["net8.0"]}]""",
            scr1001["properties"]!["compilations"]!.ToJsonString());

        // A path-scoped section is recorded with its glob, for the one project it applies to.
        var scr1005 = overrides[2]!;
        Assert.Equal("""[{"file":".editorconfig","line":4,"value":"none","section":"src/Lib/Generated/*.cs"}]""", scr1005["properties"]!["sources"]!.ToJsonString());
        Assert.Equal("""[{"project":"src/Lib/Lib.csproj","targetFrameworks":["net8.0"]}]""", scr1005["properties"]!["compilations"]!.ToJsonString());

        // A file changed since the build gives no source: the override stays, without a claim about where it came from.
        File.AppendAllText(globalconfig, "# edited after the build\n");
        await CollectAsync();
        var changed = Read(CollectRunner.EvidenceFile)["runs"]![0]!["invocations"]![0]!["ruleConfigurationOverrides"]!.AsArray().Single(o => o!["descriptor"]!["id"]!.GetValue<string>() == "SCR1001")!;
        Assert.Null(changed["properties"]!["sources"]);
        Assert.Equal(2, changed["properties"]!["compilations"]!.AsArray().Count);
    }

    [Fact]
    public async Task Collect_Scr9002OnTheSameConfigurationLine_FromEveryCompilation_IsOneResult()
    {
        _repo.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.SCR1001.severity = none\n");
        const string Message = "dotnet_diagnostic.SCR1001.severity = none switches off SCR1001 (Do not use broken hash algorithms); add a comment with the reason, or remove it";
        foreach (var (name, project, tfm) in new[] { ("App.0a1b2c3d.net8.0", "App", "net8.0"), ("App.0a1b2c3d.net48", "App", "net48"), ("Lib.9f8e7d6c.net8.0", "Lib", "net8.0") })
        {
            WriteLog(name, project, tfm, Result("SCR9002", ".globalconfig", 2, Message));
        }

        var (code, output, _) = await CollectAsync();

        Assert.True(code == ExitCodes.Success, output);
        var result = Assert.Single(Read(CollectRunner.EvidenceFile)["runs"]![0]!["results"]!.AsArray())!;
        Assert.Equal("SCR9002", result["ruleId"]!.GetValue<string>());
        Assert.Equal(".globalconfig", result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Contains("1 result(s) (2 duplicate(s) merged", output);
    }

    [Fact]
    public async Task Collect_PragmaSuppression_CarriesTheSameLineComment_AsItsJustification()
    {
        _repo.Write("src/Lib/Frames.cs", """
            namespace Lib;
            public static class Frames
            {
            #pragma warning disable SCR1002, SCR1003 // Firmware v1 frames are DES-encrypted by the PLC (PLC-9).
                public static object V1() => System.Security.Cryptography.DES.Create();
            #pragma warning restore SCR1002
                public static object Later() => System.Security.Cryptography.DES.Create();
            #pragma warning disable SCR1002
                public static object Bare() => System.Security.Cryptography.DES.Create();
            }

            """);
        var results = new[] { 5, 7, 9 }.Select(line =>
        {
            var result = Result("SCR1002", "src/Lib/Frames.cs", line, "DES is weak", suppressed: true);
            result["suppressions"]![0]!.AsObject().Remove("justification");
            return result;
        }).ToArray();
        WriteLog("Lib.9f8e7d6c.net8.0", "Lib", "net8.0", results);

        await CollectAsync();

        var suppressions = Read(CollectRunner.EvidenceFile)["runs"]![0]!["results"]!.AsArray()
            .Where(r => r!["ruleId"]!.GetValue<string>() == "SCR1002")
            .ToDictionary(r => r!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>(), r => r!["suppressions"]![0]!);
        Assert.Equal("Firmware v1 frames are DES-encrypted by the PLC (PLC-9).", suppressions[5]["justification"]!.GetValue<string>());
        Assert.Equal("pragma comment", suppressions[5]["properties"]!["justificationSource"]!.GetValue<string>());
        Assert.Equal("inSource", suppressions[5]["kind"]!.GetValue<string>());
        Assert.Null(suppressions[7]["justification"]);
        Assert.Null(suppressions[9]["justification"]);
    }

    // ---- Machine paths and progress ----

    [Fact]
    public async Task Collect_RemovesTheRootFromMessagesAndProperties_AndDropsRuleTimings()
    {
        var lockFile = _repo.PathOf("src/App/packages.lock.json");
        var result = Result("SCR5040", "src/App/Checksum.cs", 1, $"enable the lock file {lockFile}");
        result["properties"]!["customProperties"] = new JsonObject { ["FixFile"] = lockFile };
        WriteLog("App.0a1b2c3d.net8.0", "App", "net8.0", result);
        var log = _repo.PathOf("artifacts/secure-coding-evidence/App.0a1b2c3d.net8.0.sarif");
        var node = JsonNode.Parse(File.ReadAllText(log))!;
        node["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!["properties"]!["executionTimeInSeconds"] = "0.123";
        File.WriteAllText(log, node.ToJsonString());

        await CollectAsync();

        var text = File.ReadAllText(Path.Combine(Output, CollectRunner.EvidenceFile));
        Assert.DoesNotContain(_repo.Root, text);
        Assert.DoesNotContain("executionTimeInSeconds", text);
        var scr5040 = Read(CollectRunner.EvidenceFile)["runs"]![0]!["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "SCR5040")!;
        Assert.Equal("src/App/packages.lock.json", scr5040["properties"]!["customProperties"]!["FixFile"]!.GetValue<string>());
        Assert.Equal("enable the lock file src/App/packages.lock.json", scr5040["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collect_Verbose_ReportsProgressOnStderr_Quiet_ReportsNothing_StdoutStaysTheSummary()
    {
        // 30 logs: a line every tenth (3 logs), then the phases.
        for (var i = 0; i < 27; i++)
        {
            WriteLog($"Extra{i:D2}.00000000.net8.0", "Extra" + i, "net8.0", Result("SCR1001", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken"));
        }

        var settings = Settings(out var output, out var error);
        Assert.Equal(ExitCodes.Success, await SecureCodingTool.RunAsync(["evidence", "collect", "--input", Logs, "--root", _repo.Root, "--output", Output, "--verbose"], settings));
        Assert.Equal(
            [.. Enumerable.Range(1, 10).Select(n => $"read {n * 3}/30 logs"), "merging the runs and hashing the analyzed files", "writing evidence.sarif, upload.sarif and manifest.json"],
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("read ", output.ToString());

        var quiet = Settings(out _, out var quietError);
        Assert.Equal(ExitCodes.Success, await SecureCodingTool.RunAsync(["evidence", "collect", "--input", Logs, "--root", _repo.Root, "--output", Output, "--verbose", "--quiet"], quiet));
        Assert.Equal(string.Empty, quietError.ToString());

        // Not a terminal and not --verbose: nothing either (the tests' writers are not the console).
        var plain = Settings(out _, out var plainError);
        Assert.Equal(ExitCodes.Success, await SecureCodingTool.RunAsync(["evidence", "collect", "--input", Logs, "--root", _repo.Root, "--output", Output], plain));
        Assert.Equal(string.Empty, plainError.ToString());
    }

    // ---- Errors ----

    [Fact]
    public async Task Error_MissingInput()
    {
        var (code, _, error) = await CollectAsync(_repo.PathOf("nowhere"));

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: input not found: ", error);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task Error_NoLogsFound()
    {
        Directory.CreateDirectory(_repo.PathOf("empty"));

        var (code, _, error) = await CollectAsync(_repo.PathOf("empty"));

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: no SARIF logs (*.sarif) found in ", error);
    }

    [Fact]
    public async Task Error_MalformedJson_NamesTheFile_AndWritesNothing()
    {
        var bad = _repo.Write("artifacts/secure-coding-evidence/Broken.sarif", "{ \"version\": \"2.1.0\", \"runs\": [");

        var (code, _, error) = await CollectAsync();

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"error: {bad} is not valid JSON", error);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task Error_Sarif10_SaysToUseVersion21()
    {
        var old = _repo.Write("artifacts/secure-coding-evidence/Old.sarif", """{ "$schema": "http://json.schemastore.org/sarif-1.0.0", "version": "1.0.0", "runs": [] }""");

        var (code, _, error) = await CollectAsync();

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"error: {old} is a SARIF 1.0 log", error);
        Assert.Contains("version=2.1", error);
    }

    [Fact]
    public async Task Error_NotSarif_NamesTheFile()
    {
        var other = _repo.Write("artifacts/secure-coding-evidence/Other.sarif", """{ "version": "2.1.0", "runs": [ { "results": [] } ] }""");

        var (code, _, error) = await CollectAsync();

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"error: {other} is not a valid SARIF log: a run has no tool.driver.name.", error);
    }

    // ---- Helpers ----

    private string Sha256(string relative) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_repo.PathOf(relative))));

    private static string Manifest(string sources = "", string additional = "", string configFiles = "", string noWarn = "") => $$"""
        "severitySwitches": { "treatWarningsAsErrors": false, "noWarn": [{{noWarn}}], "warningsAsErrors": [], "warningsNotAsErrors": [] },
        "configFiles": [{{configFiles}}],
        "sources": [{{sources}}],
        "additionalFiles": [{{additional}}]
        """;

    private static JsonArray Invocation(params (string Id, string Configuration)[] overrides) => new(new JsonObject
    {
        ["executionSuccessful"] = true,
        ["ruleConfigurationOverrides"] = new JsonArray(overrides.Select(o => (JsonNode)new JsonObject
        {
            ["descriptor"] = new JsonObject { ["id"] = o.Id, ["index"] = 0 },
            ["configuration"] = JsonNode.Parse(o.Configuration),
        }).ToArray()),
    });

    private static string Fingerprint(JsonObject log)
        => log["runs"]![0]!["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "SCR1001")!["partialFingerprints"]![EvidenceCollector.FingerprintName]!.GetValue<string>();

    private JsonObject Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Output, file)))!.AsObject();

    private static ToolSettings Settings(out StringWriter output, out StringWriter error)
    {
        output = new StringWriter();
        error = new StringWriter();
        return new ToolSettings { Output = output, Error = error };
    }

    private async Task<(int Code, string Output, string Error)> CollectAsync(string? input = null)
    {
        var settings = Settings(out var output, out var error);
        var code = await SecureCodingTool.RunAsync(["evidence", "collect", "--input", input ?? Logs, "--root", _repo.Root, "--output", Output], settings);
        return (code, output.ToString(), error.ToString());
    }

    private JsonObject Result(string ruleId, string file, int line, string message, bool suppressed = false, bool related = false)
    {
        var uri = new Uri(_repo.PathOf(file)).AbsoluteUri;
        var result = new JsonObject
        {
            ["ruleId"] = ruleId,
            ["ruleIndex"] = 0,
            ["level"] = suppressed ? "error" : "warning",
            ["message"] = new JsonObject { ["text"] = message },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = uri },
                    ["region"] = new JsonObject { ["startLine"] = line, ["startColumn"] = 5, ["endLine"] = line, ["endColumn"] = 20 },
                },
            }),
            ["properties"] = new JsonObject { ["warningLevel"] = 1 },
        };
        if (related)
        {
            result["relatedLocations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = uri },
                    ["region"] = new JsonObject { ["startLine"] = 1, ["startColumn"] = 1, ["endLine"] = 1, ["endColumn"] = 10 },
                },
            });
        }

        if (suppressed)
        {
            result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = "Legacy protocol, tracked in #12" });
        }

        return result;
    }

    // A compiler log (one run, the rules of its results, ruleIndex into them) plus the package's manifest.
    private void WriteLog(string name, string project, string tfm, params JsonObject[] results)
        => WriteLog(name, project, tfm, null, null, results);

    // The same, with the compiler's invocations and more manifest members (sources, configFiles...).
    private void WriteLog(string name, string project, string tfm, JsonArray? invocations, string? manifest, params JsonObject[] results)
    {
        var rules = new JsonArray();
        foreach (var result in results)
        {
            result["ruleIndex"] = rules.Count;
            rules.Add(new JsonObject
            {
                ["id"] = result["ruleId"]!.GetValue<string>(),
                ["shortDescription"] = new JsonObject { ["text"] = "compiler's copy" },
                ["defaultConfiguration"] = new JsonObject { ["level"] = "warning" },
                ["properties"] = new JsonObject { ["category"] = "Compiler", ["tags"] = new JsonArray("Compiler") },
            });
        }

        var log = new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/sarif-2.1.0",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["results"] = new JsonArray(results.Select(r => (JsonNode)r).ToArray()),
                ["properties"] = new JsonObject { ["analyzerExecutionTime"] = "0.123" },
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Microsoft (R) Visual C# Compiler",
                        ["version"] = "4.14.0-3.25262.10 (8edf7bcd)",
                        ["dottedQuadFileVersion"] = "4.14.0.0",
                        ["semanticVersion"] = "4.14.0",
                        ["language"] = "en-US",
                        ["rules"] = rules,
                    },
                },
                ["columnKind"] = "utf16CodeUnits",
            }),
        };
        if (invocations is not null)
        {
            log["runs"]![0]!["invocations"] = invocations;
        }

        _repo.Write($"artifacts/secure-coding-evidence/{name}.sarif", log.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        _repo.Write($"artifacts/secure-coding-evidence/{name}.evidence.json", $$"""
            {
              "format": "secure-coding-evidence/1",
              "package": { "id": "SecureCodingAnalyzers", "version": "1.2.3" },
              "analyzers": [
                { "path": "analyzers/dotnet/cs/SecureCodingAnalyzers.dll", "sha256": "{{new string('a', 64)}}" }
              ],
              "project": "src/{{project}}/{{project}}.csproj",
              "projectName": "{{project}}",
              "targetFramework": "{{tfm}}",
              "configuration": "Release",
              "sarif": { "file": "{{name}}.sarif", "path": "artifacts/secure-coding-evidence/{{name}}.sarif", "version": "2.1", "projectErrorLog": false },
              "profile": "default",
              {{manifest ?? """
                "severitySwitches": { "treatWarningsAsErrors": true, "noWarn": [], "warningsAsErrors": [], "warningsNotAsErrors": [] },
                "configFiles": []
                """}}
            }
            """);
    }
}
