using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// What <see cref="EvidenceCollector.Collect"/> made, and its counts for the summary. The upload log is made from the
/// evidence log in place (<see cref="EvidenceCollector.ConvertToUpload"/>), after the evidence is serialized: a second
/// copy of a build's results would double the memory.
/// </summary>
/// <param name="Evidence">evidence.sarif.</param>
/// <param name="Runs">The runs (one per tool).</param>
/// <param name="Results">The results after merging duplicates.</param>
/// <param name="Duplicates">The duplicates merged.</param>
/// <param name="Suppressed">The suppressed results.</param>
/// <param name="Artifacts">The files listed as artifacts (analyzed or with results).</param>
/// <param name="MissingArtifacts">The artifacts not found under the root (listed without hash).</param>
public sealed record CollectedEvidence(JsonObject Evidence, int Runs, int Results, int Duplicates, int Suppressed, int Artifacts = 0, int MissingArtifacts = 0);

/// <summary>
/// Merges the SARIF logs of a build into one log (see <see cref="CollectRunner"/> for the command): one run per tool
/// (driver name), results de-duplicated across the target frameworks of a project (same rule, file, region, message
/// and suppression state), artifact URIs relative to the root under <c>SRCROOT</c>, our rules moved from the compiler's
/// driver to the <c>SecureCodingAnalyzers</c> extension, taxonomies, fingerprints, the analyzed files and the files
/// with results with their SHA-256 (<see cref="AnalyzedFiles"/>), the effective rule configuration
/// (<see cref="RuleConfiguration"/>), and git provenance. Everything is ordered so that the same input gives the same bytes; run properties of
/// the inputs and the rules' analyzer timings are dropped for that reason, and the root is removed from every string.
/// </summary>
public sealed class EvidenceCollector
{
    /// <summary>The uriBaseId of the repository root.</summary>
    public const string SourceRoot = "SRCROOT";

    /// <summary>The partial fingerprint (GitHub's name and "hash:occurrence" format, computed by <see cref="LineHash"/>).</summary>
    public const string FingerprintName = "primaryLocationLineHash";

    private readonly string _root;
    private readonly StringComparison _pathComparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    private readonly Dictionary<string, string[]?> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _relative = new(StringComparer.Ordinal);

    private EvidenceCollector(string root) => _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>
    /// Merges <paramref name="inputs"/> (in this order) with paths relative to <paramref name="root"/>. The results move
    /// from the inputs into the evidence: the inputs' result arrays are empty afterwards.
    /// </summary>
    public static CollectedEvidence Collect(IReadOnlyList<SarifInput> inputs, string root, JsonObject? versionControl)
        => new EvidenceCollector(root).Build(inputs, versionControl);

    /// <summary>
    /// The line hash of a result: SHA-256 over rule id, relative path and the flagged line with all whitespace removed
    /// (the message when the line cannot be read), first 16 hex digits. Line numbers are not part of it, so inserting
    /// lines above a finding or re-indenting it keeps the fingerprint.
    /// </summary>
    public static string LineHash(string ruleId, string path, string lineOrMessage)
    {
        // Whitespace as the regular expression \s defines it (char.IsWhiteSpace: the same characters), removed.
        var text = new StringBuilder(ruleId.Length + path.Length + lineOrMessage.Length + 2).Append(ruleId).Append('\n').Append(path).Append('\n');
        foreach (var c in lineOrMessage)
        {
            if (!char.IsWhiteSpace(c))
            {
                text.Append(c);
            }
        }

        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 8));
    }

    private CollectedEvidence Build(IReadOnlyList<SarifInput> inputs, JsonObject? versionControl)
    {
        var runs = new JsonArray();
        int results = 0, duplicates = 0, suppressed = 0, artifacts = 0, missing = 0;
        var groups = inputs
            .SelectMany(input => input.Runs.Select(run => (Input: input, Run: run)))
            .GroupBy(x => x.Run["tool"]!["driver"]!["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var (run, counts) = MergeRun(group.ToList(), versionControl);
            runs.Add(run);
            results += counts.Results;
            duplicates += counts.Duplicates;
            suppressed += counts.Suppressed;
            artifacts += counts.Artifacts;
            missing += counts.Missing;
        }

        return new CollectedEvidence(Log(runs), runs.Count, results, duplicates, suppressed, artifacts, missing);
    }

    private static JsonObject Log(JsonArray runs) => new()
    {
        ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
        ["version"] = "2.1.0",
        ["runs"] = runs,
    };

    private (JsonObject Run, (int Results, int Duplicates, int Suppressed, int Artifacts, int Missing) Counts) MergeRun(List<(SarifInput Input, JsonObject Run)> group, JsonObject? versionControl)
    {
        var catalog = RuleMetadata.Catalog;
        var driver = group[0].Run["tool"]!["driver"]!.DeepClone().AsObject();
        driver.Remove("rules");
        var driverRules = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var merged = new List<(string RuleId, JsonObject Result)>();
        var ours = false;
        var compilations = new JsonArray();
        var analyzed = new AnalyzedFiles();
        var configuration = new RuleConfiguration(_root);
        foreach (var (input, run) in group)
        {
            if (input.Manifest is { } manifest)
            {
                ours = true;
                compilations.Add(Compilation(input, manifest));
                analyzed.AddCompilation(manifest);
            }

            var rules = run["tool"]!["driver"]!["rules"] as JsonArray ?? [];
            foreach (var rule in rules.OfType<JsonObject>())
            {
                var id = rule["id"]?.GetValue<string>();
                if (id is not null && !catalog.ContainsKey(id) && !driverRules.ContainsKey(id))
                {
                    var copy = rule.DeepClone().AsObject();
                    if (copy["properties"] is JsonObject timings)
                    {
                        // The compiler's per-rule analyzer timings differ on every build: the same code must give the same bytes.
                        timings.Remove("executionTimeInSeconds");
                        timings.Remove("executionTimeInPercentage");
                    }

                    driverRules[id] = copy;
                }
            }

            configuration.Add(
                run,
                input.Manifest,
                input.Manifest?["project"]?.GetValue<string>() ?? Relative(input.Path) ?? Path.GetFileName(input.Path),
                input.Manifest?["targetFramework"]?.GetValue<string>() ?? string.Empty,
                id => catalog.TryGetValue(id, out var d) ? d.Category : driverRules.TryGetValue(id, out var r) && r["properties"]?["category"] is JsonValue c && c.TryGetValue<string>(out var name) ? name : null,
                RelativeSection);

            // The results move from the input into the merged run (no copy: a build has hundreds of thousands).
            var inputResults = run["results"] as JsonArray ?? [];
            var taken = inputResults.OfType<JsonObject>().ToList();
            inputResults.Clear();
            foreach (var copy in taken)
            {
                var ruleId = copy["ruleId"]?.GetValue<string>()
                    ?? copy["rule"]?["id"]?.GetValue<string>()
                    ?? (copy["ruleIndex"]?.GetValue<int>() is int index && index >= 0 && index < rules.Count ? rules[index]?["id"]?.GetValue<string>() : null)
                    ?? string.Empty;
                copy["ruleId"] = ruleId;
                copy.Remove("ruleIndex");
                copy.Remove("rule");
                ours |= catalog.ContainsKey(ruleId);
                RewriteUris(copy);
                WithoutRoot(copy);
                merged.Add((ruleId, copy));
            }
        }

        // Sort, then keep the first of each duplicate (the same finding reported by several target frameworks).
        // The serialized result orders results with the same key; only those need it (a build has few).
        var keyed = merged.Select(m => (m.RuleId, m.Result, Key: SortKey(m.RuleId, m.Result))).ToList();
        var keyCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in keyed)
        {
            keyCounts[m.Key] = keyCounts.TryGetValue(m.Key, out var c) ? c + 1 : 1;
        }

        var sorted = keyed
            .Select(m => (m.RuleId, m.Result, m.Key, Text: keyCounts[m.Key] > 1 ? m.Result.ToJsonString() : string.Empty))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ThenBy(m => m.Text, StringComparer.Ordinal)
            .ToList();
        var unique = new List<(string RuleId, JsonObject Result)>();
        string? previous = null;
        foreach (var m in sorted)
        {
            if (m.Key != previous)
            {
                unique.Add((m.RuleId, m.Result));
                previous = m.Key;
            }
        }

        var ruleIndex = driverRules.Keys.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var catalogIndex = RuleMetadata.Catalog.Keys.OrderBy(k => k, StringComparer.Ordinal).Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var resultArray = new JsonArray();
        var suppressed = 0;
        foreach (var (ruleId, result) in unique)
        {
            if (ours && catalogIndex.TryGetValue(ruleId, out var extensionIndex))
            {
                result["rule"] = new JsonObject { ["id"] = ruleId, ["index"] = extensionIndex, ["toolComponent"] = new JsonObject { ["index"] = 0 } };
            }
            else if (ruleIndex.TryGetValue(ruleId, out var index))
            {
                result["ruleIndex"] = index;
            }

            var hash = LineHash(ruleId, PrimaryUri(result) ?? string.Empty, FlaggedLine(result) ?? result["message"]?["text"]?.GetValue<string>() ?? string.Empty);
            occurrences[hash] = occurrences.TryGetValue(hash, out var n) ? n + 1 : 1;
            var fingerprints = result["partialFingerprints"] as JsonObject ?? new JsonObject();
            if (!fingerprints.ContainsKey(FingerprintName))
            {
                fingerprints[FingerprintName] = hash + ":" + occurrences[hash].ToString(CultureInfo.InvariantCulture);
            }

            result["partialFingerprints"] = fingerprints;
            if (IsSuppressed(result) && PrimaryUri(result) is { } suppressedUri && result["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uriBaseId"]?.GetValue<string>() == SourceRoot
                && LinesOf(suppressedUri) is { } suppressedLines)
            {
                PragmaJustification.Apply(result, ruleId, suppressedLines);
            }

            suppressed += IsSuppressed(result) ? 1 : 0;
            resultArray.Add(result);
        }

        var tool = new JsonObject { ["driver"] = driver };
        driver["rules"] = new JsonArray(driverRules.Values.Select(r => (JsonNode)r).ToArray());
        var output = new JsonObject { ["tool"] = tool };
        var invocation = configuration.Invocation(id =>
            ours && catalogIndex.TryGetValue(id, out var extensionIndex) ? new JsonObject { ["id"] = id, ["index"] = extensionIndex, ["toolComponent"] = new JsonObject { ["index"] = 0 } }
            : ruleIndex.TryGetValue(id, out var index) ? new JsonObject { ["id"] = id, ["index"] = index }
            : new JsonObject { ["id"] = id });
        if (invocation is not null)
        {
            output["invocations"] = new JsonArray(invocation);
        }
        if (versionControl is not null)
        {
            output["versionControlProvenance"] = new JsonArray(versionControl.DeepClone());
        }

        output["originalUriBaseIds"] = new JsonObject
        {
            [SourceRoot] = new JsonObject { ["description"] = new JsonObject { ["text"] = "The repository root (--root of secure-coding evidence collect). Deliberately not an absolute path: the evidence is the same on every checkout." } },
        };
        var artifacts = Artifacts(resultArray, analyzed, out var missing);
        output["artifacts"] = artifacts;
        output["results"] = resultArray;
        if (ours)
        {
            var taxonomies = RuleMetadata.Taxonomies();
            tool["extensions"] = new JsonArray(Extension(group.Select(g => g.Input), RuleMetadata.Rules(taxonomies)));
            output["taxonomies"] = taxonomies;
        }

        if (group[0].Run["columnKind"] is JsonValue columnKind)
        {
            output["columnKind"] = columnKind.DeepClone();
        }

        if (compilations.Count > 0)
        {
            var secureCoding = new JsonObject { ["compilations"] = compilations };
            if (analyzed.OutsideRoot() is { } outside)
            {
                secureCoding["filesOutsideRoot"] = outside;
            }

            output["properties"] = new JsonObject { ["secureCoding"] = secureCoding };
        }

        return (output, (resultArray.Count, merged.Count - unique.Count, suppressed, artifacts.Count, missing));
    }

    private static JsonObject Extension(IEnumerable<SarifInput> inputs, JsonArray rules)
    {
        var manifests = inputs.Select(i => i.Manifest).OfType<JsonObject>().ToList();
        var versions = manifests.Select(m => m["package"]?["version"]?.GetValue<string>()).OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList();
        var files = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var analyzer in manifests.SelectMany(m => m["analyzers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var path = analyzer["path"]?.GetValue<string>();
            var sha = analyzer["sha256"]?.GetValue<string>();
            if (path is not null && sha is not null)
            {
                (files.TryGetValue(path, out var set) ? set : files[path] = new SortedSet<string>(StringComparer.Ordinal)).Add(sha);
            }
        }

        var extension = new JsonObject { ["name"] = RuleMetadata.ExtensionName };
        if (versions.Count > 0)
        {
            extension["version"] = versions[^1];
        }

        extension["informationUri"] = RuleMetadata.InformationUri;
        extension["rules"] = rules;
        extension["supportedTaxonomies"] = new JsonArray(
            new JsonObject { ["name"] = RuleMetadata.CweTaxonomy, ["index"] = 0 },
            new JsonObject { ["name"] = RuleMetadata.IecTaxonomy, ["index"] = 1 });
        if (files.Count > 0)
        {
            extension["locations"] = new JsonArray(files.Keys.Select(p => (JsonNode)new JsonObject { ["uri"] = p }).ToArray());
        }

        var properties = new JsonObject
        {
            ["analyzerFiles"] = new JsonArray(files.SelectMany(f => f.Value.Select(sha => (JsonNode)new JsonObject { ["path"] = f.Key, ["sha256"] = sha })).ToArray()),
        };
        if (versions.Count > 1)
        {
            // Several package versions in one build: the extension names the newest, the evidence shows all.
            properties["packageVersions"] = new JsonArray(versions.Select(v => (JsonNode)v).ToArray());
        }

        extension["properties"] = properties;
        return extension;
    }

    private JsonObject Compilation(SarifInput input, JsonObject manifest)
    {
        var compilation = new JsonObject { ["log"] = Relative(input.Path) ?? Path.GetFileName(input.Path) };
        foreach (var (name, value) in manifest)
        {
            // The analyzed files are the run's artifacts, not repeated per compilation.
            if (name is not ("format" or "package" or "analyzers" or "sarif" or "sources" or "additionalFiles"))
            {
                compilation[name] = value?.DeepClone();
            }
        }

        return compilation;
    }

    /// <summary>
    /// Turns an evidence log made by <see cref="Collect"/> into the log for GitHub code scanning, in place: suppressed
    /// results removed, every related location with a message.
    /// </summary>
    public static void ConvertToUpload(JsonObject log)
    {
        foreach (var run in log["runs"]!.AsArray())
        {
            ForUpload(run!.AsObject());
        }
    }

    private static void ForUpload(JsonObject run)
    {
        var results = run["results"]!.AsArray();

        // One pass (removing one at a time moves every later result: quadratic in a large build).
        var kept = results.Where(r => !IsSuppressed(r!.AsObject())).ToList();
        results.Clear();
        foreach (var result in kept)
        {
            results.Add(result);
        }

        foreach (var result in results.OfType<JsonObject>())
        {
            var n = 0;
            foreach (var related in (result["relatedLocations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                n++;
                if (related["message"]?["text"] is null && related["message"]?["id"] is null)
                {
                    related["message"] = new JsonObject { ["text"] = "Related location " + n.ToString(CultureInfo.InvariantCulture) };
                }
            }
        }
    }

    /// <summary>Suppressed: at least one suppression that was not rejected.</summary>
    private static bool IsSuppressed(JsonObject result)
        => (result["suppressions"] as JsonArray ?? []).OfType<JsonObject>().Any(s => s["status"]?.GetValue<string>() is null or "accepted");

    private static string SortKey(string ruleId, JsonObject result)
    {
        var region = result["locations"]?[0]?["physicalLocation"]?["region"];
        static string Number(JsonNode? n) => (n?.GetValue<int>() ?? 0).ToString("D9", CultureInfo.InvariantCulture);
        return string.Join(
            "\u0000",
            PrimaryUri(result) ?? string.Empty,
            Number(region?["startLine"]),
            Number(region?["startColumn"]),
            ruleId,
            Number(region?["endLine"]),
            Number(region?["endColumn"]),
            result["message"]?["text"]?.GetValue<string>() ?? string.Empty,
            IsSuppressed(result) ? "1" : "0");
    }

    private static string? PrimaryUri(JsonObject result)
        => result["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.GetValue<string>();

    private string? FlaggedLine(JsonObject result)
    {
        var location = result["locations"]?[0]?["physicalLocation"];
        if (location?["artifactLocation"]?["uriBaseId"]?.GetValue<string>() != SourceRoot
            || location["region"]?["startLine"]?.GetValue<int>() is not int line
            || LinesOf(location["artifactLocation"]!["uri"]!.GetValue<string>()) is not { } lines
            || line < 1 || line > lines.Length)
        {
            return null;
        }

        return lines[line - 1];
    }

    private string[]? LinesOf(string relativeUri)
    {
        if (!_lines.TryGetValue(relativeUri, out var lines))
        {
            var path = FullPath(relativeUri);
            try
            {
                lines = File.Exists(path) ? File.ReadAllLines(path) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                lines = null;
            }

            _lines[relativeUri] = lines;
        }

        return lines;
    }

    private string FullPath(string relativeUri) => Path.Combine(_root, Uri.UnescapeDataString(relativeUri).Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The analyzed files and the files of the results (<see cref="AnalyzedFiles"/>); result locations get their artifact's index.</summary>
    private JsonArray Artifacts(JsonArray results, AnalyzedFiles analyzed, out int missing)
    {
        foreach (var result in results)
        {
            Visit(result!, location =>
            {
                if (location["uriBaseId"]?.GetValue<string>() == SourceRoot && location["uri"]?.GetValue<string>() is { } uri)
                {
                    analyzed.AddResultFile(uri);
                }
            });
        }

        var artifacts = analyzed.Artifacts(FullPath, SourceRoot, out missing);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < artifacts.Count; i++)
        {
            index[artifacts[i]!["location"]!["uri"]!.GetValue<string>()] = i;
        }

        foreach (var result in results)
        {
            Visit(result!, location =>
            {
                if (location["uriBaseId"]?.GetValue<string>() == SourceRoot && location["uri"]?.GetValue<string>() is { } uri && index.TryGetValue(uri, out var i))
                {
                    location["index"] = i;
                }
            });
        }

        return artifacts;
    }

    /// <summary>A <c>[section]</c> of a global config naming an absolute path under the root, relative to the root; other sections as written.</summary>
    private string RelativeSection(string section)
        => Path.IsPathFullyQualified(section) && Relative(section) is { } relative ? Uri.UnescapeDataString(relative) : section;

    private void RewriteUris(JsonObject result) => Visit(result, location =>
    {
        if (location["uriBaseId"] is null && location["uri"]?.GetValue<string>() is { } uri && Relative(uri) is { } relative)
        {
            location["uri"] = relative;
            location["uriBaseId"] = SourceRoot;
        }
    });

    /// <summary>
    /// Removes the root from every other string of a result (messages, and properties such as a fixer's target file
    /// that analyzers pass as absolute paths): <c>&lt;root&gt;/App/packages.lock.json</c> becomes
    /// <c>App/packages.lock.json</c>, so the evidence names no folder of the build machine.
    /// </summary>
    private void WithoutRoot(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if (text.Contains(_root, _pathComparison))
                        {
                            o[name] = WithoutRoot(text);
                        }
                    }
                    else if (value is not null)
                    {
                        WithoutRoot(value);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if (text.Contains(_root, _pathComparison))
                        {
                            a[i] = WithoutRoot(text);
                        }
                    }
                    else if (a[i] is { } item)
                    {
                        WithoutRoot(item);
                    }
                }

                break;
        }
    }

    private string WithoutRoot(string text)
    {
        var uri = new Uri(_root + Path.DirectorySeparatorChar).AbsoluteUri;
        return text
            .Replace(uri, string.Empty, _pathComparison)
            .Replace(_root + Path.DirectorySeparatorChar, string.Empty, _pathComparison)
            .Replace(_root, ".", _pathComparison);
    }

    /// <summary>Calls <paramref name="action"/> on every artifactLocation below <paramref name="node"/>.</summary>
    private static void Visit(JsonNode node, Action<JsonObject> action)
    {
        switch (node)
        {
            case JsonObject o:
                // The action changes the artifactLocation objects, never the object enumerated here.
                foreach (var (name, value) in o)
                {
                    if (name == "artifactLocation" && value is JsonObject location)
                    {
                        action(location);
                    }
                    else if (value is not null)
                    {
                        Visit(value, action);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        Visit(item, action);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// A file URI or path as an escaped URI relative to the root, or null when it is outside the root. The SDK's
    /// deterministic source paths (<c>/_/</c>, the repository root under ContinuousIntegrationBuild) count as the root.
    /// </summary>
    private string? Relative(string uriOrPath)
    {
        // A build's results point into a few thousand files: each distinct URI is resolved once.
        if (!_relative.TryGetValue(uriOrPath, out var relative))
        {
            _relative[uriOrPath] = relative = RelativeUncached(uriOrPath);
        }

        return relative;
    }

    private string? RelativeUncached(string uriOrPath)
    {
        string path;
        if (Uri.TryCreate(uriOrPath, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            path = uri.LocalPath;
        }
        else if (Path.IsPathFullyQualified(uriOrPath))
        {
            path = uriOrPath;
        }
        else
        {
            return null;
        }

        string relative;
        var mapped = path.Replace('\\', '/');
        if (mapped.StartsWith("/_/", StringComparison.Ordinal))
        {
            relative = mapped[3..];
        }
        else
        {
            path = Path.GetFullPath(path);
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, _pathComparison))
            {
                return null;
            }

            relative = path[(_root.Length + 1)..].Replace('\\', '/');
        }

        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }
}
