using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Xml.Linq;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using SecureCodingAnalyzers.Tool.Evidence.Report;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// <c>secure-coding evidence report</c> on an evidence.sarif produced by running <c>evidence collect</c> on compiler
/// logs with the package's manifests: identity, counts that match the SARIF, the suppression audit, the trend, HTML.
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private const string Compiler = EvidenceLogs.Compiler;

    private readonly ToolTestRepo _repo = new();

    public ReportCommandTests()
    {
        _repo.Write("src/App/Checksum.cs", "namespace App;\npublic static class Checksum\n{\n    public static byte[] Of(byte[] data) => System.Security.Cryptography.MD5.HashData(data);\n    public static object C = System.Security.Cryptography.DES.Create();\n}\n");
        _repo.Write("src/Lib/Legacy.cs", "namespace Lib;\npublic static class Legacy\n{\n    public static object Key = 1;\n    public static int Unused;\n    public static string Q = \"\";\n    public static string R = \"\";\n}\n");
        WriteLog("logs", "App", "net8.0", R("SCR1001", "error", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken"), R("SCR1002", "warning", "src/App/Checksum.cs", 5, "C uses DES <broken> & \"old\""));
        WriteLog("logs", "App", "net48", R("SCR1001", "error", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken"));
        WriteLog(
            "logs",
            "Lib",
            "net8.0",
            R("SCR1005", "warning", "src/Lib/Legacy.cs", 4, "Key uses a constant as key", "inSource", "Legacy protocol, tracked in #12"),
            R("CS0649", "warning", "src/Lib/Legacy.cs", 5, "Field 'Legacy.Unused' is never assigned"),
            R("SCR2001", "error", "src/Lib/Legacy.cs", 6, "SQL built from input", "inSource", null),
            R("SCR2001", "error", "src/Lib/Legacy.cs", 7, "SQL built from input, again", "external", "TODO"));
    }

    public void Dispose() => _repo.Dispose();

    private string Evidence => _repo.PathOf("ev/evidence.sarif");

    // ---- Content ----

    [Fact]
    public async Task Markdown_HasIdentityScopeAndSettings()
    {
        await CollectAsync("logs", "ev");

        var (code, output, error) = await ReportAsync("--product", "Plant Controller", "--date", "2026-03-01");

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.StartsWith("# Secure coding evidence report: Plant Controller\n", output, StringComparison.Ordinal);
        Assert.Contains("| Date | 2026-03-01 |", output);
        Assert.Contains("| Analyzer package | SecureCodingAnalyzers 1.2.3 |", output);
        Assert.Contains(new string('a', 64), output);
        Assert.Contains("secure-coding " + BundleManifest.ToolVersion, output);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Evidence)));
        Assert.Contains(sha, output);
        Assert.Contains("| src/App/App.csproj | net48 | Release | default | TreatWarningsAsErrors=true, NoWarn=CS1591 | .globalconfig (project) sha256:bbbbbbbbbbbb |", output);
        Assert.Contains("| src/App/App.csproj | net8.0 |", output);
        Assert.Contains("| src/Lib/Lib.csproj | net8.0 |", output);
        Assert.Contains("Files with results (2): `src/App/Checksum.cs`, `src/Lib/Legacy.cs`", output);
        Assert.Contains("6 result(s): 3 open, 3 suppressed, in 2 file(s) of 2 project(s).", output);
        Assert.Contains("It does not cover:", output);
        Assert.Contains("Runtime behaviour", output);
    }

    [Fact]
    public async Task Counts_MatchTheSarif_BySeverityCweAndIec()
    {
        await CollectAsync("logs", "ev");
        var run = JsonNode.Parse(File.ReadAllText(Evidence))!["runs"]![0]!;
        var results = run["results"]!.AsArray().Select(r => r!).ToList();
        var rules = run["tool"]!["extensions"]![0]!["rules"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["relationships"]!.AsArray().Select(x => (Taxonomy: x!["target"]!["toolComponent"]!["name"]!.GetValue<string>(), Id: x["target"]!["id"]!.GetValue<string>())).ToList());
        static bool Suppressed(JsonNode r) => r["suppressions"] is JsonArray a && a.Count > 0;

        var (_, output, _) = await ReportAsync();

        foreach (var level in new[] { "error", "warning", "note", "none" })
        {
            var of = results.Where(r => r["level"]!.GetValue<string>() == level).ToList();
            Assert.Contains($"| {level} | {of.Count(r => !Suppressed(r))} | {of.Count(Suppressed)} | {of.Count} |", output);
        }

        Assert.Contains("| error | 1 | 2 | 3 |", output);
        var taxa = results.SelectMany(r => (rules.TryGetValue(r["ruleId"]!.GetValue<string>(), out var rel) ? rel : []).Distinct().Select(t => (t.Taxonomy, t.Id, Result: r))).ToList();
        Assert.Contains(taxa, t => t.Taxonomy == "CWE");
        Assert.Contains(taxa, t => t.Taxonomy == "IEC 62443-4-1");
        foreach (var group in taxa.GroupBy(t => (t.Taxonomy, t.Id)))
        {
            var open = group.Count(t => !Suppressed(t.Result));
            var suppressed = group.Count(t => Suppressed(t.Result));
            var name = run["taxonomies"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == group.Key.Taxonomy)!["taxa"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == group.Key.Id)!["name"]!.GetValue<string>();
            Assert.Contains($"| {group.Key.Id} | {Standard(name)} | {open} | {suppressed} | {open + suppressed} |", output);
        }

        // MD5 maps to CWE-328 with its name.
        Assert.Contains("| CWE-328 | ", output);
    }

    [Fact]
    public async Task OpenFindings_AndSuppressionAudit_FlagMissingAndPlaceholderJustifications()
    {
        await CollectAsync("logs", "ev");

        var (_, output, _) = await ReportAsync();

        Assert.Contains("## 4. Open findings (3)", output);
        Assert.Contains("| SCR1001 | error | src/App/Checksum.cs:4 | Of uses MD5, which is broken |", output);
        Assert.Contains("| CS0649 | warning | src/Lib/Legacy.cs:5 |", output);
        Assert.Contains("## 5. Suppression audit (3)", output);
        Assert.Contains("2 of 3 suppression(s) have a missing or placeholder justification", output);
        Assert.Contains("| SCR1005 | warning | src/Lib/Legacy.cs:4 | inSource | Legacy protocol, tracked in \\#12 |  |", output);
        Assert.Contains("| SCR2001 | error | src/Lib/Legacy.cs:6 | inSource | (none) | **MISSING JUSTIFICATION** |", output);
        Assert.Contains("| SCR2001 | error | src/Lib/Legacy.cs:7 | external | TODO | **PLACEHOLDER JUSTIFICATION** |", output);
        Assert.Contains("No baseline given", output);
    }

    [Fact]
    public async Task SuppressionAudit_ListsGovernanceRulesSilenced_First()
    {
        const string Hidden = "#pragma warning disable suppresses SCR1001 without a justification; add a comment on the same line saying why the finding is acceptable";
        const string OfItself = "#pragma warning disable suppresses SCR9001 without a justification; suppressing a governance rule hides what it reports about other suppressions and settings; add a comment on the same line saying why the finding is acceptable";
        const string Other = "#pragma warning disable suppresses CA5351 without a justification; add a comment on the same line saying why the finding is acceptable";
        WriteLog(
            "gov",
            "Gov",
            "net8.0",
            ["CS1591", "SCR9002"],
            R("SCR9001", "warning", "src/Lib/Legacy.cs", 2, OfItself),
            R("SCR9001", "warning", "src/Lib/Legacy.cs", 3, Hidden, "inSource", null),
            R("SCR9001", "warning", "src/Lib/Legacy.cs", 4, Other),
            R("SCR1001", "error", "src/Lib/Legacy.cs", 5, "MD5", "inSource", "Git object ids are SHA-1 by format (ADR-17)"));
        await CollectAsync("gov", "ev");

        var (code, output, error) = await ReportAsync();

        Assert.True(code == ExitCodes.Success, output + error);
        var governance = output.IndexOf("### Governance rules silenced (3)", StringComparison.Ordinal);
        var all = output.IndexOf("### All suppressions", StringComparison.Ordinal);
        Assert.True(output.IndexOf("## 5. Suppression audit (2)", StringComparison.Ordinal) < governance && governance < all, output);
        var part = output[governance..all];
        Assert.Contains("2 of 3 are flagged.", part);
        Assert.Contains("| SCR9002 | src/Gov/Gov.csproj (net8.0) | NoWarn | switches off SCR9002 for the whole compilation | (none) | **GOVERNANCE RULE SWITCHED OFF** |", part);
        Assert.Contains("| SCR9001 | src/Lib/Legacy.cs:2 | reported in the build | " + Standard(OfItself) + " | (none) |  |", part);
        Assert.Contains("| SCR9001 | src/Lib/Legacy.cs:3 | finding suppressed (inSource) | " + Standard(Hidden) + " | (none) | **MISSING JUSTIFICATION** |", part);
        Assert.DoesNotContain("CA5351", part);
        Assert.DoesNotContain("SCR1001 | error", part);

        var (_, html, _) = await ReportAsync("--format", "html");
        Assert.Contains("<h3 id=\"governance\">Governance rules silenced (3)</h3>", html);
        Assert.Contains("<span class=\"flag\">governance rule switched off</span>", html);
    }

    [Fact]
    public async Task SuppressionAudit_SaysWhenNoGovernanceRuleIsSilenced()
    {
        await CollectAsync("logs", "ev");

        var (_, output, _) = await ReportAsync();

        Assert.Contains("### Governance rules silenced (0)", output);
        Assert.Contains("None: no governance finding is suppressed, and no suppression or NoWarn switches off a governance rule.", output);
    }

    [Theory]
    [InlineData(null, "missing justification")]
    [InlineData("  ", "missing justification")]
    [InlineData("<Pending>", "placeholder justification")]
    [InlineData("TODO: explain", "placeholder justification")]
    [InlineData("tbd.", "placeholder justification")]
    [InlineData("Input is an enum name, validated by the binder", null)]
    public void JustificationFlag_MissingAndPlaceholders(string? justification, string? expected)
        => Assert.Equal(expected, EvidenceReport.JustificationFlag(justification));

    [Fact]
    public async Task Trend_AgainstBaseline_CountsNewFixedUnchanged()
    {
        // Baseline build: MD5 and a hard-coded key that was fixed since; the DES finding is new.
        WriteLog("old", "App", "net8.0", R("SCR1001", "error", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken"), R("SCR6001", "error", "src/App/Checksum.cs", 2, "Key is hard-coded"));
        await CollectAsync("old", "base");
        await CollectAsync("logs", "ev");

        var (code, output, error) = await ReportAsync("--baseline", _repo.PathOf("base/evidence.sarif"));

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("| New | 5 |", output);
        Assert.Contains("| Fixed | 1 |", output);
        Assert.Contains("| Unchanged | 1 |", output);
        Assert.Contains("- SCR1002 warning src/App/Checksum.cs:5: C uses DES \\<broken\\> & \"old\"", output);
        Assert.DoesNotContain("No baseline given", output);
    }

    [Fact]
    public void Conformance_ByRuleFamily_CountsEnforcedRelaxedAndResults_FromTheRecordedConfiguration()
    {
        var run = JsonNode.Parse("""
            {
              "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler" }, "extensions": [ { "name": "SecureCodingAnalyzers", "version": "1.2.3" } ] },
              "invocations": [ { "executionSuccessful": true, "ruleConfigurationOverrides": [
                { "descriptor": { "id": "SCR1001" }, "configuration": { "level": "note" } },
                { "descriptor": { "id": "SCR1002" }, "configuration": { "enabled": false } },
                { "descriptor": { "id": "SCR2000" }, "configuration": { "level": "warning" } }
              ] } ],
              "results": [
                { "ruleId": "SCR1003", "level": "warning", "message": { "text": "ECB" } },
                { "ruleId": "SCR1004", "level": "warning", "message": { "text": "IV" }, "suppressions": [ { "kind": "inSource", "justification": "Legacy PLC protocol, ticket PLC-12" } ] }
              ]
            }
            """)!.AsObject();

        var report = EvidenceReport.Create([run], "evidence.sarif", new string('0', 64), null, null, null);

        Assert.Equal("Cryptography & TLS", report.ByFamily[0].Family);
        var crypto = report.ByFamily[0];
        var cryptoRules = RuleMetadata.Catalog.Values.Where(d => d.Category == SecureCodingAnalyzers.Catalog.RuleCategory.Cryptography).ToList();
        Assert.Equal(cryptoRules.Count, crypto.Rules);
        Assert.Equal(cryptoRules.Count(d => d.IsEnabledByDefault) - 1, crypto.Enforced); // SCR1002 off; SCR1001 still runs, as a note
        Assert.Equal(2, crypto.Relaxed);
        Assert.Equal((1, 1), (crypto.Open, crypto.Suppressed));
        Assert.Equal("1 open, 2 relaxed", crypto.Status);
        var injection = report.ByFamily.Single(f => f.Family == "Injection");
        Assert.Equal(RuleMetadata.Catalog.Values.Count(d => d.Category == SecureCodingAnalyzers.Catalog.RuleCategory.Injection && d.IsEnabledByDefault) + 1, injection.Enforced); // SCR2000 switched on
        Assert.Equal("conforms", injection.Status);
        Assert.Contains("### Conformance with the coding standard, by rule family", MarkdownReportWriter.Write(report), StringComparison.Ordinal);
        Assert.Contains("<table class=\"counts\" id=\"by-family\">", HtmlReportWriter.Write(report), StringComparison.Ordinal);

        // Without our analyzer in the evidence there is no standard to conform to.
        run["tool"]!["extensions"] = new JsonArray();
        Assert.Empty(EvidenceReport.Create([run], "evidence.sarif", new string('0', 64), null, null, null).ByFamily);
    }

    // ---- HTML ----

    [Fact]
    public async Task Html_IsWellFormedSelfContainedAndEscaped()
    {
        WriteLog("old", "App", "net8.0", R("SCR1001", "error", "src/App/Checksum.cs", 4, "Of uses MD5, which is broken"));
        await CollectAsync("old", "base");
        await CollectAsync("logs", "ev");

        var (code, output, error) = await ReportAsync("--format", "html", "--product", "A <b>&", "--baseline", _repo.PathOf("base/evidence.sarif"));

        Assert.True(code == ExitCodes.Success, output + error);
        var document = XDocument.Parse(output.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal));
        XNamespace x = "http://www.w3.org/1999/xhtml";
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal("Secure coding evidence report: A <b>&", document.Root!.Element(x + "head")!.Element(x + "title")!.Value);
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href" && a.Value.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("url(", output, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Equal(3, document.Descendants(svg + "svg").Count());
        Assert.Contains(document.Descendants(x + "td"), td => td.Value == "C uses DES <broken> & \"old\"");
        Assert.Contains(document.Descendants(x + "span"), s => s.Attribute("class")?.Value == "flag" && s.Value == "missing justification");
        var trend = document.Descendants(x + "tr").Where(tr => tr.Elements(x + "td").FirstOrDefault()?.Value == "New").Single();
        Assert.Equal("5", trend.Elements(x + "td").Last().Value);
    }

    // ---- Output ----

    [Fact]
    public async Task Output_IsDeterministic_WithoutDate_AndWrittenToTheFile()
    {
        await CollectAsync("logs", "ev");

        var first = await ReportAsync("--format", "html");
        var second = await ReportAsync("--format", "html");
        Assert.Equal(first.Output, second.Output);
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), first.Output, StringComparison.Ordinal);

        var (code, output, _) = await ReportAsync("--format", "html", "--output", _repo.PathOf("reports/report.html"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("6 result(s)", output);
        Assert.Equal(first.Output, _repo.Read("reports/report.html"));
        Assert.Equal(["report.html"], Directory.GetFiles(_repo.PathOf("reports")).Select(Path.GetFileName));
    }

    // ---- Errors ----

    [Fact]
    public async Task Error_MissingEvidenceOrBaseline_NamesTheFile()
    {
        var (code, _, error) = await RunAsync("evidence", "report", "--evidence", _repo.PathOf("none/evidence.sarif"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: --evidence " + _repo.PathOf("none/evidence.sarif") + " does not exist", error);

        await CollectAsync("logs", "ev");
        (code, _, error) = await ReportAsync("--baseline", _repo.PathOf("old.sarif"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: --baseline " + _repo.PathOf("old.sarif") + " does not exist", error);
    }

    [Fact]
    public async Task Error_MalformedOrNotSarif_NamesTheFile_AndBadDateOrFormat()
    {
        _repo.Write("ev/evidence.sarif", "{ \"version\": ");
        var (code, _, error) = await ReportAsync();
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: " + Evidence + " is not valid JSON", error);

        _repo.Write("ev/evidence.sarif", "{ \"version\": \"2.0.0\", \"runs\": [] }");
        (code, _, error) = await ReportAsync();
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: " + Evidence + " is not a SARIF 2.1.0 log", error);

        _repo.Write("ev/evidence.sarif", "{ \"version\": \"2.1.0\", \"runs\": [] }");
        (code, _, error) = await ReportAsync("--date", "01.03.2026");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: --date '01.03.2026'", error);
        Assert.Equal(ExitCodes.Error, (await ReportAsync("--format", "pdf")).Code);
        Assert.Equal(ExitCodes.Success, (await ReportAsync()).Code);
    }

    // ---- Helpers ----

    private static string Standard(string text) => SecureCodingAnalyzers.Tool.Evidence.Standard.MarkdownStandardWriter.Escape(text);

    private Task<(int Code, string Output, string Error)> ReportAsync(params string[] options)
        => RunAsync(["evidence", "report", "--evidence", Evidence, .. options]);

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => EvidenceLogs.RunAsync(args);

    private Task CollectAsync(string logs, string output) => EvidenceLogs.CollectAsync(_repo, logs, output);

    private JsonObject R(string ruleId, string level, string file, int line, string message, string? suppression = null, string? justification = null)
        => EvidenceLogs.Result(_repo, ruleId, level, file, line, message, suppression, justification);

    private void WriteLog(string folder, string project, string tfm, params JsonObject[] results) => WriteLog(folder, project, tfm, ["CS1591"], results);

    private void WriteLog(string folder, string project, string tfm, string[] noWarn, params JsonObject[] results) => EvidenceLogs.Write(_repo, folder, project, tfm, noWarn, results);
}
