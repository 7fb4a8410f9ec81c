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
/// SCR1012: let the operating system choose the protocol. The whole value (<c>SslProtocols.Tls | SslProtocols.Tls12</c>,
/// <c>(SecurityProtocolType)3840</c>) becomes <c>SslProtocols.None</c> / <c>SecurityProtocolType.SystemDefault</c>;
/// <c>x |= SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12</c> becomes <c>x = SecurityProtocolType.SystemDefault</c>
/// (adding bits to the OS default is what the pin was for). Not offered when the value has variable parts other than a
/// re-read of the assigned member, or where the OS-default member does not exist (SystemDefault needs .NET Framework 4.7).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObsoleteTlsProtocolCodeFixProvider)), Shared]
public sealed class ObsoleteTlsProtocolCodeFixProvider : CodeFixProvider
{
    private const string Title = "Let the operating system choose the TLS version";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.ObsoleteTlsProtocol.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ObsoleteTlsProtocolAnalyzer.FixProperty, out var fix) || fix is null
                || !diagnostic.Properties.TryGetValue(ObsoleteTlsProtocolAnalyzer.EnumProperty, out var enumName) || enumName is null)
            {
                continue;
            }

            await SafeFix.RegisterAsync(context, diagnostic, Title, Title, root => Rewrite(root, diagnostic, fix, enumName)).ConfigureAwait(false);
        }
    }

    private static SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic, string fix, string enumName)
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

            var simple = SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                assignment.Left,
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTriviaFrom(assignment.OperatorToken),
                replacement.WithTriviaFrom(assignment.Right));
            return SafeFix.ReplaceKeepingTrivia(root, assignment, simple);
        }

        return fix == ObsoleteTlsProtocolAnalyzer.FixReplaceValue ? SafeFix.ReplaceKeepingTrivia(root, value, replacement) : null;
    }
}
