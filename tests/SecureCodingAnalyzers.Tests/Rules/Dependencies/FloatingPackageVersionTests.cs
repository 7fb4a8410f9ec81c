using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.FloatingPackageVersionAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.FloatingPackageVersionCodeFixProvider>;
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

public class FloatingPackageVersionFixTests
{
    private const string Lock = """
        { "version": 1, "dependencies": { "net8.0": {
          "Contoso.Plc": { "type": "Direct", "requested": "[1.*, )", "resolved": "1.4.2" },
          "Contoso.Opc": { "type": "Direct", "requested": "[2.*, )", "resolved": "2.0.7" } } } }
        """;

    private const string ProjectText = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Contoso.Plc" Version="1.*" />
            <PackageReference Include="Contoso.Opc">
              <Version>2.*</Version>
            </PackageReference>
            <PackageReference Include="Contoso.Unlisted" Version="3.*" />
          </ItemGroup>
        </Project>
        """;

    private static BuildFileInput[] Files(string project = ProjectText) => new[]
    {
        new BuildFileInput("/repo/App/App.csproj", BuildFileKind.Project, project),
        new BuildFileInput("/repo/App/packages.lock.json", BuildFileKind.LockFile, Lock),
        new BuildFileInput("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.FloatingPackageVersionAnalyzer>.RestoredAssets),
    };

    // ---- Fix ----

    [Fact]
    public async Task Fix_PinsToTheResolvedVersion_MinimumAndExact()
    {
        var minimum = await Harness.ApplyAsync(Files(), SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.FloatingPackageVersionCodeFixProvider.MinimumKey);
        Assert.Contains("""<PackageReference Include="Contoso.Plc" Version="1.4.2" />""", minimum["/repo/App/App.csproj"]);

        var exact = await Harness.ApplyAsync(Files(), SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.FloatingPackageVersionCodeFixProvider.ExactKey);
        Assert.Contains("""<PackageReference Include="Contoso.Plc" Version="[1.4.2]" />""", exact["/repo/App/App.csproj"]);
    }

    [Fact]
    public async Task Fix_FixAll_PinsEveryResolvedPackage_AndLeavesUnresolvedOnes()
    {
        var texts = await Harness.FixAllAsync(Files(), SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.FloatingPackageVersionCodeFixProvider.ExactKey);
        Assert.Equal(
            ProjectText.Replace("\"1.*\"", "\"[1.4.2]\"").Replace("<Version>2.*</Version>", "<Version>[2.0.7]</Version>"),
            texts["/repo/App/App.csproj"]);
    }

    [Fact]
    public async Task Fix_NotOfferedWhenRestoreDidNotResolveThePackage()
    {
        var offered = await Harness.OfferedAsync(Files("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="Contoso.Unlisted" Version="3.*" /></ItemGroup>
            </Project>
            """));
        Assert.Empty(offered);
    }
}
