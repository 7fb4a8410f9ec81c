using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Symbols;

/// <summary>
/// Facts about a whole body, computed on demand from a compilation-level operation action and kept once per body.
/// <para>
/// A rule whose sinks are rare looks at the whole body only when its operation action meets one. Registering an
/// operation block start action instead costs closures and an action set for every body of the compilation, most of
/// them without a sink. The body is the root of the operation tree the driver hands out (its <c>Parent</c> chain
/// ends there; lambdas and local functions belong to the body that declares them), so every sink of one body finds
/// the same facts. Keyed weakly by the root operation: the entry lives as long as the driver keeps the tree.
/// </para>
/// <para>
/// A finding must be reported from the action of an operation whose syntax contains the finding's location: the IDE
/// analyzes only the operations under the caret or the edited span, and a diagnostic reported elsewhere is non-local
/// (no live squiggle, no code fix).
/// </para>
/// </summary>
/// <typeparam name="T">The facts about one body.</typeparam>
internal sealed class PerBody<T>
    where T : class
{
    private readonly ConditionalWeakTable<IOperation, T> _bodies = new();
    private readonly Func<IOperation, CancellationToken, T> _compute;

    /// <summary>Creates the cache; <paramref name="compute"/> gets the root operation of a body.</summary>
    public PerBody(Func<IOperation, CancellationToken, T> compute) => _compute = compute;

    /// <summary>
    /// The facts of the body containing <paramref name="operation"/>, computed on the first call for that body. Under
    /// concurrent execution two threads may compute them at once; both get the one instance that was kept.
    /// </summary>
    public T Of(IOperation operation, CancellationToken cancellationToken)
    {
        var root = operation.Root();
        if (_bodies.TryGetValue(root, out var facts))
        {
            return facts;
        }

        var computed = _compute(root, cancellationToken);
        return _bodies.GetValue(root, _ => computed);
    }
}
