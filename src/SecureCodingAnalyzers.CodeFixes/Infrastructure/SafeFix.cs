using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// The one way our fixers register a code action. It computes the fixed document up front, adds the imports and
/// simplifies the names the fix introduced (Simplifier/ImportAdder annotations), formats only what changed, and
/// registers the action only when the fixed document has no more compiler errors than the original: a fix that
/// would not compile (an API missing on the target framework, a variable typed as the old class) is never offered.
/// </summary>
internal static class SafeFix
{
    /// <summary>Registers <paramref name="title"/> if the rewrite applies and compiles.</summary>
    public static async Task RegisterAsync(
        CodeFixContext context,
        Diagnostic diagnostic,
        string title,
        string equivalenceKey,
        Func<SyntaxNode, SyntaxNode?> rewriteRoot)
    {
        var document = context.Document;
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        var newRoot = rewriteRoot(root);
        if (newRoot is null || newRoot == root)
        {
            return;
        }

        var changed = await CleanUpAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        if (!await CompilesAsWellAsync(document, changed, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var changedText = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var originalText = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (changedText.ContentEquals(originalText))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(changed), equivalenceKey),
            diagnostic);
    }

    /// <summary>A fully qualified type name that the cleanup turns into a simple name plus a using directive.</summary>
    public static TypeSyntax QualifiedType(string metadataStyleName)
        => SyntaxFactory.ParseTypeName("global::" + metadataStyleName)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>Replaces one node, keeping its trivia and marking the replacement for formatting.</summary>
    public static SyntaxNode ReplaceKeepingTrivia(SyntaxNode root, SyntaxNode oldNode, SyntaxNode newNode)
        => root.ReplaceNode(oldNode, newNode.WithTriviaFrom(oldNode).WithAdditionalAnnotations(Formatter.Annotation));

    private static async Task<Document> CleanUpAsync(Document document, CancellationToken cancellationToken)
    {
        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document;
    }

    private static async Task<bool> CompilesAsWellAsync(Document original, Document changed, CancellationToken cancellationToken)
    {
        var before = await CountErrorsAsync(original, cancellationToken).ConfigureAwait(false);
        var after = await CountErrorsAsync(changed, cancellationToken).ConfigureAwait(false);
        return after <= before;
    }

    private static async Task<int> CountErrorsAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null ? int.MaxValue : model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>The innermost node of type <typeparamref name="T"/> at the diagnostic span.</summary>
    public static T? FindNode<T>(SyntaxNode root, Diagnostic diagnostic)
        where T : SyntaxNode
        => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<T>()
            .FirstOrDefault();
}
