using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Cryptography;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Cryptography;

/// <summary>
/// SCR1001: switch to SHA-256. <c>new MD5CryptoServiceProvider()</c> and <c>MD5.Create()</c> become
/// <c>SHA256.Create()</c>, <c>SHA1.HashData(x)</c> becomes <c>SHA256.HashData(x)</c>, <c>HashAlgorithmName.SHA1</c>
/// becomes <c>HashAlgorithmName.SHA256</c> and the name string <c>"MD5"</c> becomes <c>"SHA256"</c>. Not offered where
/// the result would not compile (for example a variable declared as <c>MD5</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakHashAlgorithmCodeFixProvider)), Shared]
public sealed class WeakHashAlgorithmCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Use SHA-256";

    /// <summary>Fixes SCR1001.</summary>
    public WeakHashAlgorithmCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.WeakHashAlgorithm)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
        => Edit(context.Root, diagnostic) is { } edit ? new SafeCodeFix(Title, Title, edit) : null;

    private static NodeEdit? Edit(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var sha256 = SafeFix.QualifiedType("System.Security.Cryptography.SHA256");
        switch (node)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return NodeEdit.ReplaceKeepingTrivia(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("SHA256")));

            case ObjectCreationExpressionSyntax creation when creation.Initializer is null && creation.ArgumentList?.Arguments.Count is null or 0:
                return NodeEdit.ReplaceKeepingTrivia(creation, CreateCall(sha256));

            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                return NodeEdit.ReplaceKeepingTrivia(access.Expression, sha256);

            case MemberAccessExpressionSyntax access when diagnostic.Properties.TryGetValue(WeakHashAlgorithmAnalyzer.AlgorithmProperty, out var algorithm)
                                                      && access.Name.Identifier.ValueText == algorithm:
                return NodeEdit.ReplaceKeepingTrivia(access.Name, SyntaxFactory.IdentifierName("SHA256"));

            default:
                return null;
        }
    }

    private static InvocationExpressionSyntax CreateCall(TypeSyntax type)
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, SyntaxFactory.IdentifierName("Create")));
}
