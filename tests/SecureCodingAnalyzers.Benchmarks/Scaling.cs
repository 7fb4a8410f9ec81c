using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>One point of a scaling series: its size (files, lines or call sites, per the series) and what it cost.</summary>
internal sealed record ScalingPoint(
    string Label,
    double Size,
    int Files,
    int Lines,
    double BindingMilliseconds,
    double AnalyzersMilliseconds,
    double TotalRatio,
    IReadOnlyDictionary<string, double> RatioByAnalyzer)
{
    public static ScalingPoint From(string label, double size, MeasurementResult result) => new(
        label,
        size,
        result.Files,
        result.Lines,
        result.BindingMilliseconds,
        result.AnalyzersMilliseconds,
        result.TotalRatio,
        result.Analyzers.ToDictionary(a => a.Name, a => a.Ratio, StringComparer.Ordinal));
}

/// <summary>
/// A scaling series and the log-log slope (least squares) of analyzer time over size: 1 is linear, 2 quadratic. The
/// slope is taken on the time above <paramref name="FixedMilliseconds"/>, what the analyzers cost on a one-line
/// compilation (compilation start, type lookups), which would otherwise flatten the slope of small sizes. No slope
/// when a point took no measurable time above it.
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
/// The scaling series: corpus size (file prefixes of the measured corpus, sized in lines), one realistic method, one taint-heavy method
/// (sources and sinks throughout) and call-site fan-in into one helper with a SQL sink, each at 1/4, 1/2 and full size.
/// </summary>
internal static class Scaling
{
    private static readonly (string Label, double Fraction)[] Steps = [("1/4", 0.25), ("1/2", 0.5), ("full", 1.0)];

    public static async Task<IReadOnlyList<ScalingSeries>> RunAsync(
        BenchmarkOptions options,
        Corpus corpus,
        MeasurementResult full,
        ReferenceSet references,
        IReadOnlyList<AnalyzerInfo> analyzers,
        Action<string> progress,
        CancellationToken cancellationToken)
    {
        async Task<ScalingPoint> MeasureAsync(string series, string label, double size, Corpus part, bool warmUp)
        {
            progress($"scaling, {series} {label}: {part.Files:N0} files, {part.Lines:N0} lines");
            var result = await Measurement.RunAsync(part, part.Compile(references), analyzers, options.Iterations, warmUp, cancellationToken).ConfigureAwait(false);
            return ScalingPoint.From(label, size, result);
        }

        var empty = Corpus.FromDocuments("one line", [new SourceDocument("Empty.cs", "namespace Empty;\n")]);
        progress("scaling: the analyzers' fixed cost on a one-line compilation");
        var fixedCost = (await Measurement.MeasureAnalyzersAsync(empty.Compile(references), analyzers, options.Iterations, warmUp: true, cancellationToken).ConfigureAwait(false)).Milliseconds;

        async Task<ScalingSeries> SeriesAsync(string name, string unit, int fullSize, Func<int, IEnumerable<SourceDocument>> generate)
        {
            var points = new List<ScalingPoint>();
            foreach (var (label, fraction) in Steps)
            {
                var size = Math.Max(1, (int)(fullSize * fraction));
                var part = Corpus.FromDocuments(name, generate(size));
                points.Add(await MeasureAsync(name, label, size, part, warmUp: points.Count == 0).ConfigureAwait(false));
            }

            return new ScalingSeries(name, unit, Measurement.Ms(fixedCost), points);
        }

        var files = new List<ScalingPoint>();
        foreach (var (label, fraction) in Steps.SkipLast(1))
        {
            var part = corpus.Prefix(fraction);
            files.Add(await MeasureAsync("corpus size", label, part.Lines, part, warmUp: false).ConfigureAwait(false));
        }

        files.Add(ScalingPoint.From("full", corpus.Lines, full));
        return
        [
            new ScalingSeries("corpus size (file prefixes)", "lines", Measurement.Ms(fixedCost), files),
            await SeriesAsync("method size (realistic code)", "lines", options.MethodLines, lines => [CorpusGenerator.LargeMethod(lines, options.Seed)]).ConfigureAwait(false),
            await SeriesAsync("method size (sources and sinks throughout)", "lines", options.TaintMethodLines, lines => [TaintCorpusGenerator.TaintMethod(lines)]).ConfigureAwait(false),
            await SeriesAsync("call-site fan-in (tainted calls into one helper with a sink)", "call sites", options.FanIn, sites => TaintCorpusGenerator.FanIn(sites)).ConfigureAwait(false),
        ];
    }

    /// <summary>The series whose slope exceeds <paramref name="maxSlope"/>, as "name (slope)".</summary>
    public static IReadOnlyList<string> Exceeding(IEnumerable<ScalingSeries> series, double maxSlope)
        => series.Where(s => s.Slope > maxSlope).Select(s => s.Name + " (" + s.Slope!.Value.ToString("0.00", CultureInfo.InvariantCulture) + ")").ToImmutableArray();
}
