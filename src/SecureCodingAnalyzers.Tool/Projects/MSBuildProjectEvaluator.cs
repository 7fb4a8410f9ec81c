using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool.Projects;

/// <summary>
/// Evaluates a project with <c>dotnet msbuild -getItem -getProperty</c> (an evaluation only: no target runs, nothing
/// is built or written), run in the project's folder so its global.json picks the SDK, as for its build. It reads:
/// the <c>AdditionalFiles</c> items with the metadata declared by <c>CompilerVisibleItemMetadata</c> (the package's
/// targets add the build files with <c>SecureCodingKind</c>), the <see cref="CompilerVisibleProperties.Evaluated"/>
/// properties, and the analyzer config files the compiler reads (<c>EditorConfigFiles</c>, which holds the package's
/// profile, <c>GlobalAnalyzerConfigFiles</c>, and the .editorconfig/.globalconfig files the SDK's
/// DiscoverEditorConfigFiles target would find above the project's <c>Compile</c> items).
/// </summary>
public sealed class MSBuildProjectEvaluator : IProjectEvaluator
{
    // Set by a parent dotnet/MSBuild process (e.g. when the tool runs inside a build or a test host) for ITS SDK; the
    // child `dotnet msbuild` sets them itself for the SDK the project's global.json selects.
    private static readonly string[] s_inheritedMSBuildVariables =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
    ];

    private readonly IReadOnlyDictionary<string, string?> _environment;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="environment">Variables to set for the child process (a null value removes the variable).</param>
    public MSBuildProjectEvaluator(IReadOnlyDictionary<string, string?>? environment = null)
        => _environment = environment ?? new Dictionary<string, string?>();

    /// <inheritdoc/>
    public async Task<ProjectEvaluation> EvaluateAsync(string projectPath, string? targetFramework, CancellationToken cancellationToken)
    {
        var properties = CompilerVisibleProperties.Evaluated
            .Concat(["ProjectAssetsFile", "DiscoverEditorConfigFiles", "DiscoverGlobalAnalyzerConfigFiles"])
            .ToList();
        var arguments = new List<string> { "msbuild", projectPath, "-nologo" };
        arguments.AddRange(properties.Select(p => "-getProperty:" + p));
        arguments.AddRange(new[] { "AdditionalFiles", "CompilerVisibleItemMetadata", "EditorConfigFiles", "GlobalAnalyzerConfigFiles", "Compile", "PackageReference" }.Select(i => "-getItem:" + i));
        if (targetFramework is not null)
        {
            arguments.Add("-property:TargetFramework=" + targetFramework);
        }

        var (exitCode, output) = await RunDotNetAsync(Path.GetDirectoryName(projectPath)!, arguments, cancellationToken).ConfigureAwait(false);
        var jsonStart = output.IndexOf("{\n", StringComparison.Ordinal) is var lf and >= 0 ? lf : output.IndexOf("{\r\n", StringComparison.Ordinal);
        if (exitCode != 0 || jsonStart < 0)
        {
            throw new ToolException($"MSBuild could not evaluate {projectPath}:{Environment.NewLine}{ErrorLines(output)}");
        }

        try
        {
            using var json = JsonDocument.Parse(output.Substring(jsonStart));
            return Read(json.RootElement, projectPath, targetFramework);
        }
        catch (JsonException e)
        {
            throw new ToolException($"MSBuild's evaluation of {projectPath} could not be read ({e.Message}).", e);
        }
    }

    private static ProjectEvaluation Read(JsonElement root, string projectPath, string? targetFramework)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("Properties", out var props))
        {
            foreach (var property in props.EnumerateObject())
            {
                properties[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        var items = root.TryGetProperty("Items", out var i) ? i : default;
        var visibleMetadata = Items(items, "CompilerVisibleItemMetadata")
            .Where(m => string.Equals(Value(m, "Identity"), "AdditionalFiles", StringComparison.OrdinalIgnoreCase))
            .Select(m => Value(m, "MetadataName"))
            .Where(n => !string.IsNullOrEmpty(n))
            .Select(n => n!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var files = new List<EvaluatedFile>();
        var seen = new HashSet<string>(PathComparer);
        foreach (var item in Items(items, "AdditionalFiles"))
        {
            var path = Value(item, "FullPath");
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in visibleMetadata)
            {
                if (Value(item, name) is { Length: > 0 } value)
                {
                    metadata[name] = value;
                }
            }

            if (path is not null && metadata.Count > 0 && seen.Add(path))
            {
                files.Add(new EvaluatedFile(path, metadata));
            }
        }

        var configs = new List<string>();
        var configSeen = new HashSet<string>(PathComparer);
        void AddConfig(string? path)
        {
            if (path is not null && File.Exists(path) && configSeen.Add(path))
            {
                configs.Add(path);
            }
        }

        foreach (var item in Items(items, "EditorConfigFiles").Concat(Items(items, "GlobalAnalyzerConfigFiles")))
        {
            AddConfig(Value(item, "FullPath"));
        }

        // What the SDK's DiscoverEditorConfigFiles target adds at build time: the files in every folder above a Compile item.
        var folders = Items(items, "Compile").Select(c => Path.GetDirectoryName(Value(c, "FullPath") ?? string.Empty))
            .Append(Path.GetDirectoryName(projectPath))
            .Where(d => !string.IsNullOrEmpty(d))
            .SelectMany(d => Ancestors(d!))
            .Distinct(PathComparer)
            .ToList();
        var discoverEditorConfig = !IsFalse(properties, "DiscoverEditorConfigFiles");
        var discoverGlobalConfig = !IsFalse(properties, "DiscoverGlobalAnalyzerConfigFiles");
        foreach (var folder in folders)
        {
            if (discoverEditorConfig)
            {
                AddConfig(Path.Combine(folder, ".editorconfig"));
            }

            if (discoverGlobalConfig)
            {
                AddConfig(Path.Combine(folder, ".globalconfig"));
            }
        }

        var assets = properties.TryGetValue("ProjectAssetsFile", out var assetsPath) && assetsPath.Length > 0
            ? assetsPath
            : Path.Combine(Path.GetDirectoryName(projectPath)!, "obj", "project.assets.json");
        return new ProjectEvaluation
        {
            ProjectPath = projectPath,
            TargetFramework = targetFramework,
            Properties = properties,
            AdditionalFiles = files,
            AnalyzerConfigFiles = configs,
            IsRestored = File.Exists(assets),
            ReferencesPackage = Items(items, "PackageReference").Any(p => string.Equals(Value(p, "Identity"), "SecureCodingAnalyzers", StringComparison.OrdinalIgnoreCase)),
        };
    }

    /// <summary>Paths compare case-insensitively where the file system usually does (Windows, macOS).</summary>
    public static StringComparer PathComparer { get; } = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    private static bool IsFalse(Dictionary<string, string> properties, string name)
        => properties.TryGetValue(name, out var value) && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<JsonElement> Items(JsonElement items, string name)
        => items.ValueKind == JsonValueKind.Object && items.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : Enumerable.Empty<JsonElement>();

    private static string? Value(JsonElement item, string name)
        => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>MSBuild's error lines (at most 10), or the end of its output when it printed none.</summary>
    private static string ErrorLines(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(10).ToList();
        return "  " + string.Join(Environment.NewLine + "  ", errors.Count > 0 ? errors : lines.TakeLast(10));
    }

    private async Task<(int ExitCode, string Output)> RunDotNetAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotNetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in s_inheritedMSBuildVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in _environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolException($"Could not start '{start.FileName}' ({e.Message}); the .NET SDK must be installed and on PATH.", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    /// <summary>The dotnet host that runs this tool when it is one, else DOTNET_HOST_PATH, else dotnet on PATH.</summary>
    private static string DotNetExecutable()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return process;
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
