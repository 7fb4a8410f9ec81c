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
/// The package's targets pass the application configuration files as AdditionalFiles with SecureCodingKind=AppConfig:
/// evaluated by MSBuild itself (no build, no restore) on a scratch project that imports the repository's props and
/// targets, as a consumer's build would.
/// </summary>
public sealed class AppConfigTargetsTests : TargetsScratchProject
{
    [Fact]
    public async Task Targets_PassAppAndWebConfigAndTransforms_OnceEach_WithTheKind()
    {
        foreach (var name in new[] { "App.config", "Web.Config", "Web.Release.config", "app.Debug.config", "packages.config", "appsettings.json", "Settings.config", "Sub/Service.exe.config", "Sub/App.config", "deploy/Host.exe.config" })
        {
            Write(name, "<configuration />");
        }

        var items = await AdditionalFilesAsync("""
            <PropertyGroup>
              <AppConfig>Sub/Service.exe.config</AppConfig>
            </PropertyGroup>
            <ItemGroup>
              <AdditionalFiles Include="App.config" />
              <AdditionalFiles Include="deploy/Host.exe.config" SecureCodingKind="AppConfig" />
            </ItemGroup>
            """);

        var appConfigs = items.Where(i => i.Kind == "AppConfig").Select(i => Relative(i.Path)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "App.config", "Sub/Service.exe.config", "Web.Config", "Web.Release.config", "app.Debug.config", "deploy/Host.exe.config" }, appConfigs);
        Assert.DoesNotContain(items, i => Relative(i.Path) is "packages.config" or "Settings.config" or "Sub/App.config");
    }

    [Fact]
    public async Task Targets_KeepAKindTheProjectChose_AndAddNothingWithoutConfigFiles()
    {
        Write("Web.config", "<configuration />");
        var items = await AdditionalFilesAsync("""
            <ItemGroup>
              <AdditionalFiles Include="Web.config" SecureCodingKind="None" />
            </ItemGroup>
            """);
        Assert.Equal(new[] { "None" }, items.Where(i => Relative(i.Path) == "Web.config").Select(i => i.Kind));

        File.Delete(Path.Combine(Root, "Web.config"));
        items = await AdditionalFilesAsync(string.Empty);
        Assert.DoesNotContain(items, i => i.Kind == "AppConfig");
    }
}
