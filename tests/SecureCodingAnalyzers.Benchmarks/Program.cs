using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using SecureCodingAnalyzers.Catalog;
using CatalogRules = SecureCodingAnalyzers.Catalog.Rules;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// Performance harness: how much the analyzers add to a compilation, as a ratio of the compiler's own binding time.
/// Ratios, not seconds, are comparable across machines. See <see cref="BenchmarkOptions.Usage"/>.
/// </summary>
internal static class Program
{
    private const int ExitSuccess = 0;
    private const int ExitGateFailed = 1;
    private const int ExitUsage = 2;

    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"error: {error}\n\n{BenchmarkOptions.Usage}").ConfigureAwait(false);
            return ExitUsage;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return ExitSuccess;
        }

        if (options.Evidence)
        {
            var evidence = await EvidenceBenchmark.RunAsync(options, Progress, CancellationToken.None).ConfigureAwait(false);
            if (options.Json)
            {
                ReportWriter.WriteJson(evidence, Console.Out);
            }
            else
            {
                ReportWriter.WriteTable(evidence, Console.Out);
            }

            return evidence.AnyGateFailed ? ExitGateFailed : ExitSuccess;
        }

        if (options.CorpusFolder is { } folder && !Directory.Exists(folder))
        {
            await Console.Error.WriteLineAsync($"error: the --corpus folder '{folder}' does not exist ({Path.GetFullPath(folder)}).").ConfigureAwait(false);
            return ExitUsage;
        }

        var analyzers = AnalyzerDiscovery.Discover(typeof(CatalogRules).Assembly);
        if (analyzers.IsEmpty)
        {
            await Console.Error.WriteLineAsync("error: no DiagnosticAnalyzer found in " + typeof(CatalogRules).Assembly.GetName().Name).ConfigureAwait(false);
            return ExitUsage;
        }

        Progress("locating reference assemblies");
        var references = ReferenceAssemblies.Load();

        var (corpus, corpusInfo) = LoadCorpus(options);
        if (corpus.Files == 0)
        {
            await Console.Error.WriteLineAsync($"error: no *.cs files under '{corpus.Description}' (bin, obj and .git are skipped).").ConfigureAwait(false);
            return ExitUsage;
        }

        var cancellationToken = CancellationToken.None;

        // First, so that "first analysis in the process" includes the JIT of the build-file analyzers and parsers.
        var buildFiles = options.BuildFiles ? await MeasureBuildFilesAsync(options, analyzers, references, cancellationToken).ConfigureAwait(false) : null;

        Progress($"measuring {corpus.Files:N0} files, {corpus.Lines:N0} lines: {options.Iterations} iterations + warm-up, {analyzers.Length} analyzers");
        var compilation = corpus.Compile(references);
        SecureCodingAnalyzers.Dataflow.DataflowTelemetry.Reset();
        var result = await Measurement.RunAsync(corpus, compilation, analyzers, options.Iterations, warmUp: true, cancellationToken).ConfigureAwait(false);
        var dataflow = DataflowCounters.PerRun(options.Iterations + 1);
        var truth = GroundTruth.FromTrees(corpus.Trees);

        PeerComparisonResult? peers = null;
        if (options.Peers)
        {
            Progress("loading the peers");
            var package = AnalyzerTool.Defaults("SecureCodingAnalyzers", "every rule", analyzers);
            peers = await PeerComparison.RunAsync(compilation, result.BindingMilliseconds, package, PeerTools.Load(), truth, options.Iterations, Progress, cancellationToken).ConfigureAwait(false);
        }

        var scaling = options.Scaling
            ? await Scaling.RunAsync(options, corpus, references, analyzers, Progress, cancellationToken).ConfigureAwait(false)
            : null;

        IdeLatencyResult? ide = null;
        if (options.Ide)
        {
            Progress($"IDE latency: {IdeLatency.Files} files, one {IdeLatency.DocumentLines:N0}-line document edited {options.IdeEdits} times");
            ide = await IdeLatency.RunAsync(options.IdeEdits, options.Seed, references, analyzers, cancellationToken).ConfigureAwait(false);
        }

        var planted = PlantedFindings.Score(corpus.Trees, result.Findings, truth);
        var report = CreateReport(options, references, corpusInfo, analyzers, result, dataflow, truth.IsEmpty ? null : truth.Score(result.Findings), planted.Count == 0 ? null : planted, peers, scaling, ide, buildFiles);
        if (options.Json)
        {
            ReportWriter.WriteJson(report, Console.Out);
        }
        else
        {
            ReportWriter.WriteTable(report, Console.Out);
        }

        if (corpusInfo.Kind == "generated" && report.RulesWithoutFindings.Count > 0)
        {
            await Console.Error.WriteLineAsync("warning: the generated corpus produced no finding for " + string.Join(", ", report.RulesWithoutFindings)
                + "; extend CorpusTemplates so every rule is exercised (or raise --lines).").ConfigureAwait(false);
        }

        if (planted.Sum(p => p.FoundElsewhere) is var elsewhere and > 0)
        {
            await Console.Error.WriteLineAsync($"warning: {elsewhere} findings of the deserialization/XML, code-integrity, secrets and web rules are outside the planted lines; "
                + "each is an insecure template (fix the template or mark the line) or a false positive of the analyzer (see the list under the table).").ConfigureAwait(false);
        }

        if (result.AnalyzerExceptions.Count > 0)
        {
            await Console.Error.WriteLineAsync("warning: analyzers threw (AD0001); an analyzer exception is a bug: " + string.Join("; ", result.AnalyzerExceptions)).ConfigureAwait(false);
        }

        if (buildFiles is not null && buildFiles.AnalyzerExceptions.Count > 0)
        {
            await Console.Error.WriteLineAsync("warning: build-file analyzers threw (AD0001); an analyzer exception is a bug: " + string.Join("; ", buildFiles.AnalyzerExceptions)).ConfigureAwait(false);
        }

        if (peers is not null && peers.LoadProblems.Count > 0)
        {
            await Console.Error.WriteLineAsync("warning: problems loading the peers: " + string.Join("; ", peers.LoadProblems)).ConfigureAwait(false);
        }

        return report.AnyGateFailed ? ExitGateFailed : ExitSuccess;
    }

    private static (Corpus Corpus, CorpusInfo Info) LoadCorpus(BenchmarkOptions options)
    {
        if (options.CorpusFolder is { } folder)
        {
            Progress($"parsing *.cs under {folder}");
            var fromFolder = Corpus.FromFolder(folder, options.ImplicitUsings);
            return (fromFolder, new CorpusInfo("folder", fromFolder.Description, null, fromFolder.Files, fromFolder.Lines));
        }

        var shape = options.WorstShape ? "worst case: every action a web source and a SQL sink" : "realistic";
        Progress($"generating {options.Lines:N0} lines in {options.GeneratedFiles:N0} files ({shape}, seed {options.Seed})");
        var documents = options.WorstShape
            ? TaintCorpusGenerator.WorstCase(options.Lines, options.GeneratedFiles, options.Seed)
            : CorpusGenerator.Generate(options.Lines, options.GeneratedFiles, options.Seed);
        if (options.EmitFolder is { } emit)
        {
            Progress($"writing the generated corpus to {Path.GetFullPath(emit)}");
            var largeMethod = options.WorstShape ? TaintCorpusGenerator.TaintMethod(options.TaintMethodLines) : CorpusGenerator.LargeMethod(options.MethodLines, options.Seed);
            Emit(emit, [.. documents, largeMethod]);
        }

        var description = $"generated, {shape} (seed {options.Seed})";
        var corpus = Corpus.FromDocuments(description, documents);
        return (corpus, new CorpusInfo(options.WorstShape ? "generated worst case" : "generated", description, options.Seed, corpus.Files, corpus.Lines));
    }

    private static async Task<BuildFileResult> MeasureBuildFilesAsync(BenchmarkOptions options, IReadOnlyList<AnalyzerInfo> analyzers, ReferenceSet references, CancellationToken cancellationToken)
    {
        var buildFileAnalyzers = analyzers.Where(BuildFileMeasurement.IsBuildFileAnalyzer).ToList();
        var project = BuildFileProject.Create(options.Seed, options.BuildFilePackages);
        if (options.EmitFolder is { } emitBuildFiles)
        {
            Progress($"writing the generated build files to {Path.GetFullPath(Path.Combine(emitBuildFiles, "buildfiles"))}");
            foreach (var file in project.Files())
            {
                var path = Path.Combine(emitBuildFiles, "buildfiles", file.Path.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        Progress($"build files: {buildFileAnalyzers.Count} analyzers in {RuleCategory.Dependencies}; {project.Description}");
        return await BuildFileMeasurement.RunAsync(project, references, buildFileAnalyzers, options.BuildFileIterations, Progress, cancellationToken).ConfigureAwait(false);
    }

    private static BenchmarkReport CreateReport(
        BenchmarkOptions options,
        ReferenceSet references,
        CorpusInfo corpus,
        IReadOnlyList<AnalyzerInfo> analyzers,
        MeasurementResult result,
        DataflowCounters dataflow,
        IReadOnlyList<KindScore>? injection,
        IReadOnlyList<PlantedRuleScore>? planted,
        PeerComparisonResult? peers,
        IReadOnlyList<ScalingSeries>? scaling,
        IdeLatencyResult? ide,
        BuildFileResult? buildFiles)
    {
        var supported = analyzers.SelectMany(a => a.RuleIds).ToHashSet(StringComparer.Ordinal);

        // A C# corpus has no build files: the build-file rules are exercised by their own section.
        var buildFileRules = analyzers.Where(BuildFileMeasurement.IsBuildFileAnalyzer).SelectMany(a => a.RuleIds).ToHashSet(StringComparer.Ordinal);
        var findings = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in supported)
        {
            findings[id] = 0;
        }

        foreach (var (id, count) in result.FindingsById)
        {
            findings[id] = count;
        }

        var environment = new EnvironmentInfo(
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture,
            Environment.ProcessorCount,
            "Microsoft.CodeAnalysis.CSharp " + InformationalVersion(typeof(CSharpCompilation).Assembly),
#if DEBUG
            "Debug (numbers are not representative; use -c Release)",
#else
            "Release",
#endif
            references.Source);

        return new BenchmarkReport(
            environment,
            corpus,
            options.Iterations,
            result,
            dataflow,
            findings,
            // Rules with a documented reason are not asked for: their reason is printed instead.
            supported.Where(id => findings[id] == 0 && !buildFileRules.Contains(id) && !RuleCoverage.WhyNoFinding.ContainsKey(id)).Order(StringComparer.Ordinal).ToList(),
            RuleCoverage.WhyNoFinding.Where(p => supported.Contains(p.Key) && findings[p.Key] == 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            CatalogRules.All.Select(d => d.Id).Where(id => !supported.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList(),
            injection,
            planted,
            peers,
            scaling,
            ide,
            options.MaxRatio,
            options.MaxRatio is { } max && result.TotalRatio > max,
            options.MaxSlope,
            options.MaxSlope is { } maxSlope && scaling is not null ? Scaling.Exceeding(scaling, maxSlope) : [],
            options.MaxIdeMilliseconds,
            options.MaxIdeMilliseconds is { } maxIde && ide is not null && ide.Added.P95 > maxIde,
            buildFiles,
            options.MaxBuildFileMilliseconds,
            options.MaxBuildFileMilliseconds is { } maxMs && buildFiles is not null && buildFiles.WarmMilliseconds > maxMs,
            buildFiles is not null && !buildFiles.ParseChecksPassed);
    }

    private static void Emit(string folder, IEnumerable<SourceDocument> documents)
    {
        foreach (var document in documents)
        {
            var path = Path.Combine(folder, document.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, document.Text);
        }
    }

    private static string InformationalVersion(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }

    private static void Progress(string message) => Console.Error.WriteLine("... " + message);
}
