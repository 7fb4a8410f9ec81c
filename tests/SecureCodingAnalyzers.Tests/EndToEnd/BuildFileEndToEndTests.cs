using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SecureCodingAnalyzers.Tests.EndToEnd;

/// <summary>
/// The dependency and package-source rules on real consumer repositories: packages packed in the test into local
/// folder feeds and a registry package, restored with an isolated NuGet cache and built. Findings are asserted by
/// file, line and id against <c>&lt;!-- expect: SCRnnnn --&gt;</c> markers; a clean, correctly pinned repo yields none.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class BuildFileEndToEndTests
{
    private const string Program = "namespace App;\npublic static class Entry { public static string Name => \"app\"; }\n";

    // Test packages are built locally and unsigned; a real supplier would sign them or list them here.
    private const string GlobalConfig = """
        is_global = true
        # Justification: packages built in-house by this test; not signed.
        dotnet_diagnostic.SCR5022.allowed_unsigned_packages = SecureCodingAnalyzers, Contoso.*
        """;

    private readonly PackedPackageFixture _package;

    public BuildFileEndToEndTests(PackedPackageFixture package) => _package = package;

    [Fact]
    public async Task PinnedRepo_YieldsNoWarning()
    {
        await _package.PackLibraryAsync("Contoso.Plc", "1.1.0");
        var repo = _package.CreateRepo("pinned", new Dictionary<string, string>
        {
            ["nuget.config"] = """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="e2e-feed" value="{FEED}" />
                  </packageSources>
                  <packageSourceMapping>
                    <clear />
                    <packageSource key="e2e-feed">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """,
            [".globalconfig"] = GlobalConfig,
            ["Directory.Build.props"] = """
                <Project>
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                    <RestoreLockedMode Condition="'$(ContinuousIntegrationBuild)' == 'true' or '$(CI)' == 'true'">true</RestoreLockedMode>
                  </PropertyGroup>
                </Project>
                """,
            ["Directory.Packages.props"] = """
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="Contoso.Plc" Version="[1.1.0]" />
                    <PackageVersion Include="SecureCodingAnalyzers" Version="[{VERSION}]" />
                  </ItemGroup>
                </Project>
                """,
            ["App/App.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="Contoso.Plc" />
                    <PackageReference Include="SecureCodingAnalyzers" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """,
            ["App/Program.cs"] = Program,
        });

        var restore = await _package.RunInAsync(repo, "restore", "App/App.csproj");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.True(File.Exists(Path.Combine(repo, "App", "packages.lock.json")), "restore wrote no lock file");

        var build = await _package.RunInAsync(repo, "build", "App/App.csproj", "--no-restore", "-nologo");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain(PackedPackageFixture.Findings(build.Output), f => f.Severity is "warning" or "error");

        // Someone changes the central version without restoring: the lock file no longer describes the build (SCR5006),
        // reported on the lock file's entry for the package.
        var packages = Path.Combine(repo, "Directory.Packages.props");
        File.WriteAllText(packages, File.ReadAllText(packages).Replace("[1.1.0]", "[1.0.0]", StringComparison.Ordinal));
        var stale = await _package.RunInAsync(repo, "build", "App/App.csproj", "--no-restore", "-nologo");
        var lockLines = File.ReadAllLines(Path.Combine(repo, "App", "packages.lock.json"));
        var entryLine = Array.FindIndex(lockLines, l => l.Contains("\"Contoso.Plc\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(
            new[] { ("packages.lock.json", entryLine, "SCR5006") },
            PackedPackageFixture.Findings(stale.Output).Where(f => f.Severity is "warning" or "error").Select(f => (f.File, f.Line, f.Id)).Distinct().ToArray());
    }

    [Fact]
    public async Task UnpinnedRepo_ReportsEachFindingAtItsLine()
    {
        var vendor = Path.Combine(_package.WorkDirectory, "vendor-feed");
        Directory.CreateDirectory(vendor);
        await _package.PackLibraryAsync("Contoso.Plc", "1.1.0");
        await _package.PackLibraryAsync("Contoso.Opc", "1.0.0", vendor);
        var repo = _package.CreateRepo("unpinned", new Dictionary<string, string>
        {
            ["nuget.config"] = $$"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources> <!-- expect: SCR5011, SCR5012 -->
                    <add key="e2e-feed" value="{FEED}" />
                    <add key="vendor-feed" value="{{vendor}}" />
                    <add key="plant-feed" value="http://packages.example.com/v3/index.json" /> <!-- expect: SCR5010 -->
                  </packageSources>
                  <disabledPackageSources>
                    <add key="plant-feed" value="true" />
                  </disabledPackageSources>
                </configuration>
                """,
            [".globalconfig"] = GlobalConfig,
            ["Directory.Build.props"] = """
                <Project>
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <NuGetAudit>false</NuGetAudit> <!-- expect: SCR5030 -->
                    <NoWarn>$(NoWarn);NU1603</NoWarn> <!-- expect: SCR5031 -->
                    <RestorePackageWithLockFile>true</RestorePackageWithLockFile> <!-- expect: SCR5040 -->
                  </PropertyGroup>
                </Project>
                """,
            ["App/App.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk"> <!-- expect: SCR5023 -->
                  <ItemGroup>
                    <PackageReference Include="Contoso.Plc" Version="1.*" /> <!-- expect: SCR5001, SCR5003 -->
                    <PackageReference Include="Contoso.Opc" Version="[1.0.0, )" /> <!-- expect: SCR5002 -->
                    <PackageReference Include="SecureCodingAnalyzers" Version="{VERSION}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """,
            ["App/Program.cs"] = Program,
        });

        // A build machine that switched package signature verification off (SCR5023, reported on the project).
        var environment = new Dictionary<string, string> { ["DOTNET_NUGET_SIGNATURE_VERIFICATION"] = "false" };
        var build = await _package.RunInAsync(repo, environment, "build", "App/App.csproj", "-nologo");
        Assert.True(build.ExitCode == 0, build.ToString());
        var expected = ExpectedIn(repo);
        var actual = PackedPackageFixture.Findings(build.Output).Where(f => f.Severity is "warning" or "error").Select(f => (f.File, f.Line, f.Id)).ToHashSet();
        Assert.Equal(expected.OrderBy(x => x.ToString()), actual.OrderBy(x => x.ToString()));
        Assert.Contains("restore resolved, 1.1.0", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryPackage_FloatingVersion_IsReportedWithTheVersionRestoreResolved()
    {
        var repo = _package.CreateRepo("registry", new Dictionary<string, string>
        {
            // The machine's default source is inherited from the user configuration (by its key name, never its URL);
            // a cleared package source mapping makes every other inherited source unusable.
            ["nuget.config"] = """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="e2e-feed" value="{FEED}" />
                  </packageSources>
                  <packageSourceMapping>
                    <clear />
                    <packageSource key="e2e-feed">
                      <package pattern="SecureCodingAnalyzers" />
                    </packageSource>
                    <packageSource key="nuget.org">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """,
            [".globalconfig"] = GlobalConfig,
            ["App/App.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Newtonsoft.Json" Version="13.0.*" /> <!-- expect: SCR5001, SCR5003 -->
                    <PackageReference Include="SecureCodingAnalyzers" Version="{VERSION}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """,
            ["App/Program.cs"] = Program,
        });

        var build = await _package.RunInAsync(repo, "build", "App/App.csproj", "-nologo");
        Assert.True(build.ExitCode == 0, build.ToString());
        var actual = PackedPackageFixture.Findings(build.Output).Where(f => f.Severity is "warning" or "error").Select(f => (f.File, f.Line, f.Id)).ToHashSet();
        Assert.Equal(ExpectedIn(repo).OrderBy(x => x.ToString()), actual.OrderBy(x => x.ToString()));
        Assert.Matches(@"SCR5001: PackageReference 'Newtonsoft\.Json' floats on version '13\.0\.\*'; pin the version to the version restore resolved, 13\.0\.\d+", build.Output);
    }

    [Fact]
    public async Task WeakSettingsRepo_TwoProjects_ReportsLockCentralVersionSignatureAndMappingFindings()
    {
        var vendor = Path.Combine(_package.WorkDirectory, "vendor-feed");
        Directory.CreateDirectory(vendor);
        await _package.PackLibraryAsync("Contoso.Plc", "1.1.0");
        await _package.PackLibraryAsync("Contoso.Opc", "1.0.0", vendor);
        var repo = _package.CreateRepo("weak-settings", new Dictionary<string, string>
        {
            ["nuget.config"] = $$"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="e2e-feed" value="{FEED}" />
                    <add key="vendor-feed" value="{{vendor}}" />
                  </packageSources>
                  <packageSourceMapping>
                    <clear />
                    <packageSource key="e2e-feed">
                      <package pattern="*" />
                    </packageSource>
                    <packageSource key="vendor-feed">
                      <package pattern="*" /> <!-- expect: SCR5013 -->
                    </packageSource>
                  </packageSourceMapping>
                  <trustedSigners>
                    <author name="contoso">
                      <certificate fingerprint="3F9001EA83C560D712C24CF213C3D312CB3BFF51EE89435D3D3B4BFDF9F7C1D0" hashAlgorithm="SHA256" allowUntrustedRoot="true" /> <!-- expect: SCR5021 -->
                    </author>
                  </trustedSigners>
                </configuration>
                """,
            // A second config whose name NuGet ignores on Linux: its settings silently do not apply there.
            ["NUGET.CONFIG"] = """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration> <!-- expect: SCR5014 -->
                  <config><add key="signatureValidationMode" value="require" /></config>
                </configuration>
                """,
            [".globalconfig"] = GlobalConfig,
            ["Directory.Build.props"] = """
                <Project>
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile> <!-- expect: SCR5004 -->
                  </PropertyGroup>
                </Project>
                """,
            ["Directory.Packages.props"] = """
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                    <CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled> <!-- expect: SCR5007 -->
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="Contoso.Plc" Version="1.*" /> <!-- expect: SCR5001 -->
                    <PackageVersion Include="Contoso.Opc" Version="1.0.0" />
                    <PackageVersion Include="SecureCodingAnalyzers" Version="{VERSION}" />
                  </ItemGroup>
                </Project>
                """,
            ["App/App.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="Contoso.Plc" />
                    <PackageReference Include="SecureCodingAnalyzers" PrivateAssets="all" />
                    <ProjectReference Include="../Lib/Lib.csproj" /> <!-- expect: SCR5005 -->
                  </ItemGroup>
                </Project>
                """,
            ["App/Program.cs"] = Program,
            ["Lib/Lib.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <RestorePackagesWithLockFile>false</RestorePackagesWithLockFile>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Contoso.Opc" /> <!-- expect: SCR5003 -->
                    <PackageReference Include="SecureCodingAnalyzers" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """,
            ["Lib/Library.cs"] = "namespace Lib;\npublic static class Library { }\n",
        });

        var build = await _package.RunInAsync(repo, "build", "App/App.csproj", "-nologo");
        Assert.True(build.ExitCode == 0, build.ToString());
        var actual = PackedPackageFixture.Findings(build.Output).Where(f => f.Severity is "warning" or "error").Select(f => (f.File, f.Line, f.Id)).ToHashSet();
        Assert.Equal(ExpectedIn(repo).OrderBy(x => x.ToString()), actual.OrderBy(x => x.ToString()));
    }

    [Fact]
    public async Task SolutionBuild_ReportsAFindingInASharedFileOnce()
    {
        await _package.PackLibraryAsync("Contoso.Plc", "1.1.0");
        const string Project = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Contoso.Plc" />
                <PackageReference Include="SecureCodingAnalyzers" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """;
        var repo = _package.CreateRepo("solution", new Dictionary<string, string>
        {
            ["nuget.config"] = """
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="e2e-feed" value="{FEED}" />
                  </packageSources>
                </configuration>
                """,
            [".globalconfig"] = GlobalConfig,
            ["Directory.Packages.props"] = """
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                    <CentralPackageFloatingVersionsEnabled>true</CentralPackageFloatingVersionsEnabled>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="Contoso.Plc" Version="1.*" />
                    <PackageVersion Include="SecureCodingAnalyzers" Version="{VERSION}" />
                  </ItemGroup>
                </Project>
                """,
            ["Plant.slnx"] = """
                <Solution>
                  <Project Path="Gateway/Gateway.csproj" />
                  <Project Path="Historian/Historian.csproj" />
                </Solution>
                """,
            ["Gateway/Gateway.csproj"] = Project,
            ["Gateway/Program.cs"] = Program,
            ["Historian/Historian.csproj"] = Project,
            ["Historian/Program.cs"] = Program,
        });

        var restore = await _package.RunInAsync(repo, "restore", "Plant.slnx");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var build = await _package.RunInAsync(repo, "build", "Plant.slnx", "--no-restore", "-nologo");
        Assert.True(build.ExitCode == 0, build.ToString());

        // Both compilations see Directory.Packages.props; only the solution's first project reports it.
        var reporters = System.Text.RegularExpressions.Regex.Matches(build.Output, @"Directory\.Packages\.props\(\d+,\d+\): warning SCR5001:[^\r\n]*\[(?<project>[^\]]+)\]")
            .Select(m => m.Groups["project"].Value)
            .Distinct()
            .ToList();
        Assert.True(reporters.Count == 1, "Reported by: " + string.Join(", ", reporters) + "\n" + build.Output);
        Assert.EndsWith("Gateway.csproj", reporters[0].Split("::")[0], StringComparison.Ordinal);
    }

    private static IReadOnlySet<(string File, int Line, string Id)> ExpectedIn(string repo)
        => Directory.EnumerateDirectories(repo).Append(repo)
            .SelectMany(d => PackedPackageFixture.ExpectedFindings(Path.Combine(d, "x.csproj")))
            .ToHashSet();
}
