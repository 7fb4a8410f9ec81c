using System;
using SecureCodingAnalyzers.BuildFiles;
using Xunit;

namespace SecureCodingAnalyzers.Tests.BuildFiles;

/// <summary>NuGet versions and version ranges read from build and lock files, with NuGet's own meaning.</summary>
public class NuGetVersionRangeTests
{
    // ---- Parsing ----

    [Theory]
    [InlineData("1.2.3", false, "[1.2.3, )")]
    [InlineData("1.2", false, "[1.2.0, )")]
    [InlineData("1", false, "[1.0.0, )")]
    [InlineData("1.2.3.4", false, "[1.2.3.4, )")]
    [InlineData("1.2.3.0", false, "[1.2.3, )")]
    [InlineData("01.002.3", false, "[1.2.3, )")]
    [InlineData("1.0.0-Beta.2+sha.0a1", false, "[1.0.0-Beta.2, )")]
    [InlineData("  1.2.3  ", false, "[1.2.3, )")]
    [InlineData("[1.2.3]", true, "[1.2.3, 1.2.3]")]
    [InlineData("[1.0, 2.0)", true, "[1.0.0, 2.0.0)")]
    [InlineData("[1.0,2.0]", true, "[1.0.0, 2.0.0]")]
    [InlineData("(1.0,)", true, "(1.0.0, )")]
    [InlineData("[1.0, )", true, "[1.0.0, )")]
    [InlineData("[1.0,]", true, "[1.0.0, )")]
    [InlineData("(, 2.0]", true, "(, 2.0.0]")]
    [InlineData("[,1.0]", true, "(, 1.0.0]")]
    [InlineData("(,1.0)", true, "(, 1.0.0)")]
    [InlineData(" [ 1.0 , 2.0 ] ", true, "[1.0.0, 2.0.0]")]
    [InlineData("[1.0.0-alpha, 1.0.0]", true, "[1.0.0-alpha, 1.0.0]")]
    [InlineData("(1.0, 1.0)", true, "(1.0.0, 1.0.0)")]
    public void Parse_ValidText_ReadsTheNotationAndNormalizesAsNuGetDoes(string text, bool bracketed, string normalized)
    {
        var range = NuGetVersionRange.Parse(text);

        Assert.NotNull(range);
        Assert.Equal(bracketed, range!.IsBracketed);
        Assert.Equal(normalized, range.ToString());
    }

    [Fact]
    public void Parse_PlainVersion_IsTheInclusiveMinimum()
    {
        var range = NuGetVersionRange.Parse("1.2.3")!;

        Assert.Equal("1.2.3", range.MinVersion?.ToString());
        Assert.True(range.IsMinInclusive);
        Assert.Null(range.MaxVersion);
        Assert.False(range.IsMaxInclusive);
    }

    [Fact]
    public void Parse_MissingBound_IsNeverInclusive()
    {
        var range = NuGetVersionRange.Parse("[, 2.0]")!;

        Assert.Null(range.MinVersion);
        Assert.False(range.IsMinInclusive);
        Assert.True(range.IsMaxInclusive);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    [InlineData("1.*")]
    [InlineData("1.2.*-*")]
    [InlineData("[1.*, )")]
    [InlineData("$(PlcVersion)")]
    [InlineData("[$(PlcVersion), )")]
    [InlineData("(1.0)")]
    [InlineData("[1.0)")]
    [InlineData("(1.0]")]
    [InlineData("[]")]
    [InlineData("()")]
    [InlineData("(,)")]
    [InlineData("[,]")]
    [InlineData("[ , ]")]
    [InlineData("[1.0, 2.0, 3.0]")]
    [InlineData("[2.0, 1.0]")]
    [InlineData("[1.0, 1.0)")]
    [InlineData("(1.0, 1.0]")]
    [InlineData("[1.0")]
    [InlineData("1.0]")]
    [InlineData("[1.0, 2.0")]
    [InlineData("{1.0, 2.0}")]
    [InlineData("1.0, 2.0")]
    [InlineData("[1.0; 2.0]")]
    [InlineData("[latest, )")]
    public void Parse_InvalidRange_ReturnsNull(string? text)
    {
        Assert.Null(NuGetVersionRange.Parse(text));
    }

    [Theory]
    [InlineData("not-a-version")]
    [InlineData("v1.0")]
    [InlineData("1.0 beta")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1..2")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("-1.0")]
    [InlineData("1.-1")]
    [InlineData("+1.0")]
    [InlineData("2147483648.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-+meta")]
    [InlineData("1.0.0-beta..1")]
    [InlineData("1.0.0-beta.")]
    [InlineData("1.0.0-beta.01")]
    [InlineData("1.0.0-b\u00eata")]
    [InlineData("1.0.0-beta_1")]
    [InlineData("1.0.0+meta_data")]
    [InlineData("1.0.0+meta..data")]
    [InlineData("1.0.0+meta+data")]
    [InlineData("\u0661.0.0")]
    public void Parse_InvalidVersion_ReturnsNullAsVersionAndAsRange(string text)
    {
        Assert.Null(NuGetVersion.Parse(text));
        Assert.Null(NuGetVersionRange.Parse(text));
        Assert.Null(NuGetVersionRange.Parse("[" + text + "]"));
        Assert.Null(NuGetVersionRange.Parse("[1.0, " + text + ")"));
    }

    [Theory]
    [InlineData("1", "1.0.0")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("1.2.3.0", "1.2.3")]
    [InlineData("1.0.0-rc.1-x", "1.0.0-rc.1-x")]
    [InlineData("1.0.0-RC+build.007", "1.0.0-RC")]
    [InlineData("1.0.0+build", "1.0.0")]
    [InlineData("2147483647.0", "2147483647.0.0")]
    public void Parse_Version_NormalizesAsLockFilesWriteIt(string text, string normalized)
    {
        Assert.Equal(normalized, NuGetVersion.Parse(text)?.ToString());
    }

    [Fact]
    public void Parse_Version_ReadsEachPart()
    {
        var version = NuGetVersion.Parse("4.3.2.1-beta.5+sha")!;

        Assert.Equal((4, 3, 2, 1), (version.Major, version.Minor, version.Patch, version.Revision));
        Assert.Equal("beta.5", version.Release);
        Assert.True(version.IsPrerelease);
        Assert.False(NuGetVersion.Parse("4.3.2")!.IsPrerelease);
    }

    // ---- Equality ----

    [Theory]
    [InlineData("1.2.3", "[1.2.3, )", true)]
    [InlineData("1.2", "1.2.0", true)]
    [InlineData("1.2.3.0", "1.2.3", true)]
    [InlineData("1.0.0+build.1", "1.0.0+build.2", true)]
    [InlineData("1.0.0-RC.1", "[1.0.0-rc.1, )", true)]
    [InlineData("[1.0]", "[1.0.0, 1.0.0]", true)]
    [InlineData("[1.0, 2.0)", "[1.0.0,2.0.0)", true)]
    [InlineData("[,2.0]", "(, 2.0]", true)]
    [InlineData("(1.0,]", "(1.0, )", true)]
    [InlineData("1.2.3", "[1.2.3]", false)]
    [InlineData("1.2.3", "(1.2.3, )", false)]
    [InlineData("[1.0, 2.0)", "[1.0, 2.0]", false)]
    [InlineData("[1.0, 2.0)", "[1.0, )", false)]
    [InlineData("(, 2.0]", "[0.0.0, 2.0]", false)]
    [InlineData("1.0.0-beta", "1.0.0", false)]
    [InlineData("1.0.0.1", "1.0.0", false)]
    [InlineData("1.0.0-beta.1", "1.0.0-beta.1.0", false)]
    public void Equals_TrueExactlyWhenTheSameVersionsAreAllowed_WhateverTheNotation(string left, string right, bool equal)
    {
        var a = NuGetVersionRange.Parse(left)!;
        var b = NuGetVersionRange.Parse(right)!;

        Assert.Equal(equal, a.Equals(b));
        Assert.Equal(equal, b.Equals(a));
        Assert.Equal(equal, a.Equals((object)b));
        Assert.Equal(equal, string.Equals(a.ToString(), b.ToString(), StringComparison.OrdinalIgnoreCase));
        if (equal)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void Equals_NullOrOtherType_IsFalse()
    {
        var range = NuGetVersionRange.Parse("1.0")!;

        Assert.False(range.Equals(null));
        Assert.False(range.Equals((object)"1.0"));
        Assert.False(NuGetVersion.Parse("1.0")!.Equals(null));
        Assert.Equal(1, NuGetVersion.Parse("1.0")!.CompareTo(null));
    }

    [Theory]
    [InlineData("[1.2.3]", true)]
    [InlineData("[1.2.3, 1.2.3.0]", true)]
    [InlineData("[1.2.3-RC, 1.2.3-rc]", true)]
    [InlineData("[1.2.3, )", false)]
    [InlineData("1.2.3", false)]
    [InlineData("[1.0, 2.0]", false)]
    [InlineData("(1.0, 1.0)", false)]
    [InlineData("(, 1.0]", false)]
    public void IsExact_OnlyForOneAllowedVersion(string text, bool exact)
    {
        Assert.Equal(exact, NuGetVersionRange.Parse(text)!.IsExact);
    }

    // ---- Containment ----

    [Theory]
    [InlineData("[1.0.0, 2.0.0)", "2.0.0", false)]
    [InlineData("[1.0.0, 2.0.0)", "2.0.0-beta", true)]
    [InlineData("[1.0.0, 2.0.0)", "1.0.0", true)]
    [InlineData("[1.0.0, 2.0.0)", "0.9.9", false)]
    [InlineData("[1.0.0, )", "1.0.0-beta", false)]
    [InlineData("(1.0.0, )", "1.0.0", false)]
    [InlineData("(1.0.0, )", "1.0.0+build", false)]
    [InlineData("(1.0.0, )", "1.0.1", true)]
    [InlineData("(1.0.0, )", "1.0.0.1", true)]
    [InlineData("(, 2.0]", "2.0.0", true)]
    [InlineData("(, 2.0]", "2.0.0.1", false)]
    [InlineData("(, 2.0]", "0.0.1-alpha", true)]
    [InlineData("(, 2.0)", "2.0", false)]
    [InlineData("1.0", "1.0.0+meta", true)]
    [InlineData("1.0", "7.0.0", true)]
    [InlineData("[1.0.0]", "1.0", true)]
    [InlineData("[1.0.0]", "1.0.0-rc", false)]
    [InlineData("[1.0.0-RC.1]", "1.0.0-rc.1", true)]
    [InlineData("(1.0, 1.0)", "1.0", false)]
    public void Contains_ChecksBothBoundsAsNuGetDoes(string range, string version, bool expected)
    {
        Assert.Equal(expected, NuGetVersionRange.Parse(range)!.Contains(NuGetVersion.Parse(version)!));
    }

    // ---- Comparison ----

    [Theory]
    [InlineData("1.0", "1.0.0", 0)]
    [InlineData("1.0.0.0", "1.0.0", 0)]
    [InlineData("1.0.0+build.5", "1.0.0", 0)]
    [InlineData("1.0.0-RC.1", "1.0.0-rc.1", 0)]
    [InlineData("1.0.0-beta", "1.0.0", -1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.10", -1)]
    [InlineData("1.0.0-alpha", "1.0.0-beta", -1)]
    [InlineData("1.0.0-rc", "1.0.0-rc.1", -1)]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta", -1)]
    [InlineData("1.0.0-1", "1.0.0-a", -1)]
    [InlineData("1.0.0-a-b", "1.0.0-a.b", 1)]
    [InlineData("1.0.0-rc.1", "1.0.0.1-alpha", -1)]
    [InlineData("1.10.0", "1.9.0", 1)]
    [InlineData("2.0.0", "10.0.0", -1)]
    [InlineData("1.0.0.1", "1.0.1", -1)]
    [InlineData("1.0.0.10", "1.0.0.9", 1)]
    public void CompareTo_OrdersVersionsAsNuGetDoes(string left, string right, int expected)
    {
        var a = NuGetVersion.Parse(left)!;
        var b = NuGetVersion.Parse(right)!;

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
        Assert.Equal(expected == 0, a.Equals(b));
        if (expected == 0)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }
}
