using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SecureCodingAnalyzers.Tool.Evidence.Diff;

namespace SecureCodingAnalyzers.Tool.Evidence.Report;

/// <summary>The report's facts and prose, shared by the Markdown and HTML renderings (plain text: each renderer escapes it).</summary>
public static class ReportText
{
    /// <summary>The trend rows: change and count.</summary>
    public static readonly (DiffStatus Status, string Title)[] TrendRows =
    [
        (DiffStatus.New, "New"),
        (DiffStatus.Fixed, "Fixed"),
        (DiffStatus.Unchanged, "Unchanged"),
        (DiffStatus.NewlySuppressed, "Newly suppressed"),
        (DiffStatus.NewlyUnsuppressed, "Newly unsuppressed"),
        (DiffStatus.UnchangedSuppressed, "Unchanged, suppressed"),
    ];

    /// <summary>Identity facts (label, value), in order.</summary>
    public static IReadOnlyList<(string Label, string Value)> Identity(EvidenceReport r)
    {
        var facts = new List<(string, string)>
        {
            ("Product", r.Product is { Length: > 0 } p ? p : "(not given)"),
        };
        if (r.Date is { } date)
        {
            facts.Add(("Date", date));
        }

        facts.Add(("Analyzer package", RuleMetadata.ExtensionName + " " + (r.PackageVersions.Count == 0 ? "(version not recorded)" : string.Join(", ", r.PackageVersions))));
        facts.Add(("Analyzer SHA-256", r.AnalyzerFiles.Count == 0 ? "(not recorded)" : string.Join("; ", r.AnalyzerFiles.Select(a => a.Path + " " + a.Sha256))));
        facts.Add(("Tools", string.Join("; ", r.Tools)));
        facts.Add(("Report generator", "secure-coding " + BundleManifest.ToolVersion));
        facts.Add(("Commit", r.Provenance.Count == 0 ? "(not recorded: no git remote when collected)" : string.Join("; ", r.Provenance.Select(v => v.Repository + (v.Revision is { } rev ? " @ " + rev : string.Empty) + (v.Branch is { } b ? " (" + b + ")" : string.Empty)))));
        facts.Add(("Evidence", r.EvidencePath + " (SHA-256 " + r.EvidenceSha256 + ")"));
        return facts;
    }

    /// <summary>The summary line.</summary>
    public static string Summary(EvidenceReport r)
        => N(r.Results.Count) + " result(s): " + N(r.Open.Count()) + " open, " + N(r.Suppressed.Count()) + " suppressed, in " + N(r.Files.Count) + " file(s) of "
            + N(r.Compilations.Select(c => c.Project).Distinct().Count()) + " project(s).";

    /// <summary>The heading of the suppression audit, with the count of flagged justifications.</summary>
    public static string AuditIntro(EvidenceReport r)
    {
        var flagged = r.Suppressed.Count(x => x.Suppressions.Any(s => s.Flag is not null));
        return "Every suppressed result, with how it was suppressed (inSource: an attribute or #pragma in the code; external: a suppression file or configuration) and the written justification. "
            + N(flagged) + " of " + N(r.Suppressed.Count()) + " suppression(s) have a missing or placeholder justification (rule SCR9001 reports them in the build).";
    }

    /// <summary>What the conformance table by rule family shows.</summary>
    public static readonly string FamilyIntro =
        "Per rule family of SecureCodingAnalyzers: the rules of the coding standard, how many the build enforced, how many "
        + "its configuration switched off or downgraded (as the compiler recorded it; where, is in the evidence's "
        + "ruleConfigurationOverrides and the SCR9002 findings), and the results of the family's rules. A family conforms "
        + "when none of its rules is relaxed and none of its results is open.";

    /// <summary>The heading of the governance part of the suppression audit.</summary>
    public static string GovernanceTitle(EvidenceReport r) => "Governance rules silenced (" + N(r.GovernanceBypasses.Count) + ")";

    /// <summary>What the governance part of the suppression audit shows, or that there is nothing.</summary>
    public static string GovernanceIntro(EvidenceReport r)
        => "SCR9001 reports suppressions without a justification and SCR9002 security rules switched off in configuration; a suppression or setting that silences one of them hides those reports, so each is listed here first. "
            + (r.GovernanceBypasses.Count == 0
                ? "None: no governance finding is suppressed, and no suppression or NoWarn switches off a governance rule."
                : N(r.GovernanceBypasses.Count(b => b.Flag is not null)) + " of " + N(r.GovernanceBypasses.Count) + " are flagged.")
            + " Not visible here: a governance rule switched off in an .editorconfig or .globalconfig (SCR9002 reports SCR9001 switched off there, but nothing reports SCR9002 itself switched off); check the configuration files listed above.";

    /// <summary>What the evidence covers.</summary>
    public static readonly string[] Covers =
    [
        "Static analysis of the C# source code compiled in the listed compilations (projects and target frameworks), by the rules of the analyzer package recorded above, at the severities of the profile and configuration files listed.",
        "The build files the package's rules inspect (project files, Directory.*.props, nuget.config, package lock files), where those rules are enabled.",
        "Suppressions of those results as recorded by the compiler, with their justifications.",
    ];

    /// <summary>What the evidence does not cover.</summary>
    public static readonly string[] DoesNotCover =
    [
        "Runtime behaviour: no dynamic testing, fuzzing or penetration testing is part of this evidence.",
        "Third-party binaries and packages (only their references are checked, not their code), and vulnerabilities in dependencies (use a software composition analysis tool).",
        "Code not compiled in the listed compilations: other configurations, conditional code, generated code not part of the build, other languages and scripts.",
        "Design flaws and threats that no rule models (threat modelling, IEC 62443-4-1 SR/SD practices), and secrets or issues outside the rules' scope.",
        "The absence of a result is not proof of the absence of a weakness: static rules have false negatives.",
    ];

    /// <summary>An integer, invariant.</summary>
    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The suppression column text.</summary>
    public static string Justification(ReportSuppression s) => s.Justification is { Length: > 0 } j ? j : "(none)";
}
