using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Catalog;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>A build file of the measured project.</summary>
internal sealed record BuildFileInfo(string Path, string Kind, int Bytes, int Lines);

/// <summary>One analysis of the project: the build-file analyzers' time, the driver's wall time and the parses it caused.</summary>
internal sealed record BuildFileRun(double AnalyzersMilliseconds, double WallMilliseconds, long Parses);

/// <summary>One build-file analyzer: first analysis in the process, parse-cold, warm and warm-in-memory medians.</summary>
internal sealed record BuildFileAnalyzerTiming(string Name, IReadOnlyList<string> RuleIds, double FirstMilliseconds, double ColdMilliseconds, double WarmMilliseconds, double WarmInMemoryMilliseconds);

/// <summary>Everything the build-file section measured.</summary>
internal sealed record BuildFileResult(
    string Project,
    IReadOnlyList<BuildFileInfo> Files,
    int Iterations,
    double ReadMilliseconds,
    BuildFileRun First,
    double ColdMilliseconds,
    double ColdWallMilliseconds,
    IReadOnlyList<double> ColdRuns,
    IReadOnlyList<long> ColdParses,
    double WarmMilliseconds,
    double WarmWallMilliseconds,
    IReadOnlyList<double> WarmRuns,
    double WarmInMemoryMilliseconds,
    long WarmParses,
    string ChangedFile,
    BuildFileRun Changed,
    BuildFileRun ChangedAgain,
    IReadOnlyList<BuildFileAnalyzerTiming> Analyzers,
    IReadOnlyDictionary<string, int> FindingsById,
    IReadOnlyList<string> AnalyzerExceptions)
{
    /// <summary>Unchanged files were never parsed again (warm runs and the second run after the edit).</summary>
    public bool UnchangedNotReparsed => WarmParses == 0 && ChangedAgain.Parses == 0;

    /// <summary>The edited file, and only it, was parsed exactly once.</summary>
    public bool ChangedParsedOnce => Changed.Parses == 1;

    /// <summary>New content was parsed exactly once per file, whichever analyzers read it.</summary>
    public bool NewContentParsedOnce => First.Parses == Files.Count && ColdParses.All(p => p == Files.Count) && ColdWarmUpParses.All(p => p == Files.Count);

    /// <summary>Parses of the unmeasured cold warm-up runs (checked like the measured ones).</summary>
    public IReadOnlyList<long> ColdWarmUpParses { get; init; } = [];

    public bool ParseChecksPassed => UnchangedNotReparsed && ChangedParsedOnce && NewContentParsedOnce;
}

/// <summary>
/// Measures the build-file analyzers (every analyzer whose rules are in <see cref="RuleCategory.Dependencies"/>) on
/// one project, the way a command-line build through the compiler server sees it: each run is a new compilation with
/// new <see cref="AnalyzerOptions"/> and new additional-file objects whose text is decoded and checksummed (SHA-256,
/// the compiler's default) on the first <c>GetText</c>, as the compiler's own additional files are. The analyzers'
/// parse cache lives for the process, as it does in the compiler server and the IDE.
/// <list type="bullet">
/// <item>first: the first analysis in the process (JIT of the analyzers and the parsers, every file parsed);</item>
/// <item>warm: the same file contents again, one warm-up run and the median of the iterations; no file may be parsed;</item>
/// <item>warm, texts in memory: the same, but the additional files' text is read before the analysis starts, as in the
/// IDE, where the workspace holds the texts: the analyzers' own share;</item>
/// <item>changed: the project file edited, then analyzed twice; it alone is parsed, once;</item>
/// <item>cold: new content in every file on every run, after three such runs unmeasured (JIT-compiled, not tiered up:
/// parsers run only when a file changed): each file parsed exactly once per run.</item>
/// </list>
/// Analyzer time is the driver's per-analyzer execution time (as <c>-p:ReportAnalyzer=true</c> reports it), summed
/// over the build-file analyzers; wall time also holds the driver and the binding of the small C# compilation.
/// </summary>
internal static class BuildFileMeasurement
{
    private const string ProgramSource = """
        namespace Plant.Gateway;

        public sealed record Reading(string Tag, double Value, System.DateTimeOffset At);

        public static class Program
        {
            public static int Main(string[] args)
            {
                var readings = new System.Collections.Generic.List<Reading>();
                foreach (var arg in args)
                {
                    readings.Add(new Reading(arg, arg.Length, System.DateTimeOffset.UtcNow));
                }

                return readings.Count;
            }
        }
        """;

    public static bool IsBuildFileAnalyzer(AnalyzerInfo analyzer)
        => analyzer.Instance.SupportedDiagnostics is { IsEmpty: false } descriptors
            && descriptors.All(d => d.Category == RuleCategory.Dependencies);

    public static async Task<BuildFileResult> RunAsync(
        BuildFileProject project,
        ReferenceSet references,
        IReadOnlyList<AnalyzerInfo> analyzers,
        int iterations,
        Action<string> progress,
        CancellationToken cancellationToken)
    {
        var instances = analyzers.Select(a => a.Instance).ToImmutableArray();
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(ProgramSource), Corpus.ParseOptions, "/src/plant/src/Plant.Gateway/Program.cs", cancellationToken: cancellationToken);
        var files = project.Files();

        CSharpCompilation NewCompilation() => CSharpCompilation.Create(
            "Plant.Gateway",
            [tree],
            references.References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false, deterministic: true));

        Task<Run> AnalyzeAsync(ImmutableArray<BuildFileDocument> documents) => RunOnceAsync(NewCompilation(), documents, instances, cancellationToken);

        progress($"build files: first analysis in the process ({files.Length} files, {files.Sum(f => f.Bytes.Length) / 1024:N0} KB)");
        var first = await AnalyzeAsync(files).ConfigureAwait(false);

        progress($"build files: warm, 1 warm-up + {iterations} runs on unchanged contents");
        var warm = new List<Run>(iterations);
        var warmParsesBefore = BuildFile.ParseCount;
        await AnalyzeAsync(files).ConfigureAwait(false);
        for (var i = 0; i < iterations; i++)
        {
            warm.Add(await AnalyzeAsync(files).ConfigureAwait(false));
        }

        progress($"build files: warm with texts in memory, {iterations} runs");
        var warmInMemory = new List<Run>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            warmInMemory.Add(await RunOnceAsync(NewCompilation(), files, instances, cancellationToken, textsInMemory: true).ConfigureAwait(false));
        }

        var warmParses = BuildFile.ParseCount - warmParsesBefore;

        progress("build files: project file edited, analyzed twice");
        var edited = project.Files(editedProject: true);
        var changed = await AnalyzeAsync(edited).ConfigureAwait(false);
        var changedAgain = await AnalyzeAsync(edited).ConfigureAwait(false);

        // Last: every cold run adds new documents to the process-wide parse cache.
        // A few unmeasured runs first, so that no code path is JIT-compiled on the clock. The parsers are not tiered up
        // on purpose: with the runtime's defaults (TieredPGO) they stay in unoptimized code for dozens of runs here, and
        // a compiler server runs them only when a file changed, so that is what a build after a restore meets.
        const int ColdWarmUps = 3;
        progress($"build files: parse-cold, {ColdWarmUps} + {iterations} runs with new contents");
        var coldWarmUpParses = new List<long>(ColdWarmUps);
        for (var i = 0; i < ColdWarmUps; i++)
        {
            coldWarmUpParses.Add((await AnalyzeAsync(project.Files(variant: i + 1)).ConfigureAwait(false)).Summary.Parses);
        }

        var cold = new List<Run>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            cold.Add(await AnalyzeAsync(project.Files(variant: ColdWarmUps + i + 1)).ConfigureAwait(false));
        }

        var read = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            read.Add(ReadAll(files, cancellationToken));
        }

        var timings = analyzers
            .Select((a, index) => new BuildFileAnalyzerTiming(
                a.Name,
                a.RuleIds,
                Ms(first.PerAnalyzer[index]),
                Ms(Measurement.Median(cold.Select(r => r.PerAnalyzer[index]))),
                Ms(Measurement.Median(warm.Select(r => r.PerAnalyzer[index]))),
                Ms(Measurement.Median(warmInMemory.Select(r => r.PerAnalyzer[index])))))
            .ToList();

        return new BuildFileResult(
            project.Description,
            files.Select(f => new BuildFileInfo(f.Path, f.Kind.ToString(), f.Bytes.Length, f.Lines)).ToList(),
            iterations,
            Ms(Measurement.Median(read)),
            first.Summary,
            Ms(Measurement.Median(cold.Select(r => r.Summary.AnalyzersMilliseconds))),
            Ms(Measurement.Median(cold.Select(r => r.Summary.WallMilliseconds))),
            cold.Select(r => r.Summary.AnalyzersMilliseconds).ToList(),
            cold.Select(r => r.Summary.Parses).ToList(),
            Ms(Measurement.Median(warm.Select(r => r.Summary.AnalyzersMilliseconds))),
            Ms(Measurement.Median(warm.Select(r => r.Summary.WallMilliseconds))),
            warm.Select(r => r.Summary.AnalyzersMilliseconds).ToList(),
            Ms(Measurement.Median(warmInMemory.Select(r => r.Summary.AnalyzersMilliseconds))),
            warmParses,
            Path.GetFileName(edited[0].Path),
            changed.Summary,
            changedAgain.Summary,
            timings,
            CountById(warm[^1].Diagnostics),
            AnalyzerExceptions(first.Diagnostics.AddRange(warm[^1].Diagnostics).AddRange(changed.Diagnostics).AddRange(cold[^1].Diagnostics)))
        {
            ColdWarmUpParses = coldWarmUpParses,
        };
    }

    private sealed record Run(BuildFileRun Summary, double[] PerAnalyzer, ImmutableArray<Diagnostic> Diagnostics);

    private static async Task<Run> RunOnceAsync(
        CSharpCompilation compilation,
        ImmutableArray<BuildFileDocument> documents,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CancellationToken cancellationToken,
        bool textsInMemory = false)
    {
        // A new build: new additional-file objects (text not read yet) and new options, as the compiler creates them.
        var texts = documents.Select(d => (AdditionalText)new InMemoryAdditionalText(d.Path, d.Bytes)).ToImmutableArray();
        if (textsInMemory)
        {
            foreach (var text in texts)
            {
                _ = text.GetText(cancellationToken);
            }
        }

        var provider = new BuildOptionsProvider(documents, BuildFileProject.GlobalProperties);
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(texts, provider), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        Collect();
        var parsesBefore = BuildFile.ParseCount;
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();
        var parses = BuildFile.ParseCount - parsesBefore;

        var perAnalyzer = new double[analyzers.Length];
        for (var i = 0; i < analyzers.Length; i++)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzers[i], cancellationToken).ConfigureAwait(false);
            perAnalyzer[i] = telemetry.ExecutionTime.TotalMilliseconds;
        }

        return new Run(new BuildFileRun(Ms(perAnalyzer.Sum()), Ms(stopwatch.Elapsed.TotalMilliseconds), parses), perAnalyzer, diagnostics);
    }

    /// <summary>What reading the files costs by itself: decoding and checksumming every file, as the first GetText does.</summary>
    private static double ReadAll(ImmutableArray<BuildFileDocument> documents, CancellationToken cancellationToken)
    {
        var texts = documents.Select(d => new InMemoryAdditionalText(d.Path, d.Bytes)).ToList();
        Collect();
        var stopwatch = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            _ = text.GetText(cancellationToken)?.GetChecksum();
        }

        stopwatch.Stop();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Ms(double milliseconds) => Math.Round(milliseconds, 3);

    private static SortedDictionary<string, int> CountById(IEnumerable<Diagnostic> diagnostics)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            counts[diagnostic.Id] = counts.GetValueOrDefault(diagnostic.Id) + 1;
        }

        return counts;
    }

    private static List<string> AnalyzerExceptions(IEnumerable<Diagnostic> diagnostics)
        => diagnostics
            .Where(d => d.Id == "AD0001")
            .Select(d => d.GetMessage(CultureInfo.InvariantCulture).Split('\n', 2)[0].Trim())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// An additional file as the compiler hands it over: the text is read on the first <c>GetText</c> (decoded from
    /// the file's bytes with a SHA-256 checksum computed from them, the compiler's default checksum algorithm) and kept.
    /// </summary>
    private sealed class InMemoryAdditionalText(string path, byte[] bytes) : AdditionalText
    {
        private readonly object _gate = new();
        private SourceText? _text;

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (_text is null)
                {
                    using var stream = new MemoryStream(bytes, writable: false);
                    _text = SourceText.From(stream, Encoding.UTF8, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: true);
                }

                return _text;
            }
        }
    }

    /// <summary>
    /// The options the SDK's generated editorconfig gives the compiler: per additional file its
    /// <c>build_metadata.AdditionalFiles.*</c> values (SecureCodingKind and the other metadata the targets declare,
    /// empty when unset), globally the <c>build_property.*</c> values.
    /// </summary>
    private sealed class BuildOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly DictionaryOptions Empty = new(ImmutableDictionary<string, string>.Empty);
        private readonly Dictionary<string, DictionaryOptions> _byPath = new(StringComparer.Ordinal);

        public BuildOptionsProvider(IEnumerable<BuildFileDocument> documents, ImmutableDictionary<string, string> properties)
        {
            GlobalOptions = new DictionaryOptions(properties.ToImmutableDictionary(p => "build_property." + p.Key, p => p.Value, AnalyzerConfigOptions.KeyComparer));
            foreach (var document in documents)
            {
                var values = ImmutableDictionary.CreateBuilder<string, string>(AnalyzerConfigOptions.KeyComparer);
                values[BuildConfiguration.KindMetadata] = document.Kind.ToString();
                values["build_metadata.AdditionalFiles.SecureCodingHasLockFile"] = string.Empty;
                foreach (var (name, value) in document.Metadata)
                {
                    values["build_metadata.AdditionalFiles." + name] = value;
                }

                _byPath[document.Path] = new DictionaryOptions(values.ToImmutable());
            }
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => _byPath.TryGetValue(textFile.Path, out var options) ? options : Empty;
    }

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override IEnumerable<string> Keys => values.Keys;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
