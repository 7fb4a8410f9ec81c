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
public sealed class AppSettingsTargetsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "scr-appsettings-" + Guid.NewGuid().ToString("N")[..12]);

    public AppSettingsTargetsTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left in the temp directory is harmless.
        }
    }

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

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Relative(string path) => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');

    private async Task<IReadOnlyList<(string Path, string? Kind)>> AdditionalFilesAsync(string body)
    {
        var build = Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers.Package", "build");
        var project = Path.Combine(_root, "App.csproj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{Path.Combine(build, "SecureCodingAnalyzers.props")}" />
            {body}
              <Import Project="{Path.Combine(build, "SecureCodingAnalyzers.targets")}" />
            </Project>
            """);
        var result = await DotNetCli.RunAsync(_root, Path.Combine(_root, ".nuget"), "msbuild", project, "-nologo", "-getItem:AdditionalFiles");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(i => (i.GetProperty("FullPath").GetString()!, i.TryGetProperty("SecureCodingKind", out var kind) ? kind.GetString() : null))
            .ToList();
    }
}
