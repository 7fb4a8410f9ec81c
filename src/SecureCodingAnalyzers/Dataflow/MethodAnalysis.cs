using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The intraprocedural part of the engine: a forward dataflow over the control-flow graph of one body, with the
/// taint of every variable as origin bits (<see cref="OriginTable"/>). Locals, parameters, fields and properties of
/// <c>this</c>, static fields of the compilation and the graph's flow captures are variables; an assignment replaces
/// their taint (overwrite kills taint), joins at merge points take the union, and a guard on a conditional branch
/// cleans the guarded variable on the edge where the guard holds, so only guards that dominate a sink protect it.
/// Lambdas and local functions are analyzed where they are used, with the taint of the variables they capture.
/// Calls into the compilation are not followed: they become facts of the method's summary
/// (<see cref="MethodFacts"/>), composed once per compilation by <see cref="FlowComposer"/>.
/// </summary>
internal sealed partial class MethodAnalysis
{
    /// <summary>Operations evaluated per body before the analysis stops (degrades), unless configured.</summary>
    internal const int DefaultMaxSteps = 400_000;

    /// <summary>Visits of one block before the analysis stops (loops converge in a few).</summary>
    internal const int MaxVisitsPerBlock = 32;

    private const int MaxNesting = 6;

    private const int LivenessThreshold = 32;

    private readonly TaintModel _model;
    private readonly TaintConfiguration _config;
    private readonly CancellationToken _cancellationToken;
    private readonly IMethodSymbol _owner;
    private readonly MethodFacts _facts;
    private readonly OriginTable _origins = new();
    private readonly Dictionary<ISymbol, int> _symbolSlots = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(ControlFlowGraph, CaptureId), int> _captureSlots = new();
    private Dictionary<string, int>? _fixedPathSlots;
    private readonly HashSet<(ControlFlowGraph, CaptureId)> _thisCaptures = new();
    private readonly Dictionary<(ControlFlowGraph, CaptureId), IOperation> _referenceCaptures = new();
    private readonly List<Taint> _initial = new();
    private readonly List<int> _lastUseBySlot = new();
    private readonly Dictionary<ILocalSymbol, int> _lastUse = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SyntaxNode, int> _sourceSites = new();
    private readonly Dictionary<(SyntaxNode, SinkKind), int> _sinkSites = new();
    private readonly Dictionary<SyntaxNode, int> _callSites = new();
    private readonly Dictionary<ISymbol, int> _fieldIndex = new(SymbolEqualityComparer.Default);
    private readonly List<ApiSpec> _specs = new();
    private readonly HashSet<IMethodSymbol> _activeLocalFunctions = new(SymbolEqualityComparer.Default);
    private readonly bool _isRequestHandler;
    private readonly bool _isEntryPoint;

    private Dictionary<int, Taint> _work = new();
    private ControlFlowGraph _graph = null!;
    private Taint _initializerTaint;
    private Taint _returned;

    /// <summary>On an operation tree: the path being evaluated has returned or thrown.</summary>
    private bool _exited;
    private readonly Stack<Taint> _conditionalReceivers = new();
    private int _nesting;
    private long _steps;
    private bool _stopped;

    private readonly int _maxSteps;

    /// <summary>The body's semantic model (graph operations have none), for reading validation helpers of the same file.</summary>
    private SemanticModel? _semanticModel;

    private MethodAnalysis(TaintModel model, TaintConfiguration config, IMethodSymbol owner, int maxSteps, CancellationToken cancellationToken)
    {
        _maxSteps = maxSteps;
        _model = model;
        _config = config;
        _owner = owner;
        _cancellationToken = cancellationToken;
        _facts = new MethodFacts(owner);
        _isRequestHandler = model.Web.IsRequestHandler(owner);
        _isEntryPoint = owner.IsStatic && (owner.Name == "<Main>$" || (owner.Name == "Main" && owner.Parameters.Length == 1 && owner.Parameters[0].Type is IArrayTypeSymbol));
    }

    /// <summary>Analyzes one body on its control-flow graph and returns its facts.</summary>
    public static MethodFacts Run(TaintModel model, TaintConfiguration config, IMethodSymbol owner, ControlFlowGraph graph, CancellationToken cancellationToken, int maxSteps = DefaultMaxSteps)
    {
        var analysis = new MethodAnalysis(model, config, owner, maxSteps, cancellationToken) { _semanticModel = graph.OriginalOperation.SemanticModel };
        return analysis.Finish(analysis.RunGraph(graph, TaintState.Empty));
    }

    /// <summary>
    /// Analyzes a straight-line body (<see cref="BodyShape.Straight"/>) on its operation tree: evaluation order is
    /// execution order, so one pass with the same transfer functions gives the graph's result without building it.
    /// </summary>
    public static MethodFacts RunStraight(TaintModel model, TaintConfiguration config, IMethodSymbol owner, IOperation body, CancellationToken cancellationToken, int maxSteps = DefaultMaxSteps)
    {
        var analysis = new MethodAnalysis(model, config, owner, maxSteps, cancellationToken) { _semanticModel = body.SemanticModel };
        analysis.NoteLastUses(body);
        analysis.Eval(body);
        return analysis.Finish(analysis._returned);
    }

    private MethodFacts Finish(Taint returned)
    {
        var analysis = this;
        analysis.RecordFacts(returned, TargetKind.Return, 0, 0, null);
        analysis._facts.Degradation = analysis._stopped
            ? "reaching its budget of " + analysis._maxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture) + " steps or " + MaxVisitsPerBlock.ToString(System.Globalization.CultureInfo.InvariantCulture) + " visits per block"
            : analysis._origins.Overflowed ? "tracking 64 distinct origins" : null;
        DataflowTelemetry.Analyzed(analysis._steps, analysis._facts.Degradation is not null);
        return analysis._facts;
    }

    // ---- the fixpoint over one graph ----

    private Taint RunGraph(ControlFlowGraph graph, TaintState entry)
    {
        var savedGraph = _graph;
        var savedWork = _work;
        _graph = graph;
        _work = new Dictionary<int, Taint>();
        try
        {
            return Fixpoint(graph, entry);
        }
        finally
        {
            _graph = savedGraph;
            _work = savedWork;
        }
    }

    private Taint Fixpoint(ControlFlowGraph graph, TaintState entry)
    {
        var blocks = graph.Blocks;
        var input = new TaintState?[blocks.Length];
        var visits = new int[blocks.Length];
        var dirty = new bool[blocks.Length];
        var handlers = HandlerEntries(graph);
        // Small graphs carry small states; liveness pays off only where states could grow with the method.
        var live = blocks.Length > LivenessThreshold ? Liveness(graph, handlers) : null;
        input[0] = entry;
        dirty[0] = true;
        var next = 0;
        var returned = Taint.None;

        while (!_stopped)
        {
            while (next < blocks.Length && !dirty[next])
            {
                next++;
            }

            if (next >= blocks.Length)
            {
                break;
            }

            var ordinal = next;
            dirty[ordinal] = false;
            _cancellationToken.ThrowIfCancellationRequested();
            if (++visits[ordinal] > MaxVisitsPerBlock || _steps > _maxSteps)
            {
                _stopped = true;
                break;
            }

            var block = blocks[ordinal];
            var state = input[ordinal]!;
            state.CopyTo(_work);
            foreach (var operation in block.Operations)
            {
                Eval(operation);
            }

            var branch = block.BranchValue is { } value ? Eval(value) : Taint.None;
            var output = TaintState.From(_work);

            if (handlers[ordinal] is { } entries)
            {
                var both = TaintState.Join(state, output, Initial);
                foreach (var handler in entries)
                {
                    Propagate(handler, both);
                }
            }

            if (block.ConditionalSuccessor is { Destination: { } jump })
            {
                var jumpsWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                Propagate(jump.Ordinal, Refine(block.BranchValue, jumpsWhen, output));
                if (block.FallThroughSuccessor is { Destination: { } fall })
                {
                    Propagate(fall.Ordinal, Refine(block.BranchValue, !jumpsWhen, output));
                }
            }
            else if (block.FallThroughSuccessor is { } successor)
            {
                if (successor.Semantics == ControlFlowBranchSemantics.Return)
                {
                    returned |= branch;
                }

                if (successor.Destination is { } destination)
                {
                    Propagate(destination.Ordinal, output);
                }
            }
        }

        return returned;

        void Propagate(int target, TaintState state)
        {
            state = live?.Filter(target, state) ?? state;
            var old = input[target];
            var joined = old is null ? state : TaintState.Join(old, state, Initial);
            if (old is null || !joined.SameAs(old))
            {
                input[target] = joined;
                dirty[target] = true;
                if (target < next)
                {
                    next = target;
                }
            }
        }
    }

    /// <summary>
    /// For every block inside a try, the entry blocks of the handlers (catch, filter, finally) of its innermost try.
    /// Exceptions are implicit in the graph; a handler's entry gets the join of the states of its try's blocks.
    /// Outer handlers are reached through the inner handler's blocks (which lie inside the outer try), so each block
    /// feeds a constant number of handlers however deeply <c>using</c> declarations nest.
    /// </summary>
    private static List<int>?[] HandlerEntries(ControlFlowGraph graph)
    {
        var result = new List<int>?[graph.Blocks.Length];
        var byRegion = new Dictionary<ControlFlowRegion, List<int>>();
        foreach (var block in graph.Blocks)
        {
            // Stop at this graph's root: a lambda's graph hangs under the regions of the method that contains it.
            for (var region = block.EnclosingRegion; region is not null && region != graph.Root; region = region.EnclosingRegion)
            {
                if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } owner)
                {
                    continue;
                }

                if (!byRegion.TryGetValue(owner, out var entries))
                {
                    entries = new List<int>();
                    for (var h = 1; h < owner.NestedRegions.Length; h++)
                    {
                        var handler = owner.NestedRegions[h];
                        if (handler.FirstBlockOrdinal >= 0 && handler.FirstBlockOrdinal < graph.Blocks.Length && IsWritten(graph, handler))
                        {
                            entries.Add(handler.FirstBlockOrdinal);
                        }
                    }

                    byRegion.Add(owner, entries);
                }

                result[block.Ordinal] = entries.Count > 0 ? entries : null;
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// False for handlers the compiler generated (the <c>Dispose</c> call of <c>using</c> and <c>foreach</c>): they read
    /// no data, and following every block of a deep <c>using</c> chain into them would make long methods quadratic.
    /// </summary>
    private static bool IsWritten(ControlFlowGraph graph, ControlFlowRegion handler)
    {
        var last = Math.Min(handler.LastBlockOrdinal, graph.Blocks.Length - 1);
        for (var b = Math.Max(handler.FirstBlockOrdinal, 0); b <= last; b++)
        {
            var block = graph.Blocks[b];
            foreach (var operation in block.Operations)
            {
                if (!operation.IsImplicit)
                {
                    return true;
                }
            }

            if (block.BranchValue is { IsImplicit: false })
            {
                return true;
            }
        }

        return false;
    }

    // ---- variables ----

    private Taint Initial(int slot) => _initial[slot];

    private Taint Get(int slot) => _work.TryGetValue(slot, out var value) ? value : _initial[slot];

    private void Set(int slot, Taint value) => _work[slot] = value;

    private int SlotOf(ISymbol symbol)
    {
        if (!_symbolSlots.TryGetValue(symbol, out var slot))
        {
            slot = _initial.Count;
            _symbolSlots.Add(symbol, slot);
            _initial.Add(InitialValue(symbol));
            _lastUseBySlot.Add(symbol is ILocalSymbol local && _lastUse.TryGetValue(local, out var end) ? end : int.MaxValue);
        }

        return slot;
    }

    /// <summary>
    /// On an operation tree, evaluation follows the source, so a local is dead after its last reference: recording
    /// where that is lets <see cref="DropDeadLocals"/> keep states small in long straight-line methods.
    /// </summary>
    private void NoteLastUses(IOperation body)
    {
        foreach (var operation in body.Descendants())
        {
            ILocalSymbol? local = operation switch
            {
                ILocalReferenceOperation reference => reference.Local,
                IVariableDeclaratorOperation declarator => declarator.Symbol,
                _ => null,
            };
            if (local is not null)
            {
                var end = operation.Syntax.Span.End;
                _lastUse[local] = _lastUse.TryGetValue(local, out var known) && known > end ? known : end;
            }
        }
    }

    /// <summary>Forgets the locals whose last reference lies before <paramref name="position"/> (operation trees only).</summary>
    private void DropDeadLocals(int position)
    {
        if (_lastUse.Count == 0 || _work.Count == 0)
        {
            return;
        }

        List<int>? dead = null;
        foreach (var slot in _work.Keys)
        {
            if (_lastUseBySlot[slot] < position)
            {
                (dead ??= new List<int>()).Add(slot);
            }
        }

        if (dead is not null)
        {
            foreach (var slot in dead)
            {
                _work.Remove(slot);
            }
        }
    }

    private int SlotOf(CaptureId id)
    {
        if (!_captureSlots.TryGetValue((_graph, id), out var slot))
        {
            slot = _initial.Count;
            _captureSlots.Add((_graph, id), slot);
            _initial.Add(Taint.None);
            _lastUseBySlot.Add(int.MaxValue);
        }

        return slot;
    }

    private Taint InitialValue(ISymbol symbol)
    {
        switch (symbol)
        {
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _owner) && _model.IsTaintable(parameter.Type):
                if (_isRequestHandler && _model.Web.IsBoundFromRequest(parameter))
                {
                    return SourceBit(parameter, SourceGroup.Web, "untrusted HTTP input '" + parameter.Name + "'");
                }

                if (_isEntryPoint)
                {
                    return SourceBit(parameter, SourceGroup.Process, "command-line argument '" + parameter.Name + "'");
                }

                return _origins.Bit(new Origin(OriginKind.Parameter, parameter.Ordinal));
            case IPropertySymbol property when _model.Web.IsBoundProperty(property):
                return SourceBit(property, SourceGroup.Web, "bound request property '" + property.Name + "'");
            case IFieldSymbol or IPropertySymbol when _model.IsTaintable(symbol is IFieldSymbol f ? f.Type : ((IPropertySymbol)symbol).Type):
                return _origins.Bit(new Origin(OriginKind.Field, FieldIndex(symbol)));
            default:
                return Taint.None;
        }
    }

    private int FieldIndex(ISymbol field)
    {
        var definition = field.OriginalDefinition;
        if (!_fieldIndex.TryGetValue(definition, out var index))
        {
            index = _facts.Fields.Count;
            _facts.Fields.Add(definition);
            _fieldIndex.Add(definition, index);
        }

        return index;
    }

    /// <summary>The variable an operation denotes, or -1 when it is not one the engine tracks.</summary>
    private int TrackedSlot(IOperation operation)
    {
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return SlotOf(local.Local);
            case IParameterReferenceOperation parameter:
                return SlotOf(parameter.Parameter);
            case IFlowCaptureReferenceOperation capture:
                return SlotOf(capture.Id);
            case IFieldReferenceOperation field when IsOwnMember(field.Field, field.Instance):
                return SlotOf(field.Field.OriginalDefinition);
            case IPropertyReferenceOperation property when property.Arguments.Length == 0 && IsOwnMember(property.Property, property.Instance):
                return SlotOf(property.Property.OriginalDefinition);
            default:
                return -1;
        }
    }

    // Members of this instance, and static members declared in the compilation: state shared between methods.
    // The graph spills `this` into a flow capture when the assigned value branches (`_f = a ?? b`).
    private bool IsOwnMember(ISymbol member, IOperation? instance)
        => instance switch
        {
            null => member.IsStatic && SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, _model.Compilation.Assembly),
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => true,
            IFlowCaptureReferenceOperation capture => _thisCaptures.Contains((_graph, capture.Id)),
            _ => false,
        };

    // It also captures an assignment's target (`_f = a ?? b` becomes `capture0 = _f; ...; capture0 = capture2`).
    private void NoteCapture(IFlowCaptureOperation capture)
    {
        switch (capture.Value)
        {
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                _thisCaptures.Add((_graph, capture.Id));
                break;
            case IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IArrayElementReferenceOperation:
                _referenceCaptures[(_graph, capture.Id)] = capture.Value;
                break;
        }
    }

    // ---- sites and facts ----

    private Taint SourceBit(ISymbol symbol, SourceGroup group, string description)
    {
        var syntax = symbol.DeclaringSyntaxReferences.Length > 0 ? symbol.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) : null;
        var location = symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;
        if (syntax is null && symbol is IParameterSymbol && _isEntryPoint && FirstUse(symbol.Name) is { } use)
        {
            // The args of top-level statements has no declaration: its first use stands for it.
            syntax = use;
            location = use.GetLocation();
        }

        return syntax is null ? Taint.None : SourceBit(syntax, location, group, description, SinkKind.Everything);
    }

    private SyntaxNode? FirstUse(string name)
    {
        foreach (var reference in _owner.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                {
                    return node;
                }
            }
        }

        return null;
    }

    private Taint SourceBit(SyntaxNode node, Location location, SourceGroup group, string description, SinkKind appliesTo)
    {
        if ((_config.DisabledEverywhere & group) != 0)
        {
            return Taint.None;
        }

        if (!_sourceSites.TryGetValue(node, out var index))
        {
            index = _facts.Sources.Count;
            _facts.Sources.Add(new SourceSite(location, group, description, appliesTo));
            _sourceSites.Add(node, index);
        }

        return _origins.Bit(new Origin(OriginKind.Source, index));
    }

    private void RecordSink(SyntaxNode node, SinkKind kind, string description, Taint taint)
    {
        if (taint.IsEmpty)
        {
            return;
        }

        if (!_sinkSites.TryGetValue((node, kind), out var index))
        {
            index = _facts.Sinks.Count;
            _facts.Sinks.Add(new SinkSite(node.GetLocation(), kind, description));
            _sinkSites.Add((node, kind), index);
        }

        RecordFacts(taint, TargetKind.Sink, index, 0, null, kind);
    }

    private int CallSiteIndex(SyntaxNode node, IMethodSymbol callee)
    {
        if (!_callSites.TryGetValue(node, out var index))
        {
            index = _facts.Calls.Count;
            _facts.Calls.Add(new CallSite(callee.OriginalDefinition, node.GetLocation()));
            _callSites.Add(node, index);
        }

        return index;
    }

    private void RecordFacts(Taint taint, TargetKind target, int index, int argument, Location? location, SinkKind kind = SinkKind.None)
    {
        foreach (var bit in taint.Bits())
        {
            var (origin, clean) = _origins[bit];
            if (kind != SinkKind.None && (clean & kind) != 0)
            {
                continue;
            }

            _facts.Facts.Add(new FlowFact(origin, clean, target, index, argument, location));
        }
    }

    /// <summary>True for a method of the compilation with a body the engine analyzes (its summary applies).</summary>
    private bool HasSummary(IMethodSymbol method)
        => method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.ReducedExtension
           && !method.IsAbstract && !method.IsExtern
           && method.DeclaringSyntaxReferences.Length > 0
           && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _model.Compilation.Assembly);
}
