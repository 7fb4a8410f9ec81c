using System.Composition;
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
public sealed class CertificateChainPolicyCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Check revocation online";

    /// <summary>Fixes SCR1013.</summary>
    public CertificateChainPolicyCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.RelaxedCertificateChainPolicy)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(CertificateChainPolicyAnalyzer.FixProperty, out var fix)
            || fix != CertificateChainPolicyAnalyzer.FixRevocationOnline
            || context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return null;
        }

        var online = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SafeFix.QualifiedType(CertificateChainPolicyAnalyzer.RevocationModeName),
            SyntaxFactory.IdentifierName("Online"));
        return new SafeCodeFix(Title, Title, NodeEdit.ReplaceKeepingTrivia(value, online));
    }
}
