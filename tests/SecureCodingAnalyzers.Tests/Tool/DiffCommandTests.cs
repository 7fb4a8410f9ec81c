using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// <c>secure-coding evidence diff</c>: two evidence.sarif files (written as collect writes them, and produced by
/// running collect twice) compared into new, fixed, unchanged and suppression changes, and the --fail-on gates.
/// </summary>
public sealed class DiffCommandTests : IDisposable
{
    private const string Compiler = EvidenceLogs.Compiler;

    private readonly ToolTestRepo _repo = new();

    public DiffCommandTests()
    {
        // Baseline: MD5 (kept, moved down two lines), a hard-coded key (fixed), a suppressed finding (stays suppressed),
        // a finding that gets suppressed, a suppressed finding whose suppression is removed, a compiler warning.
        WriteEvidence(
            "old/evidence.sarif",
            Run(
                Compiler,
                R("SCR1001", "error", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken", "aaaa:1"),
                R("SCR6001", "error", "src/App/Keys.cs", 3, "Key is hard-coded", "bbbb:1"),
                R("SCR1005", "warning", "src/Lib/Legacy.cs", 4, "Key uses a constant as key", "cccc:1", suppression: "Legacy protocol, tracked in #12"),
                R("SCR2001", "error", "src/Web/Query.cs", 10, "SQL built from request input", "dddd:1"),
                R("SCR3001", "warning", "src/Lib/Xml.cs", 7, "DTD processing is enabled", "eeee:1", suppression: "Trusted file"),
                R("CS0649", "warning", "src/Lib/Legacy.cs", 5, "Field 'Legacy.Unused' is never assigned", "ffff:1")));
        WriteEvidence(
            "new/evidence.sarif",
            Run(
                Compiler,
                R("SCR1001", "error", "src/App/Checksum.cs", 6, "Of uses MD5, which is broken", "aaaa:1"),
                R("SCR1005", "warning", "src/Lib/Legacy.cs", 6, "Key uses a constant as key", "cccc:1", suppression: "Legacy protocol, tracked in #12"),
                R("SCR2001", "error", "src/Web/Query.cs", 10, "SQL built from request input", "dddd:1", suppression: "Input is an enum name, validated"),
                R("SCR3001", "warning", "src/Lib/Xml.cs", 7, "DTD processing is enabled", "eeee:1"),
                R("CS0649", "warning", "src/Lib/Legacy.cs", 7, "Field 'Legacy.Unused' is never assigned", "ffff:1"),
                R("SCR1002", "warning", "src/App/Cipher.cs", 12, "Encrypt uses DES, which is broken", "1111:1")));
    }

    public void Dispose() => _repo.Dispose();

    // ---- Compare ----

    [Fact]
    public async Task Diff_ReportsNewFixedUnchangedAndSuppressionChanges()
    {
        var (code, output, error) = await DiffAsync("--format", "json");

        Assert.True(code == ExitCodes.Success, output + error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, report["counts"]!["new"]!.GetValue<int>());
        Assert.Equal(1, report["counts"]!["fixed"]!.GetValue<int>());
        Assert.Equal(2, report["counts"]!["unchanged"]!.GetValue<int>());
        Assert.Equal(1, report["counts"]!["unchangedSuppressed"]!.GetValue<int>());
        Assert.Equal(1, report["counts"]!["newlySuppressed"]!.GetValue<int>());
        Assert.Equal(1, report["counts"]!["newlyUnsuppressed"]!.GetValue<int>());
        Assert.Equal(["SCR1002"], Ids(report["new"]));
        Assert.Equal(["SCR6001"], Ids(report["fixed"]));
        Assert.Equal(["SCR1001", "CS0649"], Ids(report["unchanged"]));
        Assert.Equal(["SCR2001"], Ids(report["newlySuppressed"]));
        Assert.Equal(["SCR3001"], Ids(report["newlyUnsuppressed"]));
        Assert.Equal(["SCR1005"], Ids(report["unchangedSuppressed"]));

        // The same fingerprint on another line is the same finding: reported at its new line, the old one kept.
        var md5 = report["unchanged"]![0]!;
        Assert.Equal("src/App/Checksum.cs:6", md5["location"]!.GetValue<string>());
        Assert.Equal("src/App/Checksum.cs:4", md5["baselineLocation"]!.GetValue<string>());
        Assert.Equal("error", md5["level"]!.GetValue<string>());

        // Suppression changes carry their justification: they are evidence.
        Assert.Equal("inSource: Input is an enum name, validated", report["newlySuppressed"]![0]!["suppression"]!.GetValue<string>());
        Assert.Equal("inSource: Trusted file", report["newlyUnsuppressed"]![0]!["baselineSuppression"]!.GetValue<string>());
        Assert.False(report["gate"]!["failed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Diff_Text_ListsEachChangeWithRuleLevelLocationAndMessage()
    {
        var (code, output, _) = await DiffAsync();

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("secure-coding evidence diff: 1 new, 1 fixed, 1 newly unsuppressed, 1 newly suppressed, 2 unchanged, 1 unchanged, suppressed", output);
        Assert.Contains("New (1):\n  warning SCR1002 src/App/Cipher.cs:12: Encrypt uses DES, which is broken\n", output);
        Assert.Contains("Fixed (1):\n  error SCR6001 src/App/Keys.cs:3: Key is hard-coded\n", output);
        Assert.Contains("Newly suppressed (1):\n  error SCR2001 src/Web/Query.cs:10: SQL built from request input [inSource: Input is an enum name, validated]\n", output);
        Assert.Contains("Newly unsuppressed (1):\n  warning SCR3001 src/Lib/Xml.cs:7: DTD processing is enabled [was inSource: Trusted file]\n", output);
        Assert.Contains("Gate: none", output);
    }

    [Fact]
    public async Task Diff_Markdown_HasCountsAndTables()
    {
        var (code, output, _) = await DiffAsync("--format", "markdown");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("| New | 1 |", output);
        Assert.Contains("## Fixed (1)", output);
        Assert.Contains("| SCR1002 | warning | `src/App/Cipher.cs:12` | Encrypt uses DES, which is broken |  |", output);
    }

    [Fact]
    public async Task Diff_WithoutFingerprints_MatchesByRuleUriAndMessage()
    {
        WriteEvidence("old/evidence.sarif", Run(Compiler, R("SCR1001", "error", "src/A.cs", 3, "MD5", null), R("SCR1002", "error", "src/A.cs", 9, "DES", null)));
        WriteEvidence("new/evidence.sarif", Run(Compiler, R("SCR1001", "error", "src/A.cs", 5, "MD5", null), R("SCR1002", "error", "src/A.cs", 9, "DES, now TripleDES", null)));

        var (_, output, _) = await DiffAsync("--format", "json");

        var report = JsonNode.Parse(output)!;
        Assert.Equal(["SCR1001"], Ids(report["unchanged"]));
        Assert.Equal(["SCR1002"], Ids(report["new"]));
        Assert.Equal(["SCR1002"], Ids(report["fixed"]));
    }

    [Fact]
    public async Task Diff_SameRuleAndFingerprintInAnotherTool_IsADifferentResult()
    {
        WriteEvidence("old/evidence.sarif", Run(Compiler, R("X1", "error", "src/A.cs", 3, "m", "aaaa:1")));
        WriteEvidence("new/evidence.sarif", Run("OtherTool", R("X1", "error", "src/A.cs", 3, "m", "aaaa:1")));

        var (_, output, _) = await DiffAsync("--format", "json");

        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, report["counts"]!["new"]!.GetValue<int>());
        Assert.Equal(1, report["counts"]!["fixed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Diff_RunningCollectTwice_LineShiftIsUnchanged()
    {
        const string Source = "namespace App;\npublic static class Checksum\n{\n    public static byte[] Of(byte[] data) => System.Security.Cryptography.MD5.HashData(data);\n}\n";
        _repo.Write("src/App/Checksum.cs", Source);
        WriteCompilerLog("logs1/App.sarif", ("SCR1001", 4, "Of uses MD5, which is broken"));
        Assert.Equal(ExitCodes.Success, await CollectAsync("logs1", "ev1"));

        // A using above the finding moves it down one line; a new finding appears.
        _repo.Write("src/App/Checksum.cs", "using System;\n" + Source + "public static class Cipher { public static object C = System.Security.Cryptography.DES.Create(); }\n");
        WriteCompilerLog("logs2/App.sarif", ("SCR1001", 5, "Of uses MD5, which is broken"), ("SCR1002", 7, "C uses DES, which is broken"));
        Assert.Equal(ExitCodes.Success, await CollectAsync("logs2", "ev2"));

        var (code, output, error) = await RunAsync("evidence", "diff", "--baseline", _repo.PathOf("ev1/evidence.sarif"), "--current", _repo.PathOf("ev2/evidence.sarif"), "--format", "json", "--fail-on", "new");

        Assert.True(code == ExitCodes.GateFailed, output + error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(["SCR1001"], Ids(report["unchanged"]));
        Assert.Equal(["SCR1002"], Ids(report["new"]));
        Assert.Equal(0, report["counts"]!["fixed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Collect_Baseline_IsTheEvidenceItReplaces_AndGates()
    {
        const string Source = "namespace App;\npublic static class Checksum\n{\n    public static byte[] Of(byte[] data) => System.Security.Cryptography.MD5.HashData(data);\n}\n";
        _repo.Write("src/App/Checksum.cs", Source);
        WriteCompilerLog("logs/App.sarif", ("SCR1001", 4, "Of uses MD5, which is broken"));
        Assert.Equal(ExitCodes.Success, await CollectAsync("logs", "ev"));
        var evidence = _repo.PathOf("ev/evidence.sarif");

        // Unchanged build against the evidence of the previous run, in place: no new result, the gate passes.
        var (code, output, error) = await RunAsync("evidence", "collect", "--input", _repo.PathOf("logs"), "--root", _repo.Root, "--output", _repo.PathOf("ev"), "--baseline", evidence, "--fail-on", "new");
        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("secure-coding evidence diff: 0 new, 0 fixed, 0 newly unsuppressed, 0 newly suppressed, 1 unchanged", output);
        Assert.Contains("Gate --fail-on new: passed (0 new unsuppressed result(s))", output);

        // A new finding fails the gate, after the evidence is written.
        WriteCompilerLog("logs/App.sarif", ("SCR1001", 4, "Of uses MD5, which is broken"), ("SCR1002", 4, "Of uses DES, which is broken"));
        (code, output, error) = await RunAsync("evidence", "collect", "--input", _repo.PathOf("logs"), "--root", _repo.Root, "--output", _repo.PathOf("ev"), "--baseline", evidence, "--fail-on", "new");
        Assert.True(code == ExitCodes.GateFailed, output + error);
        Assert.Contains("New (1):\n  warning SCR1002 src/App/Checksum.cs:4: Of uses DES, which is broken\n", output);
        Assert.Contains("SCR1002", _repo.Read("ev/evidence.sarif"));

        // Without a baseline, --fail-on any gates on every unsuppressed result; a missing baseline is bad input.
        Assert.Equal(ExitCodes.GateFailed, (await RunAsync("evidence", "collect", "--input", _repo.PathOf("logs"), "--root", _repo.Root, "--output", _repo.PathOf("ev2"), "--fail-on", "any")).Code);
        (code, _, error) = await RunAsync("evidence", "collect", "--input", _repo.PathOf("logs"), "--root", _repo.Root, "--output", _repo.PathOf("ev3"), "--baseline", _repo.PathOf("none.sarif"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: --baseline " + _repo.PathOf("none.sarif") + " does not exist", error);
        Assert.False(Directory.Exists(_repo.PathOf("ev3")));
    }

    // ---- Gates ----

    [Theory]
    [InlineData("none", ExitCodes.Success)]
    [InlineData("new", ExitCodes.GateFailed)]
    [InlineData("any", ExitCodes.GateFailed)]
    [InlineData("error", ExitCodes.Success)]
    public async Task Gate_ExitCodes(string failOn, int expected)
    {
        // The new and the newly unsuppressed results are warnings: --fail-on error passes.
        var (code, output, error) = await DiffAsync("--fail-on", failOn);

        Assert.True(code == expected, output + error);
        Assert.Equal(expected == ExitCodes.GateFailed, error.Contains($"gate --fail-on {failOn} failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gate_Error_FailsOnANewOrNewlyUnsuppressedError()
    {
        WriteEvidence("old/evidence.sarif", Run(Compiler, R("SCR2001", "error", "src/A.cs", 3, "SQL", "aaaa:1", suppression: "reviewed")));
        WriteEvidence("new/evidence.sarif", Run(Compiler, R("SCR2001", "error", "src/A.cs", 3, "SQL", "aaaa:1")));

        var (code, _, error) = await DiffAsync("--fail-on", "error");

        Assert.Equal(ExitCodes.GateFailed, code);
        Assert.Contains("1 new unsuppressed result(s) at level error", error);
    }

    [Fact]
    public async Task Gate_New_PassesWhenTheOnlyNewResultIsSuppressed_AndAnyPassesWhenEverythingIsSuppressed()
    {
        WriteEvidence("old/evidence.sarif", Run(Compiler));
        WriteEvidence("new/evidence.sarif", Run(Compiler, R("SCR2001", "error", "src/A.cs", 3, "SQL", "aaaa:1", suppression: "reviewed")));

        Assert.Equal(ExitCodes.Success, (await DiffAsync("--fail-on", "new")).Code);
        Assert.Equal(ExitCodes.Success, (await DiffAsync("--fail-on", "error")).Code);
        Assert.Equal(ExitCodes.Success, (await DiffAsync("--fail-on", "any")).Code);
    }

    // ---- Output ----

    [Fact]
    public async Task Output_IsDeterministic_AndWrittenToTheFile()
    {
        var first = await DiffAsync("--format", "json");
        var second = await DiffAsync("--format", "json");
        Assert.Equal(first.Output, second.Output);

        var (code, output, _) = await DiffAsync("--format", "markdown", "--output", _repo.PathOf("reports/diff.md"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("1 new", output);
        Assert.StartsWith("# Secure coding evidence: changes", _repo.Read("reports/diff.md"), StringComparison.Ordinal);

        // The input order of the results does not change the report.
        var current = JsonNode.Parse(_repo.Read("new/evidence.sarif"))!;
        var results = current["runs"]![0]!["results"]!.AsArray();
        var reversed = results.Reverse().Select(r => r!.DeepClone()).ToArray();
        current["runs"]![0]!["results"] = new JsonArray(reversed);
        _repo.Write("new/evidence.sarif", current.ToJsonString());
        Assert.Equal(first.Output, (await DiffAsync("--format", "json")).Output);
    }

    // ---- Errors ----

    [Fact]
    public async Task Error_MissingFile_NamesIt()
    {
        var (code, _, error) = await RunAsync("evidence", "diff", "--baseline", _repo.PathOf("none/evidence.sarif"), "--current", _repo.PathOf("new/evidence.sarif"));

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: --baseline " + _repo.PathOf("none/evidence.sarif") + " does not exist", error);
    }

    [Fact]
    public async Task Error_MalformedJson_NamesTheFile()
    {
        _repo.Write("new/evidence.sarif", "{ \"version\": ");

        var (code, _, error) = await DiffAsync();

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: " + _repo.PathOf("new/evidence.sarif") + " is not valid JSON", error);
    }

    [Fact]
    public async Task Error_NotSarif21_NamesTheFile()
    {
        _repo.Write("old/evidence.sarif", "{ \"version\": \"2.0.0\", \"runs\": [] }");

        var (code, _, error) = await DiffAsync();

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: " + _repo.PathOf("old/evidence.sarif") + " is not a SARIF 2.1.0 log", error);
    }

    [Fact]
    public async Task Error_MissingOptionOrUnknownGate_IsAUsageError()
    {
        Assert.Equal(ExitCodes.Error, (await RunAsync("evidence", "diff", "--current", _repo.PathOf("new/evidence.sarif"))).Code);
        var (code, _, error) = await DiffAsync("--fail-on", "warning");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error:", error);
    }

    // ---- Helpers ----

    private static string[] Ids(JsonNode? list) => list!.AsArray().Select(r => r!["ruleId"]!.GetValue<string>()).ToArray();

    private Task<(int Code, string Output, string Error)> DiffAsync(params string[] options)
        => RunAsync(["evidence", "diff", "--baseline", _repo.PathOf("old/evidence.sarif"), "--current", _repo.PathOf("new/evidence.sarif"), .. options]);

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => EvidenceLogs.RunAsync(args);

    private async Task<int> CollectAsync(string logs, string output)
        => (await RunAsync("evidence", "collect", "--input", _repo.PathOf(logs), "--root", _repo.Root, "--output", _repo.PathOf(output))).Code;

    // A result as collect writes it: relative uri under SRCROOT, the fingerprint, an inSource suppression.
    private static JsonObject R(string ruleId, string level, string uri, int line, string message, string? fingerprint, string? suppression = null)
    {
        var result = EvidenceLogs.Result(uri, EvidenceCollector.SourceRoot, ruleId, level, line, message, suppression is null ? null : "inSource", suppression);
        if (fingerprint is not null)
        {
            result["partialFingerprints"] = new JsonObject { [EvidenceCollector.FingerprintName] = fingerprint };
        }

        return result;
    }

    private static JsonObject Run(string tool, params JsonObject[] results)
        => new()
        {
            ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = tool } },
            ["results"] = new JsonArray(results.Select(r => (JsonNode)r).ToArray()),
        };

    private void WriteEvidence(string path, JsonObject run)
        => _repo.Write(path, new JsonObject { ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json", ["version"] = "2.1.0", ["runs"] = new JsonArray(run) }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    // A compiler log: absolute file uris, as the compiler writes them.
    private void WriteCompilerLog(string path, params (string RuleId, int Line, string Message)[] findings)
    {
        var uri = new Uri(_repo.PathOf("src/App/Checksum.cs")).AbsoluteUri;
        var results = findings.Select(f => (JsonNode)new JsonObject
        {
            ["ruleId"] = f.RuleId,
            ["level"] = "warning",
            ["message"] = new JsonObject { ["text"] = f.Message },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = uri },
                    ["region"] = new JsonObject { ["startLine"] = f.Line, ["startColumn"] = 5 },
                },
            }),
        }).ToArray();
        _repo.Write(path, new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/sarif-2.1.0",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = Compiler, ["rules"] = new JsonArray() } },
                ["results"] = new JsonArray(results),
            }),
        }.ToJsonString());
    }
}
