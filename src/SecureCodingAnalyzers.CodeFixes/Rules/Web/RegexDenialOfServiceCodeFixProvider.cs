using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Web;

/// <summary>
/// SCR7011: bound the match time. A static call gets a timeout argument
/// (<c>Regex.IsMatch(input, pattern)</c> becomes <c>Regex.IsMatch(input, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))</c>,
/// options already given are kept); an instance call gets it on its construction when that is in the same method
/// (<c>new Regex(pattern)</c> or a local initialized with it). A match that times out throws
/// <c>RegexMatchTimeoutException</c>: handle it as invalid input. Not offered for fields, generated regexes and calls
/// with named arguments.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RegexDenialOfServiceCodeFixProvider)), Shared]
public sealed class RegexDenialOfServiceCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Add a match timeout";
    private const string RegexType = "System.Text.RegularExpressions.Regex";

    /// <summary>Fixes SCR7011.</summary>
    public RegexDenialOfServiceCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.RegexWithoutTimeout)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var model = context.SemanticModel;
        if (context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>() is not { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
            || model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation call
            || call.TargetMethod.ContainingType?.ToDisplayString() != RegexType)
        {
            return null;
        }

        if (call.Instance is null)
        {
            return WithTimeout(invocation.ArgumentList, call.Arguments);
        }

        var receiver = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
        if (receiver is ParenthesizedExpressionSyntax parenthesized)
        {
            receiver = parenthesized.Expression;
        }

        SyntaxNode? construction = receiver switch
        {
            ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax => receiver,
            IdentifierNameSyntax when model.GetSymbolInfo(receiver, context.CancellationToken).Symbol is ILocalSymbol local
                                      && local.DeclaringSyntaxReferences.Length == 1
                                      && local.DeclaringSyntaxReferences[0].SyntaxTree == context.Root.SyntaxTree
                                      && context.Root.FindNode(local.DeclaringSyntaxReferences[0].Span) is VariableDeclaratorSyntax { Initializer.Value: var value }
                => value,
            _ => null,
        };
        if (construction is not BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments } creation
            || model.GetOperation(creation, context.CancellationToken) is not IObjectCreationOperation created)
        {
            return null;
        }

        return WithTimeout(arguments, created.Arguments);
    }

    private static SafeCodeFix? WithTimeout(ArgumentListSyntax list, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        if (list.Arguments.Any(a => a.NameColon is not null)
            || arguments.Any(a => a.Parameter?.Name == "matchTimeout"))
        {
            return null;
        }

        var hasOptions = arguments.Any(a => a.Parameter?.Name == "options" && a.ArgumentKind == ArgumentKind.Explicit);
        var count = list.Arguments.Count;
        return new SafeCodeFix(Title, Title, NodeEdit.Replace(list, (ArgumentListSyntax current) =>
        {
            if (current.Arguments.Count != count)
            {
                return current;
            }

            var added = current;
            if (!hasOptions)
            {
                added = added.AddArguments(SyntaxFactory.Argument(SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, SafeFix.QualifiedType("System.Text.RegularExpressions.RegexOptions"), SyntaxFactory.IdentifierName("None"))));
            }

            return added.AddArguments(SyntaxFactory.Argument(SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SafeFix.QualifiedType("System.TimeSpan"), SyntaxFactory.IdentifierName("FromSeconds")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)))))))).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        }));
    }
}
