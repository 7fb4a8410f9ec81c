using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// Which variables can still be read after each block, so that states carry only those: without it a long method
/// drags the taint of every local it ever assigned through every later block (quadratic in method size). A block that creates a lambda or calls a local
/// function reads, conservatively, every variable whose name appears in that body (the outer graph cannot see
/// inside it; names are enough and need no semantic model).
/// </summary>
internal sealed partial class MethodAnalysis
{
    private readonly Stack<IOperation> _walk = new();

    private Liveness Liveness(ControlFlowGraph graph, List<int>?[] handlers)
    {
        var blocks = graph.Blocks;
        var uses = new List<int>[blocks.Length];
        var hidden = new HashSet<string>?[blocks.Length];
        for (var b = 0; b < blocks.Length; b++)
        {
            var slots = uses[b] = new List<int>();
            foreach (var operation in blocks[b].Operations)
            {
                CollectReads(operation, slots, ref hidden[b]);
            }

            if (blocks[b].BranchValue is { } branch)
            {
                CollectReads(branch, slots, ref hidden[b]);
            }
        }

        AddCapturedReads(uses, hidden);

        // A variable is dead after the last block that reads it, in block order, unless a back edge (a loop) or a
        // handler edge leads from later blocks back into its range: then it lives to the end of that loop. Linear in the
        // method's size, unlike per-block sets.
        var first = new int[_initial.Count];
        var last = new int[_initial.Count];
        for (var slot = 0; slot < last.Length; slot++)
        {
            first[slot] = int.MaxValue;
            last[slot] = -1;
        }

        for (var b = 0; b < blocks.Length; b++)
        {
            foreach (var slot in uses[b])
            {
                first[slot] = System.Math.Min(first[slot], b);
                last[slot] = System.Math.Max(last[slot], b);
            }
        }

        var backEdges = new List<(int Target, int Source)>();
        for (var b = 0; b < blocks.Length; b++)
        {
            AddBackEdge(blocks[b].ConditionalSuccessor?.Destination, b);
            AddBackEdge(blocks[b].FallThroughSuccessor?.Destination, b);
            if (handlers[b] is { } entries)
            {
                foreach (var entry in entries)
                {
                    if (entry <= b)
                    {
                        backEdges.Add((entry, b));
                    }
                }
            }
        }

        var changed = backEdges.Count > 0;
        while (changed)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (var (target, source) in backEdges)
            {
                for (var slot = 0; slot < last.Length; slot++)
                {
                    if (last[slot] < source && last[slot] >= target && first[slot] <= source)
                    {
                        last[slot] = source;
                        changed = true;
                    }
                }
            }
        }

        return new Liveness(last);

        void AddBackEdge(BasicBlock? successor, int source)
        {
            if (successor is not null && successor.Ordinal <= source)
            {
                backEdges.Add((successor.Ordinal, source));
            }
        }
    }

    /// <summary>Adds the variables <paramref name="operation"/> reads, and the names read inside lambdas and local functions it uses.</summary>
    private void CollectReads(IOperation operation, List<int> slots, ref HashSet<string>? hidden)
    {
        var stack = _walk;
        stack.Clear();
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (current)
            {
                case IFlowCaptureOperation capture:
                    NoteCapture(capture);
                    break;
                case IFlowAnonymousFunctionOperation lambda:
                    AddNames(lambda.Symbol, ref hidden);
                    break;
                case IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction } function }:
                    AddNames(function, ref hidden);
                    break;
                case IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction } function }:
                    AddNames(function, ref hidden);
                    break;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                    var slot = TrackedSlot(current);
                    if (slot >= 0)
                    {
                        slots.Add(slot);
                    }

                    break;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    private void AddNames(IMethodSymbol function, ref HashSet<string>? names)
    {
        foreach (var reference in function.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(_cancellationToken).DescendantTokens())
            {
                if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken))
                {
                    (names ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(token.ValueText);
                }
            }
        }
    }

    private void AddCapturedReads(List<int>[] uses, HashSet<string>?[] hidden)
    {
        Dictionary<string, List<int>>? byName = null;
        for (var b = 0; b < uses.Length; b++)
        {
            if (hidden[b] is not { } names)
            {
                continue;
            }

            if (byName is null)
            {
                byName = new Dictionary<string, List<int>>(System.StringComparer.Ordinal);
                foreach (var pair in _symbolSlots)
                {
                    if (!byName.TryGetValue(pair.Key.Name, out var list))
                    {
                        byName.Add(pair.Key.Name, list = new List<int>());
                    }

                    list.Add(pair.Value);
                }
            }

            foreach (var name in names)
            {
                if (byName.TryGetValue(name, out var slots))
                {
                    uses[b].AddRange(slots);
                }
            }
        }
    }
}

/// <summary>The last block at which each variable can still be read (see <see cref="MethodAnalysis"/>).</summary>
internal sealed class Liveness
{
    private readonly int[] _last;

    public Liveness(int[] last) => _last = last;

    /// <summary>The state without the variables no block from <paramref name="block"/> on reads.</summary>
    public TaintState Filter(int block, TaintState state)
    {
        Dictionary<int, Taint>? kept = null;
        for (var i = 0; i < state.Count; i++)
        {
            var slot = state.SlotAt(i);
            var isLive = slot >= _last.Length || _last[slot] >= block;
            if (isLive)
            {
                kept?.Add(slot, state.MaskAt(i));
                continue;
            }

            if (kept is null)
            {
                kept = new Dictionary<int, Taint>();
                for (var j = 0; j < i; j++)
                {
                    kept.Add(state.SlotAt(j), state.MaskAt(j));
                }
            }
        }

        return kept is null ? state : TaintState.From(kept);
    }
}
