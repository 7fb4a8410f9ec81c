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
/// The package's targets pass appsettings files as AdditionalFiles with SecureCodingKind=AppSettings (SCR6006):
/// evaluated by MSBuild itself (no build, no restore) on a scratch project that imports the repository's props and
/// targets, as a consumer's build would.
/// </summary>
public sealed class AppSettingsTargetsTests : TargetsScratchProject
{
    [Fact]
    public async Task Targets_PassAppSettingsAndEnvironmentFiles_OnceEach_WithTheKind()
    {
        foreach (var name in new[] { "appsettings.json", "appsettings.Development.json", "AppSettings.Production.JSON", "settings.json", "appsettings.json.bak", "launchSettings.json", "Sub/appsettings.json" })
        {
            Write(name, "{}");
        }

        var items = await AdditionalFilesAsync("""
            <ItemGroup>
              <AdditionalFiles Include="appsettings.json" />
            </ItemGroup>
            """);

        var settings = items.Where(i => i.Kind == "AppSettings").Select(i => Relative(i.Path)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "AppSettings.Production.JSON", "appsettings.Development.json", "appsettings.json" }, settings);
        Assert.DoesNotContain(items, i => Relative(i.Path) is "settings.json" or "appsettings.json.bak" or "launchSettings.json" or "Sub/appsettings.json");
    }

    [Fact]
    public async Task Targets_KeepAKindTheProjectChose()
    {
        Write("appsettings.Development.json", "{}");
        var items = await AdditionalFilesAsync("""
            <ItemGroup>
              <AdditionalFiles Include="appsettings.Development.json" SecureCodingKind="None" />
            </ItemGroup>
            """);
        Assert.Equal(new[] { "None" }, items.Where(i => Relative(i.Path) == "appsettings.Development.json").Select(i => i.Kind));
    }
}
