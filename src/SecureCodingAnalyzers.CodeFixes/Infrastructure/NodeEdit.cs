using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Formatting;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// One change a planned fix makes: replace or remove a node of the document's original syntax tree. Edits are data,
/// not rewritten roots, so the edits of many fixes can be applied together in one pass (<see cref="Apply"/>): that is
/// what makes Fix All one rewrite per document instead of a merge of text changes.
/// </summary>
/// <remarks>
/// A replacement is built from the node as it is when the edit is applied. That is the original node unless other
/// edits of the same pass changed nodes inside it (Fix All of nested diagnostics such as <c>rnd.Next(rnd.Next(n))</c>,
/// or two edits of one fix); building from it keeps those inner changes. A builder that ignores its argument simply
/// overwrites them.
/// </remarks>
public sealed class NodeEdit
{
    private readonly Func<SyntaxNode, SyntaxNode>? _build;
    private readonly SyntaxRemoveOptions _removeOptions;

    private NodeEdit(SyntaxNode node, Func<SyntaxNode, SyntaxNode>? build, SyntaxRemoveOptions removeOptions)
    {
        Node = node;
        _build = build;
        _removeOptions = removeOptions;
    }

    /// <summary>The node of the original tree that this edit changes.</summary>
    internal SyntaxNode Node { get; }

    /// <summary>Replaces <paramref name="node"/> with what <paramref name="build"/> makes of its current version, as is.</summary>
    internal static NodeEdit Replace<T>(T node, Func<T, SyntaxNode> build)
        where T : SyntaxNode
        => new(node, current => current is T typed ? build(typed) : current, default);

    /// <summary>Replaces <paramref name="node"/> with <paramref name="replacement"/>, as is.</summary>
    internal static NodeEdit Replace(SyntaxNode node, SyntaxNode replacement)
        => new(node, _ => replacement, default);

    /// <summary>
    /// Replaces <paramref name="node"/> with what <paramref name="build"/> makes of its current version, keeping the
    /// node's leading and trailing trivia and marking the replacement for formatting.
    /// </summary>
    internal static NodeEdit ReplaceKeepingTrivia<T>(T node, Func<T, SyntaxNode> build)
        where T : SyntaxNode
        => Replace(node, (T current) => build(current).WithTriviaFrom(current).WithAdditionalAnnotations(Formatter.Annotation));

    /// <summary>Replaces <paramref name="node"/> with <paramref name="replacement"/>, keeping trivia, marked for formatting.</summary>
    internal static NodeEdit ReplaceKeepingTrivia(SyntaxNode node, SyntaxNode replacement)
        => ReplaceKeepingTrivia(node, (SyntaxNode _) => replacement);

    /// <summary>Removes <paramref name="node"/> (a statement, a member) with <see cref="SyntaxNode.RemoveNode"/>.</summary>
    internal static NodeEdit Remove(SyntaxNode node, SyntaxRemoveOptions options)
        => new(node, build: null, options);

    /// <summary>
    /// Applies <paramref name="edits"/> to <paramref name="root"/>, the root their nodes belong to, in one pass:
    /// replacements bottom-up in one <see cref="SyntaxNode.ReplaceNodes"/>, so a replacement sees the edits inside it;
    /// several edits of the same node run in the given order; removals follow, on the nodes marked in that pass.
    /// </summary>
    internal static SyntaxNode Apply(SyntaxNode root, IEnumerable<NodeEdit> edits)
    {
        var builds = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();
        var removals = new List<(SyntaxAnnotation Marker, SyntaxRemoveOptions Options)>();
        foreach (var edit in edits)
        {
            Func<SyntaxNode, SyntaxNode> step;
            if (edit._build is { } build)
            {
                step = build;
            }
            else
            {
                var marker = new SyntaxAnnotation();
                removals.Add((marker, edit._removeOptions));
                step = current => current.WithAdditionalAnnotations(marker);
            }

            builds[edit.Node] = builds.TryGetValue(edit.Node, out var earlier) ? current => step(earlier(current)) : step;
        }

        if (builds.Count == 0)
        {
            return root;
        }

        var newRoot = root.ReplaceNodes(builds.Keys, (original, current) => builds[original](current));
        foreach (var (marker, options) in removals)
        {
            if (newRoot.GetAnnotatedNodes(marker).FirstOrDefault() is { } removed && removed != newRoot)
            {
                newRoot = newRoot.RemoveNode(removed, options) ?? newRoot;
            }
        }

        return newRoot;
    }
}
