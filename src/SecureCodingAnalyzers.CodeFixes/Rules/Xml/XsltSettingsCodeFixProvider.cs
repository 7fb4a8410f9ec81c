using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Xml;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Xml;

/// <summary>
/// SCR3013: the settings argument of <c>XslCompiledTransform.Load</c> (<c>XsltSettings.TrustedXslt</c> or a
/// <c>new XsltSettings(...)</c>) becomes <c>XsltSettings.Default</c>: no scripts, no <c>document()</c>. Not offered
/// when the settings come from a local (other code may read it) or the expression is anything else.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(XsltSettingsCodeFixProvider)), Shared]
public sealed class XsltSettingsCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Use XsltSettings.Default";

    /// <summary>Fixes SCR3013.</summary>
    public XsltSettingsCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.UnsafeXslt)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(XsltSettingsAnalyzer.ReplaceableProperty)
            || context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax settings
            || settings is not (MemberAccessExpressionSyntax or BaseObjectCreationExpressionSyntax))
        {
            return null;
        }

        var replacement = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SafeFix.QualifiedType("System.Xml.Xsl.XsltSettings"),
            SyntaxFactory.IdentifierName("Default"));
        return new SafeCodeFix(Title, Title, NodeEdit.ReplaceKeepingTrivia(settings, replacement));
    }
}
