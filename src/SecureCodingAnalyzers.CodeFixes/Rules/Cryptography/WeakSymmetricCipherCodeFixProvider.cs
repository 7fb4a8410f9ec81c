using System;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Cryptography;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Cryptography;

/// <summary>
/// SCR1002: switch to AES. <c>new TripleDESCryptoServiceProvider()</c> and <c>DES.Create()</c> become
/// <c>Aes.Create()</c>; the name <c>"3DES"</c> passed to <c>CryptoConfig.CreateFromName</c> becomes <c>"AES"</c>.
/// Not offered where the result would not compile (a variable declared as <c>TripleDES</c>), for constructors with
/// arguments or initializers, for <c>Create(string)</c> overloads and for XML Encryption URIs.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakSymmetricCipherCodeFixProvider)), Shared]
public sealed class WeakSymmetricCipherCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Use AES";

    /// <summary>Fixes SCR1002.</summary>
    public WeakSymmetricCipherCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.WeakSymmetricCipher)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
        => Edit(context.Root, diagnostic) is { } edit ? new SafeCodeFix(Title, Title, edit) : null;

    private static NodeEdit? Edit(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var isNameString = diagnostic.Properties.ContainsKey(WeakSymmetricCipherAnalyzer.NameStringProperty);
        switch (node)
        {
            // A name for CryptoConfig; XML Encryption URIs identify a wire format, not just an algorithm: leave them.
            case LiteralExpressionSyntax literal when isNameString
                                                    && literal.IsKind(SyntaxKind.StringLiteralExpression)
                                                    && literal.Token.ValueText.IndexOf("://", StringComparison.Ordinal) < 0:
                return NodeEdit.ReplaceKeepingTrivia(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("AES")));

            case ObjectCreationExpressionSyntax creation when !isNameString
                                                             && creation.Initializer is null
                                                             && creation.ArgumentList?.Arguments.Count is null or 0:
                return NodeEdit.ReplaceKeepingTrivia(creation, AesCreate());

            // DES.Create() only: DES.Create("name") would look the name up as an Aes and fail at run time.
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation when !isNameString
                                                                                                          && invocation.ArgumentList.Arguments.Count == 0
                                                                                                          && access.Name.Identifier.ValueText == "Create":
                return NodeEdit.ReplaceKeepingTrivia(access.Expression, SafeFix.QualifiedType("System.Security.Cryptography.Aes"));

            default:
                return null;
        }
    }

    private static InvocationExpressionSyntax AesCreate()
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SafeFix.QualifiedType("System.Security.Cryptography.Aes"),
                SyntaxFactory.IdentifierName("Create")));
}
