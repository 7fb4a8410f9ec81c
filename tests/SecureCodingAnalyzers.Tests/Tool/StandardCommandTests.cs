using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using SecureCodingAnalyzers.Catalog;
using SecureCodingAnalyzers.Tests.EndToEnd;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence.Standard;
using CatalogRules = SecureCodingAnalyzers.Catalog.Rules;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// <c>secure-coding evidence standard</c>: the coding standard document generated from the catalog, the embedded
/// profiles and the supplier's configuration files.
/// </summary>
public sealed class StandardCommandTests : IDisposable
{
    private readonly ToolTestRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    // ---- Content ----

    [Fact]
    public async Task Standard_ListsEveryCatalogRuleWithItsProfileSeverity()
    {
        var (code, output, error) = await RunAsync("evidence", "standard");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Empty(error);
        var profile = ProfileSeverities("recommended");
        foreach (var rule in CatalogRules.All)
        {
            var expected = profile[rule.Id];
            Assert.Contains($"| [{rule.Id}](#{rule.Id.ToLowerInvariant()}) | ", output, StringComparison.Ordinal);
            Assert.Contains($"#### {rule.Id}\n", output, StringComparison.Ordinal);
            Assert.Matches(new Regex($@"\| \[{rule.Id}\]\(#{rule.Id.ToLowerInvariant()}\) \| [^\n]* \| {expected} \| "), output);
        }

        Assert.Contains("| Analyzer package | SecureCodingAnalyzers ", output, StringComparison.Ordinal);
        Assert.Contains("| Profile | recommended: ", output, StringComparison.Ordinal);
        Assert.Contains("None: every rule is enforced at the severity of the recommended profile.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Issued:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("strict")]
    [InlineData("audit")]
    public async Task Standard_Profile_UsesThatProfilesSeverities(string name)
    {
        var (code, output, _) = await RunAsync("evidence", "standard", "--profile", name);

        Assert.Equal(ExitCodes.Success, code);
        var profile = ProfileSeverities(name);
        foreach (var rule in CatalogRules.All)
        {
            Assert.Matches(new Regex($@"\| \[{rule.Id}\]\(#{rule.Id.ToLowerInvariant()}\) \| [^\n]* \| {profile[rule.Id]} \| "), output);
        }

        Assert.Contains($"| Profile | {name}: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_ShowsCweNamesTop25AndIecTitles_AndBothIndexes()
    {
        var (_, output, _) = await RunAsync("evidence", "standard");

        // SCR1005 maps to CWE-798 (a Top 25 weakness) and SI-2.
        Assert.Contains("[CWE-798](https://cwe.mitre.org/data/definitions/798.html) Use of Hard-coded Credentials (CWE Top 25, 2024)", output, StringComparison.Ordinal);
        Assert.Contains("SI-2 Secure coding standards", output, StringComparison.Ordinal);
        Assert.Contains("## 4. CWE index", output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\| \[CWE-798\]\([^)]*\) \| Use of Hard-coded Credentials \| yes \| [^\n]*\[SCR1005\]\(#scr1005\)"), output);
        Assert.Contains("## 5. IEC 62443-4-1 index", output, StringComparison.Ordinal);
        var si2 = output.Split('\n').Single(l => l.StartsWith("| SI-2 |", StringComparison.Ordinal));
        foreach (var rule in CatalogRules.All.Where(r => r.CustomTags.Contains(DescriptorFactory.IecPrefix + Iec62443.SI2)))
        {
            Assert.Contains($"[{rule.Id}]", si2, StringComparison.Ordinal);
        }

        Assert.Contains(CatalogRules.All[0].HelpLinkUri, output, StringComparison.Ordinal);
        Assert.Contains(CatalogRules.All[0].Description.ToString(), output.Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_FamiliesInIdRangeOrder()
    {
        var (_, output, _) = await RunAsync("evidence", "standard");

        var families = Regex.Matches(output, @"^### 3\.\d+ (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Replace("\\", string.Empty, StringComparison.Ordinal)).ToList();
        var expected = CatalogRules.All.Select(r => r.Category).Distinct().OrderBy(c => RuleCategory.RangeOf(c).First).Select(RuleCategory.FamilyName).ToList();
        Assert.Equal(expected, families);
    }

    [Fact]
    public async Task Standard_ProductAndDate_AppearInTitleScopeAndHeader()
    {
        var (code, output, _) = await RunAsync("evidence", "standard", "--product", "Contoso PLC", "--date", "2026-11-26");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("# Secure coding standard: Contoso PLC\n\nIssued: 2026-11-26\n", output, StringComparison.Ordinal);
        Assert.Contains("build files (project files, Directory.\\*.props, nuget.config, package lock files) of Contoso PLC.", output, StringComparison.Ordinal);
    }

    // ---- Configuration ----

    [Fact]
    public async Task Config_OverridesTheProfile_AndIsListedAsADeviationWithFileAndLine()
    {
        var config = _repo.Write(".globalconfig", """
            is_global = true
            # SCR1010: only in test fixtures, see ADR-12
            dotnet_diagnostic.SCR1010.severity = suggestion
            dotnet_diagnostic.scr1001.severity = error
            dotnet_diagnostic.SCR1002.severity = warning
            dotnet_diagnostic.CA5350.severity = none
            """);

        var (code, output, error) = await RunAsync("evidence", "standard", "--config", config);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Matches(new Regex(@"\| \[SCR1010\]\(#scr1010\) \| [^\n]* \| Suggestion \(profile: Warning; set in [^\n]*\.globalconfig\(3\)\) \| "), output);
        Assert.Matches(new Regex(@"\| \[SCR1001\]\(#scr1001\) \| [^\n]* \| Error \(profile: Warning; set in [^\n]*\.globalconfig\(4\)\) \| "), output);
        var deviations = output[output.IndexOf("## 6. Deviations", StringComparison.Ordinal)..];
        Assert.Contains($"| [SCR1001](#scr1001) | Warning | Error | {Escaped(config)}(4) | the whole build |", deviations, StringComparison.Ordinal);
        Assert.Contains($"| [SCR1010](#scr1010) | Warning | Suggestion | {Escaped(config)}(3) | the whole build |", deviations, StringComparison.Ordinal);
        // Same severity as the profile: not a deviation. Other analyzers' ids: not part of this standard.
        Assert.DoesNotContain("[SCR1002](#scr1002) | Warning | Warning", deviations, StringComparison.Ordinal);
        Assert.DoesNotContain("CA5350", output, StringComparison.Ordinal);
        Assert.Contains("| Deviations from the profile | 2 |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_HigherGlobalLevelWins_SectionsAreScoped_BulkKeysAreNoted()
    {
        var low = _repo.Write("low.globalconfig", """
            is_global = true
            global_level = 1
            dotnet_diagnostic.SCR1003.severity = none
            """);
        var high = _repo.Write("high.globalconfig", """
            is_global = true
            global_level = 5
            dotnet_diagnostic.SCR1003.severity = error
            dotnet_analyzer_diagnostic.category-Security.Cryptography.severity = none
            """);
        var editorconfig = _repo.Write(".editorconfig", """
            root = true
            [tests/**.cs]
            dotnet_diagnostic.SCR1010.severity = none
            """);

        var (code, output, error) = await RunAsync("evidence", "standard", "--config", low, "--config", high, "--config", editorconfig);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Matches(new Regex(@"\| \[SCR1003\]\(#scr1003\) \| [^\n]* \| Error \(profile: Warning; set in [^\n]*high\.globalconfig\(3\)\) \| "), output);
        Assert.Contains($"| [SCR1010](#scr1010) | Warning | Off | {Escaped(editorconfig)}(3) | only files matching \\[tests/\\*\\*.cs\\] |", output, StringComparison.Ordinal);
        Assert.Contains("low.globalconfig(3): SCR1003 = none is overridden by", output.Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("category-Security.Cryptography.severity = none does not change the rules of this standard", output.Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_DefaultMeansTheCatalogDefault()
    {
        var config = _repo.Write("a.globalconfig", "is_global = true\ndotnet_diagnostic.SCR1001.severity = default\n");

        var (code, output, _) = await RunAsync("evidence", "standard", "--profile", "strict", "--config", config);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"| [SCR1001](#scr1001) | Error | Warning | {Escaped(config)}(2) | the whole build |", output, StringComparison.Ordinal);
    }

    // ---- HTML ----

    [Fact]
    public async Task Html_IsWellFormedSelfContainedAndEscapesText()
    {
        var config = _repo.Write(".globalconfig", "dotnet_diagnostic.SCR1001.severity = none\n");
        var file = _repo.PathOf("out/standard.html");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        var (code, output, error) = await RunAsync("evidence", "standard", "--format", "html", "--output", file, "--config", config, "--product", "<Contoso & \"Sons\">");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Coding standard written to", output, StringComparison.Ordinal);
        var html = File.ReadAllText(file);
        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var document = XDocument.Load(reader);
        XNamespace x = "http://www.w3.org/1999/xhtml";
        Assert.Equal("Secure coding standard: <Contoso & \"Sons\">", document.Descendants(x + "h1").Single().Value);
        Assert.Contains("&lt;Contoso &amp; &quot;Sons&quot;&gt;", html, StringComparison.Ordinal);
        Assert.Single(document.Descendants(x + "style"));
        Assert.Empty(document.Descendants(x + "script"));
        Assert.Empty(document.Descendants(x + "link"));
        Assert.Empty(document.Descendants(x + "img"));
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        foreach (var rule in CatalogRules.All)
        {
            Assert.NotNull(document.Descendants(x + "section").SingleOrDefault(s => (string?)s.Attribute("id") == rule.Id.ToLowerInvariant()));
        }

        var deviation = document.Descendants(x + "h2").Single(h => h.Value.Contains("Deviations", StringComparison.Ordinal)).ElementsAfterSelf(x + "table").First();
        var cells = deviation.Descendants(x + "tbody").Single().Elements(x + "tr").Single().Elements(x + "td").Select(td => td.Value).ToList();
        Assert.Equal(["SCR1001", "Warning", "Off", config + "(1)", "the whole build"], cells);
        // Every internal link has its target.
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).Where(i => i is not null).ToHashSet();
        foreach (var href in document.Descendants(x + "a").Select(a => (string)a.Attribute("href")!).Where(h => h.StartsWith('#')))
        {
            Assert.Contains(href[1..], ids);
        }
    }

    [Fact]
    public void Escaping_HtmlAndMarkdown()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlStandardWriter.E("a <b> & \"c\" 'd'\u0001"));
        Assert.Equal(@"a \| b \<c\> \*d\* \_e\_ \`f\` \[g\]", MarkdownStandardWriter.Escape("a | b <c> *d* _e_ `f` [g]"));
    }

    // ---- Determinism and output ----

    [Theory]
    [InlineData("markdown")]
    [InlineData("html")]
    public async Task Output_IsByteIdenticalOnTwoRuns(string format)
    {
        var config = _repo.Write(".globalconfig", "dotnet_diagnostic.SCR1001.severity = error\n");
        var first = _repo.PathOf("first");
        var second = _repo.PathOf("second");

        Assert.Equal(ExitCodes.Success, (await RunAsync("evidence", "standard", "--format", format, "--config", config, "-o", first)).Code);
        Assert.Equal(ExitCodes.Success, (await RunAsync("evidence", "standard", "--format", format, "--config", config, "-o", second)).Code);

        var bytes = File.ReadAllBytes(first);
        Assert.Equal(bytes, File.ReadAllBytes(second));
        Assert.False(bytes.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal(new[] { "first", "second", ".globalconfig" }.Order(StringComparer.Ordinal), Directory.GetFiles(_repo.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);
    }

    [Fact]
    public async Task Output_ReplacesAnExistingFile()
    {
        var file = _repo.Write("standard.md", "old");

        var (code, _, _) = await RunAsync("evidence", "standard", "--output", file);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("# Secure coding standard\n", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_CreatesTheFolder_AndLeavesNoTemporaryFile()
    {
        var file = _repo.PathOf("docs/security/standard.md");

        var (code, _, _) = await RunAsync("evidence", "standard", "--output", file);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["standard.md"], Directory.GetFileSystemEntries(_repo.PathOf("docs/security")).Select(Path.GetFileName));
    }

    // ---- Errors ----

    [Fact]
    public async Task Error_UnknownProfile()
    {
        var (code, output, error) = await RunAsync("evidence", "standard", "--profile", "lenient");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("lenient", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_UnknownFormat()
    {
        var (code, _, error) = await RunAsync("evidence", "standard", "--format", "pdf");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("pdf", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_MissingConfig()
    {
        var missing = _repo.PathOf("nope.globalconfig");

        var (code, output, error) = await RunAsync("evidence", "standard", "--config", missing);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Empty(output);
        Assert.Equal($"error: config file '{missing}' does not exist.", error.TrimEnd());
    }

    [Theory]
    [InlineData("is_global = true\ndotnet_diagnostic.SCR1001.severity = warn\n", "(2): 'warn' is not a severity for SCR1001")]
    [InlineData("is_global = true\nthis line is nonsense\n", "(2): 'this line is nonsense' is neither")]
    [InlineData("is_global = true\nglobal_level = high\n", "(2): global_level 'high' is not an integer")]
    [InlineData("[*.cs\ndotnet_diagnostic.SCR1001.severity = none\n", "(1): '[*.cs' is not a section header")]
    public async Task Error_MalformedConfig_NamesFileAndLine(string text, string expected)
    {
        var config = _repo.Write("bad.globalconfig", text);
        var output = _repo.PathOf("standard.md");

        var (code, _, error) = await RunAsync("evidence", "standard", "--config", config, "--output", output);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal("error: malformed config file: " + config + expected, error.TrimEnd()[..("error: malformed config file: " + config + expected).Length]);
        Assert.False(File.Exists(output), "nothing written on error");
    }

    [Fact]
    public async Task Error_ConflictingSeveritiesAtTheSameLevel()
    {
        var a = _repo.Write("a.globalconfig", "is_global = true\ndotnet_diagnostic.SCR1001.severity = none\n");
        var b = _repo.Write("b.globalconfig", "is_global = true\ndotnet_diagnostic.SCR1001.severity = error\n");

        var (code, _, error) = await RunAsync("evidence", "standard", "--config", a, "--config", b);

        Assert.Equal(ExitCodes.Error, code);
        Assert.StartsWith("error: SCR1001 is set to different severities at the same global_level", error, StringComparison.Ordinal);
        Assert.Contains(a + "(2)", error, StringComparison.Ordinal);
        Assert.Contains(b + "(2)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_UnwritableOutput_LeavesNothingBehind()
    {
        // A folder that cannot be made: a file stands where it would be.
        _repo.Write("file.txt", "x");
        var underAFile = _repo.PathOf("file.txt/standard.md");
        var (code, _, error) = await RunAsync("evidence", "standard", "--output", underAFile);
        Assert.Equal(ExitCodes.Error, code);
        Assert.StartsWith($"error: cannot write '{underAFile}'", error, StringComparison.Ordinal);
        Assert.Equal(["file.txt"], Directory.GetFileSystemEntries(_repo.Root).Select(Path.GetFileName));

        var folder = _repo.PathOf("folder");
        Directory.CreateDirectory(folder);
        (code, _, error) = await RunAsync("evidence", "standard", "--output", folder);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal($"error: cannot write '{folder}': it is a directory.", error.TrimEnd());
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task Error_BadDate()
    {
        var (code, _, error) = await RunAsync("evidence", "standard", "--date", "26.11.2026");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal("error: --date '26.11.2026' is not a date in the form yyyy-MM-dd.", error.TrimEnd());
    }

    // ---- Help ----

    [Fact]
    public async Task Help_ListsTheCommandAndItsOptions()
    {
        var (code, root, _) = await RunAsync("--help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("evidence", root, StringComparison.Ordinal);

        var (_, evidence, _) = await RunAsync("evidence", "--help");
        Assert.Contains("standard", evidence, StringComparison.Ordinal);

        var (_, help, _) = await RunAsync("evidence", "standard", "--help");
        foreach (var option in new[] { "--profile", "--config", "--format", "--output", "--product", "--date", "recommended", "strict", "audit", "markdown", "html" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    private static System.Collections.Generic.Dictionary<string, string> ProfileSeverities(string profile)
    {
        var text = File.ReadAllText(Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers.Package", "profiles", profile + ".globalconfig"));
        return Regex.Matches(text, @"^dotnet_diagnostic\.(SCR\d{4})\.severity = (\w+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value switch
            {
                "error" => "Error",
                "warning" => "Warning",
                "suggestion" => "Suggestion",
                "silent" => "Silent",
                _ => "Off",
            });
    }

    private static string Escaped(string path) => MarkdownStandardWriter.Escape(path);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = await SecureCodingTool.RunAsync(arguments, new ToolSettings { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
