using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Web;

/// <summary>
/// SCR7005: add <c>[ValidateAntiForgeryToken]</c> to the action (and the <c>using</c>). The views that post to it must
/// send the token: the form tag helper does so for every <c>&lt;form method="post"&gt;</c>; hand-written forms and
/// script need <c>@Html.AntiForgeryToken()</c> or the request header.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AntiforgeryCodeFixProvider)), Shared]
public sealed class AntiforgeryCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Add [ValidateAntiForgeryToken]";

    /// <summary>Fixes SCR7005.</summary>
    public AntiforgeryCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.MissingAntiforgeryValidation)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (context.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method
            || method.Identifier.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        var name = (NameSyntax)SafeFix.QualifiedType("Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute");
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)));
        return new SafeCodeFix(Title, Title, NodeEdit.Replace(method, (MethodDeclarationSyntax current) => AddAttribute(current, attribute)));
    }

    private static MethodDeclarationSyntax AddAttribute(MethodDeclarationSyntax method, AttributeListSyntax attribute)
    {
        var endOfLine = method.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed;
        if (method.AttributeLists.Count > 0)
        {
            // After the last list, on its own line with the same indentation.
            var last = method.AttributeLists[method.AttributeLists.Count - 1];
            var indentation = Indentation(last.GetLeadingTrivia());
            return method.WithAttributeLists(method.AttributeLists.Add(attribute.WithLeadingTrivia(indentation).WithTrailingTrivia(newLine)));
        }

        // No attributes yet: the list takes over the method's leading trivia (comments, indentation), the modifiers keep the indentation.
        var leading = method.GetLeadingTrivia();
        return method
            .WithoutLeadingTrivia()
            .WithLeadingTrivia(Indentation(leading))
            .WithAttributeLists(SyntaxFactory.SingletonList(attribute.WithLeadingTrivia(leading).WithTrailingTrivia(newLine)));
    }

    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
        => leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
}
