using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>The evidence mode's output: a table, or JSON with <c>--json</c>.</summary>
internal static partial class ReportWriter
{
    public static void WriteJson(EvidenceBenchmarkReport report, TextWriter output)
        => output.WriteLine(JsonSerializer.Serialize(report, JsonOptions));

    public static void WriteTable(EvidenceBenchmarkReport report, TextWriter output)
    {
        output.WriteLine("SecureCodingAnalyzers evidence tool: 'evidence collect' and 'evidence report' on a generated build");
        output.WriteLine();
        output.WriteLine($"  Runtime      {report.Runtime}, {report.OperatingSystem}, {report.ProcessorCount} processors, {report.BuildConfiguration} build, {report.GarbageCollector} GC");
        output.WriteLine($"  Input        generated SARIF 2.1 logs as the compiler and the package's targets write them (seed {report.Seed}): 1/5 of the projects");
        output.WriteLine("               built for two frameworks, 40% SCR / 35% CA / 25% CS results, 15% suppressed, source files on disk");
        output.WriteLine($"  Iterations   {report.Iterations} rounds after 1 warm-up round, interleaved across sizes; in process (no process start-up or JIT)");
        output.WriteLine($"  Memory       heap: peak managed heap, garbage included; live: peak heap after a collection (sampled every ms); WS: peak working set of the");
        output.WriteLine($"               process ({(report.ExactPeakWorkingSet ? "exact: VmHWM, reset before each command" : "sampled")}); idle before each command: {Mb(report.IdleManagedBytes)} MB heap, {Mb(report.IdleWorkingSetBytes)} MB working set");
        output.WriteLine();
        output.WriteLine("  " + "Size".PadRight(6) + "Logs".PadLeft(7) + "Projects".PadLeft(10) + "2 TFMs".PadLeft(8) + "Files".PadLeft(9) + "Results".PadLeft(10) + "Suppressed".PadLeft(12)
            + "Related".PadLeft(9) + "Merged".PadLeft(9) + "Duplicates".PadLeft(12) + "Logs MB".PadLeft(9) + "Generated ms".PadLeft(14));
        foreach (var s in report.Sizes)
        {
            var i = s.Input;
            output.WriteLine("  " + s.Label.PadRight(6) + N(i.Logs).PadLeft(7) + N(i.Projects).PadLeft(10) + N(i.MultiTargetProjects).PadLeft(8) + N(i.SourceFiles).PadLeft(9) + N(i.Results).PadLeft(10)
                + N(i.Suppressed).PadLeft(12) + N(i.WithRelatedLocations).PadLeft(9) + N(s.MergedResults).PadLeft(9) + N(s.Duplicates).PadLeft(12) + Mb(i.LogBytes).PadLeft(9) + Ms(s.GenerateMilliseconds).PadLeft(14));
        }

        output.WriteLine();
        var rule = "  " + new string('-', 118);
        output.WriteLine("  " + "Command".PadRight(18) + "Size".PadRight(6) + "fastest ms".PadLeft(12) + "median ms".PadLeft(12) + "heap MB".PadLeft(10) + "live MB".PadLeft(10) + "WS MB".PadLeft(10) + "allocated MB".PadLeft(14) + "GCs".PadLeft(6) + "output MB".PadLeft(11) + "  runs ms");
        output.WriteLine(rule);
        foreach (var command in report.Sizes[0].Commands.Select(c => c.Command))
        {
            foreach (var s in report.Sizes)
            {
                var c = s.Commands.Single(x => x.Command == command);
                output.WriteLine("  " + command.PadRight(18) + s.Label.PadRight(6) + Ms(c.FastestMilliseconds).PadLeft(12) + Ms(c.MedianMilliseconds).PadLeft(12) + Mb(c.PeakManagedBytes).PadLeft(10) + Mb(c.PeakLiveBytes).PadLeft(10)
                    + Mb(c.PeakWorkingSetBytes).PadLeft(10) + Mb(c.AllocatedBytes).PadLeft(14) + N(c.Collections).PadLeft(6) + Mb(c.OutputBytes).PadLeft(11) + "  " + string.Join(" ", c.Runs.Select(r => r.ToString("0", CultureInfo.InvariantCulture))));
            }
        }

        output.WriteLine(rule);
        output.WriteLine();
        output.WriteLine("  Log-log slopes over the input's results (1 = linear): fastest time; peak live heap and working set above idle");
        output.WriteLine("  " + "Command".PadRight(24) + "time".PadLeft(8) + "live".PadLeft(8) + "WS".PadLeft(8));
        foreach (var s in report.Slopes)
        {
            output.WriteLine("  " + s.Command.PadRight(24) + Slope(s.Time).PadLeft(8) + Slope(s.LiveHeap).PadLeft(8) + Slope(s.WorkingSet).PadLeft(8));
        }

        output.WriteLine();
        var full = report.Sizes[^1];
        output.WriteLine($"  Full size ({N(full.Input.Logs)} logs, {N(full.Input.Results)} results): collect + HTML report + Markdown report = {report.FullSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s (medians)"
            + (report.MaxSeconds is { } max ? $"; gate {max.ToString("0.##", CultureInfo.InvariantCulture)} s: {(report.MaxSecondsExceeded ? "FAILED" : "passed")}" : string.Empty));
        if (report.MaxSlope is { } maxSlope)
        {
            output.WriteLine($"  Slope gate {maxSlope.ToString("0.00", CultureInfo.InvariantCulture)} (time and live heap): " + (report.SlopesExceeded.Count == 0 ? "passed" : "FAILED: " + string.Join(", ", report.SlopesExceeded)));
        }
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.InvariantCulture);

    private static string Slope(double? slope) => slope is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
