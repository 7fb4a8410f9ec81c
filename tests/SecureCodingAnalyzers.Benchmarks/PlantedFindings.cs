using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// Findings of one rule against the members the generator planted for it: how many lines were planted, how many of
/// them the rule reported, and where it reported outside them (each such finding is either an insecure template or a
/// false positive of the analyzer, and is listed so it can be investigated).
/// </summary>
/// <remarks>
/// <see cref="OnInjectionFlows"/> counts findings on the sink lines of the injection flows (<see cref="GroundTruth"/>):
/// those templates predate this check and carry no planted marker, but their tainted lines are insecure code
/// (<c>Process.Start("ping", ...)</c> also starts a program by name, SCR4011), so such a finding is no false positive.
/// </remarks>
internal sealed record PlantedRuleScore(string RuleId, int Planted, int FoundOnPlanted, int Missed, int OnInjectionFlows, int FoundElsewhere, IReadOnlyList<string> Elsewhere);

/// <summary>
/// The planted insecure members of the non-dataflow-scored families (deserialization and XML, code integrity, secrets,
/// web), read back from the comment the generator writes at the end of the line a rule reports on
/// (<c>// planted SCR7001</c>, several ids separated by spaces). Simpler than the injection <see cref="GroundTruth"/>:
/// these rules report at one statement, so a line is the unit; a finding counts as planted when its rule is named on
/// the line it starts on.
/// </summary>
internal static partial class PlantedFindings
{
    /// <summary>The rule families this check covers (the injection family has its own scoring by flow).</summary>
    private static readonly string[] Families = ["SCR3", "SCR4", "SCR6", "SCR7"];

    /// <summary>The trailing comment that marks a line on which <paramref name="ruleIds"/> must report.</summary>
    public static string Marker(params string[] ruleIds) => "// planted " + string.Join(" ", ruleIds);

    /// <summary>Whether <paramref name="ruleId"/> belongs to a family this check covers.</summary>
    public static bool Covers(string ruleId) => Families.Any(f => ruleId.StartsWith(f, StringComparison.Ordinal));

    /// <summary>
    /// One score per covered rule that has planted lines or findings, ordered by id; empty when the corpus has no
    /// markers (a folder corpus), because then "elsewhere" would mean every finding.
    /// </summary>
    public static IReadOnlyList<PlantedRuleScore> Score(IEnumerable<SyntaxTree> trees, IEnumerable<Diagnostic> diagnostics, GroundTruth injection)
    {
        var flowLines = injection.Flows.Where(f => f.Tainted).SelectMany(f => f.Lines).ToHashSet();
        var planted = new Dictionary<string, HashSet<SinkLine>>(StringComparer.Ordinal);
        foreach (var (line, match) in GroundTruth.MarkedLines(trees, MarkerPattern()))
        {
            foreach (var id in match.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!planted.TryGetValue(id, out var lines))
                {
                    planted.Add(id, lines = []);
                }

                lines.Add(line);
            }
        }

        if (planted.Count == 0)
        {
            return [];
        }

        var findings = diagnostics
            .Where(d => Covers(d.Id) && d.Location.IsInSource)
            .Select(d => (d.Id, Line: new SinkLine(d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line)))
            .ToList();
        var scores = new List<PlantedRuleScore>();
        foreach (var id in planted.Keys.Concat(findings.Select(f => f.Id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var lines = planted.GetValueOrDefault(id) ?? [];
            var reported = findings.Where(f => f.Id == id).Select(f => f.Line).ToList();
            var onFlows = reported.Count(l => !lines.Contains(l) && flowLines.Contains(l));
            var elsewhere = reported.Where(l => !lines.Contains(l) && !flowLines.Contains(l)).ToList();
            scores.Add(new PlantedRuleScore(
                id,
                lines.Count,
                reported.Count(lines.Contains),
                lines.Count(l => !reported.Contains(l)),
                onFlows,
                elsewhere.Count,
                elsewhere.Select(l => l.Path + ":" + (l.Line + 1)).Order(StringComparer.Ordinal).ToImmutableArray()));
        }

        return scores;
    }

    [GeneratedRegex(@"//\s*planted\s+(?<ids>SCR\d{4}(?:\s+SCR\d{4})*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
