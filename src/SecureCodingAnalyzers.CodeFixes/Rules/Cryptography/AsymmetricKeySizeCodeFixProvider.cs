using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
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
public sealed class AsymmetricKeySizeCodeFixProvider : CodeFixProvider
{
    private const string Title = "Use a 3072-bit key";
    private const int FixedKeySize = 3072;

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.InsufficientAsymmetricKeySize.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(AsymmetricKeySizeAnalyzer.AlgorithmProperty, out var algorithm) || algorithm != "RSA")
            {
                continue;
            }

            await SafeFix.RegisterAsync(context, diagnostic, Title, Title, root => Rewrite(root, diagnostic)).ConfigureAwait(false);
        }
    }

    private static SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(AsymmetricKeySizeAnalyzer.DefaultSizeProperty))
        {
            return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ObjectCreationExpressionSyntax creation
                   && creation.ArgumentList?.Arguments.Count is null or 0
                ? SafeFix.ReplaceKeepingTrivia(root, creation, WithKeySizeArgument(creation))
                : null;
        }

        if (diagnostic.AdditionalLocations.Count != 1)
        {
            return null;
        }

        // The size must be written as a number here; a named constant may be shared and is the developer's call.
        var size = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
        return size is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression)
            ? SafeFix.ReplaceKeepingTrivia(root, literal, KeySizeLiteral())
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
