using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>The document's prose, shared by the Markdown and HTML renderings (plain text: each renderer escapes it).</summary>
public static class StandardText
{
    /// <summary>The title.</summary>
    public static string Title(CodingStandard standard)
        => "Secure coding standard" + (standard.Options.Product is { Length: > 0 } product ? ": " + product : string.Empty);

    /// <summary>The scope statement.</summary>
    public static string Scope(CodingStandard standard)
    {
        var subject = standard.Options.Product is { Length: > 0 } product ? product : "the product";
        return $"This standard applies to all C# source code and the build files (project files, Directory.*.props, nuget.config, package lock files) of {subject}. "
            + "It lists the constructs that must not appear in them, why, and how each is enforced. "
            + $"It is generated from the rule catalog of the analyzers that enforce it ({CodingStandard.PackageId}), with the severities in effect for the build, "
            + "so the documented coding standard and the enforced rules cannot disagree (IEC 62443-4-1 SI-2). "
            + "A finding is either fixed or suppressed with a written justification; suppressions and configuration deviations are recorded in the build evidence (IEC 62443-4-1 DM-4).";
    }

    /// <summary>The enforcement facts (label, value), in order.</summary>
    public static IReadOnlyList<(string Label, string Value)> EnforcementFacts(CodingStandard standard)
    {
        var counts = string.Join(", ", new[] { ReportDiagnostic.Error, ReportDiagnostic.Warn, ReportDiagnostic.Info, ReportDiagnostic.Hidden, ReportDiagnostic.Suppress }
            .Select(s => (Severity: s, Count: standard.Rules.Count(r => r.Enforced == s)))
            .Where(x => x.Count > 0)
            .Select(x => x.Count.ToString(CultureInfo.InvariantCulture) + " " + CodingStandard.SeverityName(x.Severity).ToLowerInvariant()));
        var configs = standard.Options.Configs.Count == 0 ? "none (the profile's severities apply)" : string.Join(", ", standard.Options.Configs);
        var profile = standard.Options.Profile + (standard.ProfileDescription.Length > 0 ? ": " + standard.ProfileDescription : string.Empty);
        return
        [
            ("Analyzer package", CodingStandard.PackageId + " " + standard.AnalyzerVersion),
            ("Profile", profile),
            ("Supplier configuration", configs),
            ("Rules", standard.Rules.Count.ToString(CultureInfo.InvariantCulture) + " (" + counts + ")"),
            ("Deviations from the profile", standard.Deviations.Count.ToString(CultureInfo.InvariantCulture)),
            ("Mapping data", "taxonomies " + standard.Taxonomies.Version + ", CWE " + standard.Taxonomies.CweVersion + ", " + standard.Taxonomies.IecEdition),
            ("How it is enforced", "The " + CodingStandard.PackageId + " package is referenced by every project; its analyzers run in every build and in the IDE with the profile's severities (the SecureCodingProfile property), overridden only where the supplier configuration says so (section 6)."),
        ];
    }

    /// <summary>The enforced severity of a rule, with the profile's when they differ.</summary>
    public static string Severity(StandardRule rule)
        => rule.Enforced == rule.ProfileSeverity
            ? CodingStandard.SeverityName(rule.Enforced)
            : CodingStandard.SeverityName(rule.Enforced) + " (profile: " + CodingStandard.SeverityName(rule.ProfileSeverity) + "; set in " + CodingStandard.Where(rule.Override!) + ")";

    /// <summary>The statement when nothing deviates.</summary>
    public static string NoDeviations(CodingStandard standard)
        => "None: every rule is enforced at the severity of the " + standard.Options.Profile + " profile.";

    /// <summary>The introduction of the deviations table.</summary>
    public static string DeviationsIntro(CodingStandard standard)
        => "The supplier configuration sets these rules to another severity than the " + standard.Options.Profile + " profile. Each line should carry its reason in a comment next to it; rule SCR9002 reports the same deviations in the build evidence.";

    /// <summary>The MITRE page of a CWE.</summary>
    public static string CweUrl(int cwe) => "https://cwe.mitre.org/data/definitions/" + cwe.ToString(CultureInfo.InvariantCulture) + ".html";
}
