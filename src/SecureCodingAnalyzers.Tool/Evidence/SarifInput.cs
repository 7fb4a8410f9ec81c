using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// One SARIF 2.1 log of the build and, when the package's targets wrote it, its <c>&lt;log&gt;.evidence.json</c>
/// manifest (package version, analyzer hashes, profile and configuration of that compilation).
/// </summary>
public sealed class SarifInput
{
    private SarifInput(string path, IReadOnlyList<JsonObject> runs, JsonObject? manifest)
    {
        Path = path;
        Runs = runs;
        Manifest = manifest;
    }

    /// <summary>The log's full path.</summary>
    public string Path { get; }

    /// <summary>The log's runs.</summary>
    public IReadOnlyList<JsonObject> Runs { get; }

    /// <summary>The manifest next to the log, if any.</summary>
    public JsonObject? Manifest { get; }

    /// <summary>Reads a log and its manifest.</summary>
    /// <exception cref="ToolException">The file is unreadable, not JSON, not SARIF, or SARIF 1.0.</exception>
    public static SarifInput Read(string path)
    {
        var log = ParseObject(path, "SARIF log");
        var version = log["version"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var schema = log["$schema"] is JsonValue sv && sv.TryGetValue<string>(out var ss) ? ss : string.Empty;
        if (version is "1.0.0" || schema.Contains("sarif-1.0", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolException($"{path} is a SARIF 1.0 log; collect reads SARIF 2.1. The compiler writes 1.0 unless asked: set ErrorLog to \"<path>,version=2.1\" (the package's evidence logs are 2.1 already).");
        }

        if (version != "2.1.0")
        {
            throw new ToolException($"{path} is not a SARIF 2.1.0 log (its \"version\" is {(version is null ? "missing" : "'" + version + "'")}).");
        }

        if (log["runs"] is not JsonArray runs)
        {
            throw new ToolException($"{path} is not a valid SARIF log: \"runs\" is missing or not an array.");
        }

        var list = new List<JsonObject>(runs.Count);
        foreach (var run in runs)
        {
            if (run is not JsonObject r || r["tool"]?["driver"]?["name"] is not JsonValue name || !name.TryGetValue<string>(out _))
            {
                throw new ToolException($"{path} is not a valid SARIF log: a run has no tool.driver.name.");
            }

            if (r["results"] is { } results && results is not JsonArray)
            {
                throw new ToolException($"{path} is not a valid SARIF log: a run's \"results\" is not an array.");
            }

            if (r["results"] is JsonArray resultArray && resultArray.Any(x => x is not JsonObject))
            {
                throw new ToolException($"{path} is not a valid SARIF log: a result is not an object.");
            }

            list.Add(r);
        }

        var manifestPath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileNameWithoutExtension(path) + ".evidence.json");
        var manifest = File.Exists(manifestPath) ? ParseObject(manifestPath, "evidence manifest") : null;
        return new SarifInput(path, list, manifest);
    }

    /// <summary>
    /// Re-bases the manifest's root-relative paths onto <paramref name="root"/>. The build writes them relative to its
    /// <c>SecureCodingEvidenceRoot</c> (the folder of the nearest Directory.Build.props), which need not be the root
    /// collect is given; the manifest records that build root as seen from the log's folder (<c>sarif.root</c>), so
    /// nothing machine-specific is written. Manifests without it were written relative to the same root.
    /// </summary>
    public void RebaseManifest(string root)
    {
        if (Manifest?["sarif"]?["root"] is not JsonValue value || !value.TryGetValue<string>(out var fromLog) || fromLog.Length == 0)
        {
            return;
        }

        var buildRoot = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, fromLog));
        var target = System.IO.Path.GetFullPath(root);
        if (string.Equals(System.IO.Path.TrimEndingDirectorySeparator(buildRoot), System.IO.Path.TrimEndingDirectorySeparator(target), StringComparison.Ordinal))
        {
            return;
        }

        string Rebased(string relative) => System.IO.Path.GetRelativePath(target, System.IO.Path.Combine(buildRoot, relative)).Replace('\\', '/');
        if (Manifest["project"] is JsonValue project && project.TryGetValue<string>(out var projectPath))
        {
            Manifest["project"] = Rebased(projectPath);
        }

        foreach (var list in new[] { "sources", "additionalFiles", "configFiles" })
        {
            foreach (var file in (Manifest[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (file["origin"]?.GetValue<string>() is null or "project" or "generated" && file["path"] is JsonValue p && p.TryGetValue<string>(out var filePath))
                {
                    file["path"] = Rebased(filePath);
                }
            }
        }
    }

    private static JsonObject ParseObject(string path, string what)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot read {what} {path}: {e.Message}", e);
        }

        try
        {
            // Parsed from the UTF-8 bytes (no UTF-16 copy of a log that may be tens of megabytes); a log in another
            // encoding (a UTF-16 or UTF-32 byte order mark) is decoded to text first.
            JsonNode? node;
            if (HasOtherEncoding(bytes))
            {
                using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
                node = JsonNode.Parse(reader.ReadToEnd());
            }
            else
            {
                node = JsonNode.Parse(bytes.AsSpan(bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0));
            }

            return node as JsonObject ?? throw new ToolException($"{path} is not a {what}: the JSON is not an object.");
        }
        catch (JsonException e)
        {
            throw new ToolException($"{path} is not valid JSON ({what}): {e.Message}", e);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool HasOtherEncoding(byte[] bytes)
        => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
}
