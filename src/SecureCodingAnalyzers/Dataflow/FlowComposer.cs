using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The interprocedural part of the engine, run once per compilation over the summaries of every analyzed method.
/// First it computes, to a fixpoint over the call graph, which parameters of each method reach its return value and
/// with which cleaning (the summary applied at every call site, never a re-analysis). Then it follows every source
/// whose taint leaves its method (through arguments, return values and fields) to the sinks it reaches. A flow into a
/// helper's parameter is reported at the outermost call site that passed the untrusted value, naming the sink inside
/// the helper; other flows are reported at the sink.
/// </summary>
internal sealed class FlowComposer
{
    private const int MaxSummaryRounds = 16;
    private const int MaxCleanVariants = 8;

    private readonly Dictionary<IMethodSymbol, MethodFacts> _methods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<(MethodFacts Caller, int Call)>> _callers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<(MethodFacts Reader, int Field)>> _fieldReaders = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<MethodFacts, Dictionary<Origin, List<FlowFact>>> _byOrigin = new();
    private readonly Dictionary<(IMethodSymbol, int), List<SinkKind>> _returns = new();
    private readonly CancellationToken _cancellationToken;

    private FlowComposer(IEnumerable<MethodFacts> methods, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;

        // A stable order: the set of findings never depends on the order methods were analyzed in.
        foreach (var facts in methods.OrderBy(m => m.Method.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
                     .ThenBy(m => m.Method.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
        {
            if (_methods.ContainsKey(facts.Method))
            {
                continue;
            }

            _methods.Add(facts.Method, facts);
            var byOrigin = new Dictionary<Origin, List<FlowFact>>();
            foreach (var fact in facts.Facts)
            {
                if (!byOrigin.TryGetValue(fact.Origin, out var list))
                {
                    byOrigin.Add(fact.Origin, list = new List<FlowFact>());
                }

                list.Add(fact);
                if (fact.Origin.Kind == OriginKind.Field && fact.Origin.Index < facts.Fields.Count)
                {
                    Add(_fieldReaders, facts.Fields[fact.Origin.Index], (facts, fact.Origin.Index));
                }
            }

            _byOrigin.Add(facts, byOrigin);
            for (var i = 0; i < facts.Calls.Count; i++)
            {
                Add(_callers, facts.Calls[i].Callee, (facts, i));
            }
        }
    }

    /// <summary>A flow found by the composition.</summary>
    internal sealed class Finding
    {
        public Finding(SourceSite source, SinkSite sink, IMethodSymbol sinkMethod, Location report, List<Location> steps)
        {
            Source = source;
            Sink = sink;
            SinkMethod = sinkMethod;
            Report = report;
            Steps = steps;
        }

        public SourceSite Source { get; }

        public SinkSite Sink { get; }

        public IMethodSymbol SinkMethod { get; }

        /// <summary>Where the diagnostic goes: the sink, or the call site that passed the value into a helper.</summary>
        public Location Report { get; }

        /// <summary>Call sites and field writes along the way.</summary>
        public List<Location> Steps { get; }
    }

    /// <summary>Composes the summaries and returns every interprocedural flow that counts under <paramref name="counts"/>.</summary>
    public static List<Finding> Compose(IEnumerable<MethodFacts> methods, Func<SourceSite, SinkSite, Location, bool> counts, CancellationToken cancellationToken)
    {
        var composer = new FlowComposer(methods, cancellationToken);
        composer.ComputeReturnSummaries();
        return composer.FollowSources(counts);
    }

    // ---- summaries: which parameters reach the return value ----

    private void ComputeReturnSummaries()
    {
        var changed = true;
        for (var round = 0; changed && round < MaxSummaryRounds; round++)
        {
            changed = false;
            foreach (var facts in _methods.Values)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                foreach (var origin in _byOrigin[facts].Keys)
                {
                    if (origin.Kind != OriginKind.Parameter)
                    {
                        continue;
                    }

                    foreach (var (fact, clean) in Closure(facts, origin, SinkKind.None))
                    {
                        if (fact.Target == TargetKind.Return && AddVariant(_returns, (facts.Method, origin.Index), clean))
                        {
                            changed = true;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Every fact reachable from <paramref name="origin"/> inside one method, with the cleaning accumulated on the
    /// way; a call's result is reached through the callee's return summary.
    /// </summary>
    private List<(FlowFact Fact, SinkKind Clean)> Closure(MethodFacts facts, Origin origin, SinkKind clean)
    {
        var result = new List<(FlowFact, SinkKind)>();
        var byOrigin = _byOrigin[facts];
        var visited = new HashSet<(Origin, SinkKind)>();
        var stack = new Stack<(Origin, SinkKind)>();
        stack.Push((origin, clean));
        while (stack.Count > 0)
        {
            var (current, currentClean) = stack.Pop();
            if (!visited.Add((current, currentClean)) || !byOrigin.TryGetValue(current, out var outgoing))
            {
                continue;
            }

            foreach (var fact in outgoing)
            {
                var reached = currentClean | fact.Clean;
                result.Add((fact, reached));
                if (fact.Target == TargetKind.CallArgument
                    && _returns.TryGetValue((facts.Calls[fact.Index].Callee, fact.Argument), out var variants))
                {
                    foreach (var variant in variants)
                    {
                        stack.Push((new Origin(OriginKind.CallResult, fact.Index), reached | variant));
                    }
                }
            }
        }

        return result;
    }

    // ---- following sources across methods ----

    private List<Finding> FollowSources(Func<SourceSite, SinkSite, Location, bool> counts)
    {
        var best = new Dictionary<(Location, SinkKind), Finding>();
        foreach (var facts in _methods.Values)
        {
            for (var s = 0; s < facts.Sources.Count; s++)
            {
                if (LeavesMethod(facts, new Origin(OriginKind.Source, s)))
                {
                    Follow(facts.Sources[s], facts, new Origin(OriginKind.Source, s), inCallee: false, counts, best);
                }
            }

            foreach (var handler in facts.Handlers)
            {
                if (_methods.TryGetValue(handler, out var handlerFacts))
                {
                    FollowHandler(handlerFacts, counts, best);
                }
            }
        }

        return best.Values.ToList();
    }

    /// <summary>A minimal-API handler given as a method group: its request-bound parameters are sources.</summary>
    private void FollowHandler(MethodFacts handler, Func<SourceSite, SinkSite, Location, bool> counts, Dictionary<(Location, SinkKind), Finding> best)
    {
        foreach (var parameter in handler.Method.Parameters)
        {
            if (parameter.Locations.Length == 0 || !_byOrigin[handler].ContainsKey(new Origin(OriginKind.Parameter, parameter.Ordinal)))
            {
                continue;
            }

            var source = new SourceSite(parameter.Locations[0], SourceGroup.Web, "untrusted HTTP input '" + parameter.Name + "'", SinkKind.Everything);
            Follow(source, handler, new Origin(OriginKind.Parameter, parameter.Ordinal), inCallee: true, counts, best);
        }
    }

    private bool LeavesMethod(MethodFacts facts, Origin origin)
    {
        foreach (var (fact, _) in Closure(facts, origin, SinkKind.None))
        {
            if (fact.Target != TargetKind.Sink || fact.Origin.Kind != OriginKind.Source)
            {
                return true;
            }
        }

        return false;
    }

    private void Follow(SourceSite source, MethodFacts start, Origin origin, bool inCallee, Func<SourceSite, SinkSite, Location, bool> counts, Dictionary<(Location, SinkKind), Finding> best)
    {
        var visited = new HashSet<(MethodFacts, Origin, SinkKind, bool, Location?)>();
        var queue = new Queue<(MethodFacts Facts, Origin Origin, SinkKind Clean, bool InCallee, Location? Entry, List<Location> Steps)>();
        queue.Enqueue((start, origin, SinkKind.None, inCallee, null, new List<Location>()));
        while (queue.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var (facts, current, clean, callee, entry, steps) = queue.Dequeue();
            if (!visited.Add((facts, current, clean, callee, entry)))
            {
                continue;
            }

            foreach (var (fact, reached) in Closure(facts, current, clean))
            {
                switch (fact.Target)
                {
                    case TargetKind.Sink:
                        var sink = facts.Sinks[fact.Index];
                        var direct = facts == start && entry is null && facts.ReportedSinks.Contains(fact.Index);
                        if ((reached & sink.Kind) == 0 && !direct && !(facts == start && entry is null && fact.Origin.Equals(origin) && origin.Kind == OriginKind.Source))
                        {
                            var report = entry ?? sink.Location;
                            if (counts(source, sink, report))
                            {
                                Keep(best, new Finding(source, sink, facts.Method, report, steps));
                            }
                        }

                        break;
                    case TargetKind.CallArgument when _methods.TryGetValue(facts.Calls[fact.Index].Callee, out var callee2):
                        queue.Enqueue((callee2, new Origin(OriginKind.Parameter, fact.Argument), reached, true, entry ?? fact.Location, Append(steps, fact.Location)));
                        break;
                    case TargetKind.Return when !callee && _callers.TryGetValue(facts.Method, out var callers):
                        foreach (var (caller, call) in callers)
                        {
                            queue.Enqueue((caller, new Origin(OriginKind.CallResult, call), reached, false, entry, Append(steps, caller.Calls[call].Location)));
                        }

                        break;
                    case TargetKind.FieldWrite when fact.Index < facts.Fields.Count && _fieldReaders.TryGetValue(facts.Fields[fact.Index], out var readers):
                        foreach (var (reader, field) in readers)
                        {
                            queue.Enqueue((reader, new Origin(OriginKind.Field, field), reached, false, null, Append(steps, fact.Location)));
                        }

                        break;
                }
            }
        }
    }

    private static List<Location> Append(List<Location> steps, Location? step)
    {
        if (step is null || steps.Count >= 8)
        {
            return steps;
        }

        return new List<Location>(steps) { step };
    }

    /// <summary>One finding per report location and rule: the source that comes first in the sources.</summary>
    private static void Keep(Dictionary<(Location, SinkKind), Finding> best, Finding finding)
    {
        var key = (finding.Report, finding.Sink.Kind);
        if (!best.TryGetValue(key, out var existing) || Compare(finding.Source.Location, existing.Source.Location) < 0)
        {
            best[key] = finding;
        }
    }

    internal static int Compare(Location a, Location b)
    {
        var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
        return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
    }

    private static bool AddVariant(Dictionary<(IMethodSymbol, int), List<SinkKind>> map, (IMethodSymbol, int) key, SinkKind clean)
    {
        if (!map.TryGetValue(key, out var variants))
        {
            map.Add(key, variants = new List<SinkKind>());
        }

        if (variants.Contains(clean))
        {
            return false;
        }

        if (variants.Count >= MaxCleanVariants)
        {
            // Conservative merge: a value cleaned for fewer kinds is reported more often, never less.
            var merged = clean;
            foreach (var variant in variants)
            {
                merged &= variant;
            }

            if (variants.Contains(merged))
            {
                return false;
            }

            variants.Clear();
            variants.Add(merged);
            return true;
        }

        variants.Add(clean);
        return true;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map.Add(key, list = new List<TValue>());
        }

        list.Add(value);
    }
}
