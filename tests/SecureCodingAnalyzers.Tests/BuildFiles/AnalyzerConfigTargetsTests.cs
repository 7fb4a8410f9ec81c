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
public sealed class AnalyzerConfigTargetsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "scr-anacfg-" + Guid.NewGuid().ToString("N")[..12]);

    public AnalyzerConfigTargetsTests() => Directory.CreateDirectory(_root);

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
    public async Task Targets_PassEditorAndGlobalConfigs_WithTheKind_ButNotProfilesPackagesSdkOrGenerated()
    {
        foreach (var name in new[] { ".editorconfig", "src/.editorconfig", ".globalconfig", "config/security.globalconfig", "packages/contoso.rules/1.0.0/build/contoso.globalconfig", "dotnet/sdk/analysislevel_default.globalconfig", "obj/App.GeneratedMSBuildEditorConfig.editorconfig" })
        {
            Write(name, "is_global = true\n");
        }

        var profile = Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers.Package", "profiles", "recommended.globalconfig");
        var items = await AdditionalFilesAsync($"""
            <PropertyGroup>
              <NuGetPackageRoot>{_root}/packages/</NuGetPackageRoot>
              <NetCoreRoot>{_root}/dotnet/</NetCoreRoot>
              <GeneratedMSBuildEditorConfigFile>obj/App.GeneratedMSBuildEditorConfig.editorconfig</GeneratedMSBuildEditorConfigFile>
            </PropertyGroup>
            <ItemGroup>
              <EditorConfigFiles Include="{_root}/.editorconfig;{_root}/src/.editorconfig;{_root}/.globalconfig" />
              <EditorConfigFiles Include="{_root}/packages/contoso.rules/1.0.0/build/contoso.globalconfig;{_root}/dotnet/sdk/analysislevel_default.globalconfig;{_root}/obj/App.GeneratedMSBuildEditorConfig.editorconfig" />
              <GlobalAnalyzerConfigFiles Include="config/security.globalconfig;{_root}/.globalconfig;{_root}/missing/.globalconfig" />
            </ItemGroup>
            """);

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
              <EditorConfigFiles Include="{_root}/.globalconfig" />
              <AdditionalFiles Include=".globalconfig" SecureCodingKind="None" />
            </ItemGroup>
            """);
        Assert.Equal(new[] { "None" }, items.Where(i => Relative(i.Path) == ".globalconfig").Select(i => i.Kind));

        items = await AdditionalFilesAsync($"""
            <PropertyGroup>
              <SecureCodingAnalyzeConfigFiles>false</SecureCodingAnalyzeConfigFiles>
            </PropertyGroup>
            <ItemGroup>
              <EditorConfigFiles Include="{_root}/.globalconfig" />
            </ItemGroup>
            """);
        Assert.DoesNotContain(items, i => i.Kind == "AnalyzerConfig");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Relative(string path) => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The project's AdditionalFiles items (full path, SecureCodingKind) after the package's target ran.</summary>
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
        var result = await DotNetCli.RunAsync(_root, Path.Combine(_root, ".nuget"), "msbuild", project, "-nologo", "-t:_SecureCodingAnalyzerConfigFiles", "-getItem:AdditionalFiles");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(i => (i.GetProperty("FullPath").GetString()!, i.TryGetProperty("SecureCodingKind", out var kind) ? kind.GetString() : null))
            .ToList();
    }
}
