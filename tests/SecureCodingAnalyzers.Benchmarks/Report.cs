using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>Where the numbers were taken.</summary>
internal sealed record EnvironmentInfo(
    string Runtime,
    string OperatingSystem,
    int ProcessorCount,
    string Roslyn,
    string BuildConfiguration,
    string References);

/// <summary>What was compiled.</summary>
internal sealed record CorpusInfo(string Kind, string Source, int? Seed, int Files, int Lines);

/// <summary>The dataflow engine's own counters for one analysis of the corpus (see <c>DataflowTelemetry</c>).</summary>
internal sealed record DataflowCounters(long MethodsSeen, long MethodsAnalyzed, long MethodsDegraded, long Steps, double ComposeMilliseconds)
{
    /// <summary>The counters accumulated since the last reset, divided by the number of analyses run.</summary>
    public static DataflowCounters PerRun(int runs) => new(
        SecureCodingAnalyzers.Dataflow.DataflowTelemetry.MethodsSeen / runs,
        SecureCodingAnalyzers.Dataflow.DataflowTelemetry.MethodsAnalyzed / runs,
        SecureCodingAnalyzers.Dataflow.DataflowTelemetry.MethodsDegraded / runs,
        SecureCodingAnalyzers.Dataflow.DataflowTelemetry.Steps / runs,
        Math.Round(SecureCodingAnalyzers.Dataflow.DataflowTelemetry.ComposeTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency / runs, 3));
}

/// <summary>Everything the harness measured; serialized as is for <c>--json</c>.</summary>
internal sealed record BenchmarkReport(
    EnvironmentInfo Environment,
    CorpusInfo Corpus,
    int Iterations,
    MeasurementResult Result,
    DataflowCounters Dataflow,
    IReadOnlyDictionary<string, int> FindingsByRule,
    IReadOnlyList<string> RulesWithoutFindings,
    IReadOnlyDictionary<string, string> WhyNoFinding,
    IReadOnlyList<string> CatalogRulesWithoutAnalyzer,
    IReadOnlyList<KindScore>? Injection,
    IReadOnlyList<PlantedRuleScore>? Planted,
    PeerComparisonResult? Peers,
    IReadOnlyList<ScalingSeries>? Scaling,
    IdeLatencyResult? Ide,
    double? MaxRatio,
    bool MaxRatioExceeded,
    double? MaxSlope,
    IReadOnlyList<string> SlopesExceeded,
    double? MaxIdeMilliseconds,
    bool MaxIdeMillisecondsExceeded,
    BuildFileResult? BuildFiles,
    double? MaxBuildFileMilliseconds,
    bool MaxBuildFileMillisecondsExceeded,
    bool BuildFileParseChecksFailed)
{
    public bool AnyGateFailed => MaxRatioExceeded || SlopesExceeded.Count > 0 || MaxIdeMillisecondsExceeded || MaxBuildFileMillisecondsExceeded || BuildFileParseChecksFailed;
}

internal static partial class ReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void WriteJson(BenchmarkReport report, TextWriter output)
        => output.WriteLine(JsonSerializer.Serialize(report, JsonOptions));

    public static void WriteTable(BenchmarkReport report, TextWriter output)
    {
        var r = report.Result;
        var e = report.Environment;
        output.WriteLine("SecureCodingAnalyzers performance: analyzer time / binding time (lower is better)");
        output.WriteLine();
        output.WriteLine($"  Runtime      {e.Runtime}, {e.OperatingSystem}, {e.ProcessorCount} processors, {e.BuildConfiguration} build");
        output.WriteLine($"  Roslyn       {e.Roslyn}; binding and analysis single-threaded");
        output.WriteLine($"  References   {e.References}");
        output.WriteLine($"  Corpus       {report.Corpus.Source}: {N(r.Files)} files, {N(r.Lines)} lines");
        output.WriteLine($"  Compiler     {N(r.CompilerErrors)} errors{Top(r.CompilerErrorsById)}, {N(r.CompilerWarnings)} warnings{Top(r.CompilerWarningsById)}");
        output.WriteLine($"  Iterations   {report.Iterations} measured after 1 warm-up; medians");
        var d = report.Dataflow;
        output.WriteLine($"  Dataflow     {N(d.MethodsSeen)} bodies seen, {N(d.MethodsAnalyzed)} analyzed (the rest had no source and sink candidates), {N(d.MethodsDegraded)} stopped at a budget, {N(d.Steps)} steps, {Ms(d.ComposeMilliseconds)} ms composing summaries");
        output.WriteLine();

        var nameWidth = Math.Max(34, r.Analyzers.Select(a => a.Name.Length).DefaultIfEmpty(0).Max() + 2);
        var rulesWidth = Math.Max(10, r.Analyzers.Select(a => string.Join(",", a.RuleIds).Length).DefaultIfEmpty(0).Max() + 2);
        var labelWidth = Math.Max(nameWidth + rulesWidth, 52);
        var rule = "  " + new string('-', labelWidth + 24);
        output.WriteLine("  " + string.Empty.PadRight(labelWidth) + "ms".PadLeft(12) + "ratio".PadLeft(12));
        output.WriteLine("  " + "Binding (Compilation.GetDiagnostics)".PadRight(labelWidth) + Ms(r.BindingMilliseconds).PadLeft(12) + Ratio(1).PadLeft(12));
        output.WriteLine("  " + "Analysis wall time (binding + driver + analyzers)".PadRight(labelWidth) + Ms(r.AnalysisWallMilliseconds).PadLeft(12) + Ratio(r.AnalysisWallRatio).PadLeft(12));
        output.WriteLine();
        output.WriteLine("  " + "Analyzer".PadRight(nameWidth) + "Rules".PadRight(labelWidth - nameWidth) + "ms".PadLeft(12) + "ratio".PadLeft(12));
        output.WriteLine(rule);
        foreach (var a in r.Analyzers)
        {
            output.WriteLine("  " + a.Name.PadRight(nameWidth) + string.Join(",", a.RuleIds).PadRight(labelWidth - nameWidth) + Ms(a.Milliseconds).PadLeft(12) + Ratio(a.Ratio).PadLeft(12));
        }

        output.WriteLine(rule);
        output.WriteLine("  " + $"Total ({N(r.Analyzers.Count)} {(r.Analyzers.Count == 1 ? "analyzer" : "analyzers")})".PadRight(labelWidth) + Ms(r.AnalyzersMilliseconds).PadLeft(12) + Ratio(r.TotalRatio).PadLeft(12));

        // Identical work in every iteration: the fastest one is the cost without the machine's slow spells.
        output.WriteLine("  " + "Fastest iteration (fastest analysis / fastest binding)".PadRight(labelWidth) + Ms(r.AnalyzersRuns.Min()).PadLeft(12) + Ratio(r.FastestRatio).PadLeft(12));
        output.WriteLine();

        output.WriteLine("  Findings per rule (last run)");
        foreach (var (id, count) in report.FindingsByRule)
        {
            var note = count > 0 ? string.Empty
                : report.BuildFiles?.Analyzers.Any(a => a.RuleIds.Contains(id, StringComparer.Ordinal)) == true
                    ? $"   build-file rule: {N(report.BuildFiles.FindingsById.GetValueOrDefault(id))} in the build-file section"
                : Catalog.Rules.All.Any(d => d.Id == id && d.Category == Catalog.RuleCategory.Dependencies) ? "   build-file rule: a C# corpus has no build files"
                : report.WhyNoFinding.TryGetValue(id, out var why) ? "   not exercised: " + why
                : "   no finding: the corpus does not exercise this rule";
            output.WriteLine($"    {id,-10}{N(count),8}{note}");
        }

        if (report.CatalogRulesWithoutAnalyzer.Count > 0)
        {
            output.WriteLine($"  Catalog rules without an analyzer yet: {string.Join(", ", report.CatalogRulesWithoutAnalyzer)}");
        }

        foreach (var exception in r.AnalyzerExceptions)
        {
            output.WriteLine($"  ANALYZER EXCEPTION (AD0001): {exception}");
        }

        if (report.Injection is { } injection)
        {
            output.WriteLine();
            output.WriteLine("  Injection findings against the flows the generator planted (by sink line)");
            WriteScores(injection, output);
        }

        if (report.Planted is { Count: > 0 } planted)
        {
            WritePlanted(planted, output);
        }

        if (report.Peers is { } peers)
        {
            WritePeers(peers, output);
        }

        if (report.Scaling is { } scaling)
        {
            WriteScaling(scaling, output);
        }

        if (report.Ide is { } ide)
        {
            WriteIde(ide, output);
        }

        if (report.BuildFiles is { } buildFiles)
        {
            WriteBuildFiles(buildFiles, output);
        }

        if (report.MaxRatio is not null || report.MaxBuildFileMilliseconds is not null || report.MaxSlope is not null || report.MaxIdeMilliseconds is not null)
        {
            output.WriteLine();
        }

        WriteEngineGates(report, output);

        if (report.MaxRatio is { } max)
        {
            output.WriteLine(report.MaxRatioExceeded
                ? $"  GATE FAILED: total ratio {Ratio(r.TotalRatio)} exceeds --max-ratio {max.ToString(CultureInfo.InvariantCulture)}"
                : $"  Gate passed: total ratio {Ratio(r.TotalRatio)} <= --max-ratio {max.ToString(CultureInfo.InvariantCulture)}");
        }

        if (report.MaxBuildFileMilliseconds is { } maxMs && report.BuildFiles is { } measured)
        {
            output.WriteLine(report.MaxBuildFileMillisecondsExceeded
                ? $"  GATE FAILED: build-file analyzers take {Ms2(measured.WarmMilliseconds)} ms per project warm, more than --max-build-file-ms {maxMs.ToString(CultureInfo.InvariantCulture)}"
                : $"  Gate passed: build-file analyzers take {Ms2(measured.WarmMilliseconds)} ms per project warm <= --max-build-file-ms {maxMs.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Findings of the deserialization/XML, code-integrity, secrets and web rules against the planted lines; every finding elsewhere is listed.</summary>
    private static void WritePlanted(IReadOnlyList<PlantedRuleScore> planted, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("  Deserialization/XML, code-integrity, secrets and web findings against the lines the generator planted");
        output.WriteLine("    Rule      Planted  Found on planted lines  Missed  On injection flows  Found elsewhere (false positives)");
        foreach (var p in planted)
        {
            output.WriteLine($"    {p.RuleId,-10}{N(p.Planted),7}{N(p.FoundOnPlanted),23}{N(p.Missed),8}{N(p.OnInjectionFlows),20}{N(p.FoundElsewhere),12}");
        }

        output.WriteLine($"    {"Total",-10}{N(planted.Sum(p => p.Planted)),7}{N(planted.Sum(p => p.FoundOnPlanted)),23}{N(planted.Sum(p => p.Missed)),8}{N(planted.Sum(p => p.OnInjectionFlows)),20}{N(planted.Sum(p => p.FoundElsewhere)),12}");
        output.WriteLine("    (on injection flows: sink lines of the planted injection flows, insecure code that also matches this rule)");
        foreach (var p in planted.Where(p => p.FoundElsewhere > 0))
        {
            output.WriteLine($"    {p.RuleId} elsewhere: {string.Join(", ", p.Elsewhere)}");
        }
    }

    private static void WriteBuildFiles(BuildFileResult b, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("  Build files: dependency rules (Security.Dependencies, SCR5xxx) per project (one compilation)");
        output.WriteLine($"    Project    {b.Project}");
        output.WriteLine($"    Files      {string.Join(", ", b.Files.Select(f => $"{Path.GetFileName(f.Path)} {Kb(f.Bytes)}"))}; {N(b.Files.Count)} files, {Kb(b.Files.Sum(f => f.Bytes))}");
        output.WriteLine($"    Runs       each a new compilation with new AnalyzerOptions and additional files (text decoded and SHA-256");
        output.WriteLine($"               checksummed on first read, as the compiler does); warm: 1 warm-up + {N(b.Iterations)} runs, in memory: {N(b.Iterations)},");
        output.WriteLine($"               cold: {N(b.ColdWarmUpParses.Count)} warm-ups + {N(b.Iterations)} runs; medians");
        output.WriteLine();
        const int LabelWidth = 58;
        output.WriteLine("    " + string.Empty.PadRight(LabelWidth) + "analyzers ms".PadLeft(14) + "wall ms".PadLeft(10) + "parses".PadLeft(10));
        Row("First analysis in the process (JIT + parse)", b.First, N(b.First.Parses));
        output.WriteLine("    " + "Cold: new contents in every file (JIT warm)".PadRight(LabelWidth) + Ms2(b.ColdMilliseconds).PadLeft(14) + Ms2(b.ColdWallMilliseconds).PadLeft(10) + ParsesPerRun(b.ColdParses).PadLeft(10));
        output.WriteLine("    " + "Warm: unchanged contents, new compilation".PadRight(LabelWidth) + Ms2(b.WarmMilliseconds).PadLeft(14) + Ms2(b.WarmWallMilliseconds).PadLeft(10) + N(b.WarmParses).PadLeft(10));
        output.WriteLine("    " + "  of which reading the files (decode + SHA-256), median".PadRight(LabelWidth) + Ms2(b.ReadMilliseconds).PadLeft(14));
        output.WriteLine("    " + "Warm, texts already in memory (as in the IDE)".PadRight(LabelWidth) + Ms2(b.WarmInMemoryMilliseconds).PadLeft(14));
        Row($"{b.ChangedFile} edited: next build", b.Changed, N(b.Changed.Parses));
        Row($"{b.ChangedFile} edited: the build after", b.ChangedAgain, N(b.ChangedAgain.Parses));
        output.WriteLine("    (analyzer time is the driver's per-analyzer execution time, summed; wall time adds the driver and binding a one-file C# program)");
        output.WriteLine();

        var nameWidth = Math.Max(36, b.Analyzers.Select(a => a.Name.Length).DefaultIfEmpty(0).Max() + 2);
        var rulesWidth = Math.Max(10, b.Analyzers.Select(a => string.Join(",", a.RuleIds).Length).DefaultIfEmpty(0).Max() + 2);
        output.WriteLine("    " + "Analyzer".PadRight(nameWidth) + "Rules".PadRight(rulesWidth) + "first ms".PadLeft(10) + "cold ms".PadLeft(10) + "warm ms".PadLeft(10) + "in memory".PadLeft(11));
        output.WriteLine("    " + new string('-', nameWidth + rulesWidth + 41));
        foreach (var a in b.Analyzers)
        {
            output.WriteLine("    " + a.Name.PadRight(nameWidth) + string.Join(",", a.RuleIds).PadRight(rulesWidth) + Ms2(a.FirstMilliseconds).PadLeft(10) + Ms2(a.ColdMilliseconds).PadLeft(10) + Ms2(a.WarmMilliseconds).PadLeft(10) + Ms2(a.WarmInMemoryMilliseconds).PadLeft(11));
        }

        output.WriteLine("    " + new string('-', nameWidth + rulesWidth + 41));
        output.WriteLine("    " + $"Total ({N(b.Analyzers.Count)} analyzers)".PadRight(nameWidth + rulesWidth) + Ms2(b.First.AnalyzersMilliseconds).PadLeft(10) + Ms2(b.ColdMilliseconds).PadLeft(10) + Ms2(b.WarmMilliseconds).PadLeft(10) + Ms2(b.WarmInMemoryMilliseconds).PadLeft(11));
        output.WriteLine("    (the first analyzer to run reads the files for all of them: its time holds the reading)");
        output.WriteLine();
        output.WriteLine("    Findings (last warm run): " + (b.FindingsById.Count == 0 ? "none" : string.Join(", ", b.FindingsById.Select(p => p.Key + " x" + N(p.Value)))));
        foreach (var exception in b.AnalyzerExceptions)
        {
            output.WriteLine($"    ANALYZER EXCEPTION (AD0001): {exception}");
        }

        output.WriteLine(b.UnchangedNotReparsed
            ? $"    Unchanged files re-parsed: none ({N(b.WarmParses)} parses in {N(2 * b.Iterations + 1)} warm runs, {N(b.ChangedAgain.Parses)} in the build after the edit)   ok"
            : $"    CHECK FAILED: unchanged files were parsed again ({N(b.WarmParses)} parses in {N(2 * b.Iterations + 1)} warm runs, {N(b.ChangedAgain.Parses)} in the build after the edit; expected 0)");
        output.WriteLine(b.ChangedParsedOnce
            ? $"    Edited {b.ChangedFile}: parsed exactly once, the other {N(b.Files.Count - 1)} files not at all   ok"
            : $"    CHECK FAILED: editing {b.ChangedFile} caused {N(b.Changed.Parses)} parses (expected 1)");
        output.WriteLine(b.NewContentParsedOnce
            ? $"    New contents: each file parsed exactly once per build, whichever of the {N(b.Analyzers.Count)} analyzers read it   ok"
            : $"    CHECK FAILED: new contents caused {N(b.First.Parses)} parses on the first run and {ParsesPerRun(b.ColdParses)} per cold run (expected {N(b.Files.Count)})");

        void Row(string label, BuildFileRun run, string parses)
            => output.WriteLine("    " + label.PadRight(LabelWidth) + Ms2(run.AnalyzersMilliseconds).PadLeft(14) + Ms2(run.WallMilliseconds).PadLeft(10) + parses.PadLeft(10));
    }

    private static string ParsesPerRun(IReadOnlyList<long> parses)
    {
        if (parses.Count == 0)
        {
            return "-";
        }

        var min = parses.Min();
        var max = parses.Max();
        return (min == max ? N(min) : N(min) + "-" + N(max)) + "/run";
    }

    private static string Kb(int bytes) => (bytes / 1024.0).ToString(bytes < 10 * 1024 ? "N1" : "N0", CultureInfo.InvariantCulture) + " KB";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms2(double value) => value.ToString("N3", CultureInfo.InvariantCulture);

    private static string Top(IReadOnlyDictionary<string, int> countsById)
    {
        if (countsById.Count == 0)
        {
            return string.Empty;
        }

        var top = countsById.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(5);
        return " (" + string.Join(", ", top.Select(p => p.Key + " x" + N(p.Value))) + (countsById.Count > 5 ? ", ..." : string.Empty) + ")";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
