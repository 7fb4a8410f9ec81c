using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SecureCodingAnalyzers.Tool.Evidence.Standard;
using static SecureCodingAnalyzers.Tool.Evidence.Report.ReportText;

namespace SecureCodingAnalyzers.Tool.Evidence.Report;

/// <summary>
/// Renders an <see cref="EvidenceReport"/> as one self-contained, printable HTML file: the coding standard's style
/// sheet inline, bar charts as inline SVG, no scripts and no external resources, every text escaped; well-formed XML.
/// </summary>
public static class HtmlReportWriter
{
    private const string ExtraCss = """
        .flag { font-weight: 600; color: #b42318; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        svg.chart { display: block; margin: .3rem 0 1rem; max-width: 100%; }
        svg.chart text { font: 11px system-ui, sans-serif; fill: #1b1f24; }
        table.counts td:first-child { white-space: nowrap; }
        @media print { h3 { break-after: avoid; } svg.chart { break-inside: avoid; } }
        """;

    /// <summary>The document.</summary>
    public static string Write(EvidenceReport r)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        sb.Append("<title>").Append(E(r.Title)).Append("</title>\n<style>\n").Append(HtmlStandardWriter.Css).Append('\n').Append(ExtraCss).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(r.Title)).Append("</h1>\n<p id=\"summary\">").Append(E(Summary(r))).Append("</p>\n");

        sb.Append("<h2 id=\"identity\">1. Identity</h2>\n<table>\n<tbody>\n");
        foreach (var (label, value) in Identity(r))
        {
            sb.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<h2 id=\"scope\">2. Scope, toolchain and settings</h2>\n");
        if (r.Compilations.Count == 0)
        {
            sb.Append("<p>No compilation was recorded (the logs had no evidence manifest).</p>\n");
        }
        else
        {
            sb.Append("<table>\n<thead><tr><th>Project</th><th>Target framework</th><th>Configuration</th><th>Profile</th><th>Severity switches</th><th>Configuration files</th></tr></thead>\n<tbody>\n");
            foreach (var c in r.Compilations)
            {
                sb.Append("<tr>").Append(Td(c.Project)).Append(Td(c.TargetFramework)).Append(Td(c.Configuration)).Append(Td(c.Profile)).Append(Td(c.SeveritySwitches)).Append(Td(c.ConfigFiles)).Append("</tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        sb.Append("<p>Files with results (").Append(N(r.Files.Count)).Append("): ").Append(r.Files.Count == 0 ? "none" : string.Join(", ", r.Files.Select(f => "<code>" + E(f) + "</code>"))).Append("</p>\n");

        sb.Append("<h2 id=\"results\">3. Results</h2>\n");
        if (r.ByFamily.Count > 0)
        {
            sb.Append("<h3>Conformance with the coding standard, by rule family</h3>\n<p>").Append(E(ReportText.FamilyIntro)).Append("</p>\n");
            sb.Append("<table class=\"counts\" id=\"by-family\">\n<thead><tr><th>Family</th><th>Rules</th><th>Enforced</th><th>Relaxed</th><th>Open</th><th>Suppressed</th><th>Status</th></tr></thead>\n<tbody>\n");
            foreach (var f in r.ByFamily)
            {
                sb.Append("<tr>").Append(Td(f.Family));
                foreach (var n in new[] { f.Rules, f.Enforced, f.Relaxed, f.Open, f.Suppressed })
                {
                    sb.Append("<td class=\"num\">").Append(N(n)).Append("</td>");
                }

                sb.Append(f.Status == "conforms" ? Td(f.Status) : "<td class=\"flag\">" + E(f.Status) + "</td>").Append("</tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        sb.Append("<h3>By severity</h3>\n");
        Counts(sb, "by-severity", "Level", r.BySeverity, withName: false);
        sb.Append("<h3>By CWE</h3>\n");
        Counts(sb, "by-cwe", "CWE", r.ByCwe, withName: true);
        sb.Append("<h3>By IEC 62443-4-1 requirement</h3>\n");
        Counts(sb, "by-iec", "Requirement", r.ByIec, withName: true);

        var open = r.Open.ToList();
        sb.Append("<h2 id=\"open\">4. Open findings (").Append(N(open.Count)).Append(")</h2>\n");
        if (open.Count == 0)
        {
            sb.Append("<p>None.</p>\n");
        }
        else
        {
            sb.Append("<table id=\"open-findings\">\n<thead><tr><th>Rule</th><th>Level</th><th>Location</th><th>Message</th></tr></thead>\n<tbody>\n");
            foreach (var x in open)
            {
                sb.Append("<tr>").Append(Td(x.RuleId)).Append("<td><span class=\"sev ").Append(LevelClass(x.Level)).Append("\">").Append(E(x.Level)).Append("</span></td><td><code>")
                    .Append(E(x.Location)).Append("</code></td>").Append(Td(x.Message)).Append("</tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        var suppressed = r.Suppressed.ToList();
        sb.Append("<h2 id=\"suppressions\">5. Suppression audit (").Append(N(suppressed.Count)).Append(")</h2>\n<p>").Append(E(AuditIntro(r))).Append("</p>\n");
        sb.Append("<h3 id=\"governance\">").Append(E(GovernanceTitle(r))).Append("</h3>\n<p>").Append(E(GovernanceIntro(r))).Append("</p>\n");
        if (r.GovernanceBypasses.Count > 0)
        {
            sb.Append("<table class=\"governance\">\n<thead><tr><th>Rule</th><th>Location</th><th>How</th><th>Finding or setting</th><th>Justification</th><th>Flag</th></tr></thead>\n<tbody>\n");
            foreach (var b in r.GovernanceBypasses)
            {
                sb.Append("<tr>").Append(Td(b.RuleId)).Append("<td><code>").Append(E(b.Location)).Append("</code></td>").Append(Td(b.How)).Append(Td(b.Detail))
                    .Append(Td(b.Justification is { Length: > 0 } j ? j : "(none)"))
                    .Append("<td>").Append(b.Flag is { } f ? "<span class=\"flag\">" + E(f) + "</span>" : string.Empty).Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        sb.Append("<h3>All suppressions</h3>\n");
        if (suppressed.Count > 0)
        {
            sb.Append("<table id=\"suppression-audit\">\n<thead><tr><th>Rule</th><th>Level</th><th>Location</th><th>Mechanism</th><th>Justification</th><th>Flag</th></tr></thead>\n<tbody>\n");
            foreach (var x in suppressed)
            {
                foreach (var s in x.Suppressions)
                {
                    sb.Append("<tr>").Append(Td(x.RuleId)).Append(Td(x.Level)).Append("<td><code>").Append(E(x.Location)).Append("</code></td>")
                        .Append(Td(s.Kind + (s.Status == "accepted" ? string.Empty : " (" + s.Status + ")"))).Append(Td(Justification(s)))
                        .Append("<td>").Append(s.Flag is { } f ? "<span class=\"flag\">" + E(f) + "</span>" : string.Empty).Append("</td></tr>\n");
                }
            }

            sb.Append("</tbody>\n</table>\n");
        }

        sb.Append("<h2 id=\"trend\">6. Trend</h2>\n");
        if (r.Trend is not { } trend)
        {
            sb.Append("<p>No baseline given (--baseline).</p>\n");
        }
        else
        {
            sb.Append("<p>Against the baseline <code>").Append(E(trend.Baseline)).Append("</code>.</p>\n<table id=\"trend-counts\">\n<thead><tr><th>Change</th><th>Results</th></tr></thead>\n<tbody>\n");
            foreach (var (status, title) in TrendRows)
            {
                sb.Append("<tr>").Append(Td(title)).Append("<td class=\"num\">").Append(N(trend.Counts[status])).Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
            if (trend.NewFindings.Count > 0)
            {
                sb.Append("<p>New open findings:</p>\n<ul>\n");
                foreach (var f in trend.NewFindings)
                {
                    sb.Append("<li>").Append(E(f.RuleId + " " + f.Level + " " + f.Location + ": " + f.Message)).Append("</li>\n");
                }

                sb.Append("</ul>\n");
            }
        }

        sb.Append("<h2 id=\"coverage\">Appendix: what this evidence covers</h2>\n<p>It covers:</p>\n<ul>\n");
        foreach (var line in Covers)
        {
            sb.Append("<li>").Append(E(line)).Append("</li>\n");
        }

        sb.Append("</ul>\n<p>It does not cover:</p>\n<ul>\n");
        foreach (var line in DoesNotCover)
        {
            sb.Append("<li>").Append(E(line)).Append("</li>\n");
        }

        sb.Append("</ul>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string E(string text) => HtmlStandardWriter.E(text);

    private static string Td(string text) => "<td>" + E(text) + "</td>";

    private static string LevelClass(string level) => level switch { "error" => "sev-error", "warning" => "sev-warning", "note" => "sev-suggestion", _ => "sev-silent" };

    // The table and its chart carry ids (id, chart-id) so a reader, or a test in a browser, can find them.
    private static void Counts(StringBuilder sb, string id, string label, IReadOnlyList<ReportCount> rows, bool withName)
    {
        if (rows.Count == 0)
        {
            sb.Append("<p>No results mapped.</p>\n");
            return;
        }

        sb.Append("<table class=\"counts\" id=\"").Append(id).Append("\">\n<thead><tr><th>").Append(E(label)).Append("</th>").Append(withName ? "<th>Name</th>" : string.Empty)
            .Append("<th>Open</th><th>Suppressed</th><th>Total</th></tr></thead>\n<tbody>\n");
        foreach (var c in rows)
        {
            sb.Append("<tr>").Append(Td(c.Key)).Append(withName ? Td(c.Name) : string.Empty).Append("<td class=\"num\">").Append(N(c.Open)).Append("</td><td class=\"num\">")
                .Append(N(c.Suppressed)).Append("</td><td class=\"num\">").Append(N(c.Total)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        Chart(sb, "chart-" + id, label, rows);
    }

    // A horizontal bar per row: open (red) then suppressed (grey), scaled to the largest total; a legend below, since
    // the title is only a tooltip and the report is meant to be printed.
    private static void Chart(StringBuilder sb, string id, string label, IReadOnlyList<ReportCount> rows)
    {
        const int LabelWidth = 110, BarWidth = 360, Row = 18;
        var max = System.Math.Max(1, rows.Max(c => c.Total));
        var height = (rows.Count + 1) * Row + 6;
        static string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").Append(id).Append("\" class=\"chart\" role=\"img\" width=\"").Append(LabelWidth + BarWidth + 50).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(LabelWidth + BarWidth + 50).Append(' ').Append(height).Append("\">\n<title>").Append(E("Results by " + label.ToLowerInvariant() + ": open (red) and suppressed (grey)")).Append("</title>\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var c = rows[i];
            var y = i * Row + 2;
            var open = (double)BarWidth * c.Open / max;
            var supp = (double)BarWidth * c.Suppressed / max;
            sb.Append("<g class=\"bar\"><text class=\"label\" x=\"0\" y=\"").Append(y + 12).Append("\">").Append(E(c.Key)).Append("</text>");
            sb.Append("<rect class=\"open\" x=\"").Append(LabelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(F(open)).Append("\" height=\"14\" fill=\"#b42318\" />");
            sb.Append("<rect class=\"suppressed\" x=\"").Append(F(LabelWidth + open)).Append("\" y=\"").Append(y).Append("\" width=\"").Append(F(supp)).Append("\" height=\"14\" fill=\"#d0d7de\" />");
            sb.Append("<text class=\"total\" x=\"").Append(F(LabelWidth + open + supp + 4)).Append("\" y=\"").Append(y + 12).Append("\">").Append(N(c.Total)).Append("</text></g>\n");
        }

        var legend = rows.Count * Row + 6;
        sb.Append("<g class=\"legend\"><rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(legend + 2).Append("\" width=\"10\" height=\"10\" fill=\"#b42318\" /><text x=\"")
            .Append(LabelWidth + 14).Append("\" y=\"").Append(legend + 11).Append("\">open</text><rect x=\"").Append(LabelWidth + 60).Append("\" y=\"").Append(legend + 2)
            .Append("\" width=\"10\" height=\"10\" fill=\"#d0d7de\" /><text x=\"").Append(LabelWidth + 74).Append("\" y=\"").Append(legend + 11).Append("\">suppressed</text></g>\n</svg>\n");
    }
}
