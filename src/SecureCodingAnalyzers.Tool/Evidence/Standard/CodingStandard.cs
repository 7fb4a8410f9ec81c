using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Catalog;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>A rule of the standard with the severity the build enforces.</summary>
/// <param name="Descriptor">The catalog descriptor.</param>
/// <param name="ProfileSeverity">The profile's severity.</param>
/// <param name="Enforced">The enforced severity (the supplier's configuration over the profile).</param>
/// <param name="Override">The configuration line that sets <paramref name="Enforced"/>, if any.</param>
/// <param name="Cwes">The CWE ids (from the descriptor's tags).</param>
/// <param name="Iec">The IEC 62443-4-1 requirement ids (from the descriptor's tags).</param>
public sealed record StandardRule(DiagnosticDescriptor Descriptor, ReportDiagnostic ProfileSeverity, ReportDiagnostic Enforced, SeveritySetting? Override, IReadOnlyList<int> Cwes, IReadOnlyList<string> Iec)
{
    /// <summary>The rule id.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The rule title.</summary>
    public string Title => Descriptor.Title.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rationale (the descriptor's description).</summary>
    public string Rationale => Descriptor.Description.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A configuration line that sets a rule to another severity than the profile.</summary>
/// <param name="Setting">The line.</param>
/// <param name="Profile">The profile's severity.</param>
/// <param name="Configured">The configured severity (resolved: <c>default</c> is the catalog default).</param>
/// <param name="Scope">Null when the line applies to the whole build; otherwise what it is limited to.</param>
public sealed record Deviation(SeveritySetting Setting, ReportDiagnostic Profile, ReportDiagnostic Configured, string? Scope);

/// <summary>
/// The coding standard as data: the catalog's rules with the severities the profile and the supplier's configuration
/// enforce, the deviations from the profile and where they are set. Both renderings (Markdown, HTML) read this one
/// model, so they always agree.
/// </summary>
public sealed class CodingStandard
{
    private CodingStandard(StandardOptions options, string profileDescription, TaxonomyData taxonomies, IReadOnlyList<StandardRule> rules, IReadOnlyList<Deviation> deviations, IReadOnlyList<string> notes)
    {
        Options = options;
        ProfileDescription = profileDescription;
        Taxonomies = taxonomies;
        Rules = rules;
        Deviations = deviations;
        Notes = notes;
    }

    /// <summary>The package whose analyzers enforce the standard.</summary>
    public const string PackageId = "SecureCodingAnalyzers";

    /// <summary>What the document was made from.</summary>
    public StandardOptions Options { get; }

    /// <summary>What the profile does (its header comment).</summary>
    public string ProfileDescription { get; }

    /// <summary>The analyzer version (informational version of the analyzer assembly).</summary>
    public string AnalyzerVersion { get; } = EmbeddedData.AnalyzerVersion;

    /// <summary>The mapping data.</summary>
    public TaxonomyData Taxonomies { get; }

    /// <summary>Every catalog rule, ordered by id.</summary>
    public IReadOnlyList<StandardRule> Rules { get; }

    /// <summary>Configuration lines that differ from the profile, in file and line order.</summary>
    public IReadOnlyList<Deviation> Deviations { get; }

    /// <summary>Configuration lines the document does not apply, with why.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The rules grouped by family, families in id-range order.</summary>
    public IEnumerable<(string Family, IReadOnlyList<StandardRule> Rules)> Families
        => Rules.GroupBy(r => r.Descriptor.Category)
            .OrderBy(g => RuleCategory.RangeOf(g.Key).First)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (RuleCategory.FamilyName(g.Key), (IReadOnlyList<StandardRule>)g.ToList()));

    /// <summary>CWE id to the rules that map to it, by id.</summary>
    public IEnumerable<(int Cwe, IReadOnlyList<StandardRule> Rules)> CweIndex
        => Rules.SelectMany(r => r.Cwes.Select(c => (Cwe: c, Rule: r)))
            .GroupBy(x => x.Cwe)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<StandardRule>)g.Select(x => x.Rule).ToList()));

    /// <summary>IEC 62443-4-1 requirement to the rules that map to it, in the data's order (unknown ones last).</summary>
    public IEnumerable<(string Requirement, IReadOnlyList<StandardRule> Rules)> IecIndex
    {
        get
        {
            var order = Taxonomies.IecOrder.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            return Rules.SelectMany(r => r.Iec.Select(req => (Req: req, Rule: r)))
                .GroupBy(x => x.Req, StringComparer.Ordinal)
                .OrderBy(g => order.TryGetValue(g.Key, out var i) ? i : int.MaxValue)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyList<StandardRule>)g.Select(x => x.Rule).ToList()));
        }
    }

    /// <summary>Builds the standard from the catalog, the profile and the supplier's configuration files (in order).</summary>
    public static CodingStandard Build(StandardOptions options, TaxonomyData taxonomies, SeverityConfig profile, IReadOnlyList<SeverityConfig> configs)
    {
        var catalog = Catalog.Rules.All;
        var known = catalog.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var profileSeverities = profile.Settings.Where(s => s.Section is null).GroupBy(s => s.RuleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Severity, StringComparer.Ordinal);

        // The compiler merges global configs: the highest global_level wins; equal levels that disagree cancel out
        // (it warns and uses neither), which no standard can describe, so that is an error here.
        var overrides = new Dictionary<string, SeveritySetting>(StringComparer.Ordinal);
        foreach (var group in configs.Where(c => c.IsGlobal).SelectMany(c => c.Settings).Where(s => s.Section is null && known.Contains(s.RuleId)).GroupBy(s => s.RuleId, StringComparer.Ordinal))
        {
            var top = group.Max(s => s.GlobalLevel);
            var winners = group.Where(s => s.GlobalLevel == top).ToList();
            var distinct = winners.Select(s => s.Severity).Distinct().ToList();
            if (distinct.Count > 1)
            {
                throw new ToolException($"{group.Key} is set to different severities at the same global_level ({Where(winners[0])}: {winners[0].Value}, {Where(winners.First(w => w.Severity != winners[0].Severity))}: {winners.First(w => w.Severity != winners[0].Severity).Value}); the compiler would ignore both. Keep one, or give one file a higher global_level.");
            }

            overrides[group.Key] = winners[^1];
        }

        var rules = new List<StandardRule>(catalog.Length);
        var deviations = new List<Deviation>();
        foreach (var descriptor in catalog)
        {
            var profileSeverity = profileSeverities.TryGetValue(descriptor.Id, out var p) ? Resolve(p, descriptor) : CatalogDefault(descriptor);
            overrides.TryGetValue(descriptor.Id, out var setting);
            var enforced = setting is null ? profileSeverity : Resolve(setting.Severity, descriptor);
            var cwes = descriptor.CustomTags.Where(t => t.StartsWith(DescriptorFactory.CwePrefix, StringComparison.Ordinal))
                .Select(t => int.TryParse(t.AsSpan(DescriptorFactory.CwePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .Where(n => n >= 0).ToList();
            var iec = descriptor.CustomTags.Where(t => t.StartsWith(DescriptorFactory.IecPrefix, StringComparison.Ordinal))
                .Select(t => t[DescriptorFactory.IecPrefix.Length..]).ToList();
            rules.Add(new StandardRule(descriptor, profileSeverity, enforced, setting, cwes, iec));
        }

        var byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var config in configs)
        {
            foreach (var s in config.Settings.Where(s => known.Contains(s.RuleId)))
            {
                var rule = byId[s.RuleId];
                var configured = Resolve(s.Severity, rule.Descriptor);
                if (config.IsGlobal && s.Section is null)
                {
                    if (ReferenceEquals(rule.Override, s) && configured != rule.ProfileSeverity)
                    {
                        deviations.Add(new Deviation(s, rule.ProfileSeverity, configured, null));
                    }
                    else if (!ReferenceEquals(rule.Override, s) && rule.Override is { } winner && winner.Severity != s.Severity)
                    {
                        notes.Add($"{Where(s)}: {s.RuleId} = {s.Value} is overridden by {Where(winner)} (higher or later global_level).");
                    }
                }
                else if (s.Section is not null)
                {
                    if (configured != rule.Enforced)
                    {
                        deviations.Add(new Deviation(s, rule.ProfileSeverity, configured, "only files matching [" + s.Section + "]"));
                    }
                }
                else
                {
                    notes.Add($"{Where(s)}: {s.RuleId} = {s.Value} has no effect: it is outside any [section] of a file that is not a global config (name it .globalconfig or add is_global = true).");
                }
            }

            foreach (var b in config.BulkSettings)
            {
                notes.Add($"{b.File}({b.Line.ToString(CultureInfo.InvariantCulture)}): {b.Key} = {b.Value} does not change the rules of this standard: the profile sets each rule's severity by id, which takes precedence over category-wide and global severity settings.");
            }
        }

        var description = profile.LeadingComments.FirstOrDefault(c => c.StartsWith(options.Profile + ":", StringComparison.Ordinal));
        return new CodingStandard(options, description?[(options.Profile.Length + 1)..].Trim() ?? string.Empty, taxonomies, rules, deviations, notes);
    }

    /// <summary>The display name of a severity.</summary>
    public static string SeverityName(ReportDiagnostic severity) => severity switch
    {
        ReportDiagnostic.Error => "Error",
        ReportDiagnostic.Warn => "Warning",
        ReportDiagnostic.Info => "Suggestion",
        ReportDiagnostic.Hidden => "Silent",
        ReportDiagnostic.Suppress => "Off",
        _ => severity.ToString(),
    };

    /// <summary>What a severity means for the build, for the enforcement section.</summary>
    public static IReadOnlyList<(string Severity, string Meaning)> SeverityMeanings { get; } =
    [
        ("Error", "the build fails; the finding must be fixed (or suppressed with a justification, which the evidence records)."),
        ("Warning", "reported in the build and the evidence; with warnings as errors the build fails."),
        ("Suggestion", "reported as a note in the IDE and the evidence (SARIF level note); does not fail the build."),
        ("Silent", "evaluated but not reported in the build output."),
        ("Off", "not checked."),
    ];

    /// <summary><c>file(line)</c> of a setting.</summary>
    public static string Where(SeveritySetting setting) => setting.File + "(" + setting.Line.ToString(CultureInfo.InvariantCulture) + ")";

    private static ReportDiagnostic Resolve(ReportDiagnostic severity, DiagnosticDescriptor descriptor)
        => severity == ReportDiagnostic.Default ? CatalogDefault(descriptor) : severity;

    private static ReportDiagnostic CatalogDefault(DiagnosticDescriptor descriptor)
        => !descriptor.IsEnabledByDefault ? ReportDiagnostic.Suppress : descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => ReportDiagnostic.Error,
            DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
            DiagnosticSeverity.Info => ReportDiagnostic.Info,
            _ => ReportDiagnostic.Hidden,
        };
}
