using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// The document a <see cref="SafeCodeFixProvider"/> plans fixes in. The nodes a fix edits must come from
/// <see cref="Root"/>; the same context serves every diagnostic of the document, so Fix All binds nothing twice.
/// </summary>
public sealed class FixPlanContext
{
    private FixPlanContext(Document document, SyntaxNode root, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        Document = document;
        Root = root;
        SemanticModel = semanticModel;
        CancellationToken = cancellationToken;
    }

    /// <summary>The document being fixed.</summary>
    internal Document Document { get; }

    /// <summary>The document's syntax root: the tree every planned edit refers to.</summary>
    internal SyntaxNode Root { get; }

    /// <summary>
    /// The document's semantic model. Fetched up front for every fixer: the no-new-errors check binds the original
    /// document anyway, so a fixer that needs symbols pays nothing extra and the planning step can stay synchronous.
    /// </summary>
    internal SemanticModel SemanticModel { get; }

    /// <summary>Cancels the planning.</summary>
    internal CancellationToken CancellationToken { get; }

    /// <summary>The context of <paramref name="document"/>, or null for a document without syntax or semantics.</summary>
    internal static async Task<FixPlanContext?> CreateAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is null || model is null ? null : new FixPlanContext(document, root, model, cancellationToken);
    }
}
