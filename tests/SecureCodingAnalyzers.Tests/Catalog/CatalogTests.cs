using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.Catalog;
using SecureCodingAnalyzers.DocGen;
using SecureCodingAnalyzers.Tests.EndToEnd;
using Xunit;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;

namespace SecureCodingAnalyzers.Tests.Catalog;

/// <summary>Meta-tests over every rule: catalog shape, release tracking, docs, analyzers and fixers.</summary>
public class CatalogTests
{
    public static TheoryData<string> RuleIds => new TheoryDataOf(RuleCatalog.All.Select(d => d.Id));

    public static TheoryData<string> Analyzers => ShippedAssemblies.AnalyzerNames();

    public static TheoryData<string> Fixers => ShippedAssemblies.FixerNames();

    [Fact]
    public void Ids_AreUnique()
        => Assert.Equal(RuleCatalog.All.Length, RuleCatalog.All.Select(d => d.Id).Distinct().Count());

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_HasIdInItsFamilyRange_TagsAndHelpLink(string id)
    {
        var d = Descriptor(id);
        Assert.Matches(@"^SCR\d{4}$", d.Id);
        var (first, last) = RuleCategory.RangeOf(d.Category);
        var number = int.Parse(d.Id.AsSpan(3));
        Assert.InRange(number, first, last);
        Assert.Contains(DescriptorFactory.SecurityTag, d.CustomTags);
        Assert.Contains(d.CustomTags, t => Regex.IsMatch(t, @"^CWE-\d+$"));
        Assert.Contains(d.CustomTags, t => t.StartsWith(DescriptorFactory.IecPrefix, StringComparison.Ordinal));
        Assert.Equal(DescriptorFactory.HelpLinkBase + d.Id + ".md", d.HelpLinkUri);
        Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
        Assert.DoesNotContain(d.CustomTags, t => t == WellKnownDiagnosticTags.CompilationEnd);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_IsReportedByExactlyOneAnalyzer(string id)
    {
        var owners = ShippedAssemblies.Analyzers().Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToList();
        Assert.Single(owners);
        Assert.Same(Descriptor(id), owners[0].SupportedDiagnostics.Single(d => d.Id == id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void ReleaseTracking_ListsTheRuleWithItsCategoryAndSeverity(string id)
    {
        var d = Descriptor(id);
        var folder = Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers");
        var rows = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c.Length >= 3 && c[0] == id)
            .ToList();
        Assert.Single(rows);
        Assert.Equal(d.Category, rows[0][1]);
        Assert.Equal(d.IsEnabledByDefault ? d.DefaultSeverity.ToString() : "Disabled", rows[0][2]);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RulePage_HasEveryHandWrittenSection_AndAReadySuppression(string id)
    {
        var path = Path.Combine(DotNetCli.RepoRoot, "rules", id + ".md");
        Assert.True(File.Exists(path), $"rules/{id}.md is missing");
        var handWritten = DocGenerator.HandWritten(File.ReadAllText(path));
        var positions = DocGenerator.RequiredSections.Select(s => IndexOfHeading(handWritten, s)).ToList();
        Assert.All(positions.Zip(DocGenerator.RequiredSections), p => Assert.True(p.First >= 0, $"{id}: section '{p.Second}' is missing"));
        Assert.Equal(positions.OrderBy(p => p), positions);

        var suppress = Section(handWritten, "## When to suppress");
        if (Descriptor(id).Category == RuleCategory.Dependencies)
        {
            // Findings in build files have no [SuppressMessage]: a justified .globalconfig or NoWarn line instead.
            Assert.True(
                suppress.Contains($"dotnet_diagnostic.{id}.severity", StringComparison.Ordinal) || suppress.Contains("<NoWarn>", StringComparison.Ordinal),
                $"{id}: 'When to suppress' needs a ready .globalconfig or <NoWarn> line");
            Assert.Contains("ustification", suppress, StringComparison.Ordinal);
            Assert.Contains(id, suppress, StringComparison.Ordinal);
            return;
        }

        Assert.Contains("SuppressMessage(", suppress, StringComparison.Ordinal);
        Assert.Contains("Justification = \"", suppress, StringComparison.Ordinal);
        Assert.Contains("\"" + id + "\"", suppress, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RulePage_DocumentsEveryOptionKey_InItsConfigurationSection(string id)
    {
        var rule = RuleInfo.LoadAll().Single(r => r.Descriptor.Id == id);
        var configuration = Section(DocGenerator.HandWritten(File.ReadAllText(Path.Combine(DotNetCli.RepoRoot, "rules", id + ".md"))), "## Configuration");
        foreach (var option in rule.Options)
        {
            Assert.Contains(option.Name, configuration, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GeneratedDocs_AndProfiles_AreUpToDate()
    {
        var stale = DocGenerator.Stale(DotNetCli.RepoRoot);
        Assert.True(stale.Count == 0, "Stale generated files (run `dotnet run --project src/SecureCodingAnalyzers.DocGen`): " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Changelog_MentionsTheRule(string id)
        => Assert.Contains(id, File.ReadAllText(Path.Combine(DotNetCli.RepoRoot, "CHANGELOG.md")), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Analyzers))]
    public void Analyzer_IsSealed_CSharpOnly_AndReportsOnlyCatalogRules(string name)
    {
        var type = ShippedAssemblies.AnalyzerType(name);
        Assert.True(type.IsSealed, $"{name} must be sealed");
        var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
        Assert.NotEmpty(analyzer.SupportedDiagnostics);
        Assert.All(analyzer.SupportedDiagnostics, d => Assert.Contains(d, RuleCatalog.All));
        Assert.EndsWith("Analyzer", name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fixers))]
    public void Fixer_IsExported_Sealed_Shared_AndSupportsFixAll(string name)
    {
        var type = ShippedAssemblies.FixerType(name);
        Assert.True(type.IsSealed, $"{name} must be sealed");
        var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Contains(LanguageNames.CSharp, export!.Languages);
        Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());
        var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
        Assert.NotNull(fixer.GetFixAllProvider());
        Assert.NotEmpty(fixer.FixableDiagnosticIds);
        Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, RuleCatalog.All.Select(d => d.Id)));
        Assert.EndsWith("CodeFixProvider", name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fixers))]
    public void Fixer_LivesInTheFolderMirroringItsAnalyzer(string name)
    {
        // Named after its analyzer and in the folder mirroring it; or, for rules of the shared dataflow analyzer
        // (which serves several families from Rules/), named after its rule's concept in the folder of the family
        // its ids belong to.
        var fixer = ShippedAssemblies.FixerType(name);
        var ids = ((CodeFixProvider)Activator.CreateInstance(fixer)!).FixableDiagnosticIds;
        var analyzer = ShippedAssemblies.AnalyzerTypes.SingleOrDefault(t => t.Name == name.Replace("CodeFixProvider", "Analyzer", StringComparison.Ordinal))
            ?? ShippedAssemblies.AnalyzerTypes.SingleOrDefault(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics.Any(d => ids.Contains(d.Id)));
        Assert.True(analyzer is not null, $"{name} has no analyzer reporting {string.Join(", ", ids)}");
        var folder = analyzer!.Namespace == "SecureCodingAnalyzers.Rules"
            ? "SecureCodingAnalyzers.Rules." + Assert.Single(ids.Select(id => Descriptor(id).Category.Replace("Security.", string.Empty, StringComparison.Ordinal)).Distinct())
            : analyzer.Namespace!;
        Assert.Equal(folder.Replace("SecureCodingAnalyzers.", "SecureCodingAnalyzers.CodeFixes.", StringComparison.Ordinal), fixer.Namespace);
    }

    private static DiagnosticDescriptor Descriptor(string id) => RuleCatalog.All.Single(d => d.Id == id);

    private static int IndexOfHeading(string text, string heading)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(heading) + @"\s*$", RegexOptions.Multiline);
        return match.Success ? match.Index : -1;
    }

    private static string Section(string text, string heading)
    {
        var start = IndexOfHeading(text, heading);
        if (start < 0)
        {
            return string.Empty;
        }

        var next = Regex.Match(text.Substring(start + heading.Length), @"^## ", RegexOptions.Multiline);
        return next.Success ? text.Substring(start, heading.Length + next.Index) : text.Substring(start);
    }
}
