using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.LockFileCodeFixProvider;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.LockFileAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.LockFileCodeFixProvider>;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.LockFileAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class LockFileTests
{
    private const string EmptyLock = """{ "version": 1, "dependencies": { "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.2.3, )", "resolved": "1.2.3" } } } }""";

    private const string CiLockedProps = """
        <Project>
          <PropertyGroup>
            <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
            <RestoreLockedMode Condition="'$(ContinuousIntegrationBuild)' == 'true'">true</RestoreLockedMode>
          </PropertyGroup>
        </Project>
        """;

    private const string LibWithPackages = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Contoso.Opc" Version="2.0.7" />
          </ItemGroup>
        </Project>
        """;

    internal static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    internal static BuildFileInput Props(string text) => new("/repo/Directory.Build.props", BuildFileKind.DirectoryBuildProps, text);

    internal static BuildFileInput Lock(string text = EmptyLock) => new("/repo/App/packages.lock.json", BuildFileKind.LockFile, text);

    internal static BuildFileInput Assets(string text) => new("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, text);

    internal static BuildFileInput Lib(string text = LibWithPackages, bool? hasLockFile = false)
        => new("/repo/Lib/Lib.csproj", BuildFileKind.ReferencedProject, text, hasLockFile is null ? null : "SecureCodingHasLockFile = " + (hasLockFile.Value ? "True" : "False"));

    // ---- Detect ----

    [Fact]
    public async Task Detect_Scr5003_OnTheFirstPackageReference()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <{|#0:PackageReference|} Include="Contoso.Plc" Version="1.2.3" />
                    <PackageReference Include="Contoso.Opc" Version="2.0.7" />
                  </ItemGroup>
                </Project>
                """)),
            null,
            new DiagnosticResult(RuleCatalog.LockFileNotEnabled).WithLocation(0).WithArguments("App.csproj"));
    }

    [Fact]
    public async Task Detect_Scr5003_PackagesFromDirectoryBuildProps_OnTheProjectElement()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <{|SCR5003:Project|} Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <ProjectReference Include="../Lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """),
            Props("""
                <Project>
                  <ItemGroup>
                    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """)));
    }

    [Fact]
    public async Task Detect_Scr5003_GlobalPackageReferenceUnderCentralPackageManagement()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""<{|SCR5003:Project|} Sdk="Microsoft.NET.Sdk"></Project>"""),
                new BuildFileInput("/repo/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, """
                    <Project>
                      <ItemGroup>
                        <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.143" />
                      </ItemGroup>
                    </Project>
                    """)),
            "ManagePackageVersionsCentrally = true");
    }

    [Fact]
    public async Task Detect_Scr5003_PackagesOnlyTheAssetsFileKnows_FromAnImportedFile()
    {
        await Verify.VerifyAsync(new[]
        {
            Project("""
                <{|SCR5003:Project|} Sdk="Microsoft.NET.Sdk">
                  <Import Project="../build/Common.props" />
                </Project>
                """),
            Assets("""
                { "version": 3, "targets": { "net8.0": {} }, "libraries": {},
                  "project": { "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": {
                    "Contoso.Plc": { "target": "Package", "version": "[1.2.3, )" } } } } } }
                """),
        });
    }

    [Fact]
    public async Task Detect_Scr5003_LockFileExplicitlyDisabled()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <RestorePackagesWithLockFile>false</RestorePackagesWithLockFile>
                  </PropertyGroup>
                  <ItemGroup>
                    <{|SCR5003:PackageReference|} Include="Contoso.Plc" Version="1.2.3" />
                  </ItemGroup>
                </Project>
                """)),
            "RestorePackagesWithLockFile = false");
    }

    [Fact]
    public async Task Detect_Scr5004_OnTheElementThatEnablesTheLockFile()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <{|#0:RestorePackagesWithLockFile|}>true</RestorePackagesWithLockFile>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Contoso.Plc" Version="1.2.3" />
                      </ItemGroup>
                    </Project>
                    """),
                Lock()),
            "RestorePackagesWithLockFile = true",
            new DiagnosticResult(RuleCatalog.LockedRestoreNotEnforced).WithLocation(0).WithArguments("App.csproj"));
    }

    [Fact]
    public async Task Detect_Scr5004_InDirectoryBuildProps()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <{|#0:RestorePackagesWithLockFile|}>true</RestorePackagesWithLockFile>
                      </PropertyGroup>
                    </Project>
                    """)),
            "RestorePackagesWithLockFile = true",
            new DiagnosticResult(RuleCatalog.LockedRestoreNotEnforced).WithLocation(0).WithArguments("Directory.Build.props"));
    }

    [Theory]
    [InlineData("""<RestoreLockedMode Condition="'$(Configuration)' == 'Release'">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(CI)' == 'true'">false</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode>false</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(CIBuild)' == 'true'">true</RestoreLockedMode>""")]
    public async Task Detect_Scr5004_LockedModeNotTiedToCi(string lockedMode)
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project($$"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <{|SCR5004:RestorePackagesWithLockFile|}>true</RestorePackagesWithLockFile>
                        {{lockedMode}}
                      </PropertyGroup>
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                Lock()),
            "RestorePackagesWithLockFile = true");
    }

    [Fact]
    public async Task Detect_Scr5004_LockFilePresentWithoutProperty_OnTheProjectElement()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <{|SCR5004:Project|} Sdk="Microsoft.NET.Sdk">
                  <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                </Project>
                """),
            Lock()));
    }

    [Fact]
    public async Task Detect_Scr5005_ReferencedProjectWithPackagesAndNoLockFile()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <ProjectReference Include="{|#0:../Lib/Lib.csproj|}" />
                        <ProjectReference Include="../Tools/Tools.csproj" />
                      </ItemGroup>
                    </Project>
                    """),
                Props(CiLockedProps),
                Lock(),
                Lib()),
            "RestorePackagesWithLockFile = true",
            new DiagnosticResult(RuleCatalog.ReferencedProjectWithoutLockFile).WithLocation(0).WithArguments("Lib.csproj"));
    }

    [Fact]
    public async Task Detect_Scr5005_PackagesTheAssetsFileListsForTheReferencedProject()
    {
        // Lib gets its packages from its own Directory.Build.props: only the assets file shows them.
        await Verify.VerifyAsync(
            new[]
            {
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <ProjectReference Include="{|SCR5005:..\Lib\Lib.csproj|}" />
                      </ItemGroup>
                    </Project>
                    """),
                Props(CiLockedProps),
                Lock(),
                Lib("""<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"""),
                Assets("""
                    { "version": 3,
                      "targets": { "net8.0": {
                        "Contoso.Opc/2.0.7": { "type": "package" },
                        "Lib/1.0.0": { "type": "project", "dependencies": { "Contoso.Opc": "2.0.7" } } } },
                      "libraries": {
                        "Contoso.Opc/2.0.7": { "type": "package", "files": [] },
                        "Lib/1.0.0": { "type": "project", "path": "../Lib/Lib.csproj", "msbuildProject": "../Lib/Lib.csproj" } } }
                    """),
            },
            "RestorePackagesWithLockFile = true");
    }

    // ---- Safe ----

    [Theory]
    [InlineData("""<RestoreLockedMode Condition="'$(ContinuousIntegrationBuild)' == 'true'">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(CI)' == 'true' or '$(ContinuousIntegrationBuild)' == 'true'">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition=" '$(ci)' == 'TRUE' ">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(TF_BUILD)' == 'True'">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(GITHUB_ACTIONS)' == 'true'">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(GITLAB_CI)' != ''">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(JENKINS_URL)' != ''">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(BUILD_BUILDID)' != ''">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(TEAMCITY_VERSION)' != ''">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(APPVEYOR)' == 'True'">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(CIRCLECI)' == 'true'">True</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode Condition="'$(BITBUCKET_BUILD_NUMBER)' != ''">true</RestoreLockedMode>""")]
    [InlineData("""<RestoreLockedMode>$(ContinuousIntegrationBuild)</RestoreLockedMode>""")]
    public async Task Safe_LockFileWithLockedModeInCi(string lockedMode)
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                Props($$"""
                    <Project>
                      <PropertyGroup>
                        <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                        {{lockedMode}}
                      </PropertyGroup>
                    </Project>
                    """),
                Lock()),
            "RestorePackagesWithLockFile = true");
    }

    [Fact]
    public async Task Safe_LockedModeInACiConditionedPropertyGroup_InTheProject()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                      </PropertyGroup>
                      <PropertyGroup Condition="'$(GITHUB_ACTIONS)' == 'true'">
                        <RestoreLockedMode>true</RestoreLockedMode>
                      </PropertyGroup>
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                Lock()),
            "RestorePackagesWithLockFile = true");
    }

    [Fact]
    public async Task Safe_CiBuildThatRestoresInLockedMode()
    {
        // Locked mode set some other way (imported file, -p:RestoreLockedMode=true): this build enforces it.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup><RestorePackagesWithLockFile>true</RestorePackagesWithLockFile></PropertyGroup>
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                Lock()),
            """
            RestorePackagesWithLockFile = true
            RestoreLockedMode = true
            """);
    }

    [Fact]
    public async Task Safe_ProjectsWithoutPackageReferences()
    {
        // Only project references, an Update item (changes a reference, adds none), and SDK-implied packages.
        await Verify.VerifyAsync(new[]
        {
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="../Lib/Lib.csproj" />
                    <PackageReference Update="Contoso.Plc" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """),
            Assets("""
                { "version": 3, "targets": { ".NETStandard,Version=v2.0": {} }, "libraries": {},
                  "project": { "frameworks": { "netstandard2.0": { "targetAlias": "netstandard2.0", "dependencies": {
                    "NETStandard.Library": { "suppressParent": "All", "target": "Package", "version": "[2.0.3, )", "autoReferenced": true } } } } } }
                """),
        });
    }

    [Fact]
    public async Task Safe_GlobalPackageReferenceWithoutCentralPackageManagement_IsIgnoredByNuGet()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Project("""<Project Sdk="Microsoft.NET.Sdk"></Project>"""),
            new BuildFileInput("/repo/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, """
                <Project><ItemGroup><GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.143" /></ItemGroup></Project>
                """)));
    }

    [Fact]
    public async Task Safe_BeforeTheFirstRestore()
    {
        await Verify.VerifyAsync(new[]
        {
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                </Project>
                """),
        });
    }

    [Fact]
    public async Task Safe_LockFileEnabledButNotYetWritten()
    {
        // The property is on; restore writes the file. Locked mode is set for CI in the props file.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                Props(CiLockedProps)),
            "RestorePackagesWithLockFile = true");
    }

    [Fact]
    public async Task Safe_SharedPropsFindingReportedByOneInnerBuildOnly()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                Props("""
                    <Project><PropertyGroup><RestorePackagesWithLockFile>true</RestorePackagesWithLockFile></PropertyGroup></Project>
                    """),
                Lock()),
            """
            RestorePackagesWithLockFile = true
            SecureCodingReportSharedFiles = false
            """);
    }

    [Fact]
    public async Task Safe_Scr5005_ReferencedProjectsThatAreFine()
    {
        // Has a lock file; has no packages; keeps its lock file elsewhere; enables its own lock file; metadata unknown.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <ProjectReference Include="../Locked/Locked.csproj" />
                        <ProjectReference Include="../Plain/Plain.csproj" />
                        <ProjectReference Include="../Custom/Custom.csproj" />
                        <ProjectReference Include="../Own/Own.csproj" />
                        <ProjectReference Include="../Lib/Lib.csproj" />
                      </ItemGroup>
                    </Project>
                    """),
                Props(CiLockedProps),
                Lock(),
                new BuildFileInput("/repo/Locked/Locked.csproj", BuildFileKind.ReferencedProject, LibWithPackages, "SecureCodingHasLockFile = True"),
                new BuildFileInput("/repo/Plain/Plain.csproj", BuildFileKind.ReferencedProject, """<Project Sdk="Microsoft.NET.Sdk" />""", "SecureCodingHasLockFile = False"),
                new BuildFileInput("/repo/Custom/Custom.csproj", BuildFileKind.ReferencedProject, """
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup><NuGetLockFilePath>../locks/Custom.lock.json</NuGetLockFilePath></PropertyGroup>
                      <ItemGroup><PackageReference Include="Contoso.Opc" Version="2.0.7" /></ItemGroup>
                    </Project>
                    """, "SecureCodingHasLockFile = False"),
                new BuildFileInput("/repo/Own/Own.csproj", BuildFileKind.ReferencedProject, """
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup><RestorePackagesWithLockFile>true</RestorePackagesWithLockFile></PropertyGroup>
                      <ItemGroup><PackageReference Include="Contoso.Opc" Version="2.0.7" /></ItemGroup>
                    </Project>
                    """, "SecureCodingHasLockFile = False"),
                Lib(hasLockFile: null)),
            "RestorePackagesWithLockFile = true");
    }

    [Fact]
    public async Task Safe_Scr5005_LockFilePathSetForEveryProjectInDirectoryBuildProps()
    {
        // Directory.Build.props keeps every project's lock file in one folder: none sits next to its project file.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup>
                    </Project>
                    """),
                Props("""
                    <Project>
                      <PropertyGroup>
                        <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                        <NuGetLockFilePath>$(MSBuildThisFileDirectory)locks/$(MSBuildProjectName).lock.json</NuGetLockFilePath>
                        <RestoreLockedMode Condition="'$(ContinuousIntegrationBuild)' == 'true'">true</RestoreLockedMode>
                      </PropertyGroup>
                    </Project>
                    """),
                new("/repo/locks/App.lock.json", BuildFileKind.LockFile, EmptyLock),
                Lib()),
            "RestorePackagesWithLockFile = true");
    }

    [Fact]
    public async Task Safe_Scr5005_NotReportedWhenThisProjectHasNoLockFileEither()
    {
        // SCR5003 tells this project to lock first; the referenced project is reported once it does.
        await Verify.VerifyAsync(Verify.Restored(
            Project("""
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <{|SCR5003:PackageReference|} Include="Contoso.Plc" Version="1.2.3" />
                    <ProjectReference Include="../Lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """),
            Lib()));
    }

    [Fact]
    public async Task Safe_MalformedProjectFile_IsLeftToScr5000()
    {
        await Verify.VerifyAsync(Verify.Restored(Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" />
            """)));
    }
}

public class LockFileFixTests
{
    private const string PackageProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Contoso.Plc" Version="1.2.3" />
          </ItemGroup>
        </Project>
        """;

    private static BuildFileInput[] Files(params BuildFileInput[] files) => BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.LockFileAnalyzer>.Restored(files);

    // ---- Fix ----

    [Fact]
    public async Task Fix_Scr5003_EnablesTheLockFileInDirectoryBuildProps_AnotherDocument()
    {
        const string Props = """
            <Project>
              <PropertyGroup Condition="'$(Configuration)' == 'Release'">
                <Optimize>true</Optimize>
              </PropertyGroup>
              <PropertyGroup>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(Files(LockFileTests.Project(PackageProject), LockFileTests.Props(Props)), Fixer.EnableLockFileKey);

        Assert.Equal(PackageProject, texts["/repo/App/App.csproj"]);
        Assert.Equal(
            Props.Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable>\n    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>"),
            texts["/repo/Directory.Build.props"]);
    }

    [Fact]
    public async Task Fix_Scr5003_WithoutDirectoryBuildProps_UsesTheProjectsFirstPropertyGroup_AndItsIndentation()
    {
        const string Project = "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n    <PropertyGroup>\r\n        <TargetFramework>net8.0</TargetFramework>\r\n    </PropertyGroup>\r\n    <ItemGroup>\r\n        <PackageReference Include=\"Contoso.Plc\" Version=\"1.2.3\" />\r\n    </ItemGroup>\r\n</Project>\r\n";
        var texts = await Harness.ApplyAsync(Files(LockFileTests.Project(Project)), Fixer.EnableLockFileKey);

        Assert.Equal(
            Project.Replace("<TargetFramework>net8.0</TargetFramework>", "<TargetFramework>net8.0</TargetFramework>\r\n        <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>"),
            texts["/repo/App/App.csproj"]);
    }

    [Fact]
    public async Task Fix_Scr5003_AddsAPropertyGroupWhenThereIsNone()
    {
        var texts = await Harness.ApplyAsync(Files(LockFileTests.Project(PackageProject)), Fixer.EnableLockFileKey);

        Assert.Equal(
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Contoso.Plc" Version="1.2.3" />
              </ItemGroup>
              <PropertyGroup>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
              </PropertyGroup>
            </Project>
            """,
            texts["/repo/App/App.csproj"]);
    }

    [Fact]
    public async Task Fix_Scr5003_TurnsAnExistingFalseIntoTrue()
    {
        const string Props = """
            <Project>
              <PropertyGroup>
                <RestorePackagesWithLockFile>false</RestorePackagesWithLockFile>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(
            Files(LockFileTests.Project(PackageProject), LockFileTests.Props(Props)),
            Fixer.EnableLockFileKey,
            "RestorePackagesWithLockFile = false");

        Assert.Equal(Props.Replace(">false<", ">true<"), texts["/repo/Directory.Build.props"]);
    }

    [Fact]
    public async Task Fix_Scr5003_NotOfferedWhenSeveralElementsDecide()
    {
        var offered = await Harness.OfferedAsync(Files(LockFileTests.Project("""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <RestorePackagesWithLockFile>false</RestorePackagesWithLockFile>
                <RestorePackagesWithLockFile Condition="'$(Configuration)' == 'Release'">true</RestorePackagesWithLockFile>
              </PropertyGroup>
              <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
            </Project>
            """)));
        Assert.Empty(offered);
    }

    [Fact]
    public async Task Fix_Scr5004_AddsCiLockedModeNextToTheLockFileProperty()
    {
        const string Props = """
            <Project>
              <PropertyGroup>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                <NuGetAudit>true</NuGetAudit>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(
            Files(LockFileTests.Project(PackageProject), LockFileTests.Props(Props), LockFileTests.Lock()),
            Fixer.LockedModeKey,
            "RestorePackagesWithLockFile = true");

        Assert.Equal(
            Props.Replace(
                "<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>",
                "<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>\n    <RestoreLockedMode Condition=\"'$(ContinuousIntegrationBuild)' == 'true' or '$(CI)' == 'true'\">true</RestoreLockedMode>"),
            texts["/repo/Directory.Build.props"]);
    }

    [Fact]
    public async Task Fix_Scr5004_LockFileEnabledByItsPresence_AddsLockedModeToDirectoryBuildProps()
    {
        const string Props = """
            <Project>
              <PropertyGroup>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.ApplyAsync(
            Files(LockFileTests.Project(PackageProject), LockFileTests.Props(Props), LockFileTests.Lock()),
            Fixer.LockedModeKey);

        Assert.Equal(PackageProject, texts["/repo/App/App.csproj"]);
        Assert.Contains("<Nullable>enable</Nullable>\n    " + Fixer.LockedModeElement + "\n  </PropertyGroup>", texts["/repo/Directory.Build.props"]);
    }

    [Fact]
    public async Task Fix_Scr5004_NotOfferedWhenTheFileAlreadySetsRestoreLockedMode()
    {
        var offered = await Harness.OfferedAsync(
            Files(
                LockFileTests.Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                        <RestoreLockedMode Condition="'$(Configuration)' == 'Release'">true</RestoreLockedMode>
                      </PropertyGroup>
                      <ItemGroup><PackageReference Include="Contoso.Plc" Version="1.2.3" /></ItemGroup>
                    </Project>
                    """),
                LockFileTests.Lock()),
            "RestorePackagesWithLockFile = true");
        Assert.Empty(offered);
    }

    [Fact]
    public async Task Fix_FixAll_AppliesTheCrossDocumentFixOnce()
    {
        const string Props = """
            <Project>
              <PropertyGroup>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """;
        var texts = await Harness.FixAllAsync(Files(LockFileTests.Project(PackageProject), LockFileTests.Props(Props)), Fixer.EnableLockFileKey);

        Assert.Equal(PackageProject, texts["/repo/App/App.csproj"]);
        Assert.Equal(
            Props.Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable>\n    " + Fixer.LockFileElement),
            texts["/repo/Directory.Build.props"]);
    }
}
