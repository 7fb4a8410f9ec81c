using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Governance.RuleConfigurationDeviationAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Governance;

public class RuleConfigurationDeviationTests
{
    private const string NoReason = "add a comment with the reason, or remove it";
    private const string NoXmlReason = "add an XML comment with the reason above it, or remove it";

    private const string PlainProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net8.0</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    private static BuildFileInput Config(string text, string path = "/repo/.globalconfig") => new(path, BuildFileKind.AnalyzerConfig, text);

    private static BuildFileInput Project(string text = PlainProject) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    private static BuildFileInput Props(string text) => new("/repo/Directory.Build.props", BuildFileKind.DirectoryBuildProps, text);

    private static BuildFileInput[] Files(params BuildFileInput[] files) => files;

    // ---- Detect ----

    [Fact]
    public async Task Detect_GlobalConfigSwitchesOffAWarningRule_NamesSettingRuleAndAdvice()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                {|#0:dotnet_diagnostic.SCR2001.severity = none|}
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "dotnet_diagnostic.SCR2001.severity = none",
                "switches off",
                "SCR2001 (Do not build SQL from untrusted input)",
                NoReason));
    }

    [Fact]
    public async Task Detect_SilentAndSuggestion_AndAFileNamedGlobalconfigIsGlobalWithoutTheKey()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                {|#0:dotnet_diagnostic.SCR1001.severity = silent|}
                {|#1:dotnet_diagnostic.SCR1011.severity: suggestion|}
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_diagnostic.SCR1001.severity = silent", "switches off", "SCR1001 (Do not use broken hash algorithms (MD5, SHA-1, RIPEMD-160))", NoReason),
            Verify.Diagnostic().WithLocation(1).WithArguments("dotnet_diagnostic.SCR1011.severity: suggestion", "downgrades", "SCR1011 (Do not disable TLS certificate validation) from error to suggestion", NoReason));
    }

    [Fact]
    public async Task Detect_CommentAboveIsTheJustification_AndTrailingCommentToo()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true

                # Legacy importer: SQL text comes from signed migration scripts only (ticket SEC-112).
                {|#0:dotnet_diagnostic.SCR2001.severity = none|}

                {|#1:dotnet_diagnostic.SCR2003.severity = none|}   # paths are built from a fixed allow-list
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_diagnostic.SCR2001.severity = none", "switches off", "SCR2001 (Do not build SQL from untrusted input)",
                "justified: Legacy importer: SQL text comes from signed migration scripts only (ticket SEC-112)."),
            Verify.Diagnostic().WithLocation(1).WithArguments("dotnet_diagnostic.SCR2003.severity = none", "switches off", "SCR2003 (Do not access files with untrusted paths)",
                "justified: paths are built from a fixed allow-list"));
    }

    [Fact]
    public async Task Detect_EditorConfigSectionForCSharpFiles_NamesTheSection()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                root = true

                [*.cs]
                indent_size = 4
                {|#0:dotnet_diagnostic.SCR1010.severity = none|}

                [tests/**/*.{cs,vb}]
                {|#1:dotnet_diagnostic.scr1005.severity = NONE|}
                """, "/repo/.editorconfig")),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_diagnostic.SCR1010.severity = none in [*.cs]", "switches off", "SCR1010 (Do not use System.Random for security-sensitive values)", NoReason),
            Verify.Diagnostic().WithLocation(1).WithArguments("dotnet_diagnostic.scr1005.severity = NONE in [tests/**/*.{cs,vb}]", "switches off", "SCR1005 (Do not hard-code cryptographic keys)", NoReason));
    }

    [Fact]
    public async Task Detect_MicrosoftAndSecurityCodeScanRules_AndTheirCategory()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                {|#0:dotnet_diagnostic.CA5350.severity = none|}
                {|#1:dotnet_diagnostic.SCS0002.severity = silent|}
                {|#2:dotnet_analyzer_diagnostic.category-Security.severity = none|}
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_diagnostic.CA5350.severity = none", "switches off", "CA5350 (a .NET security analyzer rule)", NoReason),
            Verify.Diagnostic().WithLocation(1).WithArguments("dotnet_diagnostic.SCS0002.severity = silent", "switches off", "SCS0002 (a Security Code Scan rule)", NoReason),
            Verify.Diagnostic().WithLocation(2).WithArguments("dotnet_analyzer_diagnostic.category-Security.severity = none", "switches off",
                "the security rules of Microsoft's .NET analyzers and Security Code Scan (category Security) that have no severity of their own", NoReason));
    }

    [Fact]
    public async Task Detect_OurCategoryLowered_SaysItHasNoEffect()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                {|#0:dotnet_analyzer_diagnostic.category-Security.Injection.severity = suggestion|}
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_analyzer_diagnostic.category-Security.Injection.severity = suggestion", "would lower", "the Security.Injection rules (Injection)",
                "it has no effect, the SecureCodingAnalyzers profile sets each rule's severity: remove it, or set dotnet_diagnostic.<ID>.severity for the rules you mean, with a comment giving the reason"));
    }

    [Fact]
    public async Task Detect_AllAnalyzersSwitchedOff()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                {|#0:dotnet_analyzer_diagnostic.severity = none|}
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_analyzer_diagnostic.severity = none", "switches off",
                "every analyzer rule without a severity of its own, Microsoft's .NET security rules (category Security) included", NoReason));
    }

    [Fact]
    public async Task Detect_NoWarnInTheProject_ReportedOnTheId()
    {
        await Verify.VerifyAsync(
            Files(Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                    <NoWarn>$(NoWarn);1591;{|#0:SCR1001|};CA1062</NoWarn>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingNoWarn = 1701,1702,1591,SCR1001,CA1062",
            Verify.Diagnostic().WithLocation(0).WithArguments("NoWarn", "switches off", "SCR1001 (Do not use broken hash algorithms (MD5, SHA-1, RIPEMD-160))", NoXmlReason));
    }

    [Fact]
    public async Task Detect_NoWarnInDirectoryBuildProps_WithXmlCommentAsJustification()
    {
        await Verify.VerifyAsync(
            Files(Project(), Props("""
                <Project>
                  <PropertyGroup>
                    <!-- CA5394: Random only shuffles demo data in the simulator; no security use (SEC-7). -->
                    <NoWarn>$(NoWarn);{|#0:CA5394|}</NoWarn>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingNoWarn = CA5394",
            Verify.Diagnostic().WithLocation(0).WithArguments("NoWarn", "switches off", "CA5394 (a .NET security analyzer rule)",
                "justified: CA5394: Random only shuffles demo data in the simulator; no security use (SEC-7)."));
    }

    [Fact]
    public async Task Detect_NoWarnFromElsewhere_ReportedOnceOnTheProjectRoot()
    {
        await Verify.VerifyAsync(
            Files(Project("""
                <{|#0:Project|} Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingNoWarn = SCR2002,scr2002",
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "NoWarn (set outside the project file and Directory.Build.props: an imported file, a response file or the command line)",
                "switches off",
                "SCR2002 (Do not start processes with untrusted program names or arguments)",
                "find where it is set and add the reason there, or remove it"));
    }

    [Fact]
    public async Task Detect_IsGlobalWithAnyValue_MakesTheFileGlobal_AsForTheCompiler()
    {
        // The compiler treats a file with an is_global key as global whatever the value (checked with the .NET SDK).
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = false
                {|#0:dotnet_diagnostic.SCR2001.severity = none|}
                """, "/repo/build/legacy.globalconfig")),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_diagnostic.SCR2001.severity = none", "switches off", "SCR2001 (Do not build SQL from untrusted input)", NoReason));
    }

    [Fact]
    public async Task Detect_GovernanceRuleSwitchedOff_InConfigurationAndNoWarn()
    {
        // SCR9001 off would hide every unjustified suppression: the line that does it is itself a deviation.
        const string Scr9001 = "SCR9001 (Justify every suppression of a security rule)";
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                {|#0:dotnet_diagnostic.SCR9001.severity = none|}
                """), Props("""
                <Project>
                  <PropertyGroup>
                    <NoWarn>$(NoWarn);{|#1:SCR9001|}</NoWarn>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingNoWarn = SCR9001",
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_diagnostic.SCR9001.severity = none", "switches off", Scr9001, NoReason),
            Verify.Diagnostic().WithLocation(1).WithArguments("NoWarn", "switches off", Scr9001, NoXmlReason));
    }

    [Fact]
    public async Task Detect_GovernanceRuleDowngraded()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                # Legacy solution: suppressions are audited by hand until SEC-31 closes.
                {|#0:dotnet_diagnostic.SCR9001.severity = suggestion|}
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet_diagnostic.SCR9001.severity = suggestion", "downgrades",
                "SCR9001 (Justify every suppression of a security rule) from warning to suggestion", "justified: Legacy solution: suppressions are audited by hand until SEC-31 closes."));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_SeverityValuesTheCompilerIgnores()
    {
        // 'hidden', 'info' and 'off' are not severities for the compiler: it warns and keeps the rule's own severity.
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                dotnet_diagnostic.SCR2001.severity = hidden
                dotnet_diagnostic.SCR2002.severity = info
                dotnet_diagnostic.SCR2003.severity = off
                """)),
            null);
    }


    [Fact]
    public async Task Safe_RaisingSeveritiesAndDefault()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                dotnet_diagnostic.SCR2001.severity = error
                dotnet_diagnostic.SCR1001.severity = warning
                dotnet_diagnostic.SCR1011.severity = default
                dotnet_analyzer_diagnostic.category-Security.severity = error
                dotnet_diagnostic.CA5350.severity = warning
                """)),
            null);
    }

    [Fact]
    public async Task Safe_OtherAnalyzersAndStyleRules()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                root = true

                [*.cs]
                dotnet_diagnostic.CA1062.severity = none
                dotnet_diagnostic.IDE0005.severity = none
                dotnet_diagnostic.CS1591.severity = none
                dotnet_diagnostic.SA1633.severity = none
                dotnet_analyzer_diagnostic.category-Style.severity = none
                dotnet_analyzer_diagnostic.category-Design.severity = suggestion
                dotnet_diagnostic.CA2000.severity = suggestion
                dotnet_diagnostic.CA5999.severity = none
                csharp_style_var_for_built_in_types = true:suggestion
                """, "/repo/.editorconfig")),
            null);
    }

    [Fact]
    public async Task Safe_HeuristicAndOptInRulesAtOrAboveTheirDefault()
    {
        // SCR5020 is a heuristic (suggestion by default); SCR2000 is opt-in (off by default).
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                dotnet_diagnostic.SCR5020.severity = suggestion
                dotnet_diagnostic.SCR2000.severity = none
                dotnet_diagnostic.CA5350.severity = suggestion
                """)),
            null);
    }

    [Fact]
    public async Task Safe_EditorConfigTopLevelKeysAndOtherFileTypes()
    {
        // Outside a section, an .editorconfig's keys are ignored by the compiler; [*.md] and [*.csproj] are not C#.
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                root = true
                dotnet_diagnostic.SCR2001.severity = none

                [*.md]
                dotnet_diagnostic.SCR2001.severity = none

                [*.{csproj,props,targets}]
                dotnet_diagnostic.SCR5001.severity = none
                """, "/repo/src/.editorconfig")),
            null);
    }

    [Fact]
    public async Task Safe_OverriddenLaterInTheSameSection()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                dotnet_diagnostic.SCR2001.severity = none
                dotnet_diagnostic.SCR2001.severity = warning
                """)),
            null);
    }

    [Fact]
    public async Task Safe_CommentedOutAndMalformedLines()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                # dotnet_diagnostic.SCR2001.severity = none
                ; dotnet_diagnostic.SCR2002.severity = none
                dotnet_diagnostic.SCR2003.severity
                = none
                [unterminated
                dotnet diagnostic.SCR2004.severity = none
                dotnet_diagnostic..severity = none
                dotnet_diagnostic.SCR2005.severity = nonsense
                dotnet_analyzer_diagnostic.category-.severity = none
                dotnet_analyzer_diagnostic.category-Security.Unknown.severity = none
                dotnet_diagnostic.SCR9002.severity = none
                """)),
            null);
    }

    [Fact]
    public async Task Safe_NoWarnWithoutSecurityIds_AndNoFiles()
    {
        await Verify.VerifyAsync(
            Files(Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <NoWarn>$(NoWarn);1591;CA1062;NU1603;SCR20011</NoWarn>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingNoWarn = 1701,1702,1591,CA1062,NU1603,SCR20011");
        await Verify.VerifyAsync(Files(), "SecureCodingNoWarn = SCR2001");
    }

    [Fact]
    public async Task Safe_TheIdInsideALongerToken_IsNotTheNoWarnSite()
    {
        // SCR20011 in the element is not SCR2001: the evaluated value came from elsewhere.
        await Verify.VerifyAsync(
            Files(Project("""
                <{|#0:Project|}>
                  <PropertyGroup>
                    <NoWarn>SCR20011</NoWarn>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingNoWarn = SCR2001",
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "NoWarn (set outside the project file and Directory.Build.props: an imported file, a response file or the command line)",
                "switches off", "SCR2001 (Do not build SQL from untrusted input)", "find where it is set and add the reason there, or remove it"));
    }

    [Fact]
    public async Task Safe_SharedFilesInASecondTargetFramework()
    {
        await Verify.VerifyAsync(
            Files(Project(), Config("""
                is_global = true
                dotnet_diagnostic.SCR2001.severity = none
                """), Props("""
                <Project><PropertyGroup><NoWarn>SCR1001</NoWarn></PropertyGroup></Project>
                """)),
            """
            SecureCodingReportSharedFiles = false
            SecureCodingNoWarn = SCR1001
            """);
    }

    [Fact]
    public async Task Safe_MalformedProjectAndEmptyConfig()
    {
        await Verify.VerifyAsync(
            Files(Project("<Project><NoWarn>SCR1001"), Config(string.Empty)),
            "SecureCodingNoWarn = SCR1001");
    }
}
