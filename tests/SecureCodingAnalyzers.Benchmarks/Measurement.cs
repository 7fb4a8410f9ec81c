using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>An analyzer (of the package or of a peer) and the rule ids it reports.</summary>
internal sealed record AnalyzerInfo(string Name, ImmutableArray<string> RuleIds, DiagnosticAnalyzer Instance)
{
    public static AnalyzerInfo From(DiagnosticAnalyzer analyzer) => new(
        analyzer.GetType().Name,
        analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToImmutableArray(),
        analyzer);
}

/// <summary>Finds the analyzers by reflection, so new rule families are measured without touching the harness.</summary>
internal static class AnalyzerDiscovery
{
    public static ImmutableArray<AnalyzerInfo> Discover(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types.OfType<Type>().ToArray();
        }

        return types
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>(inherit: false).Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => AnalyzerInfo.From((DiagnosticAnalyzer)Activator.CreateInstance(t, nonPublic: true)!))
            .ToImmutableArray();
    }
}

/// <summary>Median time of one analyzer and its share of the binding time.</summary>
internal sealed record AnalyzerTiming(string Name, IReadOnlyList<string> RuleIds, double Milliseconds, double Ratio);

/// <summary>All numbers of one corpus: binding, analyzers, findings.</summary>
internal sealed record MeasurementResult(
    int Files,
    int Lines,
    double BindingMilliseconds,
    IReadOnlyList<double> BindingRuns,
    double AnalysisWallMilliseconds,
    double AnalysisWallRatio,
    IReadOnlyList<AnalyzerTiming> Analyzers,
    double AnalyzersMilliseconds,
    IReadOnlyList<double> AnalyzersRuns,
    double TotalRatio,
    double FastestRatio,
    int CompilerErrors,
    int CompilerWarnings,
    IReadOnlyDictionary<string, int> CompilerErrorsById,
    IReadOnlyDictionary<string, int> CompilerWarningsById,
    IReadOnlyDictionary<string, int> FindingsById,
    IReadOnlyList<string> AnalyzerExceptions,
    [property: JsonIgnore] ImmutableArray<Diagnostic> Findings);

/// <summary>Median binding time, the runs, and the compiler's diagnostics of the last run.</summary>
internal sealed record BindingMeasurement(double Milliseconds, IReadOnlyList<double> Runs, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>Median analyzer time (summed over the analyzers), its runs, the median wall time, per-analyzer medians, the last run's findings.</summary>
internal sealed record AnalyzersMeasurement(
    double Milliseconds,
    IReadOnlyList<double> Runs,
    double WallMilliseconds,
    IReadOnlyList<double> PerAnalyzer,
    ImmutableArray<Diagnostic> Findings);

/// <summary>
/// Binding time is <see cref="Compilation.GetDiagnostics"/> on a fresh clone of the compilation (declarations and all
/// method bodies bound, flow analysis included; syntax trees and reference metadata are shared, as in the IDE and in
/// incremental builds). Analyzer time is the per-analyzer execution time the driver logs
/// (<c>logAnalyzerExecutionTime</c>), from <see cref="CompilationWithAnalyzers"/> on another fresh clone with
/// sequential analysis. Both run single-threaded (the corpus compilation has concurrent build off), so the ratio
/// compares CPU time with CPU time. Each is warmed up once (JIT); then binding and analysis alternate, one run of each
/// per iteration, and the medians of the iterations are reported.
/// </summary>
internal static class Measurement
{
    private static readonly AnalyzerOptions EmptyOptions = new(ImmutableArray<AdditionalText>.Empty);

    public static async Task<MeasurementResult> RunAsync(
        Corpus corpus,
        CSharpCompilation compilation,
        IReadOnlyList<AnalyzerInfo> analyzers,
        int iterations,
        bool warmUp,
        CancellationToken cancellationToken)
    {
        // Binding and analysis alternate, one of each per iteration: a slow spell of the (shared, virtual) machine then
        // slows both sides of the ratio instead of only one of them.
        var analyzerArray = analyzers.Select(a => a.Instance).ToImmutableArray();
        if (warmUp)
        {
            Bind(compilation, cancellationToken);
            await AnalyzeAsync(compilation, analyzerArray, cancellationToken).ConfigureAwait(false);
        }

        var bindingRuns = new List<double>(iterations);
        var analysisRuns = new List<AnalysisRun>(iterations);
        var diagnostics = ImmutableArray<Diagnostic>.Empty;
        for (var i = 0; i < iterations; i++)
        {
            (var milliseconds, diagnostics) = Bind(compilation, cancellationToken);
            bindingRuns.Add(milliseconds);
            analysisRuns.Add(await AnalyzeAsync(compilation, analyzerArray, cancellationToken).ConfigureAwait(false));
        }

        var binding = new BindingMeasurement(Median(bindingRuns), bindingRuns, diagnostics);
        var analysis = Summarize(analyzers, analysisRuns);

        return new MeasurementResult(
            corpus.Files,
            corpus.Lines,
            Ms(binding.Milliseconds),
            binding.Runs.Select(Ms).ToList(),
            Ms(analysis.WallMilliseconds),
            Ratio(analysis.WallMilliseconds / binding.Milliseconds),
            analyzers.Select((a, index) => new AnalyzerTiming(a.Name, a.RuleIds, Ms(analysis.PerAnalyzer[index]), Ratio(analysis.PerAnalyzer[index] / binding.Milliseconds))).ToList(),
            Ms(analysis.Milliseconds),
            analysis.Runs.Select(Ms).ToList(),
            Ratio(analysis.Milliseconds / binding.Milliseconds),
            Ratio(analysis.Runs.Min() / binding.Runs.Min()),
            diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error),
            diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning),
            CountById(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)),
            CountById(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)),
            CountById(analysis.Findings),
            AnalyzerExceptions(analysis.Findings),
            analysis.Findings);
    }

    /// <summary>Median binding time (<see cref="Compilation.GetDiagnostics"/> on fresh clones) and the compiler's diagnostics.</summary>
    public static BindingMeasurement MeasureBinding(CSharpCompilation compilation, int iterations, bool warmUp, CancellationToken cancellationToken)
    {
        if (warmUp)
        {
            Bind(compilation, cancellationToken);
        }

        var runs = new List<double>(iterations);
        var diagnostics = ImmutableArray<Diagnostic>.Empty;
        for (var i = 0; i < iterations; i++)
        {
            (var milliseconds, diagnostics) = Bind(compilation, cancellationToken);
            runs.Add(milliseconds);
        }

        return new BindingMeasurement(Median(runs), runs, diagnostics);
    }

    /// <summary>
    /// Median execution time of each analyzer and of all of them, on fresh clones of <paramref name="compilation"/>
    /// (whose options decide which rules are on), with the findings of the last run.
    /// </summary>
    public static async Task<AnalyzersMeasurement> MeasureAnalyzersAsync(
        CSharpCompilation compilation,
        IReadOnlyList<AnalyzerInfo> analyzers,
        int iterations,
        bool warmUp,
        CancellationToken cancellationToken)
    {
        var analyzerArray = analyzers.Select(a => a.Instance).ToImmutableArray();
        if (warmUp)
        {
            await AnalyzeAsync(compilation, analyzerArray, cancellationToken).ConfigureAwait(false);
        }

        var runs = new List<AnalysisRun>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            runs.Add(await AnalyzeAsync(compilation, analyzerArray, cancellationToken).ConfigureAwait(false));
        }

        return Summarize(analyzers, runs);
    }

    /// <summary>Medians of analyzer runs: the total, the wall time and each analyzer; the last run's findings.</summary>
    private static AnalyzersMeasurement Summarize(IReadOnlyList<AnalyzerInfo> analyzers, List<AnalysisRun> runs)
    {
        var totalRuns = runs.Select(r => r.PerAnalyzer.Sum()).ToList();
        return new AnalyzersMeasurement(
            Median(totalRuns),
            totalRuns,
            Median(runs.Select(r => r.WallMilliseconds)),
            analyzers.Select((_, index) => Median(runs.Select(r => r.PerAnalyzer[index]))).ToList(),
            runs[^1].Diagnostics);
    }

    /// <summary>AD0001 (an analyzer threw), one line per distinct exception: the first line of the message and how often.</summary>
    public static List<string> AnalyzerExceptions(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics
            .Where(d => d.Id == "AD0001")
            .GroupBy(d => d.GetMessage(CultureInfo.InvariantCulture).Split('\n', 2)[0].Trim(), StringComparer.Ordinal)
            .Select(g => g.Key + " (" + g.Count().ToString(CultureInfo.InvariantCulture) + "x)")
            .Order(StringComparer.Ordinal)
            .ToList();

    public static double Ms(double milliseconds) => Math.Round(milliseconds, 3);

    public static double Ratio(double ratio) => Math.Round(ratio, 6);

    private static (double Milliseconds, ImmutableArray<Diagnostic> Diagnostics) Bind(CSharpCompilation compilation, CancellationToken cancellationToken)
    {
        var fresh = compilation.Clone();
        Collect();
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = fresh.GetDiagnostics(cancellationToken);
        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalMilliseconds, diagnostics);
    }

    /// <summary>One analyzer run on a fresh clone: each analyzer's execution time.</summary>
    public static async Task<double[]> AnalyzeOnceAsync(CSharpCompilation compilation, IReadOnlyList<AnalyzerInfo> analyzers, CancellationToken cancellationToken)
        => (await AnalyzeAsync(compilation, analyzers.Select(a => a.Instance).ToImmutableArray(), cancellationToken).ConfigureAwait(false)).PerAnalyzer;

    private sealed record AnalysisRun(double WallMilliseconds, double[] PerAnalyzer, ImmutableArray<Diagnostic> Diagnostics);

    private static async Task<AnalysisRun> AnalyzeAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var options = new CompilationWithAnalyzersOptions(EmptyOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.Clone().WithAnalyzers(analyzers, options);

        // A build analyzes one compilation: its type lookups find nothing kept from an earlier one (the IDE
        // measurement keeps them, as the IDE does from edit to edit).
        SecureCodingAnalyzers.Symbols.TypeLookup.Clear();
        Collect();
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();

        var perAnalyzer = new double[analyzers.Length];
        for (var i = 0; i < analyzers.Length; i++)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzers[i], cancellationToken).ConfigureAwait(false);
            perAnalyzer[i] = telemetry.ExecutionTime.TotalMilliseconds;
        }

        return new AnalysisRun(stopwatch.Elapsed.TotalMilliseconds, perAnalyzer, diagnostics);
    }

    /// <summary>Starts each run from a clean heap so one run's garbage is not collected on the next one's clock.</summary>
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static SortedDictionary<string, int> CountById(IEnumerable<Diagnostic> diagnostics)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            counts[diagnostic.Id] = counts.GetValueOrDefault(diagnostic.Id) + 1;
        }

        return counts;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
