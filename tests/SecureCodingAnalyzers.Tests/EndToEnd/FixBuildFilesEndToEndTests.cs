using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Projects;
using Xunit;

namespace SecureCodingAnalyzers.Tests.EndToEnd;

/// <summary>
/// <c>secure-coding fix-build-files</c> on a real consumer repository: restored against the packed package and
/// packages packed in the test, fixed by the tool (in process, with the real MSBuild evaluation), then built: the
/// findings the tool fixes are gone, and a second run has nothing left to change.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class FixBuildFilesEndToEndTests
{
    private readonly PackedPackageFixture _package;

    public FixBuildFilesEndToEndTests(PackedPackageFixture package) => _package = package;

    [Fact]
    public async Task UnpinnedRepo_FixedByTheTool_BuildsWithoutFindings()
    {
        await _package.PackLibraryAsync("Contoso.Plc", "1.1.0");
        await _package.PackLibraryAsync("Contoso.Opc", "1.0.0");
        var repo = _package.CreateRepo("tool-fix", new Dictionary<string, string>
        {
            ["nuget.config"] = """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="e2e-feed" value="{FEED}" />
                    <add key="plant-feed" value="http://packages.example.com/v3/index.json" /> <!-- expect: SCR5010 -->
                  </packageSources>
                  <disabledPackageSources>
                    <add key="plant-feed" value="true" />
                  </disabledPackageSources>
                </configuration>
                """,
            [".globalconfig"] = """
                is_global = true
                # Justification: packages built in-house by this test; not signed.
                dotnet_diagnostic.SCR5022.allowed_unsigned_packages = SecureCodingAnalyzers, Contoso.*
                """,
            ["Directory.Build.props"] = """
                <Project>
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <NuGetAudit>false</NuGetAudit> <!-- expect: SCR5030 -->
                    <RestorePackageWithLockFile>true</RestorePackageWithLockFile> <!-- expect: SCR5040 -->
                  </PropertyGroup>
                </Project>
                """,
            ["App/App.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <PackageReference Include="Contoso.Plc" Version="1.*" /> <!-- expect: SCR5001, SCR5003 -->
                    <PackageReference Include="Contoso.Opc" Version="[1.0.0, )" /> <!-- expect: SCR5002 -->
                    <PackageReference Include="SecureCodingAnalyzers" Version="{VERSION}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """,
            ["App/Program.cs"] = "namespace App;\npublic static class Entry { public static string Name => \"app\"; }\n",
        });

        // Before: the build reports every marked finding (the tool needs a restored project, as the IDE does).
        var before = await _package.RunInAsync(repo, "build", "App/App.csproj", "-nologo");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(
            Expected(repo).OrderBy(x => x.ToString()),
            Warnings(before.Output).OrderBy(x => x.ToString()));

        var (code, output) = await RunToolAsync("fix-build-files", repo);
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("SCR5040 Rename to RestorePackagesWithLockFile", output, StringComparison.Ordinal);
        Assert.Contains("SCR5001 Pin to the resolved version 1.1.0", output, StringComparison.Ordinal);
        Assert.Contains("SCR5010 Use https", output, StringComparison.Ordinal);

        var project = File.ReadAllText(Path.Combine(repo, "App", "App.csproj"));
        Assert.Contains("""<PackageReference Include="Contoso.Plc" Version="1.1.0" />""", project, StringComparison.Ordinal);
        var props = File.ReadAllText(Path.Combine(repo, "Directory.Build.props"));
        Assert.Contains("<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>", props, StringComparison.Ordinal);
        Assert.Contains(LockFileCodeFixProvider.LockedModeElement, props, StringComparison.Ordinal);
        Assert.Contains("<NuGetAudit>true</NuGetAudit>", props, StringComparison.Ordinal);
        Assert.Contains("https://packages.example.com", File.ReadAllText(Path.Combine(repo, "nuget.config")), StringComparison.Ordinal);

        // After: restore writes the lock file the fix enabled, and the build reports none of those findings.
        var after = await _package.RunInAsync(repo, "build", "App/App.csproj", "-nologo");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.True(File.Exists(Path.Combine(repo, "App", "packages.lock.json")), "restore wrote no lock file");
        Assert.Empty(Warnings(after.Output));

        // And the CI gate passes: nothing is left to change.
        var (check, checkOutput) = await RunToolAsync("fix-build-files", repo, "--check");
        Assert.True(check == ExitCodes.Success, checkOutput);
        Assert.Contains("Nothing to fix.", checkOutput, StringComparison.Ordinal);
    }

    /// <summary>Runs the tool in process; its MSBuild child processes see the consumer's isolated NuGet cache.</summary>
    private async Task<(int Code, string Output)> RunToolAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = _package.NuGetPackages,
            ["CI"] = null,
            ["ContinuousIntegrationBuild"] = null,
        };
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = null;
            }
        }

        var output = new StringWriter();
        var code = await SecureCodingTool.RunAsync(arguments, new ToolSettings { Output = output, Error = output, Evaluator = new MSBuildProjectEvaluator(environment) });
        return (code, output.ToString());
    }

    private static IEnumerable<(string File, int Line, string Id)> Warnings(string buildOutput)
        => PackedPackageFixture.Findings(buildOutput).Where(f => f.Severity is "warning" or "error").Select(f => (f.File, f.Line, f.Id)).ToHashSet();

    private static IEnumerable<(string File, int Line, string Id)> Expected(string repo)
        => Directory.EnumerateDirectories(repo).Append(repo)
            .SelectMany(d => PackedPackageFixture.ExpectedFindings(Path.Combine(d, "x.csproj")))
            .ToHashSet();
}
