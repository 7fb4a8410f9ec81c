using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// The run's <c>artifacts</c>: every file a compilation analyzed, as its evidence manifest lists them (<c>sources</c>:
/// the compiler's source files; <c>additionalFiles</c>: the build files our analyzers read; <c>configFiles</c>: the
/// analyzer configuration the compiler read), merged with every file a result points to. One artifact per file, keyed by
/// its escaped URI relative to the root, with its roles, the compilations (projects and target frameworks) that read it
/// and its SHA-256 computed from the checkout. A file that cannot be read stays listed, without hash, marked
/// <c>missing</c>. Files outside the root (NuGet content files, links to other folders) are never artifacts: their
/// paths would be machine paths; they are counted in <see cref="OutsideRoot"/>.
/// </summary>
internal sealed class AnalyzedFiles
{
    /// <summary>The role of a file the compiler analyzed.</summary>
    public const string AnalysisTarget = "analysisTarget";

    private const string GeneratedEditorConfigSuffix = ".GeneratedMSBuildEditorConfig.editorconfig";

    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Entry> _outside = new(StringComparer.Ordinal);

    /// <summary>Adds the file of a result location (an escaped URI relative to the root).</summary>
    public void AddResultFile(string uri) => Get(_entries, uri);

    /// <summary>Adds the files one compilation's manifest lists.</summary>
    public void AddCompilation(JsonObject manifest)
    {
        var project = Text(manifest["project"]) ?? string.Empty;
        var framework = Text(manifest["targetFramework"]) ?? string.Empty;
        foreach (var (list, role) in new[] { ("sources", AnalysisTarget), ("additionalFiles", AnalysisTarget), ("configFiles", "userSpecifiedConfiguration") })
        {
            foreach (var file in (manifest[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(file["path"]) is not { Length: > 0 } path)
                {
                    continue;
                }

                var origin = Text(file["origin"]) ?? "project";
                var inside = origin is "project" or "generated" && !path.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(path);
                if (list == "configFiles" && !inside)
                {
                    // The package's profile: its hash is in the compilation's configFiles, it is not a file of the repository.
                    continue;
                }

                var entry = inside
                    ? Get(_entries, string.Join('/', path.Split('/').Select(Uri.EscapeDataString)))
                    : Get(_outside, origin + "\u0000" + path);
                entry.Roles.Add(list == "configFiles" && path.EndsWith(GeneratedEditorConfigSuffix, StringComparison.Ordinal) ? "toolSpecifiedConfiguration" : role);
                entry.Generated |= origin == "generated";
                if (Text(file["kind"]) is { Length: > 0 } kind)
                {
                    entry.Kinds.Add(kind);
                }

                (entry.Compilations.TryGetValue(project, out var frameworks) ? frameworks : entry.Compilations[project] = new SortedSet<string>(StringComparer.Ordinal)).Add(framework);
            }
        }
    }

    /// <summary>The artifacts, ordered by URI, hashed from <paramref name="fullPath"/>; <paramref name="missing"/> counts the files not found.</summary>
    public JsonArray Artifacts(Func<string, string> fullPath, string uriBaseId, out int missing)
    {
        missing = 0;
        var artifacts = new JsonArray();
        foreach (var (uri, entry) in _entries)
        {
            var artifact = new JsonObject { ["location"] = new JsonObject { ["uri"] = uri, ["uriBaseId"] = uriBaseId } };
            if (entry.Roles.Count > 0)
            {
                artifact["roles"] = new JsonArray(entry.Roles.Select(r => (JsonNode)r).ToArray());
            }

            var properties = Properties(entry);
            try
            {
                using var stream = File.OpenRead(fullPath(uri));
                artifact["length"] = stream.Length;
                artifact["hashes"] = new JsonObject { ["sha-256"] = Convert.ToHexStringLower(SHA256.HashData(stream)) };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // Deleted or moved since the build, or unreadable: listed without a hash, and said so.
                missing++;
                properties["missing"] = true;
            }

            if (properties.Count > 0)
            {
                artifact["properties"] = properties;
            }

            artifacts.Add(artifact);
        }

        return artifacts;
    }

    /// <summary>The analyzed files outside the root (origin <c>package</c>: relative to the NuGet package root; <c>external</c>: file name), or null when there are none.</summary>
    public JsonArray? OutsideRoot()
    {
        if (_outside.Count == 0)
        {
            return null;
        }

        var files = new JsonArray();
        foreach (var (key, entry) in _outside)
        {
            var separator = key.IndexOf('\u0000', StringComparison.Ordinal);
            var file = new JsonObject { ["path"] = key[(separator + 1)..], ["origin"] = key[..separator] };
            foreach (var (name, value) in Properties(entry).ToList())
            {
                file[name] = value?.DeepClone();
            }

            files.Add(file);
        }

        return files;
    }

    /// <summary>The compilations as evidence shows them: each project once with its target frameworks.</summary>
    public static JsonArray Compilations(IReadOnlyDictionary<string, SortedSet<string>> compilations)
        => new(compilations.Select(c => (JsonNode)new JsonObject
        {
            ["project"] = c.Key,
            ["targetFrameworks"] = new JsonArray(c.Value.Where(f => f.Length > 0).Select(f => (JsonNode)f).ToArray()),
        }).ToArray());

    private static JsonObject Properties(Entry entry)
    {
        var properties = new JsonObject();
        if (entry.Compilations.Count > 0)
        {
            properties["compilations"] = Compilations(entry.Compilations);
        }

        if (entry.Generated)
        {
            properties["generated"] = true;
        }

        if (entry.Kinds.Count > 0)
        {
            properties["buildFileKinds"] = new JsonArray(entry.Kinds.Select(k => (JsonNode)k).ToArray());
        }

        return properties;
    }

    private static Entry Get(SortedDictionary<string, Entry> entries, string key)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            entries[key] = entry = new Entry();
        }

        return entry;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private sealed class Entry
    {
        public SortedSet<string> Roles { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, SortedSet<string>> Compilations { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Kinds { get; } = new(StringComparer.Ordinal);

        public bool Generated { get; set; }
    }
}
