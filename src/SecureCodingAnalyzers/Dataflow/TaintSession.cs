using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// One compilation's run of the engine: every body is filtered cheaply, analyzed when it has both an origin and a
/// target of taint, and its same-method flows are reported at once (live in the IDE). The summaries are kept and
/// composed once at the end of the compilation (command-line builds and full-solution analysis) to report flows that
/// cross methods.
/// </summary>
internal sealed class TaintSession
{
    private readonly TaintModel _model;
    private readonly ImmutableArray<(TaintRule Rule, TaintRuleOptions Options)> _rules;
    private readonly DiagnosticDescriptor _budgetExceeded;
    private readonly DiagnosticDescriptor? _sameOriginCheck;
    private readonly ConcurrentBag<MethodFacts> _summaries = new();

    // Findings reported where their data comes from (SCR4004), so that the composition does not report them twice.
    private readonly ConcurrentDictionary<(Location, SinkKind), bool> _reportedAtSource = new();

    private readonly Options.IntegerRuleOption _maxSteps;


    public TaintSession(TaintModel model, ImmutableArray<(TaintRule Rule, TaintRuleOptions Options)> rules, DiagnosticDescriptor budgetExceeded, Options.IntegerRuleOption maxSteps, DiagnosticDescriptor? sameOriginCheck = null)
    {
        _sameOriginCheck = sameOriginCheck;
        _maxSteps = maxSteps;
        _model = model;
        _rules = rules;
        _budgetExceeded = budgetExceeded;
    }

    public void AnalyzeBlock(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol method || Body(context.OperationBlocks) is not { } block)
        {
            return;
        }

        DataflowTelemetry.Seen();
        var body = block.Root();
        var configuration = Configuration(context.Options, body.Syntax.SyntaxTree);
        var shape = CandidateFilter.Classify(_model, configuration, method, body);
        if (shape == BodyShape.None)
        {
            return;
        }

        var maxSteps = _maxSteps.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(body.Syntax.SyntaxTree));
        var facts = shape == BodyShape.Straight
            ? MethodAnalysis.RunStraight(_model, configuration, method, body, context.CancellationToken, maxSteps)
            : MethodAnalysis.Run(_model, configuration, method, context.GetControlFlowGraph(block), context.CancellationToken, maxSteps);
        ReportLocal(facts, configuration, context.ReportDiagnostic);
        if (facts.Degradation is { } reason && method.Locations.Length > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(_budgetExceeded, method.Locations[0], method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), reason));
        }

        if (facts.HasSummary)
        {
            _summaries.Add(facts);
        }
    }

    public void Compose(CompilationAnalysisContext context)
    {
        if (_summaries.IsEmpty)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var findings = FlowComposer.Compose(
            _summaries,
            (source, sink, report) => Counts(Configuration(context.Options, report.SourceTree), source, sink),
            context.CancellationToken);
        DataflowTelemetry.Composed(System.Diagnostics.Stopwatch.GetTimestamp() - started);
        foreach (var finding in findings.OrderBy(f => f.Report.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(f => f.Report.SourceSpan.Start))
        {
            var rule = _model.RuleOf(finding.Sink.Kind);
            if (rule is null)
            {
                continue;
            }

            if (rule.ReportsAtSource)
            {
                if (_reportedAtSource.TryAdd((finding.Source.Location, rule.Kind), true))
                {
                    context.ReportDiagnostic(AtSource(rule, finding.Source, finding.Sink.Location, finding.Sink.Description + " in " + finding.SinkMethod.ContainingType.Name + "." + finding.SinkMethod.Name));
                }

                continue;
            }

            var sinkText = Describe(finding.Sink.Description, finding.Sink.Location, finding.Report);
            if (!finding.Sink.Location.Equals(finding.Report))
            {
                sinkText = finding.Sink.Description + " in " + finding.SinkMethod.ContainingType.Name + "." + finding.SinkMethod.Name + Where(finding.Sink.Location, finding.Report);
            }

            var additional = new List<Location> { finding.Source.Location };
            additional.AddRange(finding.Steps.Where(s => !s.Equals(finding.Report)));
            if (!finding.Sink.Location.Equals(finding.Report))
            {
                additional.Add(finding.Sink.Location);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                rule.Descriptor,
                finding.Report,
                additional.Distinct().ToArray(),
                Describe(finding.Source.Description, finding.Source.Location, finding.Report),
                sinkText));
        }
    }

    private Diagnostic AtSource(TaintRule rule, SourceSite source, Location sink, string sinkDescription)
        => Diagnostic.Create(
            rule.Descriptor,
            source.Location,
            new[] { sink },
            source.Description,
            sinkDescription + Where(sink, source.Location));

    private void ReportLocal(MethodFacts facts, TaintConfiguration configuration, Action<Diagnostic> report)
    {
        if (_sameOriginCheck is not null)
        {
            foreach (var (location, text) in facts.SameOriginChecks)
            {
                report(Diagnostic.Create(_sameOriginCheck, location, text));
            }
        }

        Dictionary<int, SourceSite>? first = null;
        foreach (var fact in facts.Facts)
        {
            if (fact.Target != TargetKind.Sink || fact.Origin.Kind != OriginKind.Source)
            {
                continue;
            }

            var source = facts.Sources[fact.Origin.Index];
            var sink = facts.Sinks[fact.Index];
            if (!Counts(configuration, source, sink))
            {
                continue;
            }

            if (_model.RuleOf(sink.Kind) is { ReportsAtSource: true } atSource)
            {
                // One finding per source (the URL to fix), not per sink.
                facts.ReportedSinks.Add(fact.Index);
                if (_reportedAtSource.TryAdd((source.Location, atSource.Kind), true))
                {
                    report(AtSource(atSource, source, sink.Location, sink.Description));
                }

                continue;
            }

            first ??= new Dictionary<int, SourceSite>();
            if (!first.TryGetValue(fact.Index, out var existing) || FlowComposer.Compare(source.Location, existing.Location) < 0)
            {
                first[fact.Index] = source;
            }
        }

        if (first is null)
        {
            return;
        }

        foreach (var pair in first.OrderBy(p => p.Key))
        {
            var sink = facts.Sinks[pair.Key];
            if (_model.RuleOf(sink.Kind) is not { } rule)
            {
                continue;
            }

            facts.ReportedSinks.Add(pair.Key);
            report(Diagnostic.Create(
                rule.Descriptor,
                sink.Location,
                new[] { pair.Value.Location },
                Describe(pair.Value.Description, pair.Value.Location, sink.Location),
                Describe(sink.Description, sink.Location, sink.Location)));
        }
    }

    private static bool Counts(TaintConfiguration configuration, SourceSite source, SinkSite sink)
        => (source.AppliesTo & sink.Kind) != 0 && configuration.Counts(source.Group, sink.Kind);

    private TaintConfiguration Configuration(AnalyzerOptions options, SyntaxTree? tree)
        => TaintConfiguration.For(tree is null ? options.AnalyzerConfigOptionsProvider.GlobalOptions : options.AnalyzerConfigOptionsProvider.GetOptions(tree), _rules);

    /// <summary>"untrusted HTTP input 'id' (line 12)", or "(Repository.cs line 40)" when in another file than the report.</summary>
    private static string Describe(string what, Location location, Location report) => what + Where(location, report);

    private static string Where(Location location, Location report)
    {
        var line = (location.GetLineSpan().StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
        return location.SourceTree == report.SourceTree || location.SourceTree is null
            ? " (line " + line + ")"
            : " (" + Path.GetFileName(location.SourceTree.FilePath) + " line " + line + ")";
    }

    /// <summary>The operation block of a method, constructor, accessor or top-level program body.</summary>
    private static IOperation? Body(ImmutableArray<IOperation> blocks)
    {
        foreach (var block in blocks)
        {
            // The context's blocks may be the body's inner block; the graph is built for its root.
            if (block.Root().Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block)
            {
                return block;
            }
        }

        return null;
    }
}
