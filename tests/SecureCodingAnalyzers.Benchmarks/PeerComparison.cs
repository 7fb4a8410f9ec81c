using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// One tool on the corpus: its time and ratio to binding, its findings, and its score against the planted flows of the
/// sink kinds it has a rule for (none: the tool has no injection rule yet).
/// </summary>
internal sealed record ToolResult(
    string Tool,
    string Rules,
    int Analyzers,
    double Milliseconds,
    double Ratio,
    int Findings,
    IReadOnlyDictionary<string, int> FindingsById,
    IReadOnlyList<KindScore> Scores,
    IReadOnlyList<string> AnalyzerExceptions);

/// <summary>How many times a peer's ratio is the package's (above 1: the package is faster).</summary>
internal sealed record Speedup(string Peer, double PeerRatio, double PackageRatio, double? Factor);

/// <summary>The package and the peers measured on one compilation against one binding time.</summary>
internal sealed record PeerComparisonResult(
    double BindingMilliseconds,
    bool GroundTruth,
    IReadOnlyList<ToolResult> Tools,
    IReadOnlyList<Speedup> Speedups,
    IReadOnlyList<string> LoadProblems);

internal static class PeerComparison
{
    /// <summary>Measures every tool (the package first) on <paramref name="compilation"/>, each with one warm-up.</summary>
    public static async Task<PeerComparisonResult> RunAsync(
        CSharpCompilation compilation,
        double bindingMilliseconds,
        AnalyzerTool package,
        PeerSet peers,
        GroundTruth truth,
        int iterations,
        Action<string> progress,
        CancellationToken cancellationToken)
    {
        var results = new List<ToolResult>();
        foreach (var tool in peers.Tools.Prepend(package))
        {
            progress($"peers: {tool.Name} ({tool.Rules}), {tool.Analyzers.Length} analyzers");
            var analysis = await Measurement.MeasureAnalyzersAsync(tool.Configure(compilation), tool.Analyzers, iterations, warmUp: true, cancellationToken).ConfigureAwait(false);
            results.Add(new ToolResult(
                tool.Name,
                tool.Rules,
                tool.Analyzers.Length,
                Measurement.Ms(analysis.Milliseconds),
                Measurement.Ratio(analysis.Milliseconds / bindingMilliseconds),
                analysis.Findings.Count(d => d.Id != "AD0001"),
                Measurement.CountById(analysis.Findings),
                truth.IsEmpty ? [] : truth.Score(analysis.Findings, tool.SinkKinds),
                Measurement.AnalyzerExceptions(analysis.Findings)));
        }

        var ours = results[0];
        var speedups = results.Skip(1)
            .Where(r => r.Rules.EndsWith(" only", StringComparison.Ordinal))
            .Select(r => new Speedup(r.Tool + " " + r.Rules, r.Ratio, ours.Ratio, ours.Ratio > 0 ? Math.Round(r.Ratio / ours.Ratio, 2) : null))
            .ToList();
        return new PeerComparisonResult(bindingMilliseconds, !truth.IsEmpty, results, speedups, peers.Problems);
    }
}
