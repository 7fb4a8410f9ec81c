using System;
using System.IO;
using System.Linq;
using SecureCodingAnalyzers.Catalog;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;
using SecureCodingAnalyzers.DocGen;
using SecureCodingAnalyzers.Tests.EndToEnd;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Catalog;

/// <summary>data/taxonomies.json: readable, and naming every CWE and IEC 62443-4-1 requirement a rule carries.</summary>
public class TaxonomyTests
{
    private static readonly Taxonomies Data = Taxonomies.Load(DotNetCli.RepoRoot);

    [Fact]
    public void EveryCweOfARule_HasAName()
    {
        var missing = RuleCatalog.All
            .SelectMany(d => d.CustomTags.Where(t => t.StartsWith(DescriptorFactory.CwePrefix, StringComparison.Ordinal)).Select(t => (d.Id, Cwe: int.Parse(t.Substring(DescriptorFactory.CwePrefix.Length), System.Globalization.CultureInfo.InvariantCulture))))
            .Where(p => !Data.CweNames.TryGetValue(p.Cwe, out var name) || string.IsNullOrWhiteSpace(name))
            .Select(p => p.Id + ": CWE-" + p.Cwe)
            .ToList();
        Assert.True(missing.Count == 0, "Add to " + Taxonomies.RelativePath + ": " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryRequirementOfARule_HasATitle()
    {
        var missing = RuleCatalog.All
            .SelectMany(d => d.CustomTags.Where(t => t.StartsWith(DescriptorFactory.IecPrefix, StringComparison.Ordinal)).Select(t => (d.Id, Requirement: t.Substring(DescriptorFactory.IecPrefix.Length))))
            .Where(p => !Data.IecTitles.ContainsKey(p.Requirement))
            .Select(p => p.Id + ": " + p.Requirement)
            .ToList();
        Assert.True(missing.Count == 0, "Add to " + Taxonomies.RelativePath + ": " + string.Join(", ", missing));
    }

    [Fact]
    public void TopTwentyFive_HasTwentyFiveDistinctIds_AndAVersion()
    {
        Assert.Equal(25, Data.Top25.Count);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Data.Version);
    }

    [Fact]
    public void MalformedData_IsReportedWithThePath()
    {
        var root = Directory.CreateTempSubdirectory("scr-taxonomies-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "data"));
            File.WriteAllText(Path.Combine(root, Taxonomies.RelativePath), "{ \"version\": \"x\", \"cwe\": [");
            var error = Assert.Throws<InvalidDataException>(() => Taxonomies.Load(root));
            Assert.StartsWith(Taxonomies.RelativePath, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
