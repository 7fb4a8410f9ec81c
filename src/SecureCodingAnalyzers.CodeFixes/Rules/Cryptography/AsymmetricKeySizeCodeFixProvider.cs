using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Cryptography;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Cryptography;

/// <summary>
/// SCR1006: use a 3072-bit RSA key. A literal key size (<c>RSA.Create(1024)</c>, <c>rsa.KeySize = 1024</c>) becomes
/// <c>3072</c>; <c>new RSACryptoServiceProvider()</c> gets the argument <c>3072</c>. RSA only: DSA implementations
/// cannot all generate large keys (<c>DSACryptoServiceProvider</c> stops at 1024 bits) and DSA should be replaced,
/// not resized. Sizes given by a named constant or an expression are left to the developer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsymmetricKeySizeCodeFixProvider)), Shared]
public sealed class AsymmetricKeySizeCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Use a 3072-bit key";
    private const int FixedKeySize = 3072;

    /// <summary>Fixes SCR1006.</summary>
    public AsymmetricKeySizeCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.InsufficientAsymmetricKeySize)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(AsymmetricKeySizeAnalyzer.AlgorithmProperty, out var algorithm) && algorithm == "RSA"
           && Edit(context.Root, diagnostic) is { } edit
            ? new SafeCodeFix(Title, Title, edit)
            : null;

    private static NodeEdit? Edit(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(AsymmetricKeySizeAnalyzer.DefaultSizeProperty))
        {
            // Built from the current node, so edits inside its initializer made in the same pass are kept.
            return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ObjectCreationExpressionSyntax creation
                   && creation.ArgumentList?.Arguments.Count is null or 0
                ? NodeEdit.ReplaceKeepingTrivia(creation, WithKeySizeArgument)
                : null;
        }

        if (diagnostic.AdditionalLocations.Count != 1)
        {
            return null;
        }

        // The size must be written as a number here; a named constant may be shared and is the developer's call.
        var size = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
        return size is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression)
            ? NodeEdit.ReplaceKeepingTrivia(literal, KeySizeLiteral())
            : null;
    }

    private static ObjectCreationExpressionSyntax WithKeySizeArgument(ObjectCreationExpressionSyntax creation)
    {
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(KeySizeLiteral())));
        if (creation.ArgumentList is { } existing)
        {
            return creation.WithArgumentList(arguments.WithTriviaFrom(existing));
        }

        // new RSACryptoServiceProvider { ... }: the space before the initializer moves behind the new argument list.
        return creation
            .WithType(creation.Type.WithoutTrailingTrivia())
            .WithArgumentList(arguments.WithTrailingTrivia(creation.Type.GetTrailingTrivia()));
    }

    private static LiteralExpressionSyntax KeySizeLiteral()
        => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(FixedKeySize));
}
