using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// Fix All for fixers whose single fixes interact. <see cref="WellKnownFixAllProviders.BatchFixer"/> merges the text
/// changes of independent single fixes; when each of them also adds the same <c>using</c> directive (through
/// <see cref="SafeFix.QualifiedType"/>) the merger sees overlapping edits at the top of the file, drops them as
/// conflicts and Fix All leaves diagnostics behind. This provider instead rewrites every fixed node of a document
/// in one syntax rewrite and hands that rewrite to <see cref="SafeFix.RegisterAsync"/>, so imports, simplification,
/// formatting and the no-new-errors check run once per document, exactly as for a single fix.
/// If the combined rewrite would add a compiler error the document is left unchanged.
/// </summary>
internal static class SafeFixAll
{
    /// <summary>
    /// Creates the provider. <paramref name="prepareRewrite"/> receives the original document and the diagnostics to
    /// fix in it and returns a rewrite of that document's root (or null when nothing can be fixed).
    /// </summary>
    public static FixAllProvider Create(
        string title,
        string equivalenceKey,
        Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Func<SyntaxNode, SyntaxNode?>?>> prepareRewrite)
        => FixAllProvider.Create(async (fixAllContext, document, diagnostics) =>
        {
            var cancellationToken = fixAllContext.CancellationToken;
            if (diagnostics.IsEmpty
                || await prepareRewrite(document, diagnostics, cancellationToken).ConfigureAwait(false) is not { } rewrite)
            {
                return null;
            }

            CodeAction? action = null;
            var context = new CodeFixContext(document, diagnostics[0], (registered, _) => action ??= registered, cancellationToken);
            await SafeFix.RegisterAsync(context, diagnostics[0], title, equivalenceKey, rewrite).ConfigureAwait(false);
            if (action is null)
            {
                return null;
            }

            foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    return apply.ChangedSolution.GetDocument(document.Id);
                }
            }

            return null;
        });
}
