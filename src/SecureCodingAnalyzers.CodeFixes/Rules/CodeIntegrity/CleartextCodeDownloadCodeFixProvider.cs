using System;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity;

/// <summary>
/// SCR4004: the <c>http://</c> scheme of the reported URL becomes <c>https://</c>, in a string literal or at the start
/// of an interpolated string (the finding is reported at the URL, wherever it is declared). Everything else of the
/// URL stays as it is; the server must serve the same path over TLS, which the rule page says.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CleartextCodeDownloadCodeFixProvider)), Shared]
public sealed class CleartextCodeDownloadCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Download over HTTPS";
    private const string EquivalenceKey = "SCR4004.Https";
    private const string Cleartext = "http://";

    /// <summary>Fixes SCR4004.</summary>
    public CleartextCodeDownloadCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.CleartextCodeDownload)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var node = context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        switch (node)
        {
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
                when literal.Token.ValueText.StartsWith(Cleartext, StringComparison.OrdinalIgnoreCase)
                     && literal.Token.Text.IndexOf(literal.Token.ValueText.Substring(0, Cleartext.Length), StringComparison.Ordinal) is var at and > 0:
                var text = literal.Token.Text;
                var updated = text.Substring(0, at) + "https://" + text.Substring(at + Cleartext.Length);
                var token = SyntaxFactory.Token(literal.Token.LeadingTrivia, SyntaxKind.StringLiteralToken, updated, "https://" + literal.Token.ValueText.Substring(Cleartext.Length), literal.Token.TrailingTrivia);
                return new SafeCodeFix(Title, EquivalenceKey, NodeEdit.Replace(literal, literal.WithToken(token)));
            case InterpolatedStringExpressionSyntax { Contents: { Count: > 0 } contents } when contents[0] is InterpolatedStringTextSyntax start
                                                                                          && start.TextToken.ValueText.StartsWith(Cleartext, StringComparison.OrdinalIgnoreCase)
                                                                                          && start.TextToken.Text.StartsWith(start.TextToken.ValueText.Substring(0, Cleartext.Length), StringComparison.Ordinal):
                var startText = "https://" + start.TextToken.Text.Substring(Cleartext.Length);
                var startToken = SyntaxFactory.Token(start.TextToken.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, startText, "https://" + start.TextToken.ValueText.Substring(Cleartext.Length), start.TextToken.TrailingTrivia);
                return new SafeCodeFix(Title, EquivalenceKey, NodeEdit.Replace(start, start.WithTextToken(startToken)));
            default:
                return null;
        }
    }
}
