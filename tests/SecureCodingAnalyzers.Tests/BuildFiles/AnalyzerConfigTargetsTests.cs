using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.EndToEnd;
using Xunit;

namespace SecureCodingAnalyzers.Tests.BuildFiles;

/// <summary>
/// The package's targets pass the analyzer configuration files the compiler reads (@(EditorConfigFiles) and
/// @(GlobalAnalyzerConfigFiles)) as AdditionalFiles with SecureCodingKind=AnalyzerConfig (SCR9002), leaving out the
/// package's own profiles, files of the SDK and of NuGet packages, and the generated MSBuild editorconfig. MSBuild runs
/// the real target on a scratch project that imports the repository's props and targets and declares the items the
/// SDK would (no SDK, no restore).
/// </summary>
public sealed class AnalyzerConfigTargetsTests : TargetsScratchProject
{
    [Fact]
    public async Task Targets_PassEditorAndGlobalConfigs_WithTheKind_ButNotProfilesPackagesSdkOrGenerated()
    {
        foreach (var name in new[] { ".editorconfig", "src/.editorconfig", ".globalconfig", "config/security.globalconfig", "packages/contoso.rules/1.0.0/build/contoso.globalconfig", "dotnet/sdk/analysislevel_default.globalconfig", "obj/App.GeneratedMSBuildEditorConfig.editorconfig" })
        {
            Write(name, "is_global = true\n");
        }

        var profile = Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers.Package", "profiles", "recommended.globalconfig");
        var items = await AdditionalFilesAsync($"""
            <PropertyGroup>
              <NuGetPackageRoot>{Root}/packages/</NuGetPackageRoot>
              <NetCoreRoot>{Root}/dotnet/</NetCoreRoot>
              <GeneratedMSBuildEditorConfigFile>obj/App.GeneratedMSBuildEditorConfig.editorconfig</GeneratedMSBuildEditorConfigFile>
            </PropertyGroup>
            <ItemGroup>
              <EditorConfigFiles Include="{Root}/.editorconfig;{Root}/src/.editorconfig;{Root}/.globalconfig" />
              <EditorConfigFiles Include="{Root}/packages/contoso.rules/1.0.0/build/contoso.globalconfig;{Root}/dotnet/sdk/analysislevel_default.globalconfig;{Root}/obj/App.GeneratedMSBuildEditorConfig.editorconfig" />
              <GlobalAnalyzerConfigFiles Include="config/security.globalconfig;{Root}/.globalconfig;{Root}/missing/.globalconfig" />
            </ItemGroup>
            """, "_SecureCodingAnalyzerConfigFiles");

        var configs = items.Where(i => i.Kind == "AnalyzerConfig").Select(i => Relative(i.Path)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { ".editorconfig", ".globalconfig", "config/security.globalconfig", "src/.editorconfig" }, configs);
        Assert.DoesNotContain(items, i => string.Equals(Path.GetFullPath(i.Path), Path.GetFullPath(profile), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Targets_KeepAnItemTheProjectPasses_AndCanBeTurnedOff()
    {
        Write(".globalconfig", "is_global = true\n");
        var items = await AdditionalFilesAsync($"""
            <ItemGroup>
              <EditorConfigFiles Include="{Root}/.globalconfig" />
              <AdditionalFiles Include=".globalconfig" SecureCodingKind="None" />
            </ItemGroup>
            """, "_SecureCodingAnalyzerConfigFiles");
        Assert.Equal(new[] { "None" }, items.Where(i => Relative(i.Path) == ".globalconfig").Select(i => i.Kind));

        items = await AdditionalFilesAsync($"""
            <PropertyGroup>
              <SecureCodingAnalyzeConfigFiles>false</SecureCodingAnalyzeConfigFiles>
            </PropertyGroup>
            <ItemGroup>
              <EditorConfigFiles Include="{Root}/.globalconfig" />
            </ItemGroup>
            """, "_SecureCodingAnalyzerConfigFiles");
        Assert.DoesNotContain(items, i => i.Kind == "AnalyzerConfig");
    }
}
