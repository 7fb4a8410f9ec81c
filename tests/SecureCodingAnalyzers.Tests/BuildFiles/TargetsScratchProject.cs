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
/// A scratch project folder that imports the repository's package props and targets, as a consumer's build would, for
/// tests of which files the targets hand to the analyzers. MSBuild evaluates it (no build, no restore); the folder is
/// deleted on dispose.
/// </summary>
public abstract class TargetsScratchProject : IDisposable
{
    /// <summary>The scratch folder.</summary>
    protected string Root { get; } = Path.Combine(Path.GetTempPath(), "scr-targets-" + Guid.NewGuid().ToString("N")[..12]);

    protected TargetsScratchProject() => Directory.CreateDirectory(Root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left in the temp directory is harmless.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a file of the scratch folder.</summary>
    protected void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A path relative to the scratch folder, with '/'.</summary>
    protected string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// The project's AdditionalFiles items (full path, SecureCodingKind) as MSBuild evaluates them, after running
    /// <paramref name="target"/> when given.
    /// </summary>
    protected async Task<IReadOnlyList<(string Path, string? Kind)>> AdditionalFilesAsync(string body, string? target = null)
    {
        var build = Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers.Package", "build");
        var project = Path.Combine(Root, "App.csproj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{Path.Combine(build, "SecureCodingAnalyzers.props")}" />
            {body}
              <Import Project="{Path.Combine(build, "SecureCodingAnalyzers.targets")}" />
            </Project>
            """);
        string[] arguments = target is null
            ? ["msbuild", project, "-nologo", "-getItem:AdditionalFiles"]
            : ["msbuild", project, "-nologo", "-t:" + target, "-getItem:AdditionalFiles"];
        var result = await DotNetCli.RunAsync(Root, Path.Combine(Root, ".nuget"), arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(i => (i.GetProperty("FullPath").GetString()!, i.TryGetProperty("SecureCodingKind", out var kind) ? kind.GetString() : null))
            .ToList();
    }
}
