using System;
using System.Collections.Generic;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>A planted flow: its sink line(s) (the call line and the helper's sink line for a cross-method flow).</summary>
internal sealed record PlantedFlow(string Id, string Kind, bool Tainted, ImmutableArray<SinkLine> Lines);

/// <summary>A line of a file, 0-based as Roslyn counts.</summary>
internal readonly record struct SinkLine(string Path, int Line);

/// <summary>Precision and recall of one tool for one sink kind against the planted flows.</summary>
internal sealed record KindScore(
    string Kind,
    IReadOnlyList<string> RuleIds,
    int Tainted,
    int SafeLookAlikes,
    int Findings,
    int TruePositives,
    int FalsePositives,
    int FalsePositivesOnSafeLookAlikes,
    int Missed);

/// <summary>
/// The planted flows of a generated corpus, read back from the marker comments the generator writes at the end of every
/// sink line (<c>// flow &lt;id&gt; &lt;kind&gt; tainted|safe</c>). A finding matches a flow when one of the tool's
/// rules for that sink kind reports on one of the flow's lines; all tools report at the sink (the assignment or call
/// that takes the text), so matching by line is exact. True positives count flows found, false positives count the
/// distinct lines reported that hold no tainted flow (safe look-alikes among them), missed counts tainted flows no
/// finding matched.
/// </summary>
internal sealed partial class GroundTruth
{
    /// <summary>The sink kind of every injection rule of the package and of the peers (CA2100 is the non-dataflow SQL review rule).</summary>
    public static readonly FrozenDictionary<string, string> KindByRuleId = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SCR2001"] = "sql", ["SCR2002"] = "command", ["SCR2003"] = "path", ["SCR2004"] = "ldap", ["SCR2005"] = "xpath",
        ["SCR2006"] = "redirect", ["SCR2007"] = "ssrf", ["SCR2008"] = "regex", ["SCR2009"] = "log", ["SCR2010"] = "code",
        ["CA2100"] = "sql", ["CA3001"] = "sql", ["CA3003"] = "path", ["CA3005"] = "ldap", ["CA3006"] = "command",
        ["CA3007"] = "redirect", ["CA3008"] = "xpath", ["CA3011"] = "code", ["CA3012"] = "regex",
        ["SCS0001"] = "command", ["SCS0002"] = "sql", ["SCS0003"] = "xpath", ["SCS0018"] = "path", ["SCS0026"] = "ldap",
        ["SCS0027"] = "redirect", ["SCS0031"] = "ldap",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private GroundTruth(ImmutableArray<PlantedFlow> flows) => Flows = flows;

    public ImmutableArray<PlantedFlow> Flows { get; }

    public bool IsEmpty => Flows.IsEmpty;

    public static string Marker(string id, string kind, bool tainted) => "// flow " + id + " " + kind + (tainted ? " tainted" : " safe");

    /// <summary>Every line of the trees with a marker comment the pattern matches, and the match.</summary>
    public static IEnumerable<(SinkLine Line, Match Match)> MarkedLines(IEnumerable<SyntaxTree> trees, Regex pattern)
    {
        foreach (var tree in trees)
        {
            var text = tree.GetText();
            foreach (var line in text.Lines)
            {
                var match = pattern.Match(text.ToString(line.Span));
                if (match.Success)
                {
                    yield return (new SinkLine(tree.FilePath, line.LineNumber), match);
                }
            }
        }
    }

    public static GroundTruth FromTrees(IEnumerable<SyntaxTree> trees)
    {
        var flows = new Dictionary<string, (string Kind, bool Tainted, ImmutableArray<SinkLine>.Builder Lines)>(StringComparer.Ordinal);
        foreach (var (line, match) in MarkedLines(trees, MarkerPattern()))
        {
            var id = match.Groups["id"].Value;
            if (!flows.TryGetValue(id, out var flow))
            {
                flow = (match.Groups["kind"].Value, match.Groups["state"].Value == "tainted", ImmutableArray.CreateBuilder<SinkLine>());
                flows.Add(id, flow);
            }

            flow.Lines.Add(line);
        }

        return new GroundTruth(flows
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new PlantedFlow(f.Key, f.Value.Kind, f.Value.Tainted, f.Value.Lines.ToImmutable()))
            .ToImmutableArray());
    }

    /// <summary>One score per sink kind that has planted flows or findings (of the kinds in <paramref name="kinds"/>, when given).</summary>
    public IReadOnlyList<KindScore> Score(IEnumerable<Diagnostic> diagnostics, IReadOnlySet<string>? kinds = null)
    {
        var findings = diagnostics
            .Where(d => KindByRuleId.ContainsKey(d.Id) && d.Location.IsInSource)
            .Select(d => (d.Id, Kind: KindByRuleId[d.Id], Line: Line(d)))
            .ToList();
        var scored = Flows.Select(f => f.Kind).Concat(findings.Select(f => f.Kind))
            .Where(k => kinds is null || kinds.Contains(k))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var scores = new List<KindScore>();
        foreach (var kind in scored)
        {
            var reported = findings.Where(f => f.Kind == kind).Select(f => f.Line).ToHashSet();
            var tainted = Flows.Where(f => f.Kind == kind && f.Tainted).ToList();
            var safe = Flows.Where(f => f.Kind == kind && !f.Tainted).ToList();
            var taintedLines = tainted.SelectMany(f => f.Lines).ToHashSet();
            var safeLines = safe.SelectMany(f => f.Lines).ToHashSet();
            var found = tainted.Count(f => f.Lines.Any(reported.Contains));
            scores.Add(new KindScore(
                kind,
                findings.Where(f => f.Kind == kind).Select(f => f.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                tainted.Count,
                safe.Count,
                findings.Count(f => f.Kind == kind),
                found,
                reported.Count(l => !taintedLines.Contains(l)),
                reported.Count(l => !taintedLines.Contains(l) && safeLines.Contains(l)),
                tainted.Count - found));
        }

        return scores;
    }

    private static SinkLine Line(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new SinkLine(span.Path, span.StartLinePosition.Line);
    }

    [GeneratedRegex(@"//\s*flow\s+(?<id>\S+)\s+(?<kind>[a-z]+)\s+(?<state>tainted|safe)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
