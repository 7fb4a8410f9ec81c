using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>The dataflow engine's sections of the text report: scores, peers, scaling, IDE latency and their gates.</summary>
internal static partial class ReportWriter
{
    private static void WriteScores(IReadOnlyList<KindScore> scores, TextWriter output, string indent = "    ")
    {
        if (scores.Count == 0)
        {
            output.WriteLine(indent + "no injection rule for the planted sink kinds");
            return;
        }

        output.WriteLine(indent + $"{"Sink",-10}{"Rules",-18}{"Planted",9}{"Safe",6}{"Findings",10}{"TP",7}{"FP",6}{"(on safe)",10}{"Missed",8}");
        foreach (var s in scores)
        {
            var rules = s.RuleIds.Count == 0 ? "-" : string.Join(",", s.RuleIds);
            output.WriteLine(indent + $"{s.Kind,-10}{rules,-18}{N(s.Tainted),9}{N(s.SafeLookAlikes),6}{N(s.Findings),10}{N(s.TruePositives),7}{N(s.FalsePositives),6}{N(s.FalsePositivesOnSafeLookAlikes),10}{N(s.Missed),8}");
        }
    }

    private static void WritePeers(PeerComparisonResult peers, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"  Peers on the same compilation (binding {Ms(peers.BindingMilliseconds)} ms; 1 warm-up each, medians)");
        const int ToolWidth = 44;
        output.WriteLine("    " + "Tool".PadRight(ToolWidth) + "Analyzers".PadLeft(10) + "ms".PadLeft(11) + "ratio".PadLeft(10) + "Findings".PadLeft(10) + "TP".PadLeft(7) + "FP".PadLeft(6) + "Missed".PadLeft(8));
        foreach (var t in peers.Tools)
        {
            var name = (t.Tool + ", " + t.Rules).PadRight(ToolWidth);
            string Sum(Func<KindScore, int> count) => t.Scores.Count == 0 ? "-" : N(t.Scores.Sum(count));
            output.WriteLine("    " + name + N(t.Analyzers).PadLeft(10) + Ms(t.Milliseconds).PadLeft(11) + Ratio(t.Ratio).PadLeft(10) + N(t.Findings).PadLeft(10)
                + Sum(s => s.TruePositives).PadLeft(7) + Sum(s => s.FalsePositives).PadLeft(6) + Sum(s => s.Missed).PadLeft(8));
        }

        output.WriteLine(peers.GroundTruth
            ? "    (TP/FP/Missed: the tool's injection rules against the planted flows of the sink kinds it has rules for, '-' for none; per kind below)"
            : "    (TP/FP/Missed: '-', the corpus has no planted flows to score against)");
        foreach (var speedup in peers.Speedups)
        {
            var factor = speedup.Factor is { } f ? f.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "n/a (the package took no measurable time)";
            output.WriteLine($"    {speedup.Peer}: ratio {Ratio(speedup.PeerRatio)} vs the whole package {Ratio(speedup.PackageRatio)}: {factor}");
        }

        foreach (var t in peers.Tools)
        {
            output.WriteLine();
            output.WriteLine($"    {t.Tool}, {t.Rules}: findings {(t.FindingsById.Count == 0 ? "none" : string.Join(", ", t.FindingsById.Select(p => p.Key + " x" + N(p.Value))))}");
            if (peers.GroundTruth)
            {
                WriteScores(t.Scores, output, "      ");
            }

            foreach (var exception in t.AnalyzerExceptions)
            {
                output.WriteLine($"      ANALYZER EXCEPTION (AD0001): {exception}");
            }
        }

        foreach (var problem in peers.LoadProblems)
        {
            output.WriteLine($"    LOAD PROBLEM: {problem}");
        }
    }

    private static void WriteScaling(IReadOnlyList<ScalingSeries> scaling, TextWriter output)
    {
        foreach (var series in scaling)
        {
            output.WriteLine();
            var slope = series.Slope is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
            output.WriteLine($"  Scaling with {series.Name}: log-log slope {slope} (1 = linear) of the fastest analyzer run above the fixed {Ms(series.FixedMilliseconds)} ms (interleaved runs)");
            output.WriteLine($"    {"Step",-8}{series.Unit,12}{"Files",8}{"Lines",10}{"Binding ms",14}{"Analyzers ms",14}{"median ms",12}{"engine ms",12}{"Ratio",10}{"Errors",8}");
            foreach (var p in series.Points)
            {
                output.WriteLine($"    {p.Label,-8}{p.Size.ToString("N0", CultureInfo.InvariantCulture),12}{N(p.Files),8}{N(p.Lines),10}{Ms(p.BindingMilliseconds),14}{Ms(p.AnalyzersMilliseconds),14}{Ms(p.AnalyzersMedianMilliseconds),12}{Ms(p.EngineMilliseconds),12}{Ratio(p.TotalRatio),10}{N(p.CompilerErrors),8}");
            }
        }
    }

    private static void WriteIde(IdeLatencyResult ide, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"  IDE latency: one {N(ide.DocumentLines)}-line document edited {N(ide.Edits)} times in a warm {N(ide.Files)}-file compilation ({N(ide.Lines)} lines)");
        output.WriteLine($"    {string.Empty,-58}{"p50 ms",10}{"p95 ms",10}{"max ms",10}");
        Row("Added by the package (with package - idle analyzer)", ide.Added);
        Row("Document analyzer diagnostics, with the package", ide.WithPackage);
        Row("Document analyzer diagnostics, idle analyzer only", ide.Baseline);
        Row("  the package's analyzer execution time (driver telemetry)", ide.AnalyzerExecution);
        Row("Compiler diagnostics of the document, for scale", ide.CompilerDiagnostics);
        output.WriteLine($"    Findings in the edited document: {N(ide.Findings)}");

        void Row(string label, LatencyStats stats)
            => output.WriteLine($"    {label,-58}{Ms(stats.P50),10}{Ms(stats.P95),10}{Ms(stats.Max),10}");
    }

    private static void WriteEngineGates(BenchmarkReport report, TextWriter output)
    {
        if (report.MaxSlope is { } maxSlope)
        {
            var limit = maxSlope.ToString(CultureInfo.InvariantCulture);
            output.WriteLine(report.SlopesExceeded.Count > 0
                ? $"  GATE FAILED: log-log slope above --max-slope {limit}: {string.Join(", ", report.SlopesExceeded)}"
                : $"  Gate passed: every scaling slope <= --max-slope {limit}");
        }

        if (report.MaxIdeMilliseconds is { } maxIde && report.Ide is { } ide)
        {
            var limit = maxIde.ToString(CultureInfo.InvariantCulture);
            output.WriteLine(report.MaxIdeMillisecondsExceeded
                ? $"  GATE FAILED: the package adds {Ms(ide.Added.P95)} ms at p95 to one document's analysis, more than --max-ide-ms {limit}"
                : $"  Gate passed: the package adds {Ms(ide.Added.P95)} ms at p95 to one document's analysis <= --max-ide-ms {limit}");
        }
    }
}
