using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Tls;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Tls;

/// <summary>
/// SCR1012: let the operating system choose the protocol. The whole value (<c>SslProtocols.Tls | SslProtocols.Tls12</c>,
/// <c>(SecurityProtocolType)3840</c>) becomes <c>SslProtocols.None</c> / <c>SecurityProtocolType.SystemDefault</c>;
/// <c>x |= SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12</c> becomes <c>x = SecurityProtocolType.SystemDefault</c>
/// (adding bits to the OS default is what the pin was for). Not offered when the value has variable parts other than a
/// re-read of the assigned member, or where the OS-default member does not exist (SystemDefault needs .NET Framework 4.7).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObsoleteTlsProtocolCodeFixProvider)), Shared]
public sealed class ObsoleteTlsProtocolCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Let the operating system choose the TLS version";

    /// <summary>Fixes SCR1012.</summary>
    public ObsoleteTlsProtocolCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.ObsoleteTlsProtocol)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(ObsoleteTlsProtocolAnalyzer.FixProperty, out var fix) && fix is not null
           && diagnostic.Properties.TryGetValue(ObsoleteTlsProtocolAnalyzer.EnumProperty, out var enumName) && enumName is not null
           && Edit(context.Root, diagnostic, fix, enumName) is { } edit
            ? new SafeCodeFix(Title, Title, edit)
            : null;

    private static NodeEdit? Edit(SyntaxNode root, Diagnostic diagnostic, string fix, string enumName)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return null;
        }

        // (SslProtocols.Tls | SslProtocols.Tls11): the parentheses go with the value.
        while (value.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized;
        }

        var member = enumName == ObsoleteTlsProtocolAnalyzer.SslProtocolsName ? "None" : "SystemDefault";
        var replacement = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SafeFix.QualifiedType(enumName),
            SyntaxFactory.IdentifierName(member));

        if (fix == ObsoleteTlsProtocolAnalyzer.FixReplaceCompound)
        {
            if (value.Parent is not AssignmentExpressionSyntax assignment
                || !assignment.IsKind(SyntaxKind.OrAssignmentExpression)
                || assignment.Right != value)
            {
                return null;
            }

            // Built from the current assignment, so an edit inside its target made in the same pass is kept.
            return NodeEdit.ReplaceKeepingTrivia(assignment, current => SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                current.Left,
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTriviaFrom(current.OperatorToken),
                replacement.WithTriviaFrom(current.Right)));
        }

        return fix == ObsoleteTlsProtocolAnalyzer.FixReplaceValue ? NodeEdit.ReplaceKeepingTrivia(value, replacement) : null;
    }
}
