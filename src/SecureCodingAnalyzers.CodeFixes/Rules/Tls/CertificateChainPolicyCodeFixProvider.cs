using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Tls;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Tls;

/// <summary>
/// SCR1013: <c>RevocationMode = X509RevocationMode.NoCheck</c> becomes <c>X509RevocationMode.Online</c>.
/// No fix for verification flags: the right change (a custom root trust store, a corrected certificate, a clock) is
/// a design decision, and dropping the flag alone would make working connections fail.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CertificateChainPolicyCodeFixProvider)), Shared]
public sealed class CertificateChainPolicyCodeFixProvider : CodeFixProvider
{
    private const string Title = "Check revocation online";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.RelaxedCertificateChainPolicy.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(CertificateChainPolicyAnalyzer.FixProperty, out var fix)
                || fix != CertificateChainPolicyAnalyzer.FixRevocationOnline)
            {
                continue;
            }

            await SafeFix.RegisterAsync(context, diagnostic, Title, Title, root => Rewrite(root, diagnostic)).ConfigureAwait(false);
        }
    }

    private static SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return null;
        }

        var online = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SafeFix.QualifiedType(CertificateChainPolicyAnalyzer.RevocationModeName),
            SyntaxFactory.IdentifierName("Online"));
        return SafeFix.ReplaceKeepingTrivia(root, value, online);
    }
}
