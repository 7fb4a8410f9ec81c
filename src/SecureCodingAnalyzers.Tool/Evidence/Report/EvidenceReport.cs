using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using SecureCodingAnalyzers.Tool.Evidence.Diff;

namespace SecureCodingAnalyzers.Tool.Evidence.Report;

/// <summary>One suppression of a result, as recorded in the SARIF log.</summary>
/// <param name="Kind">inSource (an attribute or pragma in the code) or external (a suppression file, a configuration).</param>
/// <param name="Status">accepted, underReview or rejected; accepted when absent.</param>
/// <param name="Justification">The written reason, or null.</param>
/// <param name="Flag">Why the justification is not acceptable (missing or a placeholder), or null.</param>
public sealed record ReportSuppression(string Kind, string Status, string? Justification, string? Flag);

/// <summary>One result of the evidence with what the report shows about it.</summary>
/// <param name="Tool">The run's tool.driver.name.</param>
/// <param name="RuleId">The rule id.</param>
/// <param name="Level">The SARIF level (warning when absent).</param>
/// <param name="Location">"path:line".</param>
/// <param name="Message">The message text.</param>
/// <param name="Suppressions">The result's suppressions that are not rejected.</param>
/// <param name="Cwes">The CWE ids (CWE-n) of the rule.</param>
/// <param name="Iec">The IEC 62443-4-1 requirements of the rule.</param>
public sealed record ReportResult(string Tool, string RuleId, string Level, string Location, string Message, IReadOnlyList<ReportSuppression> Suppressions, IReadOnlyList<string> Cwes, IReadOnlyList<string> Iec)
{
    /// <summary>True when at least one suppression is not rejected.</summary>
    public bool Suppressed => Suppressions.Count > 0;
}

/// <summary>A row of a count table: the key, its name, the open and the suppressed results.</summary>
public sealed record ReportCount(string Key, string Name, int Open, int Suppressed)
{
    /// <summary>All results.</summary>
    public int Total => Open + Suppressed;
}

/// <summary>
/// Conformance with the coding standard for one rule family of the package: how many of its rules the build enforced,
/// how many the build's configuration switched off or downgraded (the compiler's <c>ruleConfigurationOverrides</c>),
/// and the open and suppressed results of its rules.
/// </summary>
/// <param name="Family">The family name (Cryptography &amp; TLS, Injection, ...).</param>
/// <param name="Rules">The rules of the family in the catalog.</param>
/// <param name="Enforced">The rules the build ran (on by default and not switched off, or switched on).</param>
/// <param name="Relaxed">The rules on by default that the configuration switched off or downgraded.</param>
/// <param name="Open">The open results of the family's rules.</param>
/// <param name="Suppressed">The suppressed results of the family's rules.</param>
public sealed record ReportFamily(string Family, int Rules, int Enforced, int Relaxed, int Open, int Suppressed)
{
    /// <summary>"conforms", or what keeps the family from conforming.</summary>
    public string Status => Open == 0 && Relaxed == 0
        ? "conforms"
        : string.Join(", ", new[] { Open > 0 ? Open.ToString(CultureInfo.InvariantCulture) + " open" : null, Relaxed > 0 ? Relaxed.ToString(CultureInfo.InvariantCulture) + " relaxed" : null }.OfType<string>());
}

/// <summary>One compilation (project and target framework) of the build, from run.properties.secureCoding.compilations.</summary>
public sealed record ReportCompilation(string Project, string TargetFramework, string Configuration, string Profile, string SeveritySwitches, string ConfigFiles);

/// <summary>
/// One way a governance rule (SCR9001, SCR9002) is silenced: those rules report unjustified suppressions and security
/// rules switched off, so whatever silences them hides such reports. The suppression audit lists these first.
/// </summary>
/// <param name="RuleId">The governance rule.</param>
/// <param name="Location">"path:line", or the compilation ("project (framework)") for NoWarn.</param>
/// <param name="How">What silences it: "finding suppressed (inSource)", "reported in the build", "NoWarn".</param>
/// <param name="Detail">The finding's message, or what the setting does.</param>
/// <param name="Justification">The written reason of a suppression, or null.</param>
/// <param name="Flag">What is wrong with it (a missing or placeholder justification, a rule switched off unseen), or null.</param>
public sealed record GovernanceBypass(string RuleId, string Location, string How, string Detail, string? Justification, string? Flag);

/// <summary>The trend against a baseline evidence log (<see cref="EvidenceDiff"/>).</summary>
public sealed record ReportTrend(string Baseline, IReadOnlyDictionary<DiffStatus, int> Counts, IReadOnlyList<DiffResult> NewFindings);

/// <summary>
/// What <c>evidence report</c> shows, read from an evidence.sarif written by <c>evidence collect</c>: identity, scope,
/// settings, results counted by severity, CWE and IEC 62443-4-1 requirement, open findings, the suppression audit and the trend.
/// Everything is sorted, so the same evidence gives the same report.
/// </summary>
public sealed class EvidenceReport
{
    /// <summary>The levels in report order.</summary>
    public static readonly string[] Levels = ["error", "warning", "note", "none"];


    /// <summary>The product name (--product), or null.</summary>
    public string? Product { get; init; }

    /// <summary>The report date (--date), or null.</summary>
    public string? Date { get; init; }

    /// <summary>The evidence file as given.</summary>
    public required string EvidencePath { get; init; }

    /// <summary>SHA-256 of the evidence file.</summary>
    public required string EvidenceSha256 { get; init; }

    /// <summary>The analyzer package versions (SecureCodingAnalyzers extension).</summary>
    public required IReadOnlyList<string> PackageVersions { get; init; }

    /// <summary>The analyzer assemblies and their SHA-256.</summary>
    public required IReadOnlyList<(string Path, string Sha256)> AnalyzerFiles { get; init; }

    /// <summary>The tools (driver name and version) of the runs.</summary>
    public required IReadOnlyList<string> Tools { get; init; }

    /// <summary>Repository, commit and branch (versionControlProvenance).</summary>
    public required IReadOnlyList<(string Repository, string? Revision, string? Branch)> Provenance { get; init; }

    /// <summary>The compilations of the build.</summary>
    public required IReadOnlyList<ReportCompilation> Compilations { get; init; }

    /// <summary>The files with results.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>All results, sorted by location and rule.</summary>
    public required IReadOnlyList<ReportResult> Results { get; init; }

    /// <summary>Conformance by rule family of the package, in catalog order; empty when the evidence has none of our rules.</summary>
    public IReadOnlyList<ReportFamily> ByFamily { get; init; } = [];

    /// <summary>Counts by level (all four levels).</summary>
    public required IReadOnlyList<ReportCount> BySeverity { get; init; }

    /// <summary>Counts by CWE (results of rules mapped to it), by CWE number.</summary>
    public required IReadOnlyList<ReportCount> ByCwe { get; init; }

    /// <summary>Counts by IEC 62443-4-1 requirement.</summary>
    public required IReadOnlyList<ReportCount> ByIec { get; init; }

    /// <summary>
    /// Everything in the evidence that silences a governance rule (<see cref="GovernanceBypass"/>), sorted: suppressed
    /// findings of governance rules, findings that report a suppression or setting of a governance rule, and
    /// compilations whose NoWarn lists one.
    /// </summary>
    public IReadOnlyList<GovernanceBypass> GovernanceBypasses { get; init; } = [];

    /// <summary>The trend, when a baseline was given.</summary>
    public ReportTrend? Trend { get; init; }

    /// <summary>The open (unsuppressed) results.</summary>
    public IEnumerable<ReportResult> Open => Results.Where(r => !r.Suppressed);

    /// <summary>The suppressed results.</summary>
    public IEnumerable<ReportResult> Suppressed => Results.Where(r => r.Suppressed);

    /// <summary>The title.</summary>
    public string Title => "Secure coding evidence report" + (Product is { Length: > 0 } p ? ": " + p : string.Empty);

    /// <summary>Builds the report from an evidence log's runs.</summary>
    public static EvidenceReport Create(IReadOnlyList<JsonObject> runs, string path, string sha256, string? product, string? date, ReportTrend? trend)
    {
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        var analyzers = new SortedSet<(string, string)>();
        var tools = new SortedSet<string>(StringComparer.Ordinal);
        var provenance = new SortedSet<(string, string?, string?)>();
        var compilations = new List<ReportCompilation>();
        var results = new List<ReportResult>();
        var cweNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var iecNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var bypasses = new HashSet<GovernanceBypass>();
        var overrides = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var o in (run["invocations"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(i => (i["ruleConfigurationOverrides"] as JsonArray ?? []).OfType<JsonObject>()))
            {
                if (Text(o["descriptor"]?["id"]) is { } id)
                {
                    // The lowest level any compilation gives the rule: a rule relaxed in one project is relaxed.
                    var rank = o["configuration"]?["enabled"] is JsonValue e && e.TryGetValue<bool>(out var enabled) && !enabled ? 0 : LevelRank(Text(o["configuration"]?["level"]));
                    overrides[id] = overrides.TryGetValue(id, out var known) ? Math.Min(known, rank) : rank;
                }
            }

            var driver = run["tool"]?["driver"];
            var tool = Text(driver?["name"]) ?? string.Empty;
            tools.Add(tool + (Text(driver?["version"]) is { } v ? " " + v : string.Empty));
            foreach (var taxonomy in (run["taxonomies"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var names = Text(taxonomy["name"]) == RuleMetadata.CweTaxonomy ? cweNames : Text(taxonomy["name"]) == RuleMetadata.IecTaxonomy ? iecNames : null;
                foreach (var taxon in (taxonomy["taxa"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (names is not null && Text(taxon["id"]) is { } id)
                    {
                        names[id] = Text(taxon["name"]) ?? string.Empty;
                    }
                }
            }

            var mappings = new Dictionary<string, (List<string> Cwe, List<string> Iec)>(StringComparer.Ordinal);
            foreach (var extension in (run["tool"]?["extensions"] as JsonArray ?? []).OfType<JsonObject>().Where(e => Text(e["name"]) == RuleMetadata.ExtensionName))
            {
                if (Text(extension["version"]) is { } version)
                {
                    versions.Add(version);
                }

                foreach (var other in (extension["properties"]?["packageVersions"] as JsonArray ?? []).Select(Text).OfType<string>())
                {
                    versions.Add(other);
                }

                foreach (var file in (extension["properties"]?["analyzerFiles"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    analyzers.Add((Text(file["path"]) ?? string.Empty, Text(file["sha256"]) ?? string.Empty));
                }

                foreach (var rule in (extension["rules"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var map = (Cwe: new List<string>(), Iec: new List<string>());
                    foreach (var relationship in (rule["relationships"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        var target = relationship["target"];
                        var component = Text(target?["toolComponent"]?["name"]);
                        if (Text(target?["id"]) is { } id)
                        {
                            (component == RuleMetadata.CweTaxonomy ? map.Cwe : component == RuleMetadata.IecTaxonomy ? map.Iec : null)?.Add(id);
                        }
                    }

                    if (Text(rule["id"]) is { } ruleId)
                    {
                        mappings[ruleId] = map;
                    }
                }
            }

            foreach (var entry in (run["versionControlProvenance"] as JsonArray ?? []).OfType<JsonObject>())
            {
                provenance.Add((Text(entry["repositoryUri"]) ?? string.Empty, Text(entry["revisionId"]), Text(entry["branch"])));
            }

            foreach (var c in (run["properties"]?["secureCoding"]?["compilations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                compilations.Add(Compilation(c));
                foreach (var id in (c["severitySwitches"]?["noWarn"] as JsonArray ?? []).Select(Text).OfType<string>().Where(IsGovernanceRule))
                {
                    var where = (Text(c["project"]) ?? Text(c["projectName"]) ?? string.Empty) + " (" + (Text(c["targetFramework"]) ?? string.Empty) + ")";
                    bypasses.Add(new GovernanceBypass(id, where, "NoWarn", "switches off " + id + " for the whole compilation", null, "governance rule switched off"));
                }
            }

            var diffResults = EvidenceDiff.Results([run]);
            var resultArray = (run["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            for (var i = 0; i < resultArray.Count; i++)
            {
                var d = diffResults[i];
                var suppressions = (resultArray[i]["suppressions"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(s => (Kind: Text(s["kind"]) ?? "unknown", Status: Text(s["status"]) ?? "accepted", Justification: Text(s["justification"])))
                    .Where(s => s.Status != "rejected")
                    .Select(s => new ReportSuppression(s.Kind, s.Status, s.Justification, JustificationFlag(s.Justification)))
                    .ToList();
                var map = mappings.TryGetValue(d.RuleId, out var m) ? m : (Cwe: new List<string>(), Iec: new List<string>());
                results.Add(new ReportResult(d.Tool, d.RuleId, d.Level, d.Location, d.Message, suppressions, map.Cwe, map.Iec));
            }
        }

        foreach (var result in results.Where(r => IsGovernanceRule(r.RuleId)))
        {
            if (result.Suppressed)
            {
                foreach (var suppression in result.Suppressions)
                {
                    bypasses.Add(new GovernanceBypass(result.RuleId, result.Location, "finding suppressed (" + suppression.Kind + ")", result.Message, suppression.Justification, suppression.Flag));
                }
            }
            else if (NamesGovernanceRule(result.Message))
            {
                bypasses.Add(new GovernanceBypass(result.RuleId, result.Location, "reported in the build", result.Message, null, null));
            }
        }

        results = results.OrderBy(r => r.Location, StringComparer.Ordinal).ThenBy(r => r.RuleId, StringComparer.Ordinal).ThenBy(r => r.Tool, StringComparer.Ordinal).ThenBy(r => r.Message, StringComparer.Ordinal).ToList();
        return new EvidenceReport
        {
            Product = product,
            Date = date,
            EvidencePath = path,
            EvidenceSha256 = sha256,
            PackageVersions = versions.ToList(),
            AnalyzerFiles = analyzers.ToList(),
            Tools = tools.ToList(),
            Provenance = provenance.ToList(),
            Compilations = compilations.Distinct().OrderBy(c => c.Project, StringComparer.Ordinal).ThenBy(c => c.TargetFramework, StringComparer.Ordinal).ToList(),
            Files = results.Select(r => r.Location == "(no location)" ? null : Uri(r.Location)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Results = results,
            BySeverity = Levels.Select(l => Count(l, l, results.Where(r => r.Level == l))).ToList(),
            ByFamily = versions.Count == 0 ? [] : Families(results, overrides),
            ByCwe = Group(results, r => r.Cwes, cweNames).OrderBy(c => CweNumber(c.Key)).ThenBy(c => c.Key, StringComparer.Ordinal).ToList(),
            ByIec = Group(results, r => r.Iec, iecNames).OrderBy(c => c.Key, StringComparer.Ordinal).ToList(),
            Trend = trend,
            GovernanceBypasses = bypasses.OrderBy(b => b.Location, StringComparer.Ordinal).ThenBy(b => b.RuleId, StringComparer.Ordinal)
                .ThenBy(b => b.How, StringComparer.Ordinal).ThenBy(b => b.Detail, StringComparer.Ordinal).ThenBy(b => b.Justification, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>SARIF levels ranked: none (or disabled) 0, note 1, warning 2, error 3; an absent level is a warning.</summary>
    private static int LevelRank(string? level) => level switch
    {
        "error" => 3,
        "warning" or null => 2,
        "note" => 1,
        _ => 0,
    };

    private static List<ReportFamily> Families(List<ReportResult> results, Dictionary<string, int> overrides)
    {
        var byRule = results.GroupBy(r => r.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (Open: g.Count(r => !r.Suppressed), Suppressed: g.Count(r => r.Suppressed)), StringComparer.Ordinal);
        return RuleMetadata.Catalog.Values
            .GroupBy(d => d.Category, StringComparer.Ordinal)
            .OrderBy(g => SecureCodingAnalyzers.Catalog.RuleCategory.RangeOf(g.Key).First)
            .Select(g =>
            {
                int enforced = 0, relaxed = 0, open = 0, suppressed = 0;
                foreach (var rule in g)
                {
                    var defaultRank = rule.IsEnabledByDefault ? rule.DefaultSeverity switch
                    {
                        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => 3,
                        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => 2,
                        Microsoft.CodeAnalysis.DiagnosticSeverity.Info => 1,
                        _ => 0,
                    } : 0;
                    var rank = overrides.TryGetValue(rule.Id, out var o) ? o : defaultRank;
                    enforced += rank > 0 ? 1 : 0;
                    relaxed += rank < defaultRank ? 1 : 0;
                    if (byRule.TryGetValue(rule.Id, out var counts))
                    {
                        open += counts.Open;
                        suppressed += counts.Suppressed;
                    }
                }

                return new ReportFamily(SecureCodingAnalyzers.Catalog.RuleCategory.FamilyName(g.Key), g.Count(), enforced, relaxed, open, suppressed);
            })
            .ToList();
    }

    private static bool IsGovernanceRule(string id) => SecureCodingAnalyzers.Rules.Governance.SecurityRuleSuppressions.IsGovernanceRule(id);

    /// <summary>Whether a governance finding's message names a governance rule as what is suppressed or switched off.</summary>
    private static bool NamesGovernanceRule(string message)
        => message.Split([' ', ',', '(', ')', ';', ':', '.'], StringSplitOptions.RemoveEmptyEntries).Any(IsGovernanceRule);

    /// <summary>Why a justification does not count as one: missing, empty, or a placeholder (TODO, &lt;Pending&gt;, ...); null when it is a real one.</summary>
    public static string? JustificationFlag(string? justification)
        => SecureCodingAnalyzers.Rules.Governance.SecurityRuleSuppressions.JustificationProblem(justification, Array.Empty<string>());

    private static string Uri(string location)
    {
        var colon = location.LastIndexOf(':');
        return colon > 0 && int.TryParse(location.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? location[..colon] : location;
    }

    private static int CweNumber(string id)
        => int.TryParse(id.StartsWith("CWE-", StringComparison.Ordinal) ? id[4..] : id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    private static ReportCount Count(string key, string name, IEnumerable<ReportResult> results)
    {
        var list = results.ToList();
        return new ReportCount(key, name, list.Count(r => !r.Suppressed), list.Count(r => r.Suppressed));
    }

    private static IEnumerable<ReportCount> Group(List<ReportResult> results, Func<ReportResult, IReadOnlyList<string>> keys, Dictionary<string, string> names)
        => results.SelectMany(r => keys(r).Distinct(StringComparer.Ordinal).Select(k => (Key: k, Result: r)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g => Count(g.Key, names.TryGetValue(g.Key, out var n) ? n : string.Empty, g.Select(x => x.Result)));

    private static ReportCompilation Compilation(JsonObject c)
    {
        var switches = c["severitySwitches"];
        var parts = new List<string>();
        if (switches?["treatWarningsAsErrors"] is JsonValue twae && twae.TryGetValue<bool>(out var b))
        {
            parts.Add("TreatWarningsAsErrors=" + (b ? "true" : "false"));
        }

        foreach (var (key, label) in new[] { ("noWarn", "NoWarn"), ("warningsAsErrors", "WarningsAsErrors"), ("warningsNotAsErrors", "WarningsNotAsErrors") })
        {
            var ids = (switches?[key] as JsonArray ?? []).Select(Text).OfType<string>().ToList();
            if (ids.Count > 0)
            {
                parts.Add(label + "=" + string.Join(";", ids));
            }
        }

        var configs = (c["configFiles"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => (Text(f["path"]) ?? string.Empty) + (Text(f["origin"]) is { } o ? " (" + o + ")" : string.Empty) + (Text(f["sha256"]) is { Length: >= 12 } s ? " sha256:" + s[..12] : string.Empty));
        return new ReportCompilation(
            Text(c["project"]) ?? Text(c["projectName"]) ?? string.Empty,
            Text(c["targetFramework"]) ?? string.Empty,
            Text(c["configuration"]) ?? string.Empty,
            Text(c["profile"]) ?? string.Empty,
            parts.Count == 0 ? "none" : string.Join(", ", parts),
            string.Join(", ", configs) is { Length: > 0 } list ? list : "none");
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
