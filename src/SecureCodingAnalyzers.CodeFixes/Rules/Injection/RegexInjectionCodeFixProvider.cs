using System.Collections.Generic;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Injection;

/// <summary>
/// SCR2008: match untrusted text literally. The pattern argument is wrapped in <c>Regex.Escape(...)</c>; a pattern
/// built by concatenation or interpolation keeps its constant parts (anchors, fixed fragments) and only its
/// non-constant parts are escaped: <c>"^" + name + "$"</c> becomes <c>"^" + Regex.Escape(name) + "$"</c>. Parts
/// already escaped stay as they are. Offered only where the diagnostic is the <c>pattern</c> argument of a
/// <c>Regex</c> constructor or method (not at the call of a helper that builds the regex).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RegexInjectionCodeFixProvider)), Shared]
public sealed class RegexInjectionCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Escape the pattern with Regex.Escape";
    private const string RegexType = "System.Text.RegularExpressions.Regex";

    /// <summary>Fixes SCR2008.</summary>
    public RegexInjectionCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.RegexInjection)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var node = context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<ArgumentSyntax>() is not { } argument
            || argument.Span != diagnostic.Location.SourceSpan && argument.Expression.Span != diagnostic.Location.SourceSpan
            || !IsPatternArgument(context.SemanticModel, argument, context))
        {
            return null;
        }

        var edits = new List<NodeEdit>();
        foreach (var part in Parts(argument.Expression))
        {
            if (!IsConstant(context.SemanticModel, part, context) && !IsEscapeCall(context.SemanticModel, part, context))
            {
                edits.Add(NodeEdit.ReplaceKeepingTrivia(part, (ExpressionSyntax current) => Escape(current.WithoutTrivia())));
            }
        }

        return edits.Count == 0 ? null : new SafeCodeFix(Title, Title, edits);
    }

    private static bool IsPatternArgument(SemanticModel model, ArgumentSyntax argument, FixPlanContext context)
        => model.GetOperation(argument, context.CancellationToken) is IArgumentOperation { Parameter: { Name: "pattern" } parameter }
           && parameter.ContainingSymbol.ContainingType?.ToDisplayString() == RegexType;

    /// <summary>The operands of a string concatenation or the holes of an interpolated string; else the expression.</summary>
    private static IEnumerable<ExpressionSyntax> Parts(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Parts(parenthesized.Expression);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Parts(binary.Left).Concat(Parts(binary.Right));
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.OfType<InterpolationSyntax>().Select(i => i.Expression);
            default:
                return new[] { expression };
        }
    }

    private static bool IsConstant(SemanticModel model, ExpressionSyntax part, FixPlanContext context)
        => model.GetConstantValue(part, context.CancellationToken).HasValue
           || model.GetTypeInfo(part, context.CancellationToken).Type?.SpecialType != SpecialType.System_String;

    private static bool IsEscapeCall(SemanticModel model, ExpressionSyntax part, FixPlanContext context)
        => model.GetSymbolInfo(part, context.CancellationToken).Symbol is IMethodSymbol { Name: "Escape" } method
           && method.ContainingType?.ToDisplayString() == RegexType;

    private static InvocationExpressionSyntax Escape(ExpressionSyntax value)
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SafeFix.QualifiedType(RegexType), SyntaxFactory.IdentifierName("Escape")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value))));
}
