using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Rules.Dependencies;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.NuGetAuditAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.NuGetAuditCodeFixProvider>;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.NuGetAuditCodeFixProvider;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.NuGetAuditAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class NuGetAuditTests
{
    private const string ProjectPath = "/repo/App/App.csproj";
    private const string PropsPath = "/repo/Directory.Build.props";

    /// <summary>An assets file with one package, so the project has something to audit.</summary>
    private const string AssetsWithPackage = """
        { "version": 3, "targets": { "net8.0": {} }, "libraries": {
          "Contoso.Plc/1.4.2": { "type": "package", "path": "contoso.plc/1.4.2", "files": [ ".signature.p7s", "lib/net8.0/Contoso.Plc.dll" ] }
        } }
        """;

    private static BuildFileInput Project(string text) => new(ProjectPath, BuildFileKind.Project, text);

    private static BuildFileInput Props(string text) => new(PropsPath, BuildFileKind.DirectoryBuildProps, text);

    private static BuildFileInput Assets(string text = AssetsWithPackage) => new("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, text);

    private static BuildFileInput PlainProject() => Project("""<Project Sdk="Microsoft.NET.Sdk" />""");

    // ---- Detect ----

    [Fact]
    public async Task Detect_SCR5030_AuditOff_InDirectoryBuildProps()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                PlainProject(),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <NuGetAudit>{|#0:false|}</NuGetAudit>
                        <NuGetAuditLevel>high</NuGetAuditLevel>
                      </PropertyGroup>
                    </Project>
                    """)),
            "NuGetAudit = false\nNuGetAuditLevel = high\nNuGetAuditMode = direct",
            new DiagnosticResult(RuleCatalog.NuGetAuditWeakened).WithLocation(0).WithArguments("NuGetAudit is 'false'", "known vulnerabilities of all packages"));
    }

    [Fact]
    public async Task Detect_SCR5030_ModeAndLevel_InTheProject()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFramework>net10.0</TargetFramework>
                        <NuGetAuditMode>{|#0:Direct|}</NuGetAuditMode>
                        <NuGetAuditLevel>{|#1:critical|}</NuGetAuditLevel>
                      </PropertyGroup>
                    </Project>
                    """),
                Assets()),
            "NuGetAudit = true\nNuGetAuditMode = Direct\nNuGetAuditLevel = critical",
            new DiagnosticResult(RuleCatalog.NuGetAuditWeakened).WithLocation(0).WithArguments("NuGetAuditMode is 'Direct'", "known vulnerabilities of transitive packages"),
            new DiagnosticResult(RuleCatalog.NuGetAuditWeakened).WithLocation(1).WithArguments("NuGetAuditLevel is 'critical'", "known vulnerabilities rated low, moderate or high"));
    }

    [Fact]
    public async Task Detect_SCR5030_EveryElementThatSetsTheValue_AndPropertyIndirection()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <NuGetAuditLevel>{|SCR5030:$(PlantAuditLevel)|}</NuGetAuditLevel>
                      </PropertyGroup>
                    </Project>
                    """),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <PlantAuditLevel>moderate</PlantAuditLevel>
                        <NuGetAuditLevel>{|SCR5030:moderate|}</NuGetAuditLevel>
                        <NuGetAuditLevel Condition="'$(Configuration)' == 'Debug'">low</NuGetAuditLevel>
                      </PropertyGroup>
                    </Project>
                    """)),
            "NuGetAuditLevel = moderate");
    }

    [Fact]
    public async Task Detect_SCR5030_SetOutsideTheFiles_OnTheProjectRoot()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project("""
                <{|#0:Project|} Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                  </PropertyGroup>
                </Project>
                """)),
            "NuGetAudit = FALSE",
            new DiagnosticResult(RuleCatalog.NuGetAuditWeakened).WithLocation(0).WithArguments("NuGetAudit is 'FALSE' (set outside the project files)", "known vulnerabilities of all packages"));
    }

    [Fact]
    public async Task Detect_SCR5030_SdkDefaultDirectMode_WhenTheProjectHasPackages()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <{|#0:Project|} Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFramework>net8.0</TargetFramework>
                      </PropertyGroup>
                    </Project>
                    """),
                Assets()),
            "NuGetAudit = true\nNuGetAuditMode = direct\nNuGetAuditLevel = low",
            new DiagnosticResult(RuleCatalog.NuGetAuditWeakened).WithLocation(0).WithArguments(
                "NuGetAuditMode is 'direct' (the SDK default before .NET 10, or set outside the project files)",
                "known vulnerabilities of transitive packages"));
    }

    [Fact]
    public async Task Detect_SCR5031_NoWarn_OnTheCode_OncePerElement()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <NoWarn>$(NoWarn);CS1591;{|#0:NU1901|};{|#3:nu1605|}, {|#1:NU3028|};NU1901</NoWarn>
                      </PropertyGroup>
                    </Project>
                    """),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <NoWarn>
                          $(NoWarn);
                          {|#2:NU1605|};
                          NU1701
                        </NoWarn>
                      </PropertyGroup>
                    </Project>
                    """)),
            "NoWarn = 1701\nSecureCodingNoWarn = 1701,1702,NU1605,NU1701,CS1591,NU1901,nu1605,NU3028,NU1901",
            new DiagnosticResult(RuleCatalog.SupplyChainWarningSuppressed).WithLocation(0).WithArguments("NoWarn", "suppresses", "NU1901 (a package with a known low severity vulnerability)"),
            new DiagnosticResult(RuleCatalog.SupplyChainWarningSuppressed).WithLocation(2).WithArguments("NoWarn", "suppresses", "NU1605 (a package downgrade)"),
            new DiagnosticResult(RuleCatalog.SupplyChainWarningSuppressed).WithLocation(3).WithArguments("NoWarn", "suppresses", "NU1605 (a package downgrade)"),
            new DiagnosticResult(RuleCatalog.SupplyChainWarningSuppressed).WithLocation(1).WithArguments("NoWarn", "suppresses", "NU3028 (package signature verification)"));
    }

    [Fact]
    public async Task Detect_SCR5031_WarningsNotAsErrors_IsADowngrade_WhenWarningsAreErrors()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PlainProject(), Props("""
                <Project>
                  <PropertyGroup>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <WarningsNotAsErrors>$(WarningsNotAsErrors);{|#0:NU1603|}</WarningsNotAsErrors>
                  </PropertyGroup>
                </Project>
                """)),
            "TreatWarningsAsErrors = true\nSecureCodingWarningsNotAsErrors = ,NU1603",
            new DiagnosticResult(RuleCatalog.SupplyChainWarningSuppressed).WithLocation(0).WithArguments("WarningsNotAsErrors", "downgrades", "NU1603 (a dependency resolved to an approximate best match) to a warning"));
    }

    [Fact]
    public async Task Detect_SCR5031_SetOutsideTheFiles_OnTheProjectRoot_OncePerCode()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project("""
                <{|#0:Project|} Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <NoWarn>$(NoWarn);$(PlantSuppressions)</NoWarn>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingNoWarn = NU1803,NU1507,NU1803",
            new DiagnosticResult(RuleCatalog.SupplyChainWarningSuppressed).WithLocation(0).WithArguments("NoWarn (set outside the project files)", "suppresses", "NU1803 (a package source over plain http)"),
            new DiagnosticResult(RuleCatalog.SupplyChainWarningSuppressed).WithLocation(0).WithArguments("NoWarn (set outside the project files)", "suppresses", "NU1507 (several package sources without package source mapping)"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_StrongAuditSettings_AndCommonSuppressions()
    {
        // The repository's own settings: audit on, all packages; NoWarn with compiler and non-supply-chain NuGet codes.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFramework>net8.0</TargetFramework>
                        <NoWarn>$(NoWarn);CS1591;NU1701;NU5104;NU1900;NU1608X;XNU1605</NoWarn>
                        <WarningsAsErrors>NU1605;NU1901</WarningsAsErrors>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Contoso.Plc" Version="1.4.2" NoWarn="NU1701" />
                      </ItemGroup>
                    </Project>
                    """),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <NuGetAudit>true</NuGetAudit>
                        <NuGetAuditMode>all</NuGetAuditMode>
                        <NuGetAuditLevel>low</NuGetAuditLevel>
                        <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                      </PropertyGroup>
                    </Project>
                    """),
                Assets()),
            "NuGetAudit = true\nNuGetAuditMode = all\nNuGetAuditLevel = low\nSecureCodingNoWarn = 1701,1702,CS1591,NU1701,NU5104,NU1900,NU1608X,XNU1605\nWarningsAsErrors = NU1605\nTreatWarningsAsErrors = false");
    }

    [Fact]
    public async Task Safe_WarningsNotAsErrors_WithoutTreatWarningsAsErrors_ChangesNothing()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PlainProject(), Props("""
                <Project>
                  <PropertyGroup>
                    <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>
                  </PropertyGroup>
                </Project>
                """)),
            "SecureCodingWarningsNotAsErrors = ,NU1603");
    }

    [Theory]
    [InlineData("dotnet_diagnostic.SCR5031.accepted_codes = NU1603")]
    [InlineData("secure_coding.accepted_codes = nu1603, NU1701")]
    [InlineData("dotnet_diagnostic.SCR5031.accepted_codes = NU16*")]
    public async Task Safe_SCR5031_AcceptedCodes_JustifiedInTheConfiguration(string option)
    {
        // The repository's own case: the registry copy on build machines lacks some exact versions (NU1603).
        await Verify.VerifyWithOptionsAsync(
            new[]
            {
                Project("""<Project Sdk="Microsoft.NET.Sdk" />"""),
                new BuildFileInput("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, Verify.RestoredAssets),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>
                        <NoWarn>$(NoWarn);{|SCR5031:NU1901|}</NoWarn>
                      </PropertyGroup>
                    </Project>
                    """),
            },
            "TreatWarningsAsErrors = true\nSecureCodingWarningsNotAsErrors = ,NU1603\nSecureCodingNoWarn = 1701,1702,NU1901",
            "# Justification: the build machines' registry copy lacks some exact versions; NU1603 stays visible as a warning.\n" + option);
    }

    [Fact]
    public async Task Safe_XmlValueOverriddenByEvaluation_IsNotReported()
    {
        // The props file says false, the project (evaluated later) says true: evaluation wins.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <NuGetAudit>true</NuGetAudit>
                      </PropertyGroup>
                    </Project>
                    """),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <NuGetAudit>false</NuGetAudit>
                        <NoWarn>NU1901</NoWarn>
                      </PropertyGroup>
                    </Project>
                    """)),
            "NuGetAudit = true\nSecureCodingNoWarn = CS1591");
    }

    [Fact]
    public async Task Safe_SdkDefaultDirectMode_WithoutPackages()
    {
        await Verify.VerifyAsync(Verify.Restored(PlainProject()), "NuGetAuditMode = direct");
    }

    [Fact]
    public async Task Safe_NothingBeforeRestore_OrInOtherInnerBuildsForSharedFiles()
    {
        await Verify.VerifyAsync(new[] { PlainProject() }, "NuGetAudit = false\nNoWarn = NU1901");
        await Verify.VerifyAsync(
            Verify.Restored(
                PlainProject(),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <NoWarn>NU1901</NoWarn>
                      </PropertyGroup>
                    </Project>
                    """)),
            "SecureCodingReportSharedFiles = false\nNoWarn = NU1901");
    }

    // ---- Fix ----

    [Theory]
    [InlineData("NuGetAudit", "false", "true")]
    [InlineData("NuGetAuditMode", "direct", "all")]
    [InlineData("NuGetAuditLevel", "high", "low")]
    public async Task Fix_SCR5030_SetsTheStrongestValue(string property, string weak, string strong)
    {
        var props = $$"""
            <Project>
              <PropertyGroup>
                <{{property}}>{{weak}}</{{property}}>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(Verify.Restored(PlainProject(), Props(props), Assets()), Fixer.StrengthenKey, $"{property} = {weak}");
        Assert.Equal(props.Replace($">{weak}<", $">{strong}<"), texts[PropsPath]);
    }

    [Fact]
    public async Task Fix_SCR5030_RemovesTheElement_ForAuditAndLevelOnly()
    {
        var props = """
            <Project>
              <PropertyGroup>
                <Deterministic>true</Deterministic>
                <NuGetAuditLevel Condition="'$(CI)' != 'true'">critical</NuGetAuditLevel>
                <NuGetAuditMode>direct</NuGetAuditMode>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(Verify.Restored(PlainProject(), Props(props), Assets()), Fixer.RemoveKey, "NuGetAuditLevel = critical\nNuGetAuditMode = direct");
        Assert.Equal(props.Replace("    <NuGetAuditLevel Condition=\"'$(CI)' != 'true'\">critical</NuGetAuditLevel>\n", string.Empty), texts[PropsPath]);

        var offered = await Harness.OfferedAsync(Verify.Restored(PlainProject(), Props(props), Assets()), "NuGetAuditLevel = critical\nNuGetAuditMode = direct");
        Assert.Equal(new[] { "Set NuGetAuditLevel to low", "Remove NuGetAuditLevel (NuGet's default is low)", "Set NuGetAuditMode to all" }, offered);
    }

    [Theory]
    [InlineData("$(NoWarn);NU1901;CS1591", "$(NoWarn);CS1591")]
    [InlineData("$(NoWarn);CS1591;NU1901", "$(NoWarn);CS1591")]
    [InlineData("CS1591, NU1901 ,CS0618", "CS1591, CS0618")]
    [InlineData("NU1901;", "")]
    public async Task Fix_SCR5031_RemovesTheCode_KeepingTheListTidy(string before, string after)
    {
        var project = $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <NoWarn>{{before}}</NoWarn>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(Verify.Restored(Project(project)), Fixer.RemoveCodeKey, "SecureCodingNoWarn = " + before.Replace(';', ','));
        var expected = after.Length == 0
            ? project.Replace($"    <NoWarn>{before}</NoWarn>\n", string.Empty)
            : project.Replace(before, after);
        Assert.Equal(expected, texts[ProjectPath]);
    }

    [Fact]
    public async Task Fix_SCR5031_RemovesAnElementLeftWithOnlyItsSelfReference()
    {
        var props = """
            <Project>
              <PropertyGroup>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(Verify.Restored(PlainProject(), Props(props)), Fixer.RemoveCodeKey, "TreatWarningsAsErrors = true\nSecureCodingWarningsNotAsErrors = NU1603");
        Assert.Equal(props.Replace("    <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>\n", string.Empty), texts[PropsPath]);
    }

    [Fact]
    public async Task Fix_SCR5031_FixAll_MultiLineList()
    {
        var props = """
            <Project>
              <PropertyGroup>
                <NoWarn>
                  $(NoWarn);
                  NU1605;
                  CS1591;
                  NU1902;
                  NU1701
                </NoWarn>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.FixAllAsync(Verify.Restored(PlainProject(), Props(props)), Fixer.RemoveCodeKey, "SecureCodingNoWarn = NU1605,CS1591,NU1902,NU1701");
        Assert.Equal(props.Replace("      NU1605;\n", string.Empty).Replace("      NU1902;\n", string.Empty), texts[PropsPath]);
    }

    [Fact]
    public async Task Fix_NotOfferedOnTheProjectRoot()
    {
        Assert.Empty(await Harness.OfferedAsync(Verify.Restored(PlainProject(), Assets()), "NuGetAudit = false\nNoWarn = NU1901"));
    }
}
