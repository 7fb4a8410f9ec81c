using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.CentralFloatingVersionsCodeFixProvider;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.CentralFloatingVersionsAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.CentralFloatingVersionsCodeFixProvider>;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.CentralFloatingVersionsAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class CentralFloatingVersionsTests
{
    private const string Enabled = """
        ManagePackageVersionsCentrally = true
        CentralPackageFloatingVersionsEnabled = true
        """;

    private static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    private static BuildFileInput PackagesProps(string text) => new("/repo/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, text);

    private static BuildFileInput BuildProps(string text) => new("/repo/Directory.Build.props", BuildFileKind.DirectoryBuildProps, text);

    private const string PlainProject = """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="A" /></ItemGroup></Project>""";

    // ---- Detect ----

    [Fact]
    public async Task Detect_InDirectoryPackagesProps_OnTheWholeElement()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project(PlainProject),
                PackagesProps("""
                    <Project>
                      <PropertyGroup>
                        <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                        {|#0:<CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled>|}
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageVersion Include="A" Version="1.*" />
                      </ItemGroup>
                    </Project>
                    """)),
            Enabled,
            Verify.Diagnostic().WithLocation(0));
    }

    [Fact]
    public async Task Detect_EveryElementThatSetsItLiterally_InProjectAndProps_AnyCasing()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup Condition="'$(Configuration)' == 'Debug'">
                        [|<centralPackageFloatingVersionsEnabled>True</centralPackageFloatingVersionsEnabled>|]
                      </PropertyGroup>
                    </Project>
                    """),
                BuildProps("""
                    <Project>
                      <PropertyGroup>
                        [|<CentralPackageFloatingVersionsEnabled Condition="'$(CI)' != 'true'">
                          true
                        </CentralPackageFloatingVersionsEnabled>|]
                        <CentralPackageFloatingVersionsEnabled Condition="'$(CI)' == 'true'">false</CentralPackageFloatingVersionsEnabled>
                      </PropertyGroup>
                    </Project>
                    """)),
            Enabled);
    }

    [Fact]
    public async Task Detect_SetFromAnotherProperty_WhenNoElementSetsItLiterally()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project(PlainProject),
                BuildProps("""
                    <Project>
                      <PropertyGroup>
                        <AllowFloating>true</AllowFloating>
                        [|<CentralPackageFloatingVersionsEnabled>$(AllowFloating)</CentralPackageFloatingVersionsEnabled>|]
                      </PropertyGroup>
                    </Project>
                    """)),
            Enabled);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_EvaluatedFalse_EvenWhenAnElementSaysTrueUnderAFalseCondition()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PackagesProps("""
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                    <CentralPackageFloatingVersionsEnabled Condition="'$(Configuration)' == 'Debug'">true</CentralPackageFloatingVersionsEnabled>
                  </PropertyGroup>
                </Project>
                """)),
            """
            ManagePackageVersionsCentrally = true
            CentralPackageFloatingVersionsEnabled = false
            """);
    }

    [Fact]
    public async Task Safe_WithoutCentralPackageManagement()
    {
        await Verify.VerifyAsync(
            Verify.Restored(BuildProps("""
                <Project>
                  <PropertyGroup>
                    <CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled>
                  </PropertyGroup>
                </Project>
                """)),
            "CentralPackageFloatingVersionsEnabled = true");
    }

    [Fact]
    public async Task Safe_CentralPackageManagementWithoutFloating_AndOtherCpmProperties()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PackagesProps("""
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                    <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
                    <CentralPackageVersionOverrideEnabled>false</CentralPackageVersionOverrideEnabled>
                    <CentralPackageFloatingVersionsEnabled>false</CentralPackageFloatingVersionsEnabled>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="A" Version="1.2.3" />
                  </ItemGroup>
                </Project>
                """)),
            "ManagePackageVersionsCentrally = true");
    }

    [Fact]
    public async Task Safe_SetOutsideTheBuildFiles_CommandLineOrEnvironment()
    {
        await Verify.VerifyAsync(Verify.Restored(Project(PlainProject)), Enabled);
    }

    [Fact]
    public async Task Safe_BeforeTheFirstRestore_AndSharedFileInOtherInnerBuilds()
    {
        const string Props = """
            <Project><PropertyGroup><CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled></PropertyGroup></Project>
            """;
        await Verify.VerifyAsync(new[] { PackagesProps(Props) }, Enabled);
        await Verify.VerifyAsync(Verify.Restored(PackagesProps(Props)), Enabled + "\nSecureCodingReportSharedFiles = false");
    }

    // ---- Fix ----

    private const string Props = """
        <Project>
          <PropertyGroup>
            <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
            <CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled>
            <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
          </PropertyGroup>
        </Project>
        """;

    [Fact]
    public async Task Fix_RemovesTheWholeLine()
    {
        var texts = await Harness.ApplyAsync(Verify.Restored(PackagesProps(Props)), Fixer.RemoveKey, Enabled);
        Assert.Equal(
            Props.Replace("    <CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled>\n", string.Empty),
            texts["/repo/Directory.Packages.props"]);
    }

    [Fact]
    public async Task Fix_RemovesOnlyTheElement_WhenItSharesItsLine()
    {
        const string Inline = """<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally><CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled></PropertyGroup></Project>""";
        var texts = await Harness.ApplyAsync(Verify.Restored(PackagesProps(Inline)), Fixer.RemoveKey, Enabled);
        Assert.Equal(
            """<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup></Project>""",
            texts["/repo/Directory.Packages.props"]);
    }

    [Fact]
    public async Task Fix_FixAll_RemovesEveryLiteralSetter_AcrossLines()
    {
        const string Multi = """
            <Project>
              <PropertyGroup>
                <CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled>
                <CentralPackageFloatingVersionsEnabled Condition="'$(X)' == ''">
                  true
                </CentralPackageFloatingVersionsEnabled>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.FixAllAsync(Verify.Restored(BuildProps(Multi)), Fixer.RemoveKey, Enabled);
        Assert.Equal(
            """
            <Project>
              <PropertyGroup>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """,
            texts["/repo/Directory.Build.props"]);
    }

    [Fact]
    public async Task Fix_OneRemovalPerFinding_AndNoneWithoutFinding()
    {
        Assert.Equal(new[] { "Remove CentralPackageFloatingVersionsEnabled" }, await Harness.OfferedAsync(Verify.Restored(PackagesProps(Props)), Enabled));
        Assert.Empty(await Harness.OfferedAsync(Verify.Restored(PackagesProps(Props)), "ManagePackageVersionsCentrally = true"));
    }
}
