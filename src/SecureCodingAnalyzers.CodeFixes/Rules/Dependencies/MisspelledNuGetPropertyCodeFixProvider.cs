using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Dependencies;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;

/// <summary>
/// SCR5040: rename the misspelled property element (start and end tag) to the NuGet property it is closest to. The
/// value is kept as written; the setting then takes effect, which is the point but can change restore (the page says
/// to restore and review afterwards).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MisspelledNuGetPropertyCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class MisspelledNuGetPropertyCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the rename.</summary>
    public const string RenameKey = "SCR5040.Rename";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.MisspelledNuGetProperty.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(MisspelledNuGetPropertyAnalyzer.SuggestionProperty, out var suggestion) || string.IsNullOrEmpty(suggestion))
        {
            yield break;
        }

        var start = diagnostic.Location.SourceSpan;
        if (start.End > text.Length
            || MisspelledNuGetPropertyAnalyzer.Suggestion(text.ToString(start)) != suggestion
            || BuildXmlText.EndTagNameSpan(text, start) is not { } end)
        {
            yield break;
        }

        var changes = end.IsEmpty
            ? ImmutableArray.Create(new TextChange(start, suggestion!))
            : ImmutableArray.Create(new TextChange(start, suggestion!), new TextChange(end, suggestion!));
        yield return new BuildFileFix($"Rename to {suggestion}", RenameKey, changes);
    }
}
