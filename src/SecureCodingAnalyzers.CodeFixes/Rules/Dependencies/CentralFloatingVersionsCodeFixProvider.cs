using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Dependencies;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;

/// <summary>
/// SCR5007: remove the <c>CentralPackageFloatingVersionsEnabled</c> element; the whole line when the element is alone
/// on its line(s), else the element only. Central Package Management then rejects floating versions again (NU1011).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CentralFloatingVersionsCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class CentralFloatingVersionsCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the removal.</summary>
    public const string RemoveKey = "SCR5007.RemoveProperty";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.CentralFloatingVersionsEnabled.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > text.Length || span.Length < CentralFloatingVersionsAnalyzer.PropertyName.Length + 2)
        {
            yield break;
        }

        var element = text.ToString(span);
        if (!element.StartsWith("<" + CentralFloatingVersionsAnalyzer.PropertyName, StringComparison.OrdinalIgnoreCase) || !element.EndsWith(">", StringComparison.Ordinal))
        {
            yield break;
        }

        yield return new BuildFileFix("Remove CentralPackageFloatingVersionsEnabled", RemoveKey, Replace(WholeLines(text, span), string.Empty));
    }

    /// <summary>The lines the span covers, with their line break, when nothing else is on them; else the span.</summary>
    private static TextSpan WholeLines(SourceText text, TextSpan span)
    {
        var first = text.Lines.GetLineFromPosition(span.Start);
        var last = text.Lines.GetLineFromPosition(span.End);
        for (var i = first.Start; i < span.Start; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return span;
            }
        }

        for (var i = span.End; i < last.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return span;
            }
        }

        return TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak);
    }
}
