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

        Corpus corpus;
        CorpusInfo corpusInfo;
        if (options.CorpusFolder is { } corpusFolder)
        {
            Progress($"parsing *.cs under {corpusFolder}");
            corpus = Corpus.FromFolder(corpusFolder, options.ImplicitUsings);
            if (corpus.Files == 0)
            {
                await Console.Error.WriteLineAsync($"error: no *.cs files under '{corpus.Description}' (bin, obj and .git are skipped).").ConfigureAwait(false);
                return ExitUsage;
            }

            corpusInfo = new CorpusInfo("folder", corpus.Description, null, corpus.Files, corpus.Lines);
        }
        else
        {
            Progress($"generating {options.Lines:N0} lines in {options.GeneratedFiles:N0} files (seed {options.Seed})");
            var documents = CorpusGenerator.Generate(options.Lines, options.GeneratedFiles, options.Seed);
            if (options.EmitFolder is { } emit)
            {
                Progress($"writing the generated corpus to {Path.GetFullPath(emit)}");
                Emit(emit, [.. documents, CorpusGenerator.LargeMethod(options.MethodLines, options.Seed)]);
            }

            var description = $"generated (seed {options.Seed})";
            corpus = Corpus.FromDocuments(description, documents);
            corpusInfo = new CorpusInfo("generated", description, options.Seed, corpus.Files, corpus.Lines);
        }

        var cancellationToken = CancellationToken.None;

        // First, so that "first analysis in the process" includes the JIT of the build-file analyzers and parsers.
        BuildFileResult? buildFiles = null;
        if (options.BuildFiles)
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
            buildFiles = await BuildFileMeasurement.RunAsync(project, references, buildFileAnalyzers, options.BuildFileIterations, Progress, cancellationToken).ConfigureAwait(false);
        }

        Progress($"measuring {corpus.Files:N0} files, {corpus.Lines:N0} lines: {options.Iterations} iterations + warm-up, {analyzers.Length} analyzers");
        var result = await Measurement.RunAsync(corpus, corpus.Compile(references), analyzers, options.Iterations, warmUp: true, cancellationToken).ConfigureAwait(false);

        List<ScalingPoint>? corpusScaling = null;
        List<ScalingPoint>? methodScaling = null;
        if (options.Scaling)
        {
            corpusScaling = [];
            foreach (var (label, fraction) in new[] { ("1/4", 0.25), ("1/2", 0.5) })
            {
                var part = corpus.Prefix(fraction);
                Progress($"corpus scaling {label}: {part.Files:N0} files, {part.Lines:N0} lines");
                var partResult = await Measurement.RunAsync(part, part.Compile(references), analyzers, options.Iterations, warmUp: false, cancellationToken).ConfigureAwait(false);
                corpusScaling.Add(ScalingPoint.From(label, partResult));
            }

            corpusScaling.Add(ScalingPoint.From("full", result));

            methodScaling = [];
            foreach (var (label, lines) in new[] { ("1/4", options.MethodLines / 4), ("1/2", options.MethodLines / 2), ("full", options.MethodLines) })
            {
                var method = Corpus.FromDocuments("one large method", [CorpusGenerator.LargeMethod(lines, options.Seed)]);
                Progress($"method scaling {label}: one method, {method.Lines:N0} lines");
                var methodResult = await Measurement.RunAsync(method, method.Compile(references), analyzers, options.Iterations, warmUp: methodScaling.Count == 0, cancellationToken).ConfigureAwait(false);
                methodScaling.Add(ScalingPoint.From(label, methodResult));
            }
        }

        var report = CreateReport(options, references, corpusInfo, analyzers, result, corpusScaling, methodScaling, buildFiles);
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

        if (result.AnalyzerExceptions.Count > 0)
        {
            await Console.Error.WriteLineAsync("warning: analyzers threw (AD0001); an analyzer exception is a bug: " + string.Join("; ", result.AnalyzerExceptions)).ConfigureAwait(false);
        }

        if (buildFiles is not null && buildFiles.AnalyzerExceptions.Count > 0)
        {
            await Console.Error.WriteLineAsync("warning: build-file analyzers threw (AD0001); an analyzer exception is a bug: " + string.Join("; ", buildFiles.AnalyzerExceptions)).ConfigureAwait(false);
        }

        return report.MaxRatioExceeded || report.MaxBuildFileMillisecondsExceeded || report.BuildFileParseChecksFailed ? ExitGateFailed : ExitSuccess;
    }

    private static BenchmarkReport CreateReport(
        BenchmarkOptions options,
        ReferenceSet references,
        CorpusInfo corpus,
        IReadOnlyList<AnalyzerInfo> analyzers,
        MeasurementResult result,
        IReadOnlyList<ScalingPoint>? corpusScaling,
        IReadOnlyList<ScalingPoint>? methodScaling,
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
            findings,
            supported.Where(id => findings[id] == 0 && !buildFileRules.Contains(id)).Order(StringComparer.Ordinal).ToList(),
            CatalogRules.All.Select(d => d.Id).Where(id => !supported.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList(),
            corpusScaling,
            methodScaling,
            options.MaxRatio,
            options.MaxRatio is { } max && result.TotalRatio > max,
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
