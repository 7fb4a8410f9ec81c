using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// One point of a scaling series: its size (files, lines or call sites, per the series), the median binding time, the
/// fastest and median of its interleaved analyzer runs, and the fastest run of the dataflow engine alone.
/// </summary>
internal sealed record ScalingPoint(
    string Label,
    double Size,
    int Files,
    int Lines,
    double BindingMilliseconds,
    double AnalyzersMilliseconds,
    double AnalyzersMedianMilliseconds,
    double EngineMilliseconds,
    double TotalRatio,
    int CompilerErrors);

/// <summary>
/// A scaling series and the log-log slope (least squares) of analyzer time over size: 1 is linear, 2 quadratic. The
/// slope is taken on the fastest run of each point above <paramref name="FixedMilliseconds"/>, what the analyzers cost
/// on a one-line compilation (compilation start, type lookups), which would otherwise flatten the slope of small
/// sizes. No slope when a point took no measurable time above it.
/// </summary>
internal sealed record ScalingSeries(string Name, string Unit, double FixedMilliseconds, IReadOnlyList<ScalingPoint> Points)
{
    public double? Slope { get; } = LogLogSlope(Points, FixedMilliseconds);

    private static double? LogLogSlope(IReadOnlyList<ScalingPoint> points, double fixedMilliseconds)
    {
        if (points.Count < 2 || points.Any(p => p.Size <= 0 || p.AnalyzersMilliseconds <= fixedMilliseconds))
        {
            return null;
        }

        var xs = points.Select(p => Math.Log(p.Size)).ToArray();
        var ys = points.Select(p => Math.Log(p.AnalyzersMilliseconds - fixedMilliseconds)).ToArray();
        var meanX = xs.Average();
        var meanY = ys.Average();
        var sxx = xs.Sum(x => (x - meanX) * (x - meanX));
        return sxx == 0 ? null : Math.Round(xs.Zip(ys).Sum(p => (p.First - meanX) * (p.Second - meanY)) / sxx, 3);
    }
}

/// <summary>
/// The scaling series: corpus size (file prefixes of the measured corpus, sized in lines), one realistic method, one
/// taint-heavy method (sources and sinks throughout) and call-site fan-in into one helper with a SQL sink, each at five
/// sizes spanning 16x (1/16 to full).
/// </summary>
/// <remarks>
/// Built to give the same slope on a noisy shared machine run after run. The analyzer runs of a series are interleaved
/// (one run of every size, the one-line compilation included, then the next round, starting each round at another
/// size), so a slow spell of the machine falls on all sizes alike instead of on one; each point is the fastest of its
/// runs, the least disturbed measurement of deterministic work; and the 16x span makes a point's remaining error move
/// the slope half as much as over the 4x span of three sizes. The median of the runs is printed beside the fastest.
/// </remarks>
internal static class Scaling
{
    private static readonly (string Label, double Fraction)[] Steps = [("1/16", 0.0625), ("1/8", 0.125), ("1/4", 0.25), ("1/2", 0.5), ("full", 1.0)];

    public static async Task<IReadOnlyList<ScalingSeries>> RunAsync(
        BenchmarkOptions options,
        Corpus corpus,
        ReferenceSet references,
        IReadOnlyList<AnalyzerInfo> analyzers,
        Action<string> progress,
        CancellationToken cancellationToken)
    {
        var empty = Corpus.FromDocuments("one line", [new SourceDocument("Empty.cs", "namespace Empty;\n")]);

        async Task<ScalingSeries> SeriesAsync(string name, string unit, IReadOnlyList<(string Label, double Size, Corpus Part)> parts)
        {
            progress($"scaling, {name}: {string.Join(", ", parts.Select(p => p.Part.Lines.ToString("N0", CultureInfo.InvariantCulture)))} lines, {options.Iterations} interleaved rounds");
            var compilations = parts.Select(p => p.Part.Compile(references)).Prepend(empty.Compile(references)).ToArray();
            var runs = compilations.Select(_ => new List<double>(options.Iterations)).ToArray();
            var engineRuns = compilations.Select(_ => new List<double>(options.Iterations)).ToArray();
            var engine = analyzers.Select((a, index) => (a, index)).FirstOrDefault(p => p.a.Name == "DataflowAnalyzer").index;
            foreach (var compilation in compilations)
            {
                await Measurement.AnalyzeOnceAsync(compilation, analyzers, cancellationToken).ConfigureAwait(false);
            }

            for (var round = 0; round < options.Iterations; round++)
            {
                for (var i = 0; i < compilations.Length; i++)
                {
                    var index = (i + round) % compilations.Length;
                    var perAnalyzer = await Measurement.AnalyzeOnceAsync(compilations[index], analyzers, cancellationToken).ConfigureAwait(false);
                    runs[index].Add(perAnalyzer.Sum());
                    engineRuns[index].Add(perAnalyzer[engine]);
                }
            }

            var points = new List<ScalingPoint>(parts.Count);
            for (var i = 0; i < parts.Count; i++)
            {
                var (label, size, part) = parts[i];
                var binding = Measurement.MeasureBinding(compilations[i + 1], Math.Min(3, options.Iterations), warmUp: false, cancellationToken);
                var fastest = runs[i + 1].Min();
                var errors = binding.Diagnostics.Count(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
                points.Add(new ScalingPoint(label, size, part.Files, part.Lines, Measurement.Ms(binding.Milliseconds), Measurement.Ms(fastest), Measurement.Ms(Measurement.Median(runs[i + 1])), Measurement.Ms(engineRuns[i + 1].Min()), Measurement.Ratio(fastest / binding.Milliseconds), errors));
            }

            return new ScalingSeries(name, unit, Measurement.Ms(runs[0].Min()), points);
        }

        IReadOnlyList<(string, double, Corpus)> Generated(string name, int fullSize, Func<int, IEnumerable<SourceDocument>> generate)
            => Steps.Select(step =>
            {
                var size = Math.Max(1, (int)(fullSize * step.Fraction));
                return (step.Label, (double)size, Corpus.FromDocuments(name, generate(size)));
            }).ToList();

        return
        [
            await SeriesAsync("corpus size (file prefixes)", "lines", Steps.Select(step => corpus.Prefix(step.Fraction)).Select((part, i) => (Steps[i].Label, (double)part.Lines, part)).ToList()).ConfigureAwait(false),
            await SeriesAsync("method size (realistic code)", "lines", Generated("method size", options.MethodLines, lines => [CorpusGenerator.LargeMethod(lines, options.Seed)])).ConfigureAwait(false),
            await SeriesAsync("method size (sources and sinks throughout)", "lines", Generated("taint method size", options.TaintMethodLines, lines => [TaintCorpusGenerator.TaintMethod(lines)])).ConfigureAwait(false),
            await SeriesAsync("call-site fan-in (tainted calls into one helper with a sink)", "call sites", Generated("fan-in", options.FanIn, sites => TaintCorpusGenerator.FanIn(sites))).ConfigureAwait(false),
        ];
    }

    /// <summary>The series whose slope exceeds <paramref name="maxSlope"/>, as "name (slope)".</summary>
    public static IReadOnlyList<string> Exceeding(IEnumerable<ScalingSeries> series, double maxSlope)
        => series.Where(s => s.Slope > maxSlope).Select(s => s.Name + " (" + s.Slope!.Value.ToString("0.00", CultureInfo.InvariantCulture) + ")").ToImmutableArray();
}
