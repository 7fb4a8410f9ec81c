using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureCodingAnalyzers.Rules.Secrets;

/// <summary>
/// SCR6004: a string literal (regular, verbatim, raw, UTF-8, or the text of an interpolated string) anywhere in code
/// (method bodies, field and constant initializers, attribute arguments, default parameter values) that contains an
/// access token or private key in a recognizable format (<see cref="TokenFormats"/>). A syntax action, not an
/// operation action: the finding is about the text of the literal wherever it stands, including places that have no
/// operation (attribute arguments, parameter defaults). Reported on the literal; the message names the kind of token,
/// never the token. Tokens split across a concatenation are not reassembled (a token is pasted whole; splitting it is
/// what test code does to avoid secret scanners).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmbeddedSecretTokenAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.EmbeddedSecretToken);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterSyntaxNodeAction(
            AnalyzeLiteral,
            SyntaxKind.StringLiteralExpression,
            SyntaxKind.Utf8StringLiteralExpression,
            SyntaxKind.InterpolatedStringText);
    }

    private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
    {
        string text;
        string what;
        switch (context.Node)
        {
            case LiteralExpressionSyntax literal:
                text = literal.Token.ValueText;
                what = literal.IsKind(SyntaxKind.Utf8StringLiteralExpression) ? "The UTF-8 string literal" : "The string literal";
                break;
            case InterpolatedStringTextSyntax interpolatedText:
                text = interpolatedText.TextToken.ValueText;
                what = "The interpolated string";
                break;
            default:
                return;
        }

        if (TokenFormats.Find(text) is { } token)
        {
            context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.EmbeddedSecretToken, context.Node.GetLocation(), what, token.Description));
        }
    }
}
