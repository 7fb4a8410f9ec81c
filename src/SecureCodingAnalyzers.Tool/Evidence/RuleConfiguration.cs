using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Tool.Evidence.Standard;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// The effective rule configuration of a merged run, in SARIF's own place for it: one invocation whose
/// <c>ruleConfigurationOverrides</c> are those the compiler recorded for each compilation (a rule's level or
/// <c>enabled</c> when it differs from the rule's <c>defaultConfiguration</c>: the profile, <c>.globalconfig</c>,
/// <c>.editorconfig</c>, NoWarn, WarningsAsErrors, TreatWarningsAsErrors). Identical overrides of several compilations
/// are merged; each lists its compilations (<c>properties.compilations</c>), so a project that differs stays visible.
/// Where the manifest lets us tell, <c>properties.sources</c> says where the override comes from: a severity line of a
/// configuration file (path relative to the root, or the package's profile; line; value; the <c>[section]</c> glob when
/// the line only applies to the files it matches), or the NoWarn / WarningsAsErrors / TreatWarningsAsErrors switch.
/// Configuration files are read with <see cref="SeverityConfig"/>, the tool's one parser of severities; a file that
/// changed since the build (its SHA-256 differs from the manifest's) or cannot be parsed gives no sources.
/// </summary>
internal sealed class RuleConfiguration
{
    private readonly string _root;
    private readonly Dictionary<string, SeverityConfig?> _configs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Override> _overrides = new(StringComparer.Ordinal);
    private bool _any;
    private bool _successful = true;

    public RuleConfiguration(string root) => _root = root;

    /// <summary>
    /// Adds the overrides one compilation's log recorded. <paramref name="category"/> gives a rule's category (for bulk
    /// <c>dotnet_analyzer_diagnostic.category-*</c> lines); <paramref name="relativeSection"/> rewrites a section that
    /// names an absolute path under the root.
    /// </summary>
    public void Add(JsonObject run, JsonObject? manifest, string project, string targetFramework, Func<string, string?> category, Func<string, string> relativeSection)
    {
        var invocations = run["invocations"] as JsonArray;
        if (invocations is null)
        {
            return;
        }

        _any = true;
        var rules = run["tool"]?["driver"]?["rules"] as JsonArray ?? [];
        var configs = manifest is null ? new List<(string, string, SeverityConfig)>() : Configs(manifest);
        foreach (var invocation in invocations.OfType<JsonObject>())
        {
            _successful &= invocation["executionSuccessful"] is not JsonValue ok || !ok.TryGetValue<bool>(out var success) || success;
            foreach (var item in (invocation["ruleConfigurationOverrides"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var descriptor = item["descriptor"];
                var id = Text(descriptor?["id"])
                    ?? (descriptor?["index"] is JsonValue i && i.TryGetValue<int>(out var index) && index >= 0 && index < rules.Count ? Text(rules[index]?["id"]) : null);
                if (id is null || item["configuration"] is not JsonObject configuration)
                {
                    continue;
                }

                var sources = Sources(id, configuration, manifest, configs, category(id), relativeSection);
                var key = id + "\u0000" + configuration.ToJsonString() + "\u0000" + sources.ToJsonString();
                if (!_overrides.TryGetValue(key, out var entry))
                {
                    _overrides[key] = entry = new Override(id, (JsonObject)configuration.DeepClone(), sources);
                }

                (entry.Compilations.TryGetValue(project, out var frameworks) ? frameworks : entry.Compilations[project] = new SortedSet<string>(StringComparer.Ordinal)).Add(targetFramework);
            }
        }
    }

    /// <summary>The merged invocation, or null when no input recorded one; <paramref name="descriptor"/> makes a rule's reference.</summary>
    public JsonObject? Invocation(Func<string, JsonObject> descriptor)
    {
        if (!_any)
        {
            return null;
        }

        var overrides = new JsonArray();
        foreach (var entry in _overrides.Values)
        {
            var properties = new JsonObject();
            if (entry.Sources.Count > 0)
            {
                properties["sources"] = entry.Sources.DeepClone();
            }

            properties["compilations"] = AnalyzedFiles.Compilations(entry.Compilations);
            overrides.Add(new JsonObject
            {
                ["descriptor"] = descriptor(entry.RuleId),
                ["configuration"] = entry.Configuration.DeepClone(),
                ["properties"] = properties,
            });
        }

        var invocation = new JsonObject { ["executionSuccessful"] = _successful };
        if (overrides.Count > 0)
        {
            invocation["ruleConfigurationOverrides"] = overrides;
        }

        return invocation;
    }

    /// <summary>The severity a configuration value gives, as the compiler writes it in SARIF (silent is <c>note</c>, none is disabled).</summary>
    private static bool Matches(ReportDiagnostic severity, JsonObject configuration)
    {
        var disabled = configuration["enabled"] is JsonValue e && e.TryGetValue<bool>(out var enabled) && !enabled;
        var level = Text(configuration["level"]) ?? "warning";
        return severity switch
        {
            ReportDiagnostic.Suppress => disabled,
            ReportDiagnostic.Error => !disabled && level == "error",
            ReportDiagnostic.Warn => !disabled && level == "warning",
            ReportDiagnostic.Info or ReportDiagnostic.Hidden => !disabled && level == "note",
            _ => false,
        };
    }

    private JsonArray Sources(string id, JsonObject configuration, JsonObject? manifest, IReadOnlyList<(string Path, string Origin, SeverityConfig Config)> configs, string? category, Func<string, string> relativeSection)
    {
        var sources = new JsonArray();
        foreach (var (path, origin, config) in configs)
        {
            var specific = false;
            foreach (var setting in config.Settings)
            {
                // Top-level lines of an .editorconfig do not apply (the compiler reads them only in a global config).
                if (string.Equals(setting.RuleId, id, StringComparison.OrdinalIgnoreCase) && (setting.Section is not null || config.IsGlobal) && Matches(setting.Severity, configuration))
                {
                    specific = true;
                    sources.Add(Source(path, origin, setting.Line, setting.Value, setting.Section, relativeSection));
                }
            }

            if (specific || category is null)
            {
                continue;
            }

            foreach (var bulk in config.BulkSettings)
            {
                var key = bulk.Key.ToLowerInvariant();
                if ((key == "dotnet_analyzer_diagnostic.severity" || key == "dotnet_analyzer_diagnostic.category-" + category.ToLowerInvariant() + ".severity")
                    && SecureCodingAnalyzers.BuildFiles.AnalyzerConfigText.ParseSeverity(bulk.Value) is { } severity && Matches(severity, configuration))
                {
                    sources.Add(Source(path, origin, bulk.Line, bulk.Value, null, relativeSection));
                }
            }
        }

        var switches = manifest?["severitySwitches"];
        var disabled = configuration["enabled"] is JsonValue e && e.TryGetValue<bool>(out var enabled) && !enabled;
        var error = !disabled && Text(configuration["level"]) == "error";
        if (disabled && Lists(switches?["noWarn"], id))
        {
            sources.Add(new JsonObject { ["switch"] = "NoWarn" });
        }

        if (error && Lists(switches?["warningsAsErrors"], id))
        {
            sources.Add(new JsonObject { ["switch"] = "WarningsAsErrors" });
        }

        if (error && sources.Count == 0 && switches?["treatWarningsAsErrors"] is JsonValue t && t.TryGetValue<bool>(out var all) && all)
        {
            sources.Add(new JsonObject { ["switch"] = "TreatWarningsAsErrors" });
        }

        return sources;
    }

    private static JsonObject Source(string path, string origin, int line, string value, string? section, Func<string, string> relativeSection)
    {
        var source = new JsonObject { ["file"] = path };
        if (origin != "project")
        {
            source["origin"] = origin;
        }

        source["line"] = line;
        source["value"] = value;
        if (section is not null)
        {
            // The line applies only to the files the section's glob matches (relative to the file's folder).
            source["section"] = relativeSection(section);
        }

        return source;
    }

    private static bool Lists(JsonNode? list, string id)
        => (list as JsonArray ?? []).Any(x => string.Equals(Text(x)?.Trim(), id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The configuration files of a compilation that can be read as they were at build time.</summary>
    private List<(string Path, string Origin, SeverityConfig Config)> Configs(JsonObject manifest)
    {
        var configs = new List<(string, string, SeverityConfig)>();
        foreach (var file in (manifest["configFiles"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(file["path"]) is { Length: > 0 } path && Text(file["origin"]) is { } origin && Text(file["sha256"]) is { } sha
                && Load(path, origin, sha) is { } config)
            {
                configs.Add((path, origin, config));
            }
        }

        return configs;
    }

    private SeverityConfig? Load(string path, string origin, string sha)
    {
        var key = origin + "\u0000" + path + "\u0000" + sha;
        if (_configs.TryGetValue(key, out var cached))
        {
            return cached;
        }

        SeverityConfig? config = null;
        try
        {
            var bytes = origin switch
            {
                "project" when !path.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(path) => ReadFile(Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar))),
                "package" => ReadEmbedded(path),
                _ => null,
            };
            if (bytes is not null && string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha, StringComparison.OrdinalIgnoreCase))
            {
                config = SeverityConfig.Parse(path, new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'));
            }
        }
        catch (InvalidDataException)
        {
            // The tool's parser is stricter than the compiler: the file gives no sources, the overrides stay.
        }

        _configs[key] = config;
        return config;
    }

    private static byte[]? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The package's profile as embedded in the tool (same bytes only when the tool and the package are the same version).</summary>
    private static byte[]? ReadEmbedded(string path)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(path);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private sealed class Override(string ruleId, JsonObject configuration, JsonArray sources)
    {
        public string RuleId { get; } = ruleId;

        public JsonObject Configuration { get; } = configuration;

        public JsonArray Sources { get; } = sources;

        public SortedDictionary<string, SortedSet<string>> Compilations { get; } = new(StringComparer.Ordinal);
    }
}
