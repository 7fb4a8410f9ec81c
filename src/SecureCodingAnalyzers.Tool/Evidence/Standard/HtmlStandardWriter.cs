using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SecureCodingAnalyzers.Catalog;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>
/// Renders a <see cref="CodingStandard"/> as one self-contained HTML file: inline CSS (screen and print), no scripts,
/// no external resources, every text HTML-escaped. The markup is also well-formed XML (XHTML syntax), so it can be
/// checked and transformed with XML tools.
/// </summary>
public static class HtmlStandardWriter
{
    internal const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
        h1 { font-size: 1.8rem; border-bottom: 2px solid #1b1f24; padding-bottom: .3rem; }
        h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 1.15rem; margin-top: 1.5rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
        th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f3f5f7; }
        .rule { border: 1px solid #d0d7de; border-radius: 4px; padding: .2rem .9rem .6rem; margin: .8rem 0; break-inside: avoid; }
        .rule h4 { margin: .5rem 0 .3rem; }
        .rule dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .3rem 0; }
        .rule dt { font-weight: 600; }
        .rule dd { margin: 0; }
        .sev { font-weight: 600; white-space: nowrap; }
        .sev-error { color: #b42318; } .sev-warning { color: #9a6700; } .sev-suggestion { color: #0b5cad; } .sev-silent, .sev-off { color: #57606a; }
        .top25 { font-size: .78rem; background: #fde7e9; color: #8a1c24; border-radius: 3px; padding: 0 .3rem; white-space: nowrap; }
        .meta { color: #57606a; }
        a { color: #0b5cad; }
        @media print { body { margin: 0; max-width: none; font-size: 10pt; } a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
        """;

    /// <summary>The document.</summary>
    public static string Write(CodingStandard standard)
    {
        var t = standard.Taxonomies;
        var sb = new StringBuilder();
        var title = StandardText.Title(standard);
        sb.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        sb.Append("<meta name=\"generator\" content=\"secure-coding evidence standard (").Append(E(CodingStandard.PackageId + " " + standard.AnalyzerVersion)).Append(")\" />\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        if (standard.Options.Date is { } date)
        {
            sb.Append("<p class=\"meta\">Issued: ").Append(E(date)).Append("</p>\n");
        }

        sb.Append("<h2 id=\"scope\">1. Scope</h2>\n<p>").Append(E(StandardText.Scope(standard))).Append("</p>\n");

        sb.Append("<h2 id=\"enforcement\">2. Enforcement</h2>\n<table>\n<tbody>\n");
        foreach (var (label, value) in StandardText.EnforcementFacts(standard))
        {
            sb.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<p>Severities:</p>\n<ul>\n");
        foreach (var (severity, meaning) in CodingStandard.SeverityMeanings)
        {
            sb.Append("<li><span class=\"sev sev-").Append(severity.ToLowerInvariant()).Append("\">").Append(E(severity)).Append("</span>: ").Append(E(meaning)).Append("</li>\n");
        }

        sb.Append("</ul>\n<h2 id=\"rules\">3. Rules</h2>\n");
        var familyNumber = 0;
        foreach (var (family, rules) in standard.Families)
        {
            familyNumber++;
            sb.Append("<h3>3.").Append(familyNumber.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(E(family)).Append("</h3>\n");
            sb.Append("<table>\n<thead><tr><th>Rule</th><th>Title</th><th>Enforced severity</th><th>CWE</th><th>IEC 62443-4-1</th></tr></thead>\n<tbody>\n");
            foreach (var rule in rules)
            {
                sb.Append("<tr><td><a href=\"#").Append(Anchor(rule.Id)).Append("\">").Append(E(rule.Id)).Append("</a></td><td>").Append(E(rule.Title))
                    .Append("</td><td>").Append(SeverityHtml(rule)).Append("</td><td>")
                    .Append(string.Join(", ", rule.Cwes.Select(c => "CWE-" + c.ToString(CultureInfo.InvariantCulture) + (t.Top25.Contains(c) ? " <span class=\"top25\">Top 25</span>" : string.Empty))))
                    .Append("</td><td>").Append(E(string.Join(", ", rule.Iec))).Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
            foreach (var rule in rules)
            {
                sb.Append("<section class=\"rule\" id=\"").Append(Anchor(rule.Id)).Append("\">\n<h4>").Append(E(rule.Id)).Append(": ").Append(E(rule.Title)).Append("</h4>\n<dl>\n");
                sb.Append("<dt>Enforced severity</dt><dd>").Append(SeverityHtml(rule)).Append("</dd>\n");
                sb.Append("<dt>CWE</dt><dd>").Append(string.Join("<br />", rule.Cwes.Select(c => CweHtml(c, t)))).Append("</dd>\n");
                sb.Append("<dt>IEC 62443-4-1</dt><dd>").Append(string.Join("<br />", rule.Iec.Select(r => E(r + " " + (t.IecTitle(r) ?? string.Empty))))).Append("</dd>\n");
                sb.Append("<dt>Rule page</dt><dd><a href=\"").Append(E(rule.Descriptor.HelpLinkUri)).Append("\">").Append(E(rule.Descriptor.HelpLinkUri)).Append("</a></dd>\n");
                sb.Append("</dl>\n<p>").Append(E(rule.Rationale)).Append("</p>\n</section>\n");
            }
        }

        sb.Append("<h2 id=\"cwe-index\">4. CWE index</h2>\n<p>CWE names from the CWE list ").Append(E(t.CweVersion)).Append("; Top 25: the ")
            .Append(t.Top25Year.ToString(CultureInfo.InvariantCulture)).Append(" CWE Top 25 Most Dangerous Software Weaknesses.</p>\n");
        sb.Append("<table>\n<thead><tr><th>CWE</th><th>Name</th><th>Top 25</th><th>Rules</th></tr></thead>\n<tbody>\n");
        foreach (var (cwe, rules) in standard.CweIndex)
        {
            sb.Append("<tr><td><a href=\"").Append(E(StandardText.CweUrl(cwe))).Append("\">CWE-").Append(cwe.ToString(CultureInfo.InvariantCulture)).Append("</a></td><td>")
                .Append(E(t.CweName(cwe) ?? string.Empty)).Append("</td><td>").Append(t.Top25.Contains(cwe) ? "yes" : string.Empty).Append("</td><td>")
                .Append(RuleLinks(rules)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<h2 id=\"iec-index\">5. IEC 62443-4-1 index</h2>\n<p>Requirements of ").Append(E(t.IecEdition)).Append(" the rules help meet.</p>\n");
        sb.Append("<table>\n<thead><tr><th>Requirement</th><th>Title</th><th>Rules</th></tr></thead>\n<tbody>\n");
        foreach (var (requirement, rules) in standard.IecIndex)
        {
            sb.Append("<tr><td>").Append(E(requirement)).Append("</td><td>").Append(E(t.IecTitle(requirement) ?? string.Empty)).Append("</td><td>").Append(RuleLinks(rules)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<h2 id=\"deviations\">6. Deviations from the profile</h2>\n");
        if (standard.Deviations.Count == 0)
        {
            sb.Append("<p>").Append(E(StandardText.NoDeviations(standard))).Append("</p>\n");
        }
        else
        {
            sb.Append("<p>").Append(E(StandardText.DeviationsIntro(standard))).Append("</p>\n");
            sb.Append("<table>\n<thead><tr><th>Rule</th><th>Profile</th><th>Configured</th><th>Where</th><th>Applies to</th></tr></thead>\n<tbody>\n");
            foreach (var d in standard.Deviations)
            {
                sb.Append("<tr><td><a href=\"#").Append(Anchor(d.Setting.RuleId)).Append("\">").Append(E(d.Setting.RuleId)).Append("</a></td><td>")
                    .Append(E(CodingStandard.SeverityName(d.Profile))).Append("</td><td>").Append(E(CodingStandard.SeverityName(d.Configured))).Append("</td><td>")
                    .Append(E(CodingStandard.Where(d.Setting))).Append("</td><td>").Append(E(d.Scope ?? "the whole build")).Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        if (standard.Notes.Count > 0)
        {
            sb.Append("<p>Configuration lines not applied:</p>\n<ul>\n");
            foreach (var note in standard.Notes)
            {
                sb.Append("<li>").Append(E(note)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Escapes text for HTML element content and attribute values (also valid XML).</summary>
    public static string E(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters other than tab and line ends are not allowed in XML: drop them.
                    if (c >= ' ' || c is '\t' or '\n' or '\r')
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static string Anchor(string id) => E(id.ToLowerInvariant());

    private static string SeverityHtml(StandardRule rule)
        => "<span class=\"sev sev-" + CodingStandard.SeverityName(rule.Enforced).ToLowerInvariant() + "\">" + E(StandardText.Severity(rule)) + "</span>";

    private static string CweHtml(int cwe, TaxonomyData t)
        => "<a href=\"" + E(StandardText.CweUrl(cwe)) + "\">CWE-" + cwe.ToString(CultureInfo.InvariantCulture) + "</a> " + E(t.CweName(cwe) ?? string.Empty)
            + (t.Top25.Contains(cwe) ? " <span class=\"top25\">CWE Top 25 (" + t.Top25Year.ToString(CultureInfo.InvariantCulture) + ")</span>" : string.Empty);

    private static string RuleLinks(IReadOnlyList<StandardRule> rules)
        => string.Join(", ", rules.Select(r => "<a href=\"#" + Anchor(r.Id) + "\">" + E(r.Id) + "</a>"));
}
