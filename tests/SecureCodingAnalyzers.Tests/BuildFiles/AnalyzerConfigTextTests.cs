using System.Linq;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.BuildFiles;
using Xunit;

namespace SecureCodingAnalyzers.Tests.BuildFiles;

/// <summary>
/// The one reader of .editorconfig/.globalconfig files (SCR9002 and `evidence standard`): what the compiler reads,
/// checked against what a build with the .NET SDK does (trailing comments end a value; any is_global value makes a
/// file global).
/// </summary>
public class AnalyzerConfigTextTests
{
    [Fact]
    public void Sections_AndTheGlobalSection()
    {
        var document = AnalyzerConfigText.Parse("""
            root = true

            [*.cs]
            dotnet_diagnostic.SCR1001.severity = none
            [tests/**/*.{cs,vb}] # test code
            dotnet_diagnostic.SCR1002.severity = warning
            """);

        Assert.Equal(
            [(null, "root", "true"), ("*.cs", "dotnet_diagnostic.scr1001.severity", "none"), ("tests/**/*.{cs,vb}", "dotnet_diagnostic.scr1002.severity", "warning")],
            document.Properties.Select(p => (p.Section, p.Key, p.Value)));
        Assert.Equal([1, 4, 6], document.Properties.Select(p => p.Line));
        Assert.Equal(
            [AnalyzerConfigLineKind.Property, AnalyzerConfigLineKind.Section, AnalyzerConfigLineKind.Property, AnalyzerConfigLineKind.Section, AnalyzerConfigLineKind.Property],
            document.Lines.Select(l => l.Kind));
    }

    [Fact]
    public void IsGlobal_ByTheKeyWhateverItsValue_OrByTheFileName()
    {
        Assert.True(AnalyzerConfigText.Parse("is_global = true\n").IsGlobal("/repo/a.globalconfig"));
        Assert.True(AnalyzerConfigText.Parse("is_global = false\n").IsGlobal("/repo/a.globalconfig"));
        Assert.True(AnalyzerConfigText.Parse("# nothing\n").IsGlobal(@"C:\repo\.GlobalConfig"));
        Assert.False(AnalyzerConfigText.Parse("root = true\n").IsGlobal("/repo/.editorconfig"));
        Assert.False(AnalyzerConfigText.Parse("[*.cs]\nis_global = true\n").IsGlobal("/repo/x.globalconfig"));
        Assert.True(AnalyzerConfigText.Parse("is_global = true\n").IsGlobal(null));
    }

    [Fact]
    public void GlobalLevel_ExplicitElseByName()
    {
        Assert.Equal(-5, AnalyzerConfigText.Parse("is_global = true\nglobal_level = -5\n").GlobalLevel("/r/a.globalconfig"));
        Assert.Equal(100, AnalyzerConfigText.Parse("global_level = high\n").GlobalLevel("/r/.globalconfig"));
        Assert.Equal(0, AnalyzerConfigText.Parse("is_global = true\n").GlobalLevel("/r/a.globalconfig"));
        Assert.Equal("high", AnalyzerConfigText.Parse("global_level = high\n").GlobalLevelValue);
    }

    [Fact]
    public void Comments_HashAndSemicolon_FullLineAndTrailing()
    {
        var document = AnalyzerConfigText.Parse("""
            # leading one
            ; leading two

            is_global = true
            # dotnet_diagnostic.SCR2001.severity = none
            ; reason above
              dotnet_diagnostic.SCR2002.severity = none   # reason after
            dotnet_diagnostic.SCR2003.severity = none; semicolon too
            """);

        Assert.Equal<string>(["leading one", "leading two"], document.LeadingComments);
        var (second, third) = (document.Properties[1], document.Properties[2]);
        Assert.Equal("none", second.Value);
        Assert.Equal<string>(["dotnet_diagnostic.SCR2001.severity = none", "reason above"], second.CommentsAbove);
        Assert.Equal("reason after", second.TrailingComment);
        Assert.Equal("dotnet_diagnostic.SCR2002.severity = none", second.Text);
        Assert.Equal("none", third.Value);
        Assert.Equal("semicolon too", third.TrailingComment);
        Assert.Empty(third.CommentsAbove);
        Assert.Equal(3, document.Properties.Length);
    }

    [Fact]
    public void Span_IsTheAssignmentWithoutIndentOrComment()
    {
        const string Text = "is_global = true\n  dotnet_diagnostic.SCR2002.severity: none  # why\n";
        var property = AnalyzerConfigText.Parse(Text).Properties[1];

        Assert.Equal("dotnet_diagnostic.SCR2002.severity: none", Text.Substring(property.Span.Start, property.Span.Length));
        Assert.Equal(property.Text, Text.Substring(property.Span.Start, property.Span.Length));
    }

    [Fact]
    public void Case_KeysLowered_IdsAndValuesAsWritten_SeveritiesIgnoreCase()
    {
        var property = AnalyzerConfigText.Parse("[*.CS]\nDotNet_Diagnostic.scr1005.Severity = NONE\n").Properties.Single();

        Assert.Equal("dotnet_diagnostic.scr1005.severity", property.Key);
        Assert.Equal("DotNet_Diagnostic.scr1005.Severity", property.KeyAsWritten);
        Assert.Equal("scr1005", property.DiagnosticId);
        Assert.Equal("NONE", property.Value);
        Assert.Equal(ReportDiagnostic.Suppress, property.Severity);
        Assert.Equal("*.CS", property.Section);
    }

    [Theory]
    [InlineData("default", ReportDiagnostic.Default)]
    [InlineData("error", ReportDiagnostic.Error)]
    [InlineData("Warning", ReportDiagnostic.Warn)]
    [InlineData("suggestion", ReportDiagnostic.Info)]
    [InlineData("silent", ReportDiagnostic.Hidden)]
    [InlineData("refactoring", ReportDiagnostic.Hidden)]
    [InlineData("none", ReportDiagnostic.Suppress)]
    public void Severity_TheCompilersValues(string value, ReportDiagnostic expected)
        => Assert.Equal(expected, AnalyzerConfigText.ParseSeverity(value));

    [Theory]
    [InlineData("warn")]
    [InlineData("info")]
    [InlineData("hidden")]
    [InlineData("off")]
    [InlineData("")]
    public void Severity_OtherValuesAreNone_TheCompilerIgnoresThem(string value)
        => Assert.Null(AnalyzerConfigText.ParseSeverity(value));

    [Fact]
    public void DiagnosticAndCategoryKeys()
    {
        var properties = AnalyzerConfigText.Parse("""
            is_global = true
            dotnet_diagnostic.CA5350.severity = none
            dotnet_analyzer_diagnostic.category-Security.Injection.severity = suggestion
            dotnet_analyzer_diagnostic.severity = none
            dotnet_diagnostic.SCR9001.additional_security_rules = S2077
            dotnet_diagnostic..severity = none
            dotnet_analyzer_diagnostic.category-.severity = none
            """).Properties;

        Assert.Equal([null, "CA5350", null, null, null, null, null], properties.Select(p => p.DiagnosticId));
        Assert.Equal([null, null, "Security.Injection", "", null, null, null], properties.Select(p => p.BulkCategory));
    }

    [Fact]
    public void LastAssignmentInASection_Overrides()
    {
        var properties = AnalyzerConfigText.Parse("""
            is_global = true
            dotnet_diagnostic.SCR2001.severity = none
            DOTNET_DIAGNOSTIC.SCR2001.SEVERITY = warning
            [*.cs]
            dotnet_diagnostic.SCR2001.severity = none
            """).Properties;

        Assert.Equal([false, true, false, false], properties.Select(p => p.IsOverridden));
    }

    [Fact]
    public void MalformedLines_AreUnreadable_NeverThrow()
    {
        var document = AnalyzerConfigText.Parse("""
            dotnet_diagnostic.SCR2003.severity
            = none
            [unterminated
            []
            [a#b]
            dotnet diagnostic.SCR2004.severity = none
            key = value = more
            [a\#b] ; escaped
            """ + "\n\0\uFFFF ]]] [[[ :::\n");

        Assert.Equal(
            ["dotnet_diagnostic.SCR2003.severity", "= none", "[unterminated", "[]", "[a#b]", "dotnet diagnostic.SCR2004.severity = none", "\0\uFFFF ]]] [[[ :::"],
            document.Lines.Where(l => l.Kind == AnalyzerConfigLineKind.Unreadable).Select(l => l.Text));
        Assert.Equal("value = more", document.Properties.Single().Value);
        Assert.Equal(@"a\#b", document.Lines.Single(l => l.Kind == AnalyzerConfigLineKind.Section).Text[1..5]);
        Assert.Empty(AnalyzerConfigText.Parse(string.Empty).Lines);
        Assert.Empty(AnalyzerConfigText.Parse("\r\n\r\n  \t\n").Lines);
    }
}
