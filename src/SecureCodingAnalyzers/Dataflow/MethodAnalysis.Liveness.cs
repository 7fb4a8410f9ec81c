using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// Which variables can still be read after each block, so that states carry only those: without it a long method
/// drags the taint of every local it ever assigned through every later block (quadratic in method size). A variable
/// is live at a block when some block reachable from it reads it. A block that creates a lambda or calls a local
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

        var words = (_initial.Count + 63) / 64;
        var live = new ulong[blocks.Length][];
        for (var b = 0; b < blocks.Length; b++)
        {
            live[b] = new ulong[words];
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            for (var b = blocks.Length - 1; b >= 0; b--)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var set = live[b];
                var before = Count(set);
                foreach (var slot in uses[b])
                {
                    set[slot >> 6] |= 1UL << (slot & 63);
                }

                Union(set, blocks[b].ConditionalSuccessor?.Destination);
                Union(set, blocks[b].FallThroughSuccessor?.Destination);
                if (handlers[b] is { } entries)
                {
                    foreach (var entry in entries)
                    {
                        UnionWith(set, live[entry]);
                    }
                }

                changed |= Count(set) != before;
            }
        }

        return new Liveness(live, words * 64);

        void Union(ulong[] set, BasicBlock? successor)
        {
            if (successor is not null)
            {
                UnionWith(set, live[successor.Ordinal]);
            }
        }
    }

    private static void UnionWith(ulong[] set, ulong[] other)
    {
        for (var i = 0; i < set.Length; i++)
        {
            set[i] |= other[i];
        }
    }

    private static int Count(ulong[] set)
    {
        var n = 0;
        foreach (var word in set)
        {
            for (var rest = word; rest != 0; rest &= rest - 1)
            {
                n++;
            }
        }

        return n;
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

/// <summary>The live variables at the entry of every block (see <see cref="MethodAnalysis"/>).</summary>
internal sealed class Liveness
{
    private readonly ulong[][] _live;
    private readonly int _known;

    public Liveness(ulong[][] live, int known)
    {
        _live = live;
        _known = known;
    }

    /// <summary>The state without the variables no later block reads.</summary>
    public TaintState Filter(int block, TaintState state)
    {
        var set = _live[block];
        Dictionary<int, Taint>? kept = null;
        for (var i = 0; i < state.Count; i++)
        {
            var slot = state.SlotAt(i);
            var isLive = slot >= _known || (set[slot >> 6] & (1UL << (slot & 63))) != 0;
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
