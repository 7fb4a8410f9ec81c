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
/// SCR5010: <c>http://</c> becomes <c>https://</c> in the source URL; <c>allowInsecureConnections="true"</c> is
/// removed (with the whitespace before it). The https endpoint must exist: the page says to check it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsecurePackageSourceCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class InsecurePackageSourceCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the https fix.</summary>
    public const string HttpsKey = "SCR5010.UseHttps";

    /// <summary>Equivalence key of the removal of allowInsecureConnections.</summary>
    public const string RemoveKey = "SCR5010.RemoveAllowInsecureConnections";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.InsecurePackageSource.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > text.Length || !diagnostic.Properties.TryGetValue(InsecurePackageSourceAnalyzer.ProblemProperty, out var problem))
        {
            yield break;
        }

        var value = text.ToString(span);
        if (problem == "Scheme" && value.TrimStart().StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var start = span.Start + value.IndexOf("http://", StringComparison.OrdinalIgnoreCase);
            yield return new BuildFileFix("Use https", HttpsKey, Replace(new TextSpan(start, "http://".Length), "https://"));
        }
        else if (problem == "AllowInsecureConnections" && AttributeSpan(text, span) is { } attribute)
        {
            yield return new BuildFileFix("Remove allowInsecureConnections", RemoveKey, Replace(attribute, string.Empty));
        }
    }

    /// <summary>The whole attribute around a value span, with the whitespace before it.</summary>
    private static TextSpan? AttributeSpan(SourceText text, TextSpan valueSpan)
    {
        var end = valueSpan.End < text.Length ? valueSpan.End + 1 : valueSpan.End; // closing quote
        var i = valueSpan.Start - 1; // opening quote
        while (i > 0 && text[i] != '=')
        {
            i--;
        }

        i--;
        while (i > 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        while (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is ':' or '_' or '-'))
        {
            i--;
        }

        var start = i;
        while (start > 0 && char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var name = text.ToString(TextSpan.FromBounds(i, Math.Min(text.Length, i + "allowInsecureConnections".Length)));
        return string.Equals(name, "allowInsecureConnections", StringComparison.OrdinalIgnoreCase) ? TextSpan.FromBounds(start, end) : null;
    }
}
