using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;
using Xunit;

namespace SecureCodingAnalyzers.Tests.EndToEnd;

/// <summary>
/// The package as a supplier gets it: packed nupkg, restored from a local folder feed into a fresh copy of the sample
/// supplier project with an isolated NuGet cache, then built, fixed with dotnet format and rebuilt.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class PackageEndToEndTests
{
    private readonly PackedPackageFixture _package;

    public PackageEndToEndTests(PackedPackageFixture package) => _package = package;

    [Fact]
    public void Nupkg_HasExactlyTheExpectedLayout()
    {
        using var zip = ZipFile.OpenRead(_package.PackageFile);
        var entries = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml" && !n.StartsWith("_rels/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[]
            {
                "README.md",
                "SecureCodingAnalyzers.nuspec",
                "analyzers/dotnet/cs/SecureCodingAnalyzers.CodeFixes.dll",
                "analyzers/dotnet/cs/SecureCodingAnalyzers.dll",
                "build/SecureCodingAnalyzers.props",
                "build/SecureCodingAnalyzers.targets",
                "buildTransitive/SecureCodingAnalyzers.props",
                "buildTransitive/SecureCodingAnalyzers.targets",
                "profiles/audit.globalconfig",
                "profiles/recommended.globalconfig",
                "profiles/strict.globalconfig",
            },
            entries);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));

        using var nuspec = new StreamReader(zip.GetEntry("SecureCodingAnalyzers.nuspec")!.Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<developmentDependency>true</developmentDependency>", text, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<dependency ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ReportsEachExpectedFindingAtItsLine_AndWritesTaggedSarif()
    {
        var project = _package.CreateConsumer("build");
        var sarif = Path.Combine(Path.GetDirectoryName(project)!, "build.sarif");
        var result = await _package.RunAsync(project, "build", project, "-nologo", "-p:ErrorLog=" + sarif + "%2Cversion=2.1");

        var all = PackedPackageFixture.ExpectedFindings(project);
        Assert.NotEmpty(all);

        // Info-level findings (suggestions) are not printed by a normal build; they are in the SARIF log below.
        var expected = all.Where(e => SeverityText(e.Id) != "info").ToHashSet();
        var findings = PackedPackageFixture.Findings(result.Output);
        var actual = findings.Select(f => (f.File, f.Line, f.Id)).ToHashSet();
        Assert.Equal(expected.OrderBy(x => x.ToString()), actual.OrderBy(x => x.ToString()));

        // Each finding has its rule's default severity; Error-level rules (and only they) fail the default build.
        Assert.All(findings, f => Assert.Equal(SeverityText(f.Id), f.Severity));
        var hasErrorRule = findings.Any(f => f.Severity == "error");
        Assert.Equal(hasErrorRule, result.ExitCode != 0);
        AssertNoErrorsButOurs(result);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("id").GetString()!.StartsWith("SCR", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("id").GetString()!);
        foreach (var id in all.Select(e => e.Id).Distinct())
        {
            var rule = rules[id];
            var descriptor = RuleCatalog.All.Single(d => d.Id == id);
            Assert.Equal(descriptor.HelpLinkUri, rule.GetProperty("helpUri").GetString());
            var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray();
            Assert.Contains("security", tags);
            Assert.Contains(tags, t => t!.StartsWith("CWE-", StringComparison.Ordinal));
            Assert.Contains(tags, t => t!.StartsWith("IEC62443-4-1:", StringComparison.Ordinal));
        }

        var resultIds = run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()!).Where(i => i.StartsWith("SCR", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(all.Select(e => e.Id).ToHashSet(), resultIds);
    }

    [Fact]
    public async Task Build_WithWarningsAsErrors_Fails()
    {
        var project = _package.CreateConsumer("warnaserror");
        var result = await _package.RunAsync(project, "build", project, "-nologo", "-p:TreatWarningsAsErrors=true");
        Assert.NotEqual(0, result.ExitCode);
        var findings = PackedPackageFixture.Findings(result.Output);
        Assert.Contains(findings, f => f.Id == "SCR1001" && f.Severity == "error");
        Assert.All(findings, f => Assert.Equal("error", f.Severity));
        AssertNoErrorsButOurs(result);
    }

    [Fact]
    public async Task StrictProfile_TurnsEveryFindingIntoAnError_AndUnknownProfilesAreRejected()
    {
        var project = _package.CreateConsumer("strict");
        var result = await _package.RunAsync(project, "build", project, "-nologo", "-p:SecureCodingProfile=strict");
        Assert.NotEqual(0, result.ExitCode);
        var findings = PackedPackageFixture.Findings(result.Output);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("error", f.Severity));
        Assert.Equal(PackedPackageFixture.ExpectedFindings(project).Count, findings.Select(f => (f.File, f.Line, f.Id)).Distinct().Count());

        var unknown = await _package.RunAsync(project, "build", project, "-nologo", "-p:SecureCodingProfile=lenient");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("SCRBUILD01", unknown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetFormat_AppliesOurCodeFixes_AndTheRebuildIsCleanOfThoseIds()
    {
        var project = _package.CreateConsumer("format");
        var restore = await _package.RunAsync(project, "restore", project);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        var expected = PackedPackageFixture.ExpectedFindings(project);
        var fixable = FixableInSample.Where(id => expected.Any(e => e.Id == id)).ToArray();
        Assert.NotEmpty(fixable);

        var format = await _package.RunAsync(project, ["format", "analyzers", project, "--no-restore", "--severity", "info", "--diagnostics", .. fixable]);
        Assert.True(format.ExitCode == 0, format.ToString());

        var rebuild = await _package.RunAsync(project, "build", project, "-nologo", "--no-restore");
        AssertNoErrorsButOurs(rebuild);
        var remaining = PackedPackageFixture.Findings(rebuild.Output);
        Assert.DoesNotContain(remaining, f => fixable.Contains(f.Id));

        // The findings without a fix are still there: format changed only what it was asked to.
        var untouched = expected.Where(e => !fixable.Contains(e.Id) && SeverityText(e.Id) != "info").Select(e => e.Id).ToHashSet();
        Assert.Equal(untouched, remaining.Select(f => f.Id).ToHashSet());
    }

    private static string SeverityText(string id)
        => RuleCatalog.All.Single(d => d.Id == id).DefaultSeverity switch
        {
            Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "error",
            Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };

    /// <summary>The build got as far as compiling: every error it reports is one of our findings (no CS, NU or MSB error).</summary>
    private static void AssertNoErrorsButOurs(DotNetCli.Result result)
    {
        var foreign = System.Text.RegularExpressions.Regex.Matches(result.Output, @"error (?<code>[A-Z]+\d+)")
            .Select(m => m.Groups["code"].Value)
            .Where(code => !System.Text.RegularExpressions.Regex.IsMatch(code, @"^SCR\d{4}$"))
            .Distinct()
            .ToList();
        Assert.True(foreign.Count == 0, "Unexpected errors " + string.Join(", ", foreign) + ":\n" + result);
        Assert.Contains("Time Elapsed", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The ids whose every occurrence in samples/ has a code fix.</summary>
    private static readonly string[] FixableInSample = ["SCR1001", "SCR1002", "SCR1006", "SCR1007", "SCR1010", "SCR1011", "SCR1012", "SCR1013"];
}
