using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.UnpinnedVersionRangeCodeFixProvider;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.UnpinnedVersionRangeAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.UnpinnedVersionRangeCodeFixProvider>;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.UnpinnedVersionRangeAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class UnpinnedVersionRangeTests
{
    private const string Lock = """
        { "version": 1, "dependencies": { "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.0.0, )", "resolved": "1.4.2" } } } }
        """;

    private static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    private static BuildFileInput LockFile() => new("/repo/App/packages.lock.json", BuildFileKind.LockFile, Lock);

    private static BuildFileInput PackagesProps(string text) => new("/repo/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, text);

    private static string OneReference(string version) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Contoso.Plc" Version="{{version}}" />
          </ItemGroup>
        </Project>
        """;

    // ---- Detect ----

    [Theory]
    [InlineData("(, 2.0.0)")]
    [InlineData("[,1.0]")]
    [InlineData("(,1.0]")]
    [InlineData("( , 1.0.0-beta.2 )")]
    public async Task Detect_NoLowerBound_EvenWithALockFile(string version)
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project(OneReference("[|" + version + "|]")), LockFile()),
            "RestorePackagesWithLockFile = true");
    }

    [Theory]
    [InlineData("[1.0.0, )")]
    [InlineData("(1.0.0, )")]
    [InlineData("[1.0.0, 2.0.0)")]
    [InlineData("(1.0,2.0)")]
    [InlineData("[ 1.0 , 2.0 ]")]
    [InlineData("[1.0.0-rc.1, 1.0.0]")]
    public async Task Detect_OpenOrBoundedRange_WithoutLockFile(string version)
    {
        await Verify.VerifyAsync(Verify.Restored(Project(OneReference("[|" + version + "|]"))));
    }

    [Fact]
    public async Task Detect_ElementForm_VersionOverride_Update_AndCentralVersions()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="A">
                      <Version>[|[1.0.0, 2.0.0)|]</Version>
                    </PackageReference>
                    <PackageReference Update="B" Version="[|(,3.0]|]" />
                    <PackageReference Include="C" VersionOverride="[|[2.1.0, )|]" />
                    <PackageDownload Include="D" Version="[|[1.0.0, 1.1.0)|]" />
                  </ItemGroup>
                </Project>
                """),
            PackagesProps("""
                <Project>
                  <ItemGroup>
                    <PackageVersion Include="E" Version="[|[4.0.0, 5.0.0)|]" />
                    <GlobalPackageReference Include="F" Version="[|(1.0, )|]" />
                  </ItemGroup>
                </Project>
                """)));
    }

    [Fact]
    public async Task Detect_MessageNamesItemIdRangeAndReason()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="Contoso.Plc" Version="{|#0:[1.0.0, 2.0.0)|}" />
                    <PackageReference Include="Contoso.Opc" Version="{|#1:(, 2.0.0)|}" />
                  </ItemGroup>
                </Project>
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("PackageReference", "Contoso.Plc", "[1.0.0, 2.0.0)", "is not pinned by a lock file"),
            Verify.Diagnostic().WithLocation(1).WithArguments("PackageReference", "Contoso.Opc", "(, 2.0.0)", "has no lower bound"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_PlainExactFloatingUnevaluatedAndMalformedVersions()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="A" Version="1.2.3" />
                <PackageReference Include="B" Version="[1.2.3]" />
                <PackageReference Include="C" Version="[1.2.3, 1.2.3]" />
                <PackageReference Include="D" Version="[1.*, 2.0.0)" />
                <PackageReference Include="E" Version="$(EVersion)" />
                <PackageReference Include="F" Version="[$(FMin), )" />
                <PackageReference Include="G" />
                <PackageReference Include="H" Version="(1.0)" />
                <PackageReference Include="I" Version="[2.0, 1.0]" />
                <PackageReference Include="J" Version="[1.0, 2.0, 3.0]" />
                <PackageReference Include="K" Version="1.2.3-beta.1" />
                <PackageReference Include="L" Version="(,)" />
                <PackageReference Include="M" Version="[1.0, 1.0)" />
                <None Include="notes.txt" Version="[1.0, )" />
              </ItemGroup>
              <PropertyGroup>
                <Version>[1.0, )</Version>
              </PropertyGroup>
            </Project>
            """)));
    }

    [Fact]
    public async Task Safe_OpenAndBoundedRanges_WhenALockFileExists()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="A" Version="[1.0.0, )" />
                    <PackageReference Include="B" Version="(1.0.0, )" />
                    <PackageReference Include="C" VersionOverride="[1.0.0, 2.0.0)" />
                  </ItemGroup>
                </Project>
                """),
            PackagesProps("""
                <Project>
                  <ItemGroup>
                    <PackageVersion Include="E" Version="(1.0.0, )" />
                    <PackageVersion Include="F" Version="[1.0.0, 2.0.0)" />
                  </ItemGroup>
                </Project>
                """),
            LockFile()));
    }

    [Fact]
    public async Task Safe_OpenRange_WhenRestoreWritesALockFile()
    {
        await Verify.VerifyAsync(Verify.Restored(Project(OneReference("[1.0.0, 2.0.0)"))), "RestorePackagesWithLockFile = true");
    }

    [Fact]
    public async Task Safe_BeforeTheFirstRestore()
    {
        await Verify.VerifyAsync(new[] { Project(OneReference("(, 2.0.0)")) });
    }

    [Fact]
    public async Task Safe_SharedFileIsReportedByOneInnerBuildOnly()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PackagesProps("""<Project><ItemGroup><PackageVersion Include="E" Version="(, 2.0)" /></ItemGroup></Project>""")),
            "SecureCodingReportSharedFiles = false");
    }

    [Fact]
    public async Task Safe_MalformedProjectFile_IsLeftToScr5000()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="A" Version="(, 2.0)" />
            """)));
    }

    // ---- Fix ----

    private const string Assets = """
        { "version": 3, "targets": { "net8.0": {} }, "libraries": {
          "Contoso.Plc/1.4.2": { "type": "package" },
          "Contoso.Opc/2.0.7": { "type": "package" },
          "Contoso.Stale/3.1.0": { "type": "package" },
          "Contoso.Sibling/1.0.0": { "type": "project" } } }
        """;

    private const string Unpinned = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Contoso.Plc" Version="[1.0.0, 2.0.0)" />
            <PackageReference Include="Contoso.Opc">
              <Version>(, 3.0)</Version>
            </PackageReference>
            <PackageReference Include="Contoso.Unlisted" Version="[1.0.0, )" />
            <PackageReference Include="Contoso.Stale" Version="[1.0.0, 2.0.0)" />
          </ItemGroup>
        </Project>
        """;

    private static BuildFileInput[] Files(string project = Unpinned) => new[]
    {
        Project(project),
        new BuildFileInput("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, Assets),
    };

    [Fact]
    public async Task Fix_PinsToExactlyTheResolvedVersion()
    {
        var texts = await Harness.ApplyAsync(Files(), Fixer.ExactKey);
        Assert.Contains("""<PackageReference Include="Contoso.Plc" Version="[1.4.2]" />""", texts["/repo/App/App.csproj"]);
    }

    [Fact]
    public async Task Fix_FixAll_PinsResolvedPackages_AndLeavesUnresolvedAndStaleOnes()
    {
        var texts = await Harness.FixAllAsync(Files(), Fixer.ExactKey);
        Assert.Equal(
            Unpinned.Replace("\"Contoso.Plc\" Version=\"[1.0.0, 2.0.0)\"", "\"Contoso.Plc\" Version=\"[1.4.2]\"").Replace("<Version>(, 3.0)</Version>", "<Version>[2.0.7]</Version>"),
            texts["/repo/App/App.csproj"]);
    }

    [Fact]
    public async Task Fix_NotOffered_WhenTheResolvedVersionIsUnknownOrOutsideTheRange()
    {
        var offered = await Harness.OfferedAsync(Files("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Contoso.Unlisted" Version="[1.0.0, )" />
                <PackageReference Include="Contoso.Stale" Version="[1.0.0, 2.0.0)" />
                <PackageReference Include="Contoso.Sibling" Version="[1.0.0, )" />
              </ItemGroup>
            </Project>
            """));
        Assert.Empty(offered);
    }

    [Fact]
    public async Task Fix_OneTitlePerFinding()
    {
        var offered = await Harness.OfferedAsync(Files(OneReference("[1.0.0, 2.0.0)")));
        Assert.Equal(new[] { "Pin to exactly [1.4.2], the version restore resolved" }, offered);
    }
}
