using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// <see cref="SafeFix"/> for fixes that reach beyond one document: a fix that edits several documents of a project or
/// adds one (a generated helper class). The same guarantee: every touched document is cleaned up the same way (imports
/// added for <see cref="SafeFix.QualifiedType"/> and other <see cref="Simplifier.AddImportsAnnotation"/> names, names
/// simplified, changed nodes formatted), and the changed solution is accepted only when it changes some text and the
/// touched documents, bound in the NEW compilation (which holds the added documents), have no more compiler errors
/// than they had before (an added document had none).
/// </summary>
/// <remarks>
/// Documents the fix did not touch are not re-checked: binding a whole project on every light-bulb request costs too
/// much. A fix that adds a type must therefore make sure itself that the type's name is new to the project's source (so
/// no declaration can clash and no existing reference can become ambiguous within the project's own namespaces).
/// </remarks>
internal static class SafeSolutionFix
{
    /// <summary>
    /// <paramref name="changed"/> (<paramref name="original"/> with edited and added documents), each of
    /// <paramref name="touched"/> cleaned up; null when that changes no text or adds a compiler error.
    /// </summary>
    public static async Task<Solution?> TryApplyAsync(Solution original, Solution changed, IReadOnlyCollection<DocumentId> touched, CancellationToken cancellationToken)
    {
        foreach (var id in touched)
        {
            if (changed.GetDocument(id) is not { } document)
            {
                return null;
            }

            changed = (await CleanUpAsync(document, cancellationToken).ConfigureAwait(false)).Project.Solution;
        }

        var changesText = false;
        var errorsBefore = 0;
        var errorsAfter = 0;
        foreach (var id in touched)
        {
            var after = changed.GetDocument(id)!;
            if (await CountErrorsAsync(after, cancellationToken).ConfigureAwait(false) is not { } afterCount)
            {
                return null;
            }

            errorsAfter += afterCount;
            if (original.GetDocument(id) is not { } before)
            {
                changesText = true;
                continue;
            }

            if (await CountErrorsAsync(before, cancellationToken).ConfigureAwait(false) is not { } beforeCount)
            {
                return null;
            }

            errorsBefore += beforeCount;
            var beforeText = await before.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var afterText = await after.GetTextAsync(cancellationToken).ConfigureAwait(false);
            changesText |= !afterText.ContentEquals(beforeText);
        }

        return changesText && errorsAfter <= errorsBefore ? changed : null;
    }

    private static async Task<Document> CleanUpAsync(Document document, CancellationToken cancellationToken)
    {
        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document;
    }

    private static async Task<int?> CountErrorsAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model?.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
    }
}
