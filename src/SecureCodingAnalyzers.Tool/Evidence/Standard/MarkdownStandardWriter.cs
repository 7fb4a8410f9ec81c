using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>Renders a <see cref="CodingStandard"/> as Markdown (GitHub flavour, <c>\n</c> line ends, stable order).</summary>
public static class MarkdownStandardWriter
{
    /// <summary>The document.</summary>
    public static string Write(CodingStandard standard)
    {
        var sb = new StringBuilder();
        var t = standard.Taxonomies;
        sb.Append("# ").Append(Escape(StandardText.Title(standard))).Append("\n\n");
        if (standard.Options.Date is { } date)
        {
            sb.Append("Issued: ").Append(date).Append("\n\n");
        }

        sb.Append("## 1. Scope\n\n").Append(Escape(StandardText.Scope(standard))).Append("\n\n");

        sb.Append("## 2. Enforcement\n\n");
        sb.Append("| | |\n|---|---|\n");
        foreach (var (label, value) in StandardText.EnforcementFacts(standard))
        {
            sb.Append("| ").Append(Cell(label)).Append(" | ").Append(Cell(value)).Append(" |\n");
        }

        sb.Append("\nSeverities:\n\n");
        foreach (var (severity, meaning) in CodingStandard.SeverityMeanings)
        {
            sb.Append("- **").Append(severity).Append("**: ").Append(Escape(meaning)).Append('\n');
        }

        sb.Append("\n## 3. Rules\n\n");
        var familyNumber = 0;
        foreach (var (family, rules) in standard.Families)
        {
            familyNumber++;
            sb.Append("### 3.").Append(familyNumber.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Escape(family)).Append("\n\n");
            sb.Append("| Rule | Title | Enforced severity | CWE | IEC 62443-4-1 |\n|---|---|---|---|---|\n");
            foreach (var rule in rules)
            {
                sb.Append("| [").Append(rule.Id).Append("](#").Append(rule.Id.ToLowerInvariant()).Append(") | ").Append(Cell(rule.Title))
                    .Append(" | ").Append(Cell(StandardText.Severity(rule)))
                    .Append(" | ").Append(string.Join(", ", rule.Cwes.Select(c => "CWE-" + c.ToString(CultureInfo.InvariantCulture) + (t.Top25.Contains(c) ? " (Top 25)" : string.Empty))))
                    .Append(" | ").Append(string.Join(", ", rule.Iec)).Append(" |\n");
            }

            sb.Append('\n');
            foreach (var rule in rules)
            {
                sb.Append("#### ").Append(rule.Id).Append("\n\n");
                sb.Append("**").Append(Escape(rule.Title)).Append("**\n\n");
                sb.Append("- Enforced severity: ").Append(Escape(StandardText.Severity(rule))).Append('\n');
                sb.Append("- CWE: ").Append(string.Join("; ", rule.Cwes.Select(c => $"[CWE-{c.ToString(CultureInfo.InvariantCulture)}]({StandardText.CweUrl(c)}) {Escape(t.CweName(c) ?? string.Empty)}{(t.Top25.Contains(c) ? " (CWE Top 25, " + t.Top25Year.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty)}"))).Append('\n');
                sb.Append("- IEC 62443-4-1: ").Append(string.Join("; ", rule.Iec.Select(r => r + " " + Escape(t.IecTitle(r) ?? string.Empty)))).Append('\n');
                sb.Append("- Rule page: <").Append(rule.Descriptor.HelpLinkUri).Append(">\n\n");
                sb.Append(Escape(rule.Rationale)).Append("\n\n");
            }
        }

        sb.Append("## 4. CWE index\n\n");
        sb.Append("CWE names from the CWE list ").Append(Escape(t.CweVersion)).Append("; Top 25: the ").Append(t.Top25Year.ToString(CultureInfo.InvariantCulture)).Append(" CWE Top 25 Most Dangerous Software Weaknesses.\n\n");
        sb.Append("| CWE | Name | Top 25 | Rules |\n|---|---|---|---|\n");
        foreach (var (cwe, rules) in standard.CweIndex)
        {
            sb.Append("| [CWE-").Append(cwe.ToString(CultureInfo.InvariantCulture)).Append("](").Append(StandardText.CweUrl(cwe)).Append(") | ")
                .Append(Cell(t.CweName(cwe) ?? string.Empty)).Append(" | ").Append(t.Top25.Contains(cwe) ? "yes" : string.Empty)
                .Append(" | ").Append(RuleLinks(rules)).Append(" |\n");
        }

        sb.Append("\n## 5. IEC 62443-4-1 index\n\n");
        sb.Append("Requirements of ").Append(Escape(t.IecEdition)).Append(" the rules help meet.\n\n");
        sb.Append("| Requirement | Title | Rules |\n|---|---|---|\n");
        foreach (var (requirement, rules) in standard.IecIndex)
        {
            sb.Append("| ").Append(Cell(requirement)).Append(" | ").Append(Cell(t.IecTitle(requirement) ?? string.Empty)).Append(" | ").Append(RuleLinks(rules)).Append(" |\n");
        }

        sb.Append("\n## 6. Deviations from the profile\n\n");
        if (standard.Deviations.Count == 0)
        {
            sb.Append(Escape(StandardText.NoDeviations(standard))).Append("\n\n");
        }
        else
        {
            sb.Append(Escape(StandardText.DeviationsIntro(standard))).Append("\n\n");
            sb.Append("| Rule | Profile | Configured | Where | Applies to |\n|---|---|---|---|---|\n");
            foreach (var d in standard.Deviations)
            {
                sb.Append("| [").Append(d.Setting.RuleId).Append("](#").Append(d.Setting.RuleId.ToLowerInvariant()).Append(") | ")
                    .Append(CodingStandard.SeverityName(d.Profile)).Append(" | ").Append(CodingStandard.SeverityName(d.Configured))
                    .Append(" | ").Append(Cell(CodingStandard.Where(d.Setting))).Append(" | ").Append(Cell(d.Scope ?? "the whole build")).Append(" |\n");
            }

            sb.Append('\n');
        }

        if (standard.Notes.Count > 0)
        {
            sb.Append("Configuration lines not applied:\n\n");
            foreach (var note in standard.Notes)
            {
                sb.Append("- ").Append(Escape(note)).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static string RuleLinks(System.Collections.Generic.IReadOnlyList<StandardRule> rules)
        => string.Join(", ", rules.Select(r => "[" + r.Id + "](#" + r.Id.ToLowerInvariant() + ")"));

    /// <summary>Escapes Markdown inline syntax (and HTML) in plain text.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text);
}
