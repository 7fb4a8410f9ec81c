using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tool;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>One run of one command: wall time, peaks, allocation and the bytes it wrote.</summary>
internal sealed record EvidenceRun(double Milliseconds, long PeakManagedBytes, long PeakLiveBytes, long PeakWorkingSetBytes, long AllocatedBytes, long OutputBytes, int Collections);

/// <summary>One command at one size: fastest and median of its runs, the largest peaks, allocation and output of the last run.</summary>
internal sealed record EvidenceCommandResult(
    string Command,
    double FastestMilliseconds,
    double MedianMilliseconds,
    long PeakManagedBytes,
    long PeakLiveBytes,
    long PeakWorkingSetBytes,
    long AllocatedBytes,
    long OutputBytes,
    int Collections,
    IReadOnlyList<double> Runs);

/// <summary>One input size: what was generated and each command's numbers.</summary>
internal sealed record EvidenceSize(string Label, EvidenceInput Input, double GenerateMilliseconds, int MergedResults, int Duplicates, IReadOnlyList<EvidenceCommandResult> Commands);

/// <summary>Log-log slopes over the input's result count (1 = linear): fastest time, peak live heap and peak working set above idle.</summary>
internal sealed record EvidenceSlope(string Command, double? Time, double? LiveHeap, double? WorkingSet);

/// <summary>Everything the evidence mode measured; serialized as is for <c>--json</c>.</summary>
internal sealed record EvidenceBenchmarkReport(
    string Runtime,
    string OperatingSystem,
    int ProcessorCount,
    string BuildConfiguration,
    string GarbageCollector,
    int Seed,
    int Iterations,
    bool ExactPeakWorkingSet,
    long IdleManagedBytes,
    long IdleWorkingSetBytes,
    IReadOnlyList<EvidenceSize> Sizes,
    IReadOnlyList<EvidenceSlope> Slopes,
    double FullSeconds,
    double? MaxSeconds,
    bool MaxSecondsExceeded,
    double? MaxSlope,
    IReadOnlyList<string> SlopesExceeded)
{
    public bool AnyGateFailed => MaxSecondsExceeded || SlopesExceeded.Count > 0;
}

/// <summary>
/// The evidence mode (<c>--evidence</c>): <c>secure-coding evidence collect</c>, then <c>evidence report</c> in HTML and
/// in Markdown, run in process through the tool's real command line (<see cref="SecureCodingTool.RunAsync"/>) on a
/// generated build (<see cref="EvidenceGenerator"/>) at 1/4, 1/2 and the full size. Each command is measured for wall
/// time, peak managed heap (sampled every millisecond), peak working set of the process (exact on Linux: the peak is
/// reset before each command through <c>/proc/self/clear_refs</c>; sampled elsewhere), bytes allocated and bytes written.
/// The runs are interleaved across sizes like the scaling series (one round of every size, then the next round), the
/// first round is a warm-up and is not counted; each size reports the fastest and median run and the largest peaks.
/// Process start-up and the JIT of a fresh <c>secure-coding</c> process are not included (the harness runs with
/// tiered compilation off, so no run executes unoptimized code).
/// </summary>
internal static partial class EvidenceBenchmark
{
    private static readonly (string Label, double Fraction)[] Steps = [("1/4", 0.25), ("1/2", 0.5), ("full", 1.0)];

    private static readonly string[] Commands = ["collect", "report html", "report markdown"];

    public static async Task<EvidenceBenchmarkReport> RunAsync(BenchmarkOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var keep = options.EvidenceFolder is not null;
        var folder = Path.GetFullPath(options.EvidenceFolder ?? Path.Combine(Path.GetTempPath(), "scr-evidence-bench-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var sizes = new List<(string Label, EvidenceInput Input, double Milliseconds)>();
            foreach (var (label, fraction) in Steps)
            {
                var logs = Math.Max(5, (int)Math.Round(options.EvidenceLogs * fraction));
                var results = Math.Max(100, (int)Math.Round(options.EvidenceResults * fraction));
                var root = Path.Combine(folder, label.Replace('/', '-'));
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }

                progress($"evidence: generating {label}: {logs:N0} SARIF logs with {results:N0} results (seed {options.Seed}) in {root}");
                var stopwatch = Stopwatch.StartNew();
                var input = EvidenceGenerator.Generate(root, logs, results, options.Seed);
                sizes.Add((label, input, Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1)));
            }

            var exactPeak = TryResetPeakWorkingSet();
            Release();
            var idleManaged = GC.GetTotalMemory(forceFullCollection: true);
            var idleWorkingSet = Environment.WorkingSet;
            var runs = sizes.Select(_ => Commands.Select(_ => new List<EvidenceRun>()).ToArray()).ToArray();
            var merged = new (int Results, int Duplicates)[sizes.Count];
            var rounds = options.Iterations + 1;
            for (var round = 0; round < rounds; round++)
            {
                progress(round == 0 ? "evidence: warm-up round (not counted)" : $"evidence: round {round} of {options.Iterations}");
                for (var i = 0; i < sizes.Count; i++)
                {
                    var index = (i + round) % sizes.Count;
                    var (collect, summary) = await RunCollectAsync(sizes[index].Input.Root, exactPeak, cancellationToken).ConfigureAwait(false);
                    var html = await RunReportAsync(sizes[index].Input.Root, "html", exactPeak, cancellationToken).ConfigureAwait(false);
                    var markdown = await RunReportAsync(sizes[index].Input.Root, "markdown", exactPeak, cancellationToken).ConfigureAwait(false);
                    merged[index] = summary;
                    if (round > 0)
                    {
                        runs[index][0].Add(collect);
                        runs[index][1].Add(html);
                        runs[index][2].Add(markdown);
                    }
                }
            }

            var measured = sizes.Select((s, i) => new EvidenceSize(
                s.Label,
                s.Input,
                s.Milliseconds,
                merged[i].Results,
                merged[i].Duplicates,
                Commands.Select((c, j) => Summarize(c, runs[i][j])).ToList())).ToList();
            var slopes = Commands.Select((c, j) => new EvidenceSlope(
                c,
                Slope(measured.Select(r => ((double)r.Input.Results, r.Commands[j].FastestMilliseconds))),
                Slope(measured.Select(r => ((double)r.Input.Results, (double)(r.Commands[j].PeakLiveBytes - idleManaged)))),
                Slope(measured.Select(r => ((double)r.Input.Results, (double)(r.Commands[j].PeakWorkingSetBytes - idleWorkingSet)))))).ToList();
            var fullSeconds = Math.Round(measured[^1].Commands.Sum(c => c.MedianMilliseconds) / 1000, 2);
            var exceeded = options.MaxSlope is { } max
                ? slopes.SelectMany(s => new[] { ("time", s.Time), ("live heap", s.LiveHeap) }.Where(x => x.Item2 > max).Select(x => $"{s.Command} {x.Item1} ({x.Item2!.Value.ToString("0.00", CultureInfo.InvariantCulture)})")).ToList()
                : [];

            return new EvidenceBenchmarkReport(
                RuntimeInformation.FrameworkDescription,
                RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture,
                Environment.ProcessorCount,
#if DEBUG
                "Debug (numbers are not representative; use -c Release)",
#else
                "Release",
#endif
                (System.Runtime.GCSettings.IsServerGC ? "server" : "workstation") + (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? ", non-concurrent" : ", concurrent"),
                options.Seed,
                options.Iterations,
                exactPeak,
                idleManaged,
                idleWorkingSet,
                measured,
                slopes,
                fullSeconds,
                options.MaxEvidenceSeconds,
                options.MaxEvidenceSeconds is { } maxSeconds && fullSeconds > maxSeconds,
                options.MaxSlope,
                exceeded);
        }
        finally
        {
            if (!keep && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<(EvidenceRun Run, (int Results, int Duplicates) Summary)> RunCollectAsync(string root, bool exactPeak, CancellationToken cancellationToken)
    {
        var output = Path.Combine(root, "artifacts", "evidence");
        if (Directory.Exists(output))
        {
            // A clean build: the bundle folder holds only what collect writes.
            Directory.Delete(output, recursive: true);
        }

        var (run, text) = await MeasureAsync(
            ["evidence", "collect", "--input", Path.Combine(root, "artifacts", "secure-coding-evidence"), "--root", root, "--output", output],
            () => Directory.EnumerateFiles(output).Sum(f => new FileInfo(f).Length),
            exactPeak,
            cancellationToken).ConfigureAwait(false);
        var match = SummaryPattern().Match(text);
        return (run, match.Success ? (Int(match.Groups[1].Value), Int(match.Groups[2].Value)) : (0, 0));
    }

    private static async Task<EvidenceRun> RunReportAsync(string root, string format, bool exactPeak, CancellationToken cancellationToken)
    {
        var output = Path.Combine(root, "artifacts", "report", format == "html" ? "evidence-report.html" : "evidence-report.md");
        var (run, _) = await MeasureAsync(
            ["evidence", "report", "--evidence", Path.Combine(root, "artifacts", "evidence", "evidence.sarif"), "--format", format, "--product", "Plant Gateway", "--output", output],
            () => new FileInfo(output).Length,
            exactPeak,
            cancellationToken).ConfigureAwait(false);
        return run;
    }

    private static async Task<(EvidenceRun Run, string Output)> MeasureAsync(string[] args, Func<long> outputBytes, bool exactPeak, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new ToolSettings { Output = output, Error = error };
        Release();
        if (exactPeak)
        {
            TryResetPeakWorkingSet();
        }

        var collections = GC.CollectionCount(0);
        using var sampler = new PeakSampler(sampleWorkingSet: !exactPeak);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var code = await SecureCodingTool.RunAsync(args, settings, cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var (peakManaged, peakLive, sampledWorkingSet) = sampler.Stop();
        collections = GC.CollectionCount(0) - collections;
        if (code != ExitCodes.Success)
        {
            throw new InvalidOperationException($"secure-coding {string.Join(' ', args)} exited with {code}: {error}");
        }

        long peakWorkingSet;
        if (exactPeak)
        {
            using var process = Process.GetCurrentProcess();
            peakWorkingSet = process.PeakWorkingSet64;
        }
        else
        {
            peakWorkingSet = sampledWorkingSet;
        }

        return (new EvidenceRun(Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1), peakManaged, peakLive, peakWorkingSet, allocated, outputBytes(), collections), output.ToString());
    }

    private static EvidenceCommandResult Summarize(string command, List<EvidenceRun> runs) => new(
        command,
        runs.Min(r => r.Milliseconds),
        Math.Round(Measurement.Median(runs.Select(r => r.Milliseconds)), 1),
        runs.Max(r => r.PeakManagedBytes),
        runs.Max(r => r.PeakLiveBytes),
        runs.Max(r => r.PeakWorkingSetBytes),
        runs[^1].AllocatedBytes,
        runs[^1].OutputBytes,
        runs[^1].Collections,
        runs.Select(r => r.Milliseconds).ToList());

    /// <summary>Least-squares slope of log(y) over log(x); null when a y is not positive.</summary>
    private static double? Slope(IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        if (list.Count < 2 || list.Any(p => p.X <= 0 || p.Y <= 0))
        {
            return null;
        }

        var xs = list.Select(p => Math.Log(p.X)).ToArray();
        var ys = list.Select(p => Math.Log(p.Y)).ToArray();
        var meanX = xs.Average();
        var meanY = ys.Average();
        var sxx = xs.Sum(x => (x - meanX) * (x - meanX));
        return sxx == 0 ? null : Math.Round(xs.Zip(ys).Sum(p => (p.First - meanX) * (p.Second - meanY)) / sxx, 3);
    }

    /// <summary>
    /// A full, compacting collection that also returns the free memory to the operating system, so that one command's
    /// working set does not start with what the previous (larger) one left committed.
    /// </summary>
    private static void Release()
    {
        Measurement.Collect();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>Resets the kernel's peak resident set (VmHWM) of this process to its current size; false where unsupported.</summary>
    private static bool TryResetPeakWorkingSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"log\(s\), \d+ run\(s\), (\d+) result\(s\) \((\d+) duplicate")]
    private static partial Regex SummaryPattern();

    /// <summary>
    /// Samples every millisecond: the managed heap (<see cref="GC.GetTotalMemory"/>, and the heap size before the last
    /// collection, which holds the garbage it collected), the live heap (the heap after the last collection, without
    /// its fragmentation) and, where the kernel cannot report the peak, the working set.
    /// </summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private readonly bool _sampleWorkingSet;
        private readonly long _startIndex;
        private volatile bool _stop;
        private long _peakManaged;
        private long _peakLive;
        private long _peakWorkingSet;

        public PeakSampler(bool sampleWorkingSet)
        {
            _sampleWorkingSet = sampleWorkingSet;
            _startIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
            Sample();
            _thread = new Thread(Loop) { IsBackground = true, Name = "peak sampler", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }

        public (long Managed, long Live, long WorkingSet) Stop()
        {
            _stop = true;
            _thread.Join();
            Sample();
            return (_peakManaged, _peakLive, _peakWorkingSet);
        }

        public void Dispose()
        {
            if (!_stop)
            {
                Stop();
            }
        }

        private void Loop()
        {
            while (!_stop)
            {
                Sample();
                Thread.Sleep(1);
            }
        }

        private void Sample()
        {
            _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(forceFullCollection: false));
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index > _startIndex)
            {
                long before = 0;
                foreach (var generation in info.GenerationInfo)
                {
                    before += generation.SizeBeforeBytes;
                }

                _peakManaged = Math.Max(_peakManaged, before);
                _peakLive = Math.Max(_peakLive, info.HeapSizeBytes - info.FragmentedBytes);
            }

            if (_sampleWorkingSet)
            {
                _peakWorkingSet = Math.Max(_peakWorkingSet, Environment.WorkingSet);
            }
        }
    }
}
