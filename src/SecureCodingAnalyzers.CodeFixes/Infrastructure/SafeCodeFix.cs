using System.Collections.Generic;
using System.Collections.Immutable;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// The fix a <see cref="SafeCodeFixProvider"/> offers for one diagnostic: its title, its equivalence key (stable:
/// Fix All applies the fixes that share the key of the invoked one) and its edits of the original syntax tree.
/// </summary>
public sealed class SafeCodeFix
{
    /// <summary>A fix made of the given edits.</summary>
    internal SafeCodeFix(string title, string equivalenceKey, params NodeEdit[] edits)
        : this(title, equivalenceKey, (IEnumerable<NodeEdit>)edits)
    {
    }

    /// <summary>A fix made of the given edits.</summary>
    internal SafeCodeFix(string title, string equivalenceKey, IEnumerable<NodeEdit> edits)
    {
        Title = title;
        EquivalenceKey = equivalenceKey;
        Edits = edits.ToImmutableArray();
    }

    /// <summary>The code action's title.</summary>
    internal string Title { get; }

    /// <summary>The code action's equivalence key.</summary>
    internal string EquivalenceKey { get; }

    /// <summary>What the fix changes, as edits of nodes of <see cref="FixPlanContext.Root"/>.</summary>
    internal ImmutableArray<NodeEdit> Edits { get; }
}
