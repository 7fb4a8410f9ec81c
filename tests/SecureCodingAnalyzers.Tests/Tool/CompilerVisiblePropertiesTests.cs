using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using SecureCodingAnalyzers.Tests.EndToEnd;
using SecureCodingAnalyzers.Tool.Projects;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>The tool's list of compiler-visible properties and its comma copies stay those of the package's targets.</summary>
public sealed class CompilerVisiblePropertiesTests
{
    private static readonly XDocument s_targets = XDocument.Load(Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers.Package", "build", "SecureCodingAnalyzers.targets"));

    [Fact]
    public void Names_AreTheTargetsCompilerVisibleProperties()
    {
        var declared = s_targets.Descendants("CompilerVisibleProperty").Select(e => (string)e.Attribute("Include")!).OrderBy(n => n, StringComparer.Ordinal);
        var tool = CompilerVisibleProperties.Evaluated.Concat(CompilerVisibleProperties.ListCopies.Select(c => c.Copy)).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(declared, tool);
    }

    [Fact]
    public void ListCopies_AreComputedAsTheTargetDoes()
    {
        var target = s_targets.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "_SecureCodingListProperties");
        var copies = target.Descendants("PropertyGroup").Elements().ToList();
        Assert.Equal(CompilerVisibleProperties.ListCopies.Length, copies.Count);
        foreach (var (copy, source) in CompilerVisibleProperties.ListCopies)
        {
            var element = copies.Single(e => e.Name.LocalName == copy);
            Assert.Equal($"$([System.Text.RegularExpressions.Regex]::Replace('$({source})', '{CompilerVisibleProperties.ListSeparators}', ','))", element.Value);
        }
    }

    [Theory]
    [InlineData("1701;1702;NU1603", "1701,1702,NU1603")]
    [InlineData("$(NoWarn);\n      NU1603 , NU1701;", ",NU1603,NU1701,")]
    [InlineData("", "")]
    public void CommaSeparated_ReplacesEveryRunOfSeparators(string value, string expected)
    {
        Assert.Equal(expected.Replace("$(NoWarn)", string.Empty, StringComparison.Ordinal), CompilerVisibleProperties.CommaSeparated(value.Replace("$(NoWarn)", string.Empty, StringComparison.Ordinal)));
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), CompilerVisibleProperties.Items(value.Replace("$(NoWarn)", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void ForCompiler_PassesEveryPropertyAndTheCopies()
    {
        var properties = CompilerVisibleProperties.ForCompiler(name => name switch
        {
            "NoWarn" => "1701;1702;SCR5031",
            "TargetFrameworks" => "net8.0;net10.0",
            _ => null,
        }).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("1701;1702;SCR5031", properties["NoWarn"]);
        Assert.Equal("1701,1702,SCR5031", properties["SecureCodingNoWarn"]);
        Assert.Equal("net8.0,net10.0", properties["SecureCodingTargetFrameworks"]);
        Assert.Equal(string.Empty, properties["RestoreLockedMode"]);
    }
}
