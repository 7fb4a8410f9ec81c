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

/// <summary>One point of a scaling series.</summary>
internal sealed record ScalingPoint(
    string Label,
    int Files,
    int Lines,
    double BindingMilliseconds,
    double AnalyzersMilliseconds,
    double TotalRatio,
    IReadOnlyDictionary<string, double> RatioByAnalyzer)
{
    public static ScalingPoint From(string label, MeasurementResult result) => new(
        label,
        result.Files,
        result.Lines,
        result.BindingMilliseconds,
        result.AnalyzersMilliseconds,
        result.TotalRatio,
        result.Analyzers.ToDictionary(a => a.Name, a => a.Ratio, StringComparer.Ordinal));
}

/// <summary>Everything the harness measured; serialized as is for <c>--json</c>.</summary>
internal sealed record BenchmarkReport(
    EnvironmentInfo Environment,
    CorpusInfo Corpus,
    int Iterations,
    MeasurementResult Result,
    IReadOnlyDictionary<string, int> FindingsByRule,
    IReadOnlyList<string> RulesWithoutFindings,
    IReadOnlyList<string> CatalogRulesWithoutAnalyzer,
    IReadOnlyList<ScalingPoint>? CorpusScaling,
    IReadOnlyList<ScalingPoint>? MethodScaling,
    double? MaxRatio,
    bool MaxRatioExceeded);

internal static class ReportWriter
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
        output.WriteLine();

        output.WriteLine("  Findings per rule (last run)");
        foreach (var (id, count) in report.FindingsByRule)
        {
            var note = count == 0 ? "   no finding: the corpus does not exercise this rule" : string.Empty;
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

        if (report.CorpusScaling is { } corpusScaling)
        {
            output.WriteLine();
            output.WriteLine("  Scaling with corpus size (file prefixes of the corpus)");
            output.WriteLine($"    {"Corpus",-8}{"Files",8}{"Lines",10}{"Binding ms",14}{"Analyzers ms",14}{"Ratio",10}");
            foreach (var p in corpusScaling)
            {
                output.WriteLine($"    {p.Label,-8}{N(p.Files),8}{N(p.Lines),10}{Ms(p.BindingMilliseconds),14}{Ms(p.AnalyzersMilliseconds),14}{Ratio(p.TotalRatio),10}");
            }
        }

        if (report.MethodScaling is { } methodScaling)
        {
            output.WriteLine();
            output.WriteLine("  Scaling with method size (one file, one method)");
            output.WriteLine($"    {"Method",-8}{"Lines",18}{"Binding ms",14}{"Analyzers ms",14}{"Ratio",10}");
            foreach (var p in methodScaling)
            {
                output.WriteLine($"    {p.Label,-8}{N(p.Lines),18}{Ms(p.BindingMilliseconds),14}{Ms(p.AnalyzersMilliseconds),14}{Ratio(p.TotalRatio),10}");
            }
        }

        if (report.MaxRatio is { } max)
        {
            output.WriteLine();
            output.WriteLine(report.MaxRatioExceeded
                ? $"  GATE FAILED: total ratio {Ratio(r.TotalRatio)} exceeds --max-ratio {max.ToString(CultureInfo.InvariantCulture)}"
                : $"  Gate passed: total ratio {Ratio(r.TotalRatio)} <= --max-ratio {max.ToString(CultureInfo.InvariantCulture)}");
        }
    }

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
