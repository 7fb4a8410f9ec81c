using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.SdkFromFeedAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class SdkFromFeedTests
{
    private static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    private static BuildFileInput BuildProps(string text) => new("/repo/Directory.Build.props", BuildFileKind.DirectoryBuildProps, text);

    // ---- Detect ----

    [Fact]
    public async Task Detect_ProjectSdkAttributeWithVersion()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project("""
                <Project Sdk="{|#0:Microsoft.Build.NoTargets/3.7.56|}">
                  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
                </Project>
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("Microsoft.Build.NoTargets", "3.7.56"));
    }

    [Fact]
    public async Task Detect_EachVersionedSdkOfSeveral()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk; [|Contoso.Build.Sdk/1.2.3|] ;[|MSTest.Sdk/3.6.4|]">
            </Project>
            """)));
    }

    [Fact]
    public async Task Detect_SdkElementAndImportWithVersion_InProjectAndProps()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Sdk Name="Aspire.AppHost.Sdk" Version="{|#0:9.0.0|}" />
                  <Import Project="Sdk.targets" Sdk="Contoso.Build.Sdk" Version="[|2.0.0-beta.1|]" />
                </Project>
                """),
            BuildProps("""
                <Project>
                  <ImportGroup>
                    <Import Project="Sdk.props" Sdk="Contoso.Build.Sdk" Version="[|2.0.0|]" />
                  </ImportGroup>
                </Project>
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("Aspire.AppHost.Sdk", "9.0.0"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_UnversionedMinimumVersionAndDotNetSdkSdks()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <Project Sdk="Microsoft.NET.Sdk.Web;Contoso.Build.Sdk;Contoso.Other.Sdk/min=1.0.0;Microsoft.NET.Sdk.Razor/8.0.100;Contoso.Empty/">
                  <Sdk Name="Microsoft.Build.CentralPackageVersions" />
                  <Sdk Name="Contoso.Build.Sdk" MinimumVersion="1.0.0" />
                  <Sdk Name="Microsoft.NET.Sdk" Version="8.0.100" />
                  <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
                  <Import Project="Sdk.props" Sdk="Contoso.Build.Sdk" />
                  <Import Project="$(MSBuildThisFileDirectory)common.props" />
                  <Import Project="Sdk.props" Sdk="Contoso.Build.Sdk" Version="$(ContosoSdkVersion)" />
                  <ItemGroup>
                    <PackageReference Include="Contoso.Build.Sdk" Version="1.2.3" />
                  </ItemGroup>
                </Project>
                """),
            BuildProps("""<Project Sdk="Microsoft.NET.Sdk.WindowsDesktop"><Import Project="Version.props" Version="1.0.0" /></Project>""")));
    }

    [Fact]
    public async Task Safe_BeforeTheFirstRestore_SharedFileInOtherInnerBuilds_AndMalformedFiles()
    {
        await Verify.VerifyAsync(new[] { Project("""<Project Sdk="Contoso.Build.Sdk/1.2.3" />""") });
        await Verify.VerifyAsync(
            Verify.Restored(BuildProps("""<Project><Sdk Name="Contoso.Build.Sdk" Version="1.2.3" /></Project>""")),
            "SecureCodingReportSharedFiles = false");
        await Verify.VerifyAsync(Verify.Restored(Project("""<Project Sdk="Contoso.Build.Sdk/1.2.3">""")));
    }
}
