using System.Linq;
using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.LockFileConsistencyAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class LockFileConsistencyTests
{
    private const string Net8 = "TargetFramework = net8.0";

    private static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    private static BuildFileInput Lock(string text) => new("/repo/App/packages.lock.json", BuildFileKind.LockFile, text);

    private static BuildFileInput Packages(string text) => new("/repo/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, text);

    private static BuildFileInput Assets(string text) => new("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, text);

    private static BuildFileInput ProjectReferencing(string id, string version) => Project($$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="{{id}}" Version="{{version}}" />
          </ItemGroup>
        </Project>
        """);

    // ---- Detect ----

    [Fact]
    public async Task Detect_RequestedRangeDiffersFromTheProjectVersion()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "2.0.0"),
                Lock("""
                    {
                      "version": 1,
                      "dependencies": {
                        "net8.0": {
                          {|#0:"Contoso.Plc"|}: { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2", "contentHash": "abc=" }
                        }
                      }
                    }
                    """)),
            Net8,
            Verify.Diagnostic().WithLocation(0).WithArguments("requests 'Contoso.Plc' [1.4.2, ) in net8.0, but the project references [2.0.0, )"));
    }

    [Fact]
    public async Task Detect_DirectReferenceWithoutEntry_OnTheFrameworkSection()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Opc", "2.0.7"),
                Lock("""
                    { "version": 1, "dependencies": { {|#0:"net8.0"|}: {
                      "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } } } }
                    """)),
            Net8,
            Verify.Diagnostic().WithLocation(0).WithArguments("has no entry for 'Contoso.Opc' in net8.0, although the project references it directly"));
    }

    [Fact]
    public async Task Detect_DirectReferenceListedOnlyAsTransitive()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("System.Memory", "4.5.5"),
                Lock("""
                    { "version": 1, "dependencies": { "net8.0": {
                      "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2", "dependencies": { "System.Memory": "4.5.5" } },
                      {|#0:"System.Memory"|}: { "type": "Transitive", "resolved": "4.5.5" } } } }
                    """)),
            Net8,
            Verify.Diagnostic().WithLocation(0).WithArguments("lists 'System.Memory' only as a transitive dependency, although the project references it directly"));
    }

    [Fact]
    public async Task Detect_DependencyWithoutAnEntryOfItsOwn()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "1.4.2"),
                Lock("""
                    { "version": 1, "dependencies": { "net8.0": {
                      "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2",
                        "dependencies": { "Contoso.Core": "1.0.0", {|#0:"Contoso.Native"|}: "[3.1.0]" } },
                      "Contoso.Core": { "type": "Transitive", "resolved": "1.0.0" } } } }
                    """),
                Assets(ResolvedAssets("Contoso.Plc/1.4.2", "Contoso.Core/1.0.0", "Contoso.Native/3.1.0"))),
            Net8,
            Verify.Diagnostic().WithLocation(0).WithArguments("lists 'Contoso.Native' as a dependency of 'Contoso.Plc' in net8.0 but has no entry for it"));
    }

    [Fact]
    public async Task Detect_DependencyResolvedForTheSameFrameworkWithoutAnEntry_WhenMultiTargeting()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Logging", "9.0.0"),
                Lock("""
                    { "version": 1, "dependencies": {
                      ".NETStandard,Version=v2.0": {
                        "Contoso.Logging": { "type": "Direct", "requested": "[9.0.0, )", "resolved": "9.0.0",
                          "dependencies": { {|#0:"Contoso.Memory"|}: "4.5.5" } } },
                      "net10.0": {
                        "Contoso.Logging": { "type": "Direct", "requested": "[9.0.0, )", "resolved": "9.0.0" } } } }
                    """),
                Assets("""
                    { "version": 3,
                      "targets": {
                        ".NETStandard,Version=v2.0": {
                          "Contoso.Logging/9.0.0": { "type": "package", "dependencies": { "Contoso.Memory": "4.5.5" } },
                          "Contoso.Memory/4.5.5": { "type": "package" } },
                        "net10.0": {
                          "Contoso.Logging/9.0.0": { "type": "package" } } },
                      "libraries": {
                        "Contoso.Logging/9.0.0": { "type": "package", "files": [] },
                        "Contoso.Memory/4.5.5": { "type": "package", "files": [] } } }
                    """)),
            """
            TargetFramework = netstandard2.0
            TargetFrameworks = netstandard2.0
            SecureCodingTargetFrameworks = netstandard2.0,net10.0
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lists 'Contoso.Memory' as a dependency of 'Contoso.Logging' in netstandard2.0 but has no entry for it"));
    }

    // Regression (found on the repository's own lock files): NuGet writes a dependency without an entry when the
    // graph excludes it, e.g. PrivateAssets="all" on a package of a referenced project or a package the framework
    // provides (pruning). Restore did not resolve it, so nothing is inconsistent.
    [Fact]
    public async Task Safe_DependencyThatRestoreExcludedHasNoEntry()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "1.4.2"),
                Lock("""
                    { "version": 1, "dependencies": { "net8.0": {
                      "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2",
                        "dependencies": { "Contoso.Analyzers": "3.3.4" } } } } }
                    """),
                Assets(ResolvedAssets("Contoso.Plc/1.4.2"))),
            Net8);
    }

    // Multi-targeting: a dependency the net10.0 graph prunes (the framework provides it) has no entry in the net10.0
    // section although restore resolved it for netstandard2.0. Whether restore resolved it is decided per framework.
    [Fact]
    public async Task Safe_DependencyPrunedInOneFrameworkButResolvedInAnother()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Logging", "9.0.0"),
                Lock("""
                    { "version": 1, "dependencies": {
                      ".NETStandard,Version=v2.0": {
                        "Contoso.Logging": { "type": "Direct", "requested": "[9.0.0, )", "resolved": "9.0.0",
                          "dependencies": { "System.Diagnostics.DiagnosticSource": "9.0.0" } },
                        "System.Diagnostics.DiagnosticSource": { "type": "Transitive", "resolved": "9.0.0" } },
                      "net10.0": {
                        "Contoso.Logging": { "type": "Direct", "requested": "[9.0.0, )", "resolved": "9.0.0",
                          "dependencies": { "System.Diagnostics.DiagnosticSource": "9.0.0" } } } } }
                    """),
                Assets("""
                    { "version": 3,
                      "targets": {
                        ".NETStandard,Version=v2.0": {
                          "Contoso.Logging/9.0.0": { "type": "package", "dependencies": { "System.Diagnostics.DiagnosticSource": "9.0.0" } },
                          "System.Diagnostics.DiagnosticSource/9.0.0": { "type": "package" } },
                        "net10.0": {
                          "Contoso.Logging/9.0.0": { "type": "package" } } },
                      "libraries": {
                        "Contoso.Logging/9.0.0": { "type": "package", "files": [] },
                        "System.Diagnostics.DiagnosticSource/9.0.0": { "type": "package", "files": [] } } }
                    """)),
            """
            TargetFramework = netstandard2.0
            TargetFrameworks = netstandard2.0
            SecureCodingTargetFrameworks = netstandard2.0,net10.0
            """);
    }

    private static string ResolvedAssets(params string[] libraries)
        => "{ \"version\": 3, \"targets\": { \"net8.0\": {} }, \"libraries\": { "
           + string.Join(", ", libraries.Select(l => "\"" + l + "\": { \"type\": \"package\", \"files\": [] }"))
           + " } }";

    [Fact]
    public async Task Detect_TargetFrameworkAddedToTheProject()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "1.4.2"),
                Lock("""
                    { "version": 1, {|#0:"dependencies"|}: { "net8.0": {
                      "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } } } }
                    """)),
            """
            TargetFramework = net8.0
            TargetFrameworks = net8.0
            SecureCodingTargetFrameworks = net8.0,net9.0
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("covers the target frameworks net8.0, but the project targets net8.0, net9.0"));
    }

    [Fact]
    public async Task Detect_TargetFrameworkDroppedFromTheProject_OnTheStaleSection()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "1.4.2"),
                Lock("""
                    { "version": 1, "dependencies": {
                      {|#0:".NETFramework,Version=v4.7.2"|}: { "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } },
                      "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } } } }
                    """)),
            Net8,
            Verify.Diagnostic().WithLocation(0).WithArguments("covers the target frameworks net472, net8.0, but the project targets net8.0"));
    }

    [Fact]
    public async Task Detect_OneFindingPerProblem_ListingEveryFramework()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "[2.0.0]"),
                Lock("""
                    { "version": 1, "dependencies": {
                      ".NETStandard,Version=v2.0": { {|#0:"Contoso.Plc"|}: { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } },
                      "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } } } }
                    """)),
            """
            TargetFramework = net8.0
            TargetFrameworks = netstandard2.0
            SecureCodingTargetFrameworks = netstandard2.0,net8.0
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("requests 'Contoso.Plc' [1.4.2, ) in netstandard2.0, net8.0, but the project references [2.0.0, 2.0.0]"));
    }

    [Fact]
    public async Task Detect_CentralPackageManagement_VersionAndTransitivePinChanged()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <PackageReference Include="Contoso.Plc" />
                        <PackageReference Include="Contoso.Opc" VersionOverride="2.1.0" />
                      </ItemGroup>
                    </Project>
                    """),
                Packages("""
                    <Project>
                      <ItemGroup>
                        <PackageVersion Include="Contoso.Plc" Version="1.5.0" />
                        <PackageVersion Include="Contoso.Opc" Version="2.0.7" />
                        <PackageVersion Include="System.Memory" Version="4.6.0" />
                      </ItemGroup>
                    </Project>
                    """),
                Lock("""
                    { "version": 2, "dependencies": { "net8.0": {
                      {|#0:"Contoso.Plc"|}: { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" },
                      "Contoso.Opc": { "type": "Direct", "requested": "[2.1.0, )", "resolved": "2.1.0" },
                      {|#1:"System.Memory"|}: { "type": "CentralTransitive", "requested": "[4.5.5, )", "resolved": "4.5.5" } } } }
                    """)),
            """
            TargetFramework = net8.0
            ManagePackageVersionsCentrally = true
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("requests 'Contoso.Plc' [1.4.2, ) in net8.0, but the project references [1.5.0, )"),
            Verify.Diagnostic().WithLocation(1).WithArguments("pins 'System.Memory' to [4.5.5, ) in net8.0, but Directory.Packages.props sets [4.6.0, )"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ConsistentLockFileAsRestoreWritesIt()
    {
        // Shape of a real restore: multi-targeting with an old framework written by its full name, Central Package
        // Management with VersionOverride and transitive pinning, an SDK-implied direct package, a project entry.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>
                        <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Microsoft.CodeAnalysis.CSharp" />
                        <PackageReference Include="Newtonsoft.Json" VersionOverride="13.0.3" />
                        <ProjectReference Include="../Lib/Lib.csproj" />
                      </ItemGroup>
                    </Project>
                    """),
                Packages("""
                    <Project>
                      <ItemGroup>
                        <PackageVersion Include="Microsoft.CodeAnalysis.CSharp" Version="4.8.0" />
                        <PackageVersion Include="Newtonsoft.Json" Version="13.0.1" />
                        <PackageVersion Include="System.Memory" Version="4.5.5" />
                      </ItemGroup>
                    </Project>
                    """),
                Lock("""
                    {
                      "version": 2,
                      "dependencies": {
                        ".NETStandard,Version=v2.0": {
                          "Microsoft.CodeAnalysis.CSharp": { "type": "Direct", "requested": "[4.8.0, )", "resolved": "4.8.0", "contentHash": "x=",
                            "dependencies": { "Microsoft.CodeAnalysis.Common": "[4.8.0]" } },
                          "NETStandard.Library": { "type": "Direct", "requested": "[2.0.3, )", "resolved": "2.0.3", "contentHash": "x=",
                            "dependencies": { "Microsoft.NETCore.Platforms": "1.1.0" } },
                          "Newtonsoft.Json": { "type": "Direct", "requested": "[13.0.3, )", "resolved": "13.0.3", "contentHash": "x=" },
                          "Microsoft.CodeAnalysis.Common": { "type": "Transitive", "resolved": "4.8.0", "contentHash": "x=",
                            "dependencies": { "System.Memory": "4.5.5" } },
                          "Microsoft.NETCore.Platforms": { "type": "Transitive", "resolved": "1.1.0", "contentHash": "x=" },
                          "lib": { "type": "Project" },
                          "System.Memory": { "type": "CentralTransitive", "requested": "[4.5.5, )", "resolved": "4.5.5", "contentHash": "x=" }
                        },
                        "net10.0": {
                          "Microsoft.CodeAnalysis.CSharp": { "type": "Direct", "requested": "[4.8.0, )", "resolved": "4.8.0", "contentHash": "x=",
                            "dependencies": { "Microsoft.CodeAnalysis.Common": "[4.8.0]" } },
                          "Newtonsoft.Json": { "type": "Direct", "requested": "[13.0.3, )", "resolved": "13.0.3", "contentHash": "x=" },
                          "Microsoft.CodeAnalysis.Common": { "type": "Transitive", "resolved": "4.8.0", "contentHash": "x=" },
                          "lib": { "type": "Project" }
                        },
                        "net10.0/linux-x64": {
                          "Contoso.Native": { "type": "Transitive", "resolved": "1.0.0", "dependencies": { "runtime.linux-x64.Contoso.Native": "1.0.0" } }
                        }
                      }
                    }
                    """)),
            """
            TargetFramework = net10.0
            TargetFrameworks = net10.0
            SecureCodingTargetFrameworks = net10.0,netstandard2.0
            ManagePackageVersionsCentrally = true
            """);
    }

    [Theory]
    [InlineData("1.2.3", "[1.2.3, )")]
    [InlineData("1.2", "[1.2.0, )")]
    [InlineData("1.2.3.0", "[1.2.3, )")]
    [InlineData("01.02.03", "[1.2.3, )")]
    [InlineData(" 1.2.3 ", "[1.2.3, )")]
    [InlineData("[1.2.3]", "[1.2.3, 1.2.3]")]
    [InlineData("[1.0,2.0)", "[1.0.0, 2.0.0)")]
    [InlineData("(1.0, )", "(1.0.0, )")]
    [InlineData("(, 3.0]", "(, 3.0.0]")]
    [InlineData("1.0.0-Beta.01", "[1.0.0-beta.1, )")]
    [InlineData("1.2.3+sha.5f2e", "[1.2.3, )")]
    public async Task Safe_VersionWrittenDifferentlyButMeaningTheSame(string project, string requested)
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", project),
                Lock($$"""{ "version": 1, "dependencies": { "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "{{requested}}", "resolved": "1.2.3" } } } }""")),
            Net8);
    }

    [Fact]
    public async Task Safe_FrameworkNamesWrittenDifferently()
    {
        const string Entry = """{ "Contoso.Plc": { "type": "Direct", "requested": "[1.2.3, )", "resolved": "1.2.3" } }""";
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "1.2.3"),
                Lock($$"""
                    { "version": 1, "dependencies": {
                      ".NETFramework,Version=v4.7.2": {{Entry}},
                      ".NETStandard,Version=v2.0": {{Entry}},
                      ".NETCoreApp,Version=v3.1": {{Entry}},
                      "net8.0-windows7.0": {{Entry}},
                      "net8.0-windows10.0.19041": {{Entry}},
                      "net9.0-android35.0": {{Entry}} } }
                    """)),
            """
            TargetFramework = net472
            TargetFrameworks = net472
            SecureCodingTargetFrameworks = net472,netstandard2.0,netcoreapp3.1,net8.0-windows,net8.0-windows10.0.19041.0,NET9.0-android35
            """);
    }

    [Fact]
    public async Task Safe_TargetFrameworkAliasesResolvedThroughTheAssetsFile()
    {
        await Verify.VerifyAsync(
            new[]
            {
                ProjectReferencing("Contoso.Plc", "1.2.3"),
                Lock("""
                    { "version": 1, "dependencies": {
                      "net472": { "Contoso.Plc": { "type": "Direct", "requested": "[1.2.3, )", "resolved": "1.2.3" } },
                      "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.2.3, )", "resolved": "1.2.3" } } } }
                    """),
                Assets("""
                    { "version": 3, "targets": {}, "libraries": {}, "project": { "frameworks": {
                      "desktop": { "framework": "net472", "targetAlias": "desktop" },
                      "core": { "framework": "net8.0", "targetAlias": "core" } } } }
                    """),
            },
            """
            TargetFramework = core
            TargetFrameworks = desktop
            SecureCodingTargetFrameworks = desktop,core
            """);
    }

    [Fact]
    public async Task Safe_TargetFrameworksCutAtTheFirstSemicolon_AreNotTrusted()
    {
        // Without the package's comma-separated list, build_property.TargetFrameworks holds only the first framework.
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "1.2.3"),
                Lock("""
                    { "version": 1, "dependencies": {
                      "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.2.3, )", "resolved": "1.2.3" } },
                      "net9.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.2.3, )", "resolved": "1.2.3" } } } }
                    """)),
            """
            TargetFramework = net8.0
            TargetFrameworks = net8.0;net9.0
            """);
    }

    [Fact]
    public async Task Safe_UnknownAliasIsNotGuessed()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "1.2.3"),
                Lock("""{ "version": 1, "dependencies": { "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.2.3, )", "resolved": "1.2.3" } } } }""")),
            "TargetFramework = modern");
    }

    [Fact]
    public async Task Safe_ReferencesWhoseVersionOrPresenceIsNotKnownHere()
    {
        // Conditional items, lists, property versions, floating versions (SCR5001), Update/Remove and duplicates.
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <PackageReference Include="Contoso.Legacy" Version="1.0.0" Condition="'$(TargetFramework)' == 'net472'" />
                        <PackageReference Include="Contoso.A;Contoso.B" Version="1.0.0" />
                        <PackageReference Include="Contoso.Plc" Version="$(PlcVersion)" />
                        <PackageReference Include="Contoso.Opc" Version="2.*" />
                        <PackageReference Include="Contoso.Updated" Version="1.0.0" />
                        <PackageReference Update="Contoso.Updated" Version="2.0.0" />
                        <PackageReference Include="Contoso.Twice" Version="1.0.0" />
                        <PackageReference Include="Contoso.Twice" Version="3.0.0" />
                      </ItemGroup>
                      <ItemGroup Condition="'$(Configuration)' == 'Debug'">
                        <PackageReference Include="Contoso.Diagnostics" Version="1.0.0" />
                      </ItemGroup>
                      <Choose>
                        <When Condition="'$(OS)' == 'Windows_NT'">
                          <ItemGroup><PackageReference Include="Contoso.Windows" Version="1.0.0" /></ItemGroup>
                        </When>
                      </Choose>
                    </Project>
                    """),
                Lock("""
                    { "version": 1, "dependencies": { "net8.0": {
                      "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" },
                      "Contoso.Opc": { "type": "Direct", "requested": "[2.*, )", "resolved": "2.0.7" },
                      "Contoso.A": { "type": "Direct", "requested": "[1.0.0, )", "resolved": "1.0.0" },
                      "Contoso.B": { "type": "Direct", "requested": "[1.0.0, )", "resolved": "1.0.0" },
                      "Contoso.Updated": { "type": "Direct", "requested": "[2.0.0, )", "resolved": "2.0.0" },
                      "Contoso.Twice": { "type": "Direct", "requested": "[3.0.0, )", "resolved": "3.0.0" } } } }
                    """)),
            Net8);
    }

    [Fact]
    public async Task Safe_PackageReferencesFromDirectoryBuildPropsMatch()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""<Project Sdk="Microsoft.NET.Sdk"></Project>"""),
                new BuildFileInput("/repo/Directory.Build.props", BuildFileKind.DirectoryBuildProps, """
                    <Project>
                      <ItemGroup>
                        <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="all" />
                      </ItemGroup>
                    </Project>
                    """),
                Lock("""{ "version": 1, "dependencies": { "net8.0": { "StyleCop.Analyzers": { "type": "Direct", "requested": "[1.1.118, )", "resolved": "1.1.118" } } } }""")),
            Net8);
    }

    [Fact]
    public async Task Safe_ReportedByOneInnerBuildOnly()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                ProjectReferencing("Contoso.Plc", "2.0.0"),
                Lock("""{ "version": 1, "dependencies": { "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } } } }""")),
            """
            TargetFramework = net8.0
            SecureCodingReportSharedFiles = false
            """);
    }

    [Fact]
    public async Task Safe_BeforeTheFirstRestore_AndWithTheLockFileSwitchedOff()
    {
        var stale = Lock("""{ "version": 1, "dependencies": { "net8.0": { "Contoso.Plc": { "type": "Direct", "requested": "[1.4.2, )", "resolved": "1.4.2" } } } }""");
        await Verify.VerifyAsync(new[] { ProjectReferencing("Contoso.Plc", "2.0.0"), stale }, Net8);
        await Verify.VerifyAsync(Verify.Restored(ProjectReferencing("Contoso.Plc", "2.0.0"), stale), "TargetFramework = net8.0\nRestorePackagesWithLockFile = false");
    }

    [Fact]
    public async Task Safe_MalformedLockFile_IsLeftToScr5000()
    {
        await Verify.VerifyAsync(Verify.Restored(ProjectReferencing("Contoso.Plc", "2.0.0"), Lock("""{ "version": 1, "dependencies": { "net8.0": { """)), Net8);
    }
}
