using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Rules.Dependencies;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.MisspelledNuGetPropertyCodeFixProvider;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.MisspelledNuGetPropertyAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.MisspelledNuGetPropertyCodeFixProvider>;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.MisspelledNuGetPropertyAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class MisspelledNuGetPropertyTests
{
    private static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    private static BuildFileInput BuildProps(string text) => new("/repo/Directory.Build.props", BuildFileKind.DirectoryBuildProps, text);

    private static string Property(string name, string value = "true") => $$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <{{name}}>{{value}}</{{name}}>
          </PropertyGroup>
        </Project>
        """;

    // ---- Detect ----

    [Theory]
    [InlineData("RestorePackageWithLockFile", "RestorePackagesWithLockFile")]
    [InlineData("RestorePackagesWithLockFiles", "RestorePackagesWithLockFile")]
    [InlineData("RestoreLockMode", "RestoreLockedMode")]
    [InlineData("RestoreLokcedMode", "RestoreLockedMode")]
    [InlineData("NuGetAudt", "NuGetAudit")]
    [InlineData("NugetAduit", "NuGetAudit")]
    [InlineData("NuGetAuditLevl", "NuGetAuditLevel")]
    [InlineData("NuGetAudtiMode", "NuGetAuditMode")]
    [InlineData("ManagePackageVersionCentrally", "ManagePackageVersionsCentrally")]
    [InlineData("CentralPackageTransitivePinningEnable", "CentralPackageTransitivePinningEnabled")]
    [InlineData("RestoreSource", "RestoreSources")]
    [InlineData("NuGetLockFilePth", "NuGetLockFilePath")]
    public async Task Detect_Misspellings(string written, string meant)
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project($$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <{|#0:{{written}}|}>true</{{written}}>
                  </PropertyGroup>
                </Project>
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments(written, meant));
    }

    [Fact]
    public async Task Detect_InDirectoryBuildProps_ConditionedGroups_TargetsAndEmptyElements()
    {
        await Verify.VerifyAsync(Verify.Restored(BuildProps("""
            <Project>
              <PropertyGroup Condition="'$(ContinuousIntegrationBuild)' == 'true'">
                <[|RestoreLockMode|]>true</RestoreLockMode>
              </PropertyGroup>
              <PropertyGroup>
                <[|NuGetAudt|] />
              </PropertyGroup>
              <Target Name="Pin">
                <PropertyGroup>
                  <[|RestorePackageWithLockFile|]>true</RestorePackageWithLockFile>
                </PropertyGroup>
              </Target>
            </Project>
            """)));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_TheRealNames_InAnyCasing()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                <restorepackageswithlockfile>true</restorepackageswithlockfile>
                <RestoreLockedMode Condition="'$(CI)' == 'true'">true</RestoreLockedMode>
                <NugetAudit>true</NugetAudit>
                <NuGetAuditMode>all</NuGetAuditMode>
                <NuGetAuditLevel>low</NuGetAuditLevel>
                <NuGetLockFilePath>packages.$(MSBuildProjectName).lock.json</NuGetLockFilePath>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
                <CentralPackageVersionOverrideEnabled>false</CentralPackageVersionOverrideEnabled>
                <RestoreSources>https://packages.example.com/v3/index.json</RestoreSources>
                <RestoreAdditionalProjectSources>../feed</RestoreAdditionalProjectSources>
                <RestoreNoCache>true</RestoreNoCache>
                <RestoreNoHttpCache>true</RestoreNoHttpCache>
                <RestoreForce>true</RestoreForce>
                <RestoreForceEvaluate>true</RestoreForceEvaluate>
                <RestoreUseStaticGraphEvaluation>true</RestoreUseStaticGraphEvaluation>
                <DisableImplicitNuGetFallbackFolder>true</DisableImplicitNuGetFallbackFolder>
              </PropertyGroup>
            </Project>
            """)));
    }

    [Fact]
    public async Task Safe_OtherRealPropertiesCloseToNuGetNames_AndCommonProjectProperties()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <DisableImplicit1xNuGetFallbackFolder>true</DisableImplicit1xNuGetFallbackFolder>
                <DisableImplicitLibraryPacksFolder>true</DisableImplicitLibraryPacksFolder>
                <RestoreEnableGlobalPackageReference>false</RestoreEnableGlobalPackageReference>
                <RestoreProjectStyle>PackageReference</RestoreProjectStyle>
                <RestorePackagesPath>$(MSBuildThisFileDirectory).packages</RestorePackagesPath>
                <NuGetPackageRoot>/packages/</NuGetPackageRoot>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <Version>1.2.3</Version>
                <PackageId>Contoso.Plc</PackageId>
                <PackageVersion>1.2.3</PackageVersion>
                <NuGetAuth>token</NuGetAuth>
                <RestorePkgsWithLockFile>true</RestorePkgsWithLockFile>
                <ContinuousIntegrationBuild>true</ContinuousIntegrationBuild>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            </Project>
            """)));
    }

    [Fact]
    public async Task Safe_ItemsMetadataAndOtherElements_AreNotProperties()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <NuGetAudt Include="x" />
                <PackageReference Include="A" Version="1.0.0">
                  <RestoreSource>ignored</RestoreSource>
                </PackageReference>
              </ItemGroup>
              <Target Name="T">
                <RestoreLockMode />
              </Target>
            </Project>
            """)));
    }

    [Fact]
    public async Task Safe_BeforeTheFirstRestore_AndSharedFileInOtherInnerBuilds()
    {
        await Verify.VerifyAsync(new[] { Project(Property("RestoreLockMode")) });
        await Verify.VerifyAsync(Verify.Restored(BuildProps(Property("RestoreLockMode"))), "SecureCodingReportSharedFiles = false");
    }

    [Fact]
    public void Safe_EveryKnownNameIsAcceptedAsWritten()
    {
        foreach (var name in MisspelledNuGetPropertyAnalyzer.NuGetProperties)
        {
            Assert.Null(MisspelledNuGetPropertyAnalyzer.Suggestion(name));
            Assert.Null(MisspelledNuGetPropertyAnalyzer.Suggestion(name.ToLowerInvariant()));
        }

        foreach (var name in MisspelledNuGetPropertyAnalyzer.OtherKnownProperties)
        {
            Assert.Null(MisspelledNuGetPropertyAnalyzer.Suggestion(name));
        }
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_RenamesStartAndEndTag_KeepingAttributesAndValue()
    {
        const string Text = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <RestoreLockMode Condition="'$(CI)' == 'true'">true</RestoreLockMode>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(Verify.Restored(Project(Text)), Fixer.RenameKey);
        Assert.Equal(Text.Replace("RestoreLockMode", "RestoreLockedMode"), texts["/repo/App/App.csproj"]);
    }

    [Fact]
    public async Task Fix_FixAll_RenamesEveryMisspelling_IncludingEmptyAndNestedOnes()
    {
        const string Text = """
            <Project>
              <PropertyGroup>
                <RestorePackageWithLockFile>true</RestorePackageWithLockFile>
                <NuGetAudt />
                <NuGetAuditLevl><!-- </NuGetAuditLevel> --><![CDATA[low]]></NuGetAuditLevl>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.FixAllAsync(Verify.Restored(BuildProps(Text)), Fixer.RenameKey);
        Assert.Equal(
            """
            <Project>
              <PropertyGroup>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                <NuGetAudit />
                <NuGetAuditLevel><!-- </NuGetAuditLevel> --><![CDATA[low]]></NuGetAuditLevel>
              </PropertyGroup>
            </Project>
            """,
            texts["/repo/Directory.Build.props"]);
    }

    [Fact]
    public void Fix_TagScanner_FindsEveryEndTag_AndNeverThrowsOnEditedFiles()
    {
        const string Text = """
            <?xml version="1.0"?>
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- <PropertyGroup> in a comment -->
              <PropertyGroup Condition="'$(A)' == '>'">
                <RestoreLockMode Label='x > y'>true</RestoreLockMode>
                <NuGetAudt/>
                <Nested><Nested>1</Nested><Other /></Nested>
                <Data><![CDATA[</Data>]]></Data>
              </PropertyGroup>
            </Project>
            """;
        var source = Microsoft.CodeAnalysis.Text.SourceText.From(Text);
        foreach (var element in BuildXml.Parse(source).Elements)
        {
            var end = BuildXmlText.EndTagNameSpan(source, element.NameSpan);
            Assert.NotNull(end);
            if (!end!.Value.IsEmpty)
            {
                Assert.Equal(element.Name, source.ToString(end.Value));
            }

            var whole = BuildXmlText.ElementSpan(source, element.NameSpan)!.Value;
            Assert.StartsWith("<" + element.Name, source.ToString(whole), System.StringComparison.Ordinal);
            Assert.EndsWith(">", source.ToString(whole), System.StringComparison.Ordinal);
        }

        // Every one-character deletion: well-formed or not, the scanner answers within the text or with null.
        for (var i = 0; i < Text.Length; i++)
        {
            var edited = Microsoft.CodeAnalysis.Text.SourceText.From(Text.Remove(i, 1));
            foreach (var element in BuildXml.Parse(edited).Elements)
            {
                Assert.True(BuildXmlText.ElementSpan(edited, element.NameSpan) is not { } span || span.End <= edited.Length);
                Assert.True(BuildXmlText.EndTagNameSpan(edited, element.NameSpan) is not { } name || name.End <= edited.Length);
            }

            for (var start = 0; start < edited.Length; start += 7)
            {
                _ = BuildXmlText.ElementSpan(edited, new Microsoft.CodeAnalysis.Text.TextSpan(start, System.Math.Min(3, edited.Length - start)));
            }
        }
    }

    [Fact]
    public async Task Fix_OneTitlePerFinding_AndNoneForCorrectNames()
    {
        Assert.Equal(new[] { "Rename to RestoreLockedMode" }, await Harness.OfferedAsync(Verify.Restored(Project(Property("RestoreLockMode")))));
        Assert.Empty(await Harness.OfferedAsync(Verify.Restored(Project(Property("RestoreLockedMode")))));
    }
}
