using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.EndToEnd;
using SecureCodingAnalyzers.Tests.Tool.Browser;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// The HTML report of <c>evidence report</c> opened in headless Chromium (Chrome DevTools protocol): no console
/// errors or warnings, no request leaves the file, the inline SVG charts draw bars of the right length for the right
/// labels, the figures shown match counts made here from the SARIF, the content survives <c>@media print</c>, and a
/// full-page screenshot is saved to artifacts/test-results/report-screenshot.png.
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    private const string Compiler = EvidenceLogs.Compiler;

    // Reads what the report shows, as rendered: texts, table cells, and the boxes the layout gave to each element.
    private const string Probe = """
        (() => {
          const box = el => { const b = el.getBoundingClientRect(); return { left: b.left, right: b.right, width: b.width, height: b.height }; };
          const visible = el => { const s = getComputedStyle(el), b = el.getBoundingClientRect(); return s.display !== 'none' && s.visibility !== 'hidden' && s.opacity !== '0' && b.width > 0 && b.height > 0; };
          const table = id => { const t = document.getElementById(id); return t ? [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim())) : null; };
          const ids = ['by-severity', 'by-cwe', 'by-iec', 'open-findings', 'suppression-audit', 'trend-counts'];
          return {
            print: matchMedia('print').matches,
            title: document.title,
            summary: document.getElementById('summary').textContent,
            headings: [...document.querySelectorAll('h1, h2, h3')].map(h => ({ id: h.id, text: h.textContent, visible: visible(h) })),
            tables: Object.fromEntries(ids.map(id => [id, table(id)])),
            hidden: [...document.querySelectorAll('table, td, p, li, svg.chart')].filter(e => !visible(e) && e.textContent.trim() !== '').length,
            flags: [...document.querySelectorAll('#suppression-audit span.flag')].map(s => s.textContent),
            charts: [...document.querySelectorAll('svg.chart')].map(svg => ({
              id: svg.id,
              visible: visible(svg),
              box: box(svg),
              legend: [...svg.querySelectorAll('g.legend text')].map(t => ({ text: t.textContent, box: box(t) })),
              legendColors: [...svg.querySelectorAll('g.legend rect')].map(r => getComputedStyle(r).fill),
              bars: [...svg.querySelectorAll('g.bar')].map(g => ({
                label: g.querySelector('text.label').textContent,
                total: g.querySelector('text.total').textContent,
                labelBox: box(g.querySelector('text.label')),
                totalBox: box(g.querySelector('text.total')),
                open: box(g.querySelector('rect.open')),
                suppressed: box(g.querySelector('rect.suppressed')),
                colors: [getComputedStyle(g.querySelector('rect.open')).fill, getComputedStyle(g.querySelector('rect.suppressed')).fill],
              })),
            })),
            textLength: document.body.innerText.length,
            bodyRight: document.body.getBoundingClientRect().right,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        })()
        """;

    private static readonly string[] Levels = ["error", "warning", "note", "none"];

    private readonly ToolTestRepo _repo = new();

    public ReportBrowserTests()
    {
        _repo.Write("src/Plant/Crypto.cs", """
            namespace Plant;
            public static class Crypto
            {
                public static byte[] Hash(byte[] data) => System.Security.Cryptography.MD5.HashData(data);
                public static object Cipher = System.Security.Cryptography.DES.Create();
                public static byte[] Key = { 1, 2, 3, 4 };
            }

            """);
        _repo.Write("src/Plant/Data.cs", """
            namespace Plant;
            public static class Data
            {
                public static string ByName(string name) => "SELECT * FROM t WHERE name = '" + name + "'";
                public static string ById(string id) => "SELECT * FROM t WHERE id = " + id;
                public static string Sorted(string column) => "SELECT * FROM t ORDER BY " + column;
                public static int Unused;
            }

            """);
        _repo.Write("src/Web/Api.cs", """
            namespace Web;
            public static class Api
            {
                public static int Token = new System.Random().Next();
                public static System.Net.Http.HttpClientHandler Handler = new() { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
                public static object Plugin(string path) => System.Reflection.Assembly.LoadFrom(path);
            }

            """);

        // Current build: every level, several CWEs and IEC requirements, a result without a rule mapping, the same result
        // in two target frameworks, and suppressions with a real, a missing and a placeholder justification.
        WriteLog(
            "logs",
            "Plant",
            "net8.0",
            R("SCR1001", "error", "src/Plant/Crypto.cs", 4, "Hash uses MD5, which is broken"),
            R("SCR1002", "warning", "src/Plant/Crypto.cs", 5, "Cipher uses DES"),
            R("SCR1005", "error", "src/Plant/Crypto.cs", 6, "Key is a hard-coded key", "inSource", "Test vector of the device protocol, not a secret"),
            R("SCR2000", "none", "src/Plant/Data.cs", 3, "Data is too complex for complete dataflow analysis"),
            R("SCR2001", "warning", "src/Plant/Data.cs", 4, "SQL built from 'name'", "inSource", null),
            R("SCR2001", "warning", "src/Plant/Data.cs", 5, "SQL built from 'id'", "external", "TODO"),
            R("SCR2001", "warning", "src/Plant/Data.cs", 6, "SQL built from 'column'"),
            R("CS0649", "warning", "src/Plant/Data.cs", 7, "Field 'Data.Unused' is never assigned"));
        WriteLog("logs", "Plant", "net48", R("SCR1001", "error", "src/Plant/Crypto.cs", 4, "Hash uses MD5, which is broken"));
        WriteLog(
            "logs",
            "Web",
            "net8.0",
            R("SCR1010", "note", "src/Web/Api.cs", 4, "Token comes from System.Random"),
            R("SCR1011", "error", "src/Web/Api.cs", 5, "Handler accepts every certificate"),
            R("SCR4002", "error", "src/Web/Api.cs", 6, "Plugin loads code from a path given at run time", "inSource", "Path is the signed plugin folder, checked by PluginVerifier"));

        // Baseline: one unchanged, one fixed, one newly suppressed, one newly unsuppressed, one unchanged suppressed.
        WriteLog(
            "old",
            "Plant",
            "net8.0",
            R("SCR1001", "error", "src/Plant/Crypto.cs", 4, "Hash uses MD5, which is broken"),
            R("SCR1002", "warning", "src/Plant/Crypto.cs", 2, "Crypto uses DES"),
            R("SCR1005", "error", "src/Plant/Crypto.cs", 6, "Key is a hard-coded key", "inSource", "Test vector of the device protocol, not a secret"),
            R("SCR2001", "warning", "src/Plant/Data.cs", 4, "SQL built from 'name'"));
        WriteLog("old", "Web", "net8.0", R("SCR1011", "error", "src/Web/Api.cs", 5, "Handler accepts every certificate", "inSource", "Test server only"));
    }

    public void Dispose() => _repo.Dispose();

    [ChromiumFact]
    public async Task Html_RendersInHeadlessChromium_ChartsAndFiguresMatchTheSarif()
    {
        if (HeadlessChromium.Executable is null)
        {
            // Only reached in CI (CI=true): elsewhere ChromiumFact skips the test with the same message.
            Assert.Fail(HeadlessChromium.MissingMessage);
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = budget.Token;
        await CollectAsync("old", "base");
        await CollectAsync("logs", "ev");
        var report = _repo.PathOf("reports/report.html");
        var (code, output, error) = await RunAsync(
            "evidence", "report", "--evidence", _repo.PathOf("ev/evidence.sarif"), "--baseline", _repo.PathOf("base/evidence.sarif"),
            "--format", "html", "--product", "Plant Controller", "--date", "2026-03-01", "--output", report);
        Assert.True(code == ExitCodes.Success, output + error);
        var url = new Uri(report).AbsoluteUri;
        var expected = Expected.From(_repo.PathOf("ev/evidence.sarif"), _repo.PathOf("base/evidence.sarif"));

        await using var browser = await HeadlessChromium.LaunchAsync(ct);
        var page = await browser.NewPageAsync(ct);
        foreach (var domain in new[] { "Runtime", "Log", "Page", "Network" })
        {
            await page.SendAsync(domain + ".enable", null, ct);
        }

        await page.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1280, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false }, ct);
        await page.NavigateAsync(url, ct);

        // ---- Screen ----
        var screen = (await page.EvaluateAsync(Probe, ct))!;
        Assert.False(screen["print"]!.GetValue<bool>());
        Assert.Equal("Secure coding evidence report: Plant Controller", screen["title"]!.GetValue<string>());
        AssertFigures(screen, expected);
        AssertCharts(screen, expected);
        Assert.Equal(0, screen["hidden"]!.GetValue<int>());
        Assert.True(screen["overflow"]!.GetValue<double>() <= 0, "The page scrolls sideways at 1280 px.");

        var png = await page.FullPageScreenshotAsync(ct);
        var screenshot = Path.Combine(DotNetCli.RepoRoot, "artifacts", "test-results", "report-screenshot.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await File.WriteAllBytesAsync(screenshot, png, ct);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), 1500, 20000);
        Assert.InRange(png.Length, 30_000, 20_000_000);

        // ---- Print ----
        await page.SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["media"] = "print" }, ct);
        var print = (await page.EvaluateAsync(Probe, ct))!;
        Assert.True(print["print"]!.GetValue<bool>(), "The print media emulation did not apply.");
        Assert.True(screen["textLength"]!.GetValue<int>() == print["textLength"]!.GetValue<int>(), "Print hides text: " + print["textLength"] + " characters instead of " + screen["textLength"] + ".");
        Assert.Equal(0, print["hidden"]!.GetValue<int>());
        Assert.All(print["headings"]!.AsArray(), h => Assert.True(h!["visible"]!.GetValue<bool>(), "Hidden in print: " + h["text"]));
        AssertFigures(print, expected);
        AssertCharts(print, expected);

        // ---- Console and network ----
        var events = page.Events;
        var problems = events.Select(Problem).OfType<string>().ToList();
        Assert.True(problems.Count == 0, "The page reported:\n" + string.Join('\n', problems));
        var requests = events.Where(e => e.Method == "Network.requestWillBeSent").Select(e => e.Params["request"]!["url"]!.GetValue<string>()).ToList();
        Assert.Contains(url, requests);
        Assert.All(requests, r => Assert.True(r == url || r.StartsWith("data:", StringComparison.Ordinal), "The report loaded " + r + ": it must be self-contained."));

        // The listeners work: a console error written now is seen.
        var mark = browser.EventCount;
        await page.EvaluateAsync("console.error('scr-probe')", ct);
        var probe = await browser.WaitForEventAsync("Runtime.consoleAPICalled", page.SessionId, mark, HeadlessChromium.CommandTimeout, ct);
        Assert.Equal("Console error: scr-probe", Problem(probe));
    }

    // ---- Assertions ----

    private static void AssertFigures(JsonNode shown, Expected expected)
    {
        var summary = shown["summary"]!.GetValue<string>();
        Assert.StartsWith($"{expected.Results.Count} result(s): {expected.Open.Count()} open, {expected.Suppressed.Count()} suppressed, in 3 file(s) of 2 project(s).", summary, StringComparison.Ordinal);

        var tables = shown["tables"]!;
        Assert.Equal(Levels.Select(l => Row(l, null, expected.Results.Where(r => r.Level == l))), Rows(tables["by-severity"]));
        Assert.Equal(expected.ByCwe.Select(g => Row(g.Key, expected.Names[g.Key], g)), Rows(tables["by-cwe"]));
        Assert.Equal(expected.ByIec.Select(g => Row(g.Key, expected.Names[g.Key], g)), Rows(tables["by-iec"]));

        var headings = shown["headings"]!.AsArray().Where(h => h!["id"]!.GetValue<string>().Length > 0).ToDictionary(h => h!["id"]!.GetValue<string>(), h => h!["text"]!.GetValue<string>());
        Assert.Equal($"4. Open findings ({expected.Open.Count()})", headings["open"]);
        Assert.Equal(
            expected.Open.Select(r => $"{r.RuleId} {r.Level} {r.Location}").Order(StringComparer.Ordinal),
            Rows(tables["open-findings"]).Select(c => $"{c[0]} {c[1]} {c[2]}").Order(StringComparer.Ordinal));
        Assert.Equal($"5. Suppression audit ({expected.Suppressed.Count()})", headings["suppressions"]);
        Assert.Equal(
            expected.Suppressed.Select(r => $"{r.RuleId} {r.Location} {r.Kind} {r.Justification ?? "(none)"} {Flag(r.Justification)}").Order(StringComparer.Ordinal),
            Rows(tables["suppression-audit"]).Select(c => $"{c[0]} {c[2]} {c[3]} {c[4]} {c[5]}").Order(StringComparer.Ordinal));
        Assert.Equal(["missing justification", "placeholder justification"], shown["flags"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal));

        Assert.Equal(expected.Trend.Select(t => new[] { t.Title, t.Count.ToString(CultureInfo.InvariantCulture) }), Rows(tables["trend-counts"]));
    }

    // Every chart is laid out, its bars are drawn for the rows of its table, each bar's length is its count over the
    // largest total, and labels and totals sit beside the bar, not on it.
    private static void AssertCharts(JsonNode shown, Expected expected)
    {
        var charts = shown["charts"]!.AsArray();
        Assert.Equal(["chart-by-severity", "chart-by-cwe", "chart-by-iec"], charts.Select(c => c!["id"]!.GetValue<string>()));
        var bodyRight = shown["bodyRight"]!.GetValue<double>();
        foreach (var chart in charts)
        {
            var id = chart!["id"]!.GetValue<string>();
            Assert.True(chart["visible"]!.GetValue<bool>(), id + " is not visible");
            Assert.True(chart["box"]!["right"]!.GetValue<double>() <= bodyRight + 0.5, id + " overflows the page");
            var rows = id switch
            {
                "chart-by-severity" => Levels.Select(l => (Key: l, Items: expected.Results.Where(r => r.Level == l).ToList())).ToList(),
                "chart-by-cwe" => expected.ByCwe.Select(g => (Key: g.Key, Items: g.ToList())).ToList(),
                _ => expected.ByIec.Select(g => (Key: g.Key, Items: g.ToList())).ToList(),
            };
            var bars = chart["bars"]!.AsArray();
            Assert.Equal(["open", "suppressed"], chart["legend"]!.AsArray().Select(l => l!["text"]!.GetValue<string>()));
            Assert.All(chart["legend"]!.AsArray(), l => Assert.True(Width(l!["box"]) > 0 && l["box"]!["right"]!.GetValue<double>() <= chart["box"]!["right"]!.GetValue<double>() + 0.5, id + ": legend not drawn or cut off"));
            Assert.Equal(rows.Select(r => r.Key), bars.Select(b => b!["label"]!.GetValue<string>()));
            Assert.Equal(rows.Select(r => r.Items.Count.ToString(CultureInfo.InvariantCulture)), bars.Select(b => b!["total"]!.GetValue<string>()));

            var max = rows.Max(r => r.Items.Count);
            var full = bars.Max(b => Width(b!["open"]) + Width(b!["suppressed"]));
            Assert.True(full > 100, $"{id}: the longest bar is {full} px");
            for (var i = 0; i < rows.Count; i++)
            {
                var bar = bars[i]!;
                var open = rows[i].Items.Count(r => !r.Suppressed);
                var suppressed = rows[i].Items.Count(r => r.Suppressed);
                Assert.True(Math.Abs(Width(bar["open"]) - full * open / max) < 1, $"{id} {rows[i].Key}: open bar {Width(bar["open"])} px for {open} of {max}");
                Assert.True(Math.Abs(Width(bar["suppressed"]) - full * suppressed / max) < 1, $"{id} {rows[i].Key}: suppressed bar {Width(bar["suppressed"])} px for {suppressed} of {max}");
                if (open + suppressed > 0)
                {
                    Assert.True(Height(bar["open"]) > 5 || Height(bar["suppressed"]) > 5, $"{id} {rows[i].Key}: no bar drawn");
                }

                Assert.True(Width(bar["labelBox"]) > 0 && Width(bar["totalBox"]) > 0, $"{id} {rows[i].Key}: label or total not drawn");
                var barLeft = Math.Min(bar["open"]!["left"]!.GetValue<double>(), bar["suppressed"]!["left"]!.GetValue<double>());
                var barRight = Math.Max(bar["open"]!["right"]!.GetValue<double>(), bar["suppressed"]!["right"]!.GetValue<double>());
                Assert.True(bar["labelBox"]!["right"]!.GetValue<double>() <= barLeft, $"{id} {rows[i].Key}: the label runs into the bar");
                Assert.True(bar["totalBox"]!["left"]!.GetValue<double>() >= barRight, $"{id} {rows[i].Key}: the total overlaps the bar");
                Assert.True(bar["totalBox"]!["right"]!.GetValue<double>() <= chart["box"]!["right"]!.GetValue<double>() + 0.5, $"{id} {rows[i].Key}: the total is cut off");
                var colors = bar["colors"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
                Assert.NotEqual(colors[0], colors[1]);
                Assert.Equal(colors, chart["legendColors"]!.AsArray().Select(c => c!.GetValue<string>()));
            }
        }
    }

    private static double Width(JsonNode? box) => box!["width"]!.GetValue<double>();

    private static double Height(JsonNode? box) => box!["height"]!.GetValue<double>();

    private static List<string[]> Rows(JsonNode? table)
        => Assert.IsType<JsonArray>(table).Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToArray()).ToList();

    private static string[] Row(string key, string? name, IEnumerable<Finding> results)
    {
        var list = results.ToList();
        var counts = new[] { list.Count(r => !r.Suppressed), list.Count(r => r.Suppressed), list.Count }.Select(n => n.ToString(CultureInfo.InvariantCulture));
        return [key, .. name is null ? Array.Empty<string>() : [name], .. counts];
    }

    private static string Flag(string? justification)
        => string.IsNullOrWhiteSpace(justification) ? "missing justification" : justification == "TODO" ? "placeholder justification" : string.Empty;

    // What the page reported that a reader would see as broken: script errors, console errors and warnings, browser log errors and warnings.
    private static string? Problem(CdpEvent e) => e.Method switch
    {
        "Runtime.exceptionThrown" => "Exception: " + e.Params["exceptionDetails"]?.ToJsonString(),
        "Runtime.consoleAPICalled" when e.Params["type"]?.GetValue<string>() is "error" or "warning" or "assert" =>
            "Console " + e.Params["type"] + ": " + string.Join(' ', e.Params["args"]!.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString())),
        "Log.entryAdded" when e.Params["entry"]?["level"]?.GetValue<string>() is "error" or "warning" =>
            "Log " + e.Params["entry"]!["level"] + ": " + e.Params["entry"]!["text"] + " " + e.Params["entry"]!["url"],
        _ => null,
    };

    // ---- The figures, counted from the SARIF files ----

    private sealed record Finding(string RuleId, string Level, string Location, string Key, bool Suppressed, string? Kind, string? Justification, IReadOnlyList<string> Taxa);

    private sealed record Expected(IReadOnlyList<Finding> Results, IReadOnlyDictionary<string, string> Names, IReadOnlyList<(string Title, int Count)> Trend)
    {
        public IEnumerable<Finding> Open => Results.Where(r => !r.Suppressed);

        public IEnumerable<Finding> Suppressed => Results.Where(r => r.Suppressed);

        public IEnumerable<IGrouping<string, Finding>> ByCwe => Group("CWE-").OrderBy(g => int.Parse(g.Key[4..], CultureInfo.InvariantCulture));

        public IEnumerable<IGrouping<string, Finding>> ByIec => Group(string.Empty).Where(g => !g.Key.StartsWith("CWE-", StringComparison.Ordinal)).OrderBy(g => g.Key, StringComparer.Ordinal);

        public static Expected From(string evidence, string baseline)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            var current = Read(evidence, names);
            var old = Read(baseline, []);
            Assert.Equal(current.Count, current.Select(r => r.Key).Distinct().Count());
            Assert.Equal(old.Count, old.Select(r => r.Key).Distinct().Count());
            var before = old.ToDictionary(r => r.Key);
            var now = current.ToDictionary(r => r.Key);
            var both = current.Where(r => before.ContainsKey(r.Key)).Select(r => (Old: before[r.Key].Suppressed, New: r.Suppressed)).ToList();
            var trend = new List<(string, int)>
            {
                ("New", current.Count(r => !before.ContainsKey(r.Key))),
                ("Fixed", old.Count(r => !now.ContainsKey(r.Key))),
                ("Unchanged", both.Count(b => !b.Old && !b.New)),
                ("Newly suppressed", both.Count(b => !b.Old && b.New)),
                ("Newly unsuppressed", both.Count(b => b.Old && !b.New)),
                ("Unchanged, suppressed", both.Count(b => b.Old && b.New)),
            };
            Assert.All(trend, t => Assert.True(t.Item2 > 0, "The test data has no " + t.Item1 + " result."));
            Assert.Contains(current, r => r.Taxa.Count == 0);
            Assert.All(Levels, l => Assert.Contains(current, r => r.Level == l));
            return new Expected(current, names, trend);
        }

        private IEnumerable<IGrouping<string, Finding>> Group(string prefix)
            => Results.SelectMany(r => r.Taxa.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Distinct().Select(t => (Taxon: t, Result: r)))
                .GroupBy(x => x.Taxon, x => x.Result, StringComparer.Ordinal);

        private static List<Finding> Read(string path, Dictionary<string, string> names)
        {
            var findings = new List<Finding>();
            foreach (var run in JsonNode.Parse(File.ReadAllText(path))!["runs"]!.AsArray())
            {
                foreach (var taxon in run!["taxonomies"]?.AsArray().SelectMany(t => t!["taxa"]!.AsArray()) ?? [])
                {
                    names[taxon!["id"]!.GetValue<string>()] = taxon["name"]!.GetValue<string>();
                }

                var taxa = (run["tool"]!["extensions"]?.AsArray() ?? []).SelectMany(x => x!["rules"]?.AsArray() ?? [])
                    .ToDictionary(r => r!["id"]!.GetValue<string>(), r => (r!["relationships"]?.AsArray() ?? []).Select(x => x!["target"]!["id"]!.GetValue<string>()).ToList());
                var tool = run["tool"]!["driver"]!["name"]!.GetValue<string>();
                foreach (var result in run["results"]!.AsArray())
                {
                    var ruleId = result!["ruleId"]!.GetValue<string>();
                    var location = result["locations"]![0]!["physicalLocation"]!;
                    var suppression = result["suppressions"]?.AsArray().FirstOrDefault(s => s!["status"]?.GetValue<string>() != "rejected");
                    findings.Add(new Finding(
                        ruleId,
                        result["level"]?.GetValue<string>() ?? "warning",
                        location["artifactLocation"]!["uri"]!.GetValue<string>() + ":" + location["region"]!["startLine"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                        tool + "|" + ruleId + "|" + result["partialFingerprints"]![EvidenceCollector.FingerprintName]!.GetValue<string>(),
                        suppression is not null,
                        suppression?["kind"]!.GetValue<string>(),
                        suppression?["justification"]?.GetValue<string>(),
                        taxa.TryGetValue(ruleId, out var t) ? t : []));
                }
            }

            return findings;
        }
    }

    // ---- Helpers ----

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => EvidenceLogs.RunAsync(args);

    private Task CollectAsync(string logs, string output) => EvidenceLogs.CollectAsync(_repo, logs, output);

    private JsonObject R(string ruleId, string level, string file, int line, string message, string? suppression = null, string? justification = null)
        => EvidenceLogs.Result(_repo, ruleId, level, file, line, message, suppression, justification);

    private void WriteLog(string folder, string project, string tfm, params JsonObject[] results) => EvidenceLogs.Write(_repo, folder, project, tfm, ["CS1591"], results);
}
