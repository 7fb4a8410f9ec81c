using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// Which locals of a body hold a value a rule recognises (exception details, a secret): every write of a local
/// (declaration, assignment, compound assignment) is classified, flow-insensitively and to a fixed point, so a local
/// copied from a recognised local is recognised too.
/// <para>
/// The body is learned on the first question about one of its locals, not before: most sinks (a literal message, a
/// parameter, a property) never ask, and learning classifies every write of the body. The answer is the same as when
/// learned up front, since a value that mentions no local does not depend on the locals. One instance serves every
/// sink of a body (see <see cref="Symbols.PerBody{T}"/>), possibly from several threads.
/// </para>
/// </summary>
internal sealed class LocalValueFacts
{
    private readonly IOperation _root;
    private readonly Func<IOperation, string?> _classify;
    private readonly Dictionary<ILocalSymbol, string> _locals = new(SymbolEqualityComparer.Default);
    private readonly object _gate = new();
    private volatile bool _learned;
    private bool _learning;

    /// <summary>The locals of the body rooted at <paramref name="root"/>, as <paramref name="classify"/> names their values.</summary>
    public LocalValueFacts(IOperation root, Func<IOperation, string?> classify)
    {
        _root = root;
        _classify = classify;
    }

    /// <summary>The fact a local of the body holds, if any.</summary>
    public bool TryGet(ILocalSymbol local, out string fact)
    {
        if (!_learned)
        {
            Learn();
        }

        return _locals.TryGetValue(local, out fact);
    }

    private void Learn()
    {
        lock (_gate)
        {
            // A classification during learning asks about locals again (on this thread, the lock is re-entrant): it
            // sees the facts learned so far, which is what the fixed point expects.
            if (_learned || _learning)
            {
                return;
            }

            _learning = true;
            Learn(_root, _locals, _classify);
            _learned = true;
        }
    }

    /// <summary>Adds to <paramref name="locals"/> each local of <paramref name="root"/> that some write gives a value <paramref name="classify"/> names.</summary>
    private static void Learn(IOperation root, Dictionary<ILocalSymbol, string> locals, Func<IOperation, string?> classify)
    {
        var writes = new List<(ILocalSymbol Local, IOperation Value)>();
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    writes.Add((declarator.Symbol, initializer.Value));
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    writes.Add((target.Local, assignment.Value));
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } compound:
                    writes.Add((target.Local, compound.Value));
                    break;
            }
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var (local, value) in writes)
            {
                if (!locals.ContainsKey(local) && classify(value) is { } fact)
                {
                    locals.Add(local, fact);
                    changed = true;
                }
            }
        }
        while (changed);
    }
}
