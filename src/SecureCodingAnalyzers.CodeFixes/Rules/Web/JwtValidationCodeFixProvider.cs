using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Web;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Web;

/// <summary>
/// SCR7009: switch the validation back on. <c>RequireSignedTokens = false</c>, <c>ValidateLifetime = false</c> and
/// <c>RequireExpirationTime = false</c> become <c>= true</c> (the library's defaults, written out so the intent stays
/// visible). Validators that skip validation have no fix: what the application meant to check is not known.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JwtValidationCodeFixProvider)), Shared]
public sealed class JwtValidationCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Keep token validation on";

    /// <summary>Fixes SCR7009.</summary>
    public JwtValidationCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.JwtValidationDisabled)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(JwtValidationAnalyzer.FlagProperty, out var flag)
            || context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { } assignment
            || assignment.Span != diagnostic.Location.SourceSpan
            || !(assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == flag
                 || assignment.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } && member == flag))
        {
            return null;
        }

        return new SafeCodeFix(Title, Title, NodeEdit.ReplaceKeepingTrivia(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)));
    }
}
