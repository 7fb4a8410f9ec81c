using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>One file of an evidence bundle: its path relative to the bundle folder ('/' separated), size and SHA-256 (lowercase hex).</summary>
public sealed record ManifestEntry(string Path, long Size, string Sha256);

/// <summary>
/// The manifest of an evidence bundle (<c>manifest.json</c> in the bundle folder): every regular file of the folder
/// and its subfolders except the manifest itself, with size and SHA-256, sorted by path (ordinal), plus the version
/// of the tool that wrote it and the commit of the evidence (<c>revisionId</c> of <c>evidence.sarif</c>) when known.
/// No timestamps and no absolute paths: the same bundle always has the same manifest bytes.
/// </summary>
public static class BundleManifest
{
    /// <summary>The manifest's file name in the bundle folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The value of the manifest's <c>format</c> property.</summary>
    public const string Format = "secure-coding-evidence-manifest/1";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The version of the tool that writes manifests.</summary>
    public static string ToolVersion
    {
        get
        {
            var assembly = typeof(BundleManifest).Assembly;
            return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "unknown";
        }
    }

    /// <summary>
    /// The manifest's bytes for <paramref name="folder"/>: the files on disk, except those in <paramref name="pending"/>,
    /// which are described by the given bytes instead (files about to be moved into the folder).
    /// </summary>
    public static byte[] Create(string folder, IReadOnlyDictionary<string, byte[]> pending, string? revisionId)
    {
        var entries = new SortedDictionary<string, ManifestEntry>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var (relative, full) in FilesOf(folder))
            {
                if (!pending.ContainsKey(relative))
                {
                    using var stream = File.OpenRead(full);
                    entries[relative] = new ManifestEntry(relative, stream.Length, Hex(SHA256.HashData(stream)));
                }
            }
        }

        foreach (var (relative, bytes) in pending)
        {
            entries[relative] = new ManifestEntry(relative, bytes.LongLength, Hex(SHA256.HashData(bytes)));
        }

        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["generator"] = new JsonObject { ["name"] = "secure-coding", ["version"] = ToolVersion },
        };
        if (revisionId is not null)
        {
            manifest["revisionId"] = revisionId;
        }

        manifest["files"] = new JsonArray(entries.Values.Select(e => (JsonNode)new JsonObject
        {
            ["path"] = e.Path,
            ["size"] = e.Size,
            ["sha256"] = e.Sha256,
        }).ToArray());
        return new UTF8Encoding(false).GetBytes(manifest.ToJsonString(s_json) + "\n");
    }

    /// <summary>The first <c>versionControlProvenance[].revisionId</c> of a SARIF log, or null.</summary>
    public static string? RevisionOf(JsonNode? log)
    {
        if (log?["runs"] is not JsonArray runs)
        {
            return null;
        }

        foreach (var run in runs)
        {
            if (run?["versionControlProvenance"] is JsonArray provenance)
            {
                foreach (var entry in provenance)
                {
                    if (entry?["revisionId"] is JsonValue value && value.TryGetValue<string>(out var revision) && revision.Length > 0)
                    {
                        return revision;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The revision id of the bundle's <c>evidence.sarif</c>, or null when it is absent or unreadable.</summary>
    public static string? RevisionOf(string folder)
    {
        var evidence = Path.Combine(folder, CollectRunner.EvidenceFile);
        try
        {
            return File.Exists(evidence) ? RevisionOf(JsonNode.Parse(File.ReadAllBytes(evidence))) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every regular file below <paramref name="folder"/> except the manifest: (path relative to the folder with '/', full path).</summary>
    public static IEnumerable<(string Relative, string Full)> FilesOf(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None, IgnoreInaccessible = false };
        foreach (var full in Directory.EnumerateFiles(folder, "*", options))
        {
            var relative = Path.GetRelativePath(folder, full).Replace(Path.DirectorySeparatorChar, '/');
            if (relative != FileName)
            {
                yield return (relative, full);
            }
        }
    }

    /// <summary>Reads and validates the manifest of <paramref name="folder"/>.</summary>
    /// <exception cref="ToolException">The manifest is missing, not JSON, or not a manifest this tool understands.</exception>
    public static (IReadOnlyList<ManifestEntry> Files, string? Version, string? RevisionId) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new ToolException($"no manifest: {path} does not exist. Run 'secure-coding evidence collect' (or 'secure-coding evidence manifest') to write one.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new ToolException($"{path} is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot read {path}: {e.Message}", e);
        }

        string Malformed(string why) => $"{path} is not a valid bundle manifest: {why}";
        if (node is not JsonObject manifest)
        {
            throw new ToolException(Malformed("not a JSON object."));
        }

        if (String(manifest["format"]) != Format)
        {
            throw new ToolException(Malformed($"\"format\" is not \"{Format}\"."));
        }

        if (manifest["files"] is not JsonArray files)
        {
            throw new ToolException(Malformed("no \"files\" array."));
        }

        var entries = new List<ManifestEntry>(files.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i] as JsonObject;
            var relative = String(file?["path"]);
            var sha = String(file?["sha256"]);
            long size = -1;
            if (file?["size"] is JsonValue sizeValue && sizeValue.GetValueKind() == JsonValueKind.Number && !sizeValue.TryGetValue(out size))
            {
                size = -1;
            }

            if (relative is null || !IsSafeRelativePath(relative))
            {
                throw new ToolException(Malformed($"files[{i}] has no path, or a path that is absolute or leaves the bundle folder."));
            }

            if (size < 0 || sha is null || sha.Length != 64 || !sha.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                throw new ToolException(Malformed($"files[{i}] ({relative}) needs a non-negative \"size\" and a lowercase hex \"sha256\" of 64 digits."));
            }

            if (!seen.Add(relative))
            {
                throw new ToolException(Malformed($"{relative} is listed twice."));
            }

            entries.Add(new ManifestEntry(relative, size, sha));
        }

        return (entries, String(manifest["generator"]?["version"]), String(manifest["revisionId"]));
    }

    /// <summary>SHA-256 of a file, lowercase hex.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Hex(SHA256.HashData(stream));
    }

    private static string? String(JsonNode? node)
        => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // '/' separated segments, none empty, "." or "..", no backslash, no drive or root: it names a file inside the folder.
    private static bool IsSafeRelativePath(string path)
        => path.Length > 0
            && path.IndexOfAny(['\\', ':', '\0']) < 0
            && path.Split('/').All(segment => segment.Length > 0 && segment is not ("." or ".."))
            && path != FileName;

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
