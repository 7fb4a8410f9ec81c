using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.FloatingPackageVersionAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class FloatingPackageVersionTests
{
    private static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    // ---- Detect ----

    [Theory]
    [InlineData("*")]
    [InlineData("1.*")]
    [InlineData("1.2.*-*")]
    [InlineData("*-*")]
    [InlineData("[1.*, 2.0.0)")]
    public async Task Detect_FloatingVersionAttribute(string version)
    {
        await Verify.VerifyAsync(Verify.Restored(Project($$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Contoso.Plc" Version="[|{{version}}|]" />
              </ItemGroup>
            </Project>
            """)));
    }

    [Fact]
    public async Task Detect_ElementForm_UpdateItems_AndEveryPackageItemKind()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="A">
                      <Version>[|2.*|]</Version>
                    </PackageReference>
                    <PackageReference Update="B" Version="[|*|]" />
                    <PackageReference Include="C" VersionOverride="[|3.1.*|]" />
                    <PackageDownload Include="D" Version="[|1.*|]" />
                  </ItemGroup>
                </Project>
                """),
            new BuildFileInput("/repo/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, """
                <Project>
                  <ItemGroup>
                    <PackageVersion Include="E" Version="[|1.0.*|]" />
                    <GlobalPackageReference Include="F" Version="[|*|]" />
                  </ItemGroup>
                </Project>
                """)));
    }

    [Fact]
    public async Task Detect_MessageOffersTheResolvedVersion()
    {
        const string Lock = """
            { "version": 1, "dependencies": { "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.*, )", "resolved": "1.4.2" } } } }
            """;
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <PackageReference Include="Contoso.Plc" Version="{|#0:1.*|}" />
                      </ItemGroup>
                    </Project>
                    """),
                new BuildFileInput("/repo/App/packages.lock.json", BuildFileKind.LockFile, Lock)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("PackageReference", "Contoso.Plc", "1.*", "to the version restore resolved, 1.4.2 or [1.4.2]"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ExactVersionsRangesAndPropertyReferences()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="A" Version="1.2.3" />
                <PackageReference Include="B" Version="[1.2.3]" />
                <PackageReference Include="C" Version="[1.0.0, 2.0.0)" />
                <PackageReference Include="D" Version="$(DVersion)" />
                <PackageReference Include="E" />
                <Compile Include="**/*.cs" />
                <None Include="*.json" Version="*" />
              </ItemGroup>
              <PropertyGroup>
                <Version>1.*</Version>
              </PropertyGroup>
            </Project>
            """)));
    }

    [Fact]
    public async Task Safe_BeforeTheFirstRestore()
    {
        await Verify.VerifyAsync(new[]
        {
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup><PackageReference Include="A" Version="*" /></ItemGroup>
                </Project>
                """),
        });
    }

    [Fact]
    public async Task Safe_SharedFileIsReportedByOneInnerBuildOnly()
    {
        await Verify.VerifyAsync(
            Verify.Restored(new BuildFileInput("/repo/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, """
                <Project><ItemGroup><PackageVersion Include="E" Version="1.*" /></ItemGroup></Project>
                """)),
            "SecureCodingReportSharedFiles = false");
    }

    [Fact]
    public async Task Safe_MalformedProjectFile_IsLeftToScr5000()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="A" Version="*" />
            """)));
    }
}
