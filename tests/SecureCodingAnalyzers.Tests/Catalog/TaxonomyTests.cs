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
    private static readonly TaxonomyData Data = DocGenerator.LoadTaxonomies(DotNetCli.RepoRoot);

    [Fact]
    public void EveryCweOfARule_HasAName()
    {
        var missing = RuleCatalog.All
            .SelectMany(d => d.CustomTags.Where(t => t.StartsWith(DescriptorFactory.CwePrefix, StringComparison.Ordinal)).Select(t => (d.Id, Cwe: int.Parse(t.Substring(DescriptorFactory.CwePrefix.Length), System.Globalization.CultureInfo.InvariantCulture))))
            .Where(p => !Data.CweNames.TryGetValue(p.Cwe, out var name) || string.IsNullOrWhiteSpace(name))
            .Select(p => p.Id + ": CWE-" + p.Cwe)
            .ToList();
        Assert.True(missing.Count == 0, "Add to " + TaxonomyData.RelativePath + ": " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryRequirementOfARule_HasATitle()
    {
        var missing = RuleCatalog.All
            .SelectMany(d => d.CustomTags.Where(t => t.StartsWith(DescriptorFactory.IecPrefix, StringComparison.Ordinal)).Select(t => (d.Id, Requirement: t.Substring(DescriptorFactory.IecPrefix.Length))))
            .Where(p => !Data.IecTitles.ContainsKey(p.Requirement))
            .Select(p => p.Id + ": " + p.Requirement)
            .ToList();
        Assert.True(missing.Count == 0, "Add to " + TaxonomyData.RelativePath + ": " + string.Join(", ", missing));
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
            File.WriteAllText(Path.Combine(root, TaxonomyData.RelativePath), "{ \"version\": \"x\", \"cwe\": [");
            var error = Assert.Throws<InvalidDataException>(() => DocGenerator.LoadTaxonomies(root));
            Assert.StartsWith(TaxonomyData.RelativePath, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheToolEmbedsTheSameData_ReadByTheSameParser()
    {
        var embedded = SecureCodingAnalyzers.Tool.Evidence.EmbeddedData.Taxonomies();

        Assert.Equal(Data.Version, embedded.Version);
        Assert.Equal(Data.CweNames.OrderBy(p => p.Key), embedded.CweNames.OrderBy(p => p.Key));
        Assert.Equal<string>(Data.IecOrder, embedded.IecOrder);
        Assert.True(Data.Top25.SetEquals(embedded.Top25));
    }

    [Theory]
    [InlineData("[]", "the top level is not an object")]
    [InlineData("{ \"version\": \"x\" }", "'cwe' is missing or not an object")]
    [InlineData("{ \"version\": 1, \"cwe\": { \"catalogVersion\": \"4\", \"weaknesses\": [], \"top25\": { \"year\": 2024, \"ids\": [] } }, \"iec62443-4-1\": { \"requirements\": [] } }", "'version' is missing or not a string")]
    [InlineData("{ \"cwe\": { \"weaknesses\": [ { \"id\": \"22\", \"name\": \"x\" } ] } }", "'id' is not a whole number")]
    [InlineData("{ \"cwe\": { \"weaknesses\": [ { \"id\": 22, \"name\": \"a\" }, { \"id\": 22, \"name\": \"b\" } ] } }", "CWE-22 is listed twice")]
    public void MalformedShapes_NameWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => TaxonomyData.Parse(json));

        Assert.Equal(TaxonomyData.RelativePath + ": " + expected + ".", error.Message);
    }

    [Fact]
    public void MissingFile_IsReportedWithThePath()
    {
        var root = Directory.CreateTempSubdirectory("scr-taxonomies-").FullName;
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => DocGenerator.LoadTaxonomies(root));
            Assert.StartsWith(TaxonomyData.RelativePath + ": ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
