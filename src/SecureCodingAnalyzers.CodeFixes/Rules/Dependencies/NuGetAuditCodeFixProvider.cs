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
/// SCR5030: set the audit property to NuGet's strongest value (<c>true</c>, <c>all</c>, <c>low</c>), or remove the
/// element for NuGetAudit and NuGetAuditLevel (whose defaults are already the strongest; NuGetAuditMode's default is
/// <c>direct</c> before .NET 10, so removing it is not offered).
/// SCR5031: remove the code from the NoWarn / WarningsNotAsErrors list, with its separator; an element left with
/// nothing but <c>$(NoWarn)</c> is removed.
/// Neither is offered for findings reported on the project root (the value is set outside the files).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NuGetAuditCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class NuGetAuditCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the fix that sets the strongest audit value.</summary>
    public const string StrengthenKey = "SCR5030.SetStrongest";

    /// <summary>Equivalence key of the fix that removes the audit property.</summary>
    public const string RemoveKey = "SCR5030.Remove";

    /// <summary>Equivalence key of the fix that removes a code from the warning list.</summary>
    public const string RemoveCodeKey = "SCR5031.RemoveCode";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        SecureCodingAnalyzers.Catalog.Rules.NuGetAuditWeakened.Id,
        SecureCodingAnalyzers.Catalog.Rules.SupplyChainWarningSuppressed.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > text.Length
            || span.IsEmpty
            || !diagnostic.Properties.TryGetValue(NuGetAuditAnalyzer.FixableProperty, out var fixable)
            || fixable != "true"
            || !diagnostic.Properties.TryGetValue(NuGetAuditAnalyzer.PropertyNameProperty, out var property)
            || property is null)
        {
            return Array.Empty<BuildFileFix>();
        }

        return diagnostic.Id == SecureCodingAnalyzers.Catalog.Rules.NuGetAuditWeakened.Id
            ? AuditFixes(text, span, property)
            : RemoveCode(text, span, property, diagnostic.Properties.TryGetValue(NuGetAuditAnalyzer.CodeProperty, out var code) ? code : null);
    }

    private static IEnumerable<BuildFileFix> AuditFixes(SourceText text, TextSpan span, string property)
    {
        if (NuGetAuditAnalyzer.StrongValue(property) is not { } strong
            || string.Equals(text.ToString(span).Trim(), strong, StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        yield return new BuildFileFix($"Set {property} to {strong}", StrengthenKey, Replace(span, strong));
        if (property != "NuGetAuditMode" && BuildFileEdits.ElementAround(text, span.Start) is { } element)
        {
            yield return new BuildFileFix($"Remove {property} (NuGet's default is {strong})", RemoveKey, Replace(element, string.Empty));
        }
    }

    private static IEnumerable<BuildFileFix> RemoveCode(SourceText text, TextSpan span, string list, string? code)
    {
        var token = text.ToString(span);
        if (code is null || !string.Equals(token, code, StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        // The element's content: from the end of the start tag to the next tag.
        var contentStart = span.Start;
        while (contentStart > 0 && text[contentStart - 1] is not ('>' or '<'))
        {
            contentStart--;
        }

        var contentEnd = span.End;
        while (contentEnd < text.Length && text[contentEnd] is not ('<' or '>'))
        {
            contentEnd++;
        }

        var tokens = Tokens(text, TextSpan.FromBounds(contentStart, contentEnd));
        var index = tokens.IndexOf(span);
        if (index < 0)
        {
            yield break;
        }

        var title = $"Remove {code} from {list}";
        var selfReference = "$(" + list + ")";
        var othersAreSelfReferences = true;
        foreach (var other in tokens)
        {
            if (other != span && !string.Equals(text.ToString(other), selfReference, StringComparison.OrdinalIgnoreCase))
            {
                othersAreSelfReferences = false;
            }
        }

        if (othersAreSelfReferences)
        {
            if (BuildFileEdits.ElementAround(text, span.Start) is { } element)
            {
                yield return new BuildFileFix(title, RemoveCodeKey, Replace(element, string.Empty));
            }

            yield break;
        }

        var removed = index + 1 < tokens.Count
            ? TextSpan.FromBounds(span.Start, tokens[index + 1].Start)
            : TextSpan.FromBounds(tokens[index - 1].End, span.End);
        yield return new BuildFileFix(title, RemoveCodeKey, Replace(removed, string.Empty));
    }

    private static List<TextSpan> Tokens(SourceText text, TextSpan content)
    {
        var tokens = new List<TextSpan>();
        var i = content.Start;
        while (i < content.End)
        {
            while (i < content.End && IsSeparator(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < content.End && !IsSeparator(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(TextSpan.FromBounds(start, i));
            }
        }

        return tokens;
    }

    private static bool IsSeparator(char ch) => ch is ';' or ',' || char.IsWhiteSpace(ch);
}
