using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureCodingAnalyzers.Rules.Tls;

/// <summary>
/// Code that is compiled only into Debug builds: inside an <c>#if DEBUG</c> branch (also <c>#elif DEBUG</c> and
/// <c>DEBUG &amp;&amp; X</c>) or in a method marked <c>[Conditional("DEBUG")]</c>, whose calls disappear from Release
/// builds. Relaxed TLS validation there is the documented way to reach a local development server and never ships.
/// Only asked for findings about to be reported: the directive walk is linear in the file.
/// </summary>
internal static class DebugOnlyCode
{
    private const string Debug = "DEBUG";

    /// <summary>True when <paramref name="node"/> is compiled only with <c>DEBUG</c> defined.</summary>
    public static bool Contains(SyntaxNode node, ISymbol? containingSymbol)
        => IsInDebugBranch(node) || IsDebugConditionalMethod(containingSymbol);

    private static bool IsInDebugBranch(SyntaxNode node)
    {
        var root = node;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        if (!root.ContainsDirectives || root is not CSharpSyntaxNode csharpRoot)
        {
            return false;
        }

        // The branches that enclose the node: #if pushes, #elif/#else replace, #endif pops. The node is active code,
        // so every enclosing branch is the one taken.
        var open = new List<DirectiveTriviaSyntax>();
        var position = node.SpanStart;
        for (var directive = csharpRoot.GetFirstDirective(); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
        {
            switch (directive.Kind())
            {
                case SyntaxKind.IfDirectiveTrivia:
                    open.Add(directive);
                    break;
                case SyntaxKind.ElifDirectiveTrivia or SyntaxKind.ElseDirectiveTrivia when open.Count > 0:
                    open[open.Count - 1] = directive;
                    break;
                case SyntaxKind.EndIfDirectiveTrivia when open.Count > 0:
                    open.RemoveAt(open.Count - 1);
                    break;
            }
        }

        foreach (var branch in open)
        {
            var condition = branch switch
            {
                IfDirectiveTriviaSyntax @if => @if.Condition,
                ElifDirectiveTriviaSyntax elif => elif.Condition,
                _ => null,
            };
            if (condition is not null && RequiresDebug(condition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>DEBUG</c>, <c>(DEBUG)</c>, <c>DEBUG &amp;&amp; X</c>: false without DEBUG.</summary>
    private static bool RequiresDebug(ExpressionSyntax condition) => condition switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == Debug,
        ParenthesizedExpressionSyntax parenthesized => RequiresDebug(parenthesized.Expression),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) => RequiresDebug(binary.Left) || RequiresDebug(binary.Right),
        _ => false,
    };

    private static bool IsDebugConditionalMethod(ISymbol? symbol)
    {
        if (symbol is not IMethodSymbol method)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "ConditionalAttribute", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is Debug)
            {
                return true;
            }
        }

        return false;
    }
}
