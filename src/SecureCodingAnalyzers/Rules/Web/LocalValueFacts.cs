using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// Which locals of a body hold a value a rule recognises (exception details, a secret): every write of a local
/// (declaration, assignment, compound assignment) is classified, flow-insensitively and to a fixed point, so a local
/// copied from a recognised local is recognised too.
/// </summary>
internal static class LocalValueFacts
{
    /// <summary>Adds to <paramref name="locals"/> each local of <paramref name="root"/> that some write gives a value <paramref name="classify"/> names.</summary>
    public static void Learn(IOperation root, Dictionary<ILocalSymbol, string> locals, Func<IOperation, string?> classify)
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
