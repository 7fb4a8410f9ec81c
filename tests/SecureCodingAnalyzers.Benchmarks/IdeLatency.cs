using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>Median, 95th percentile (nearest rank) and maximum of a latency sample, in ms.</summary>
internal sealed record LatencyStats(double P50, double P95, double Max)
{
    public static LatencyStats From(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double Rank(double p) => sorted.Length == 0 ? 0 : Measurement.Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);
        return new LatencyStats(Rank(0.5), Rank(0.95), Rank(1.0));
    }
}

/// <summary>What the IDE measurement found: per edit, the package's added latency and its parts.</summary>
internal sealed record IdeLatencyResult(
    int Files,
    int Lines,
    int DocumentLines,
    int Edits,
    LatencyStats Added,
    LatencyStats WithPackage,
    LatencyStats Baseline,
    LatencyStats AnalyzerExecution,
    LatencyStats CompilerDiagnostics,
    int Findings);

/// <summary>
/// IDE latency: a 100-file compilation (the realistic corpus plus one 1,000-line controller in which every action has
/// a source and a SQL sink) is warmed, then that document is edited repeatedly (a string literal changes, the tree is
/// re-parsed incrementally and replaced in the compilation, as the IDE does) and its analyzer diagnostics are computed
/// with <see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, TextSpan?, CancellationToken)"/>:
/// once with the package's analyzers and once with an idle analyzer that only asks for the document's operations
/// (the driver, binding and operation trees every IDE analyzer host pays). Added latency = the difference, per edit.
/// </summary>
internal static class IdeLatency
{
    public const int Files = 100;
    public const int DocumentLines = 1_000;
    private const int WarmUpEdits = 3;

    public static async Task<IdeLatencyResult> RunAsync(int edits, int seed, ReferenceSet references, IReadOnlyList<AnalyzerInfo> analyzers, CancellationToken cancellationToken)
    {
        // The domain model + 98 files + the edited document.
        var documents = CorpusGenerator.Generate((Files - 1) * 250, Files - 2, seed);
        var corpus = Corpus.FromDocuments("IDE", [.. documents, TaintCorpusGenerator.EditedDocument(DocumentLines, seed, Revision(0))]);
        var compilation = corpus.Compile(references);
        var tree = compilation.SyntaxTrees[^1];
        compilation.GetDiagnostics(cancellationToken);

        var package = analyzers.Select(a => a.Instance).ToImmutableArray();
        ImmutableArray<DiagnosticAnalyzer> idle = [new IdleAnalyzer()];
        var added = new List<double>();
        var withPackage = new List<double>();
        var baseline = new List<double>();
        var execution = new List<double>();
        var compiler = new List<double>();
        var findings = 0;
        for (var edit = 1; edit <= WarmUpEdits + edits; edit++)
        {
            var text = tree.GetText(cancellationToken);
            var literal = text.ToString().IndexOf(Revision(edit - 1), StringComparison.Ordinal);
            var newTree = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(literal, Revision(edit - 1).Length), Revision(edit))));
            compilation = compilation.ReplaceSyntaxTree(tree, newTree);
            tree = newTree;

            // Alternate the order so neither side always runs on a heap the other left behind.
            var idleFirst = edit % 2 == 0;
            var first = await AnalyzeAsync(compilation, tree, idleFirst ? idle : package, cancellationToken).ConfigureAwait(false);
            var second = await AnalyzeAsync(compilation, tree, idleFirst ? package : idle, cancellationToken).ConfigureAwait(false);
            var (ours, reference) = idleFirst ? (second, first) : (first, second);
            var compilerMilliseconds = CompilerDiagnostics(compilation, tree, cancellationToken);
            if (edit <= WarmUpEdits)
            {
                continue;
            }

            added.Add(ours.Milliseconds - reference.Milliseconds);
            withPackage.Add(ours.Milliseconds);
            baseline.Add(reference.Milliseconds);
            execution.Add(ours.AnalyzerMilliseconds);
            compiler.Add(compilerMilliseconds);
            findings = ours.Findings;
        }

        return new IdeLatencyResult(
            corpus.Files,
            corpus.Lines,
            corpus.LinesPerTree[^1],
            edits,
            LatencyStats.From(added),
            LatencyStats.From(withPackage),
            LatencyStats.From(baseline),
            LatencyStats.From(execution),
            LatencyStats.From(compiler),
            findings);
    }

    private static string Revision(int edit) => "\"r" + edit.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    private static async Task<(double Milliseconds, double AnalyzerMilliseconds, int Findings)> AnalyzeAsync(
        CSharpCompilation compilation,
        SyntaxTree tree,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CancellationToken cancellationToken)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        Measurement.Collect();
        var stopwatch = Stopwatch.StartNew();
        var model = withAnalyzers.Compilation.GetSemanticModel(tree);
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();

        double analyzerMilliseconds = 0;
        foreach (var analyzer in analyzers)
        {
            analyzerMilliseconds += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
        }

        return (stopwatch.Elapsed.TotalMilliseconds, analyzerMilliseconds, diagnostics.Length);
    }

    /// <summary>The compiler alone on the edited document (declaration and method-body diagnostics), for scale.</summary>
    private static double CompilerDiagnostics(CSharpCompilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var fresh = compilation.Clone();
        Measurement.Collect();
        var stopwatch = Stopwatch.StartNew();
        fresh.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken);
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    // The harness's only analyzer: never shipped, never loaded by a compiler, so the analyzer-project rules do not apply
    // (RS1038: the harness references the tool, hence Workspaces, for its evidence mode).
#pragma warning disable RS1036, RS1038, RS1041, RS2008

    /// <summary>Asks for every operation block and does nothing: the cost any analyzer host pays for a document.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class IdleAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("BENCH0001", "Idle", "Idle", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterOperationBlockAction(_ => { });
        }
    }
#pragma warning restore RS1036, RS1038, RS1041, RS2008
}
