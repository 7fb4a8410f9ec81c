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
/// The one way our fixes reach the user. It applies a rewritten root to the document, adds the imports and
/// simplifies the names the fix introduced (Simplifier/ImportAdder annotations), formats only what changed, and
/// accepts the result only when the fixed document has no more compiler errors than the original: a fix that would
/// not compile (an API missing on the target framework, a variable typed as the old class) is never offered, and a
/// Fix All that would not compile is not applied. Fixers do not call it directly: <see cref="SafeCodeFixProvider"/>
/// does, for single fixes and for Fix All.
/// </summary>
internal static class SafeFix
{
    /// <summary>Registers <paramref name="title"/> if <paramref name="newRoot"/> changes the document and compiles.</summary>
    public static async Task RegisterAsync(
        CodeFixContext context,
        Diagnostic diagnostic,
        string title,
        string equivalenceKey,
        SyntaxNode newRoot)
    {
        if (await TryApplyAsync(context.Document, newRoot, context.CancellationToken).ConfigureAwait(false) is not { } changed)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(changed), equivalenceKey),
            diagnostic);
    }

    /// <summary>
    /// The document with <paramref name="newRoot"/> (a rewrite of its root), cleaned up; null when that changes no text
    /// or has more compiler errors than <paramref name="document"/>.
    /// </summary>
    public static async Task<Document?> TryApplyAsync(Document document, SyntaxNode newRoot, CancellationToken cancellationToken)
    {
        var changed = await CleanUpAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        var changedText = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var originalText = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (changedText.ContentEquals(originalText)
            || !await CompilesAsWellAsync(document, changed, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return changed;
    }

    /// <summary>A fully qualified type name that the cleanup turns into a simple name plus a using directive.</summary>
    public static TypeSyntax QualifiedType(string metadataStyleName)
        => SyntaxFactory.ParseTypeName("global::" + metadataStyleName)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

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
