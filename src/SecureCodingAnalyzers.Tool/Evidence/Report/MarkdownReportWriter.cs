using System.Linq;
using System.Text;
using SecureCodingAnalyzers.Tool.Evidence.Diff;
using SecureCodingAnalyzers.Tool.Evidence.Standard;
using static SecureCodingAnalyzers.Tool.Evidence.Report.ReportText;

namespace SecureCodingAnalyzers.Tool.Evidence.Report;

/// <summary>Renders an <see cref="EvidenceReport"/> as Markdown.</summary>
public static class MarkdownReportWriter
{
    /// <summary>The document.</summary>
    public static string Write(EvidenceReport r)
    {
        static string E(string s) => MarkdownStandardWriter.Escape(s);
        var md = new StringBuilder();
        md.Append("# ").Append(E(r.Title)).Append("\n\n").Append(E(Summary(r))).Append("\n\n## 1. Identity\n\n| | |\n|---|---|\n");
        foreach (var (label, value) in Identity(r))
        {
            md.Append("| ").Append(E(label)).Append(" | ").Append(E(value)).Append(" |\n");
        }

        md.Append("\n## 2. Scope, toolchain and settings\n\n");
        if (r.Compilations.Count == 0)
        {
            md.Append("No compilation was recorded (the logs had no evidence manifest).\n");
        }
        else
        {
            md.Append("| Project | Target framework | Configuration | Profile | Severity switches | Configuration files |\n|---|---|---|---|---|---|\n");
            foreach (var c in r.Compilations)
            {
                md.Append("| ").Append(E(c.Project)).Append(" | ").Append(E(c.TargetFramework)).Append(" | ").Append(E(c.Configuration)).Append(" | ").Append(E(c.Profile))
                    .Append(" | ").Append(E(c.SeveritySwitches)).Append(" | ").Append(E(c.ConfigFiles)).Append(" |\n");
            }
        }

        md.Append("\nFiles with results (").Append(N(r.Files.Count)).Append("): ").Append(r.Files.Count == 0 ? "none" : string.Join(", ", r.Files.Select(f => "`" + f.Replace("`", "'", System.StringComparison.Ordinal) + "`"))).Append('\n');

        md.Append("\n## 3. Results\n\n");
        if (r.ByFamily.Count > 0)
        {
            md.Append("### Conformance with the coding standard, by rule family\n\n").Append(E(ReportText.FamilyIntro)).Append("\n\n| Family | Rules | Enforced | Relaxed | Open | Suppressed | Status |\n|---|---:|---:|---:|---:|---:|---|\n");
            foreach (var f in r.ByFamily)
            {
                md.Append("| ").Append(E(f.Family)).Append(" | ").Append(N(f.Rules)).Append(" | ").Append(N(f.Enforced)).Append(" | ").Append(N(f.Relaxed)).Append(" | ")
                    .Append(N(f.Open)).Append(" | ").Append(N(f.Suppressed)).Append(" | ").Append(f.Status).Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("### By severity\n\n");
        Counts(md, "Level", r.BySeverity, withName: false);
        md.Append("\n### By CWE\n\n");
        Counts(md, "CWE", r.ByCwe, withName: true);
        md.Append("\n### By IEC 62443-4-1 requirement\n\n");
        Counts(md, "Requirement", r.ByIec, withName: true);

        var open = r.Open.ToList();
        md.Append("\n## 4. Open findings (").Append(N(open.Count)).Append(")\n\n");
        if (open.Count == 0)
        {
            md.Append("None.\n");
        }
        else
        {
            md.Append("| Rule | Level | Location | Message |\n|---|---|---|---|\n");
            foreach (var x in open)
            {
                md.Append("| ").Append(E(x.RuleId)).Append(" | ").Append(E(x.Level)).Append(" | ").Append(E(x.Location)).Append(" | ").Append(E(x.Message)).Append(" |\n");
            }
        }

        var suppressed = r.Suppressed.ToList();
        md.Append("\n## 5. Suppression audit (").Append(N(suppressed.Count)).Append(")\n\n").Append(E(AuditIntro(r))).Append("\n\n");
        md.Append("### ").Append(E(GovernanceTitle(r))).Append("\n\n").Append(E(GovernanceIntro(r))).Append("\n\n");
        if (r.GovernanceBypasses.Count > 0)
        {
            md.Append("| Rule | Location | How | Finding or setting | Justification | Flag |\n|---|---|---|---|---|---|\n");
            foreach (var b in r.GovernanceBypasses)
            {
                md.Append("| ").Append(E(b.RuleId)).Append(" | ").Append(E(b.Location)).Append(" | ").Append(E(b.How)).Append(" | ").Append(E(b.Detail))
                    .Append(" | ").Append(E(b.Justification is { Length: > 0 } j ? j : "(none)")).Append(" | ").Append(b.Flag is { } f ? "**" + E(f.ToUpperInvariant()) + "**" : string.Empty).Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("### All suppressions\n\n");
        if (suppressed.Count > 0)
        {
            md.Append("| Rule | Level | Location | Mechanism | Justification | Flag |\n|---|---|---|---|---|---|\n");
            foreach (var x in suppressed)
            {
                foreach (var s in x.Suppressions)
                {
                    md.Append("| ").Append(E(x.RuleId)).Append(" | ").Append(E(x.Level)).Append(" | ").Append(E(x.Location)).Append(" | ").Append(E(s.Kind + (s.Status == "accepted" ? string.Empty : " (" + s.Status + ")")))
                        .Append(" | ").Append(E(Justification(s))).Append(" | ").Append(s.Flag is { } f ? "**" + E(f.ToUpperInvariant()) + "**" : string.Empty).Append(" |\n");
                }
            }
        }

        md.Append("\n## 6. Trend\n\n");
        if (r.Trend is not { } trend)
        {
            md.Append("No baseline given (--baseline).\n");
        }
        else
        {
            md.Append("Against the baseline ").Append(E(trend.Baseline)).Append(".\n\n| Change | Results |\n|---|---:|\n");
            foreach (var (status, title) in TrendRows)
            {
                md.Append("| ").Append(title).Append(" | ").Append(N(trend.Counts[status])).Append(" |\n");
            }

            if (trend.NewFindings.Count > 0)
            {
                md.Append("\nNew open findings:\n\n");
                foreach (var f in trend.NewFindings)
                {
                    md.Append("- ").Append(E(f.RuleId + " " + f.Level + " " + f.Location + ": " + f.Message)).Append('\n');
                }
            }
        }

        md.Append("\n## Appendix: what this evidence covers\n\nIt covers:\n\n");
        foreach (var line in Covers)
        {
            md.Append("- ").Append(E(line)).Append('\n');
        }

        md.Append("\nIt does not cover:\n\n");
        foreach (var line in DoesNotCover)
        {
            md.Append("- ").Append(E(line)).Append('\n');
        }

        return md.ToString();
    }

    private static void Counts(StringBuilder md, string label, System.Collections.Generic.IReadOnlyList<ReportCount> rows, bool withName)
    {
        if (rows.Count == 0)
        {
            md.Append("No results mapped.\n");
            return;
        }

        md.Append("| ").Append(label).Append(withName ? " | Name" : string.Empty).Append(" | Open | Suppressed | Total |\n|---").Append(withName ? "|---" : string.Empty).Append("|---:|---:|---:|\n");
        foreach (var c in rows)
        {
            md.Append("| ").Append(MarkdownStandardWriter.Escape(c.Key)).Append(withName ? " | " + MarkdownStandardWriter.Escape(c.Name) : string.Empty)
                .Append(" | ").Append(N(c.Open)).Append(" | ").Append(N(c.Suppressed)).Append(" | ").Append(N(c.Total)).Append(" |\n");
        }
    }
}
