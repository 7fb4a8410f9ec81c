using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Tls;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Tls;

/// <summary>
/// SCR1011: restore certificate validation.
/// <list type="bullet">
/// <item>A lambda or anonymous method whose body only looks at the errors (<c>=&gt; true</c>, <c>{ return true; }</c>,
/// <c>e == None || e == NameMismatch</c>) gets the body <c>sslPolicyErrors == SslPolicyErrors.None</c>; a discarded or
/// missing errors parameter is named <c>sslPolicyErrors</c> (a parameterless anonymous method becomes a lambda with
/// discards, which needs C# 9).</item>
/// <item>An assignment of <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c> (statement or object
/// initializer member) is removed, which restores the default validation.</item>
/// </list>
/// Method groups, callbacks reached through variables and bodies that do more (logging, calls) get no fix: their
/// authors need to decide what the callback should check.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CertificateValidationCodeFixProvider)), Shared]
public sealed class CertificateValidationCodeFixProvider : SafeCodeFixProvider
{
    private const string RequireNoErrorsTitle = "Accept only certificates without policy errors";
    private const string RemoveAssignmentTitle = "Remove the accept-any-certificate validator";
    private const string ErrorsName = "sslPolicyErrors";

    /// <summary>Fixes SCR1011.</summary>
    public CertificateValidationCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.CertificateValidationDisabled)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(CertificateValidationAnalyzer.FixProperty, out var fix))
        {
            return null;
        }

        if (fix == CertificateValidationAnalyzer.ReplaceBodyFix)
        {
            return RequireNoErrors(context.Root, diagnostic) is { } edit ? new SafeCodeFix(RequireNoErrorsTitle, RequireNoErrorsTitle, edit) : null;
        }

        if (fix == CertificateValidationAnalyzer.RemoveAssignmentFix)
        {
            return RemoveAssignment(context.Root, diagnostic) is { } edit ? new SafeCodeFix(RemoveAssignmentTitle, RemoveAssignmentTitle, edit) : null;
        }

        return null;
    }

    private static NodeEdit? RequireNoErrors(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var function = node.AncestorsAndSelf().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault();
        if (function is null || function.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        switch (function)
        {
            case ParenthesizedLambdaExpressionSyntax lambda when lambda.ParameterList.Parameters.Count == 4:
            {
                var parameters = NameErrorsParameter(lambda.ParameterList, out var name);
                var replaced = WithCheck(lambda.Block, lambda.ExpressionBody, name, out var block, out var expression);
                return replaced
                    ? NodeEdit.Replace(lambda, lambda.WithParameterList(parameters).WithBlock(block).WithExpressionBody(expression))
                    : null;
            }

            case AnonymousMethodExpressionSyntax { ParameterList: null } anonymous when IsReturnOnly(anonymous.Block):
            {
                // delegate { return true; } has no parameter to test: write the lambda (_, _, _, sslPolicyErrors) => ...
                // Parsed, not built: only the parser marks '_' as a discard (a SyntaxFactory identifier is a duplicate name).
                var parameters = ((ParenthesizedLambdaExpressionSyntax)SyntaxFactory.ParseExpression("(_, _, _, " + ErrorsName + ") => true")).ParameterList;
                var lambda = SyntaxFactory.ParenthesizedLambdaExpression(parameters, Check(ErrorsName))
                    .WithModifiers(anonymous.Modifiers)
                    .WithTriviaFrom(anonymous)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return NodeEdit.Replace(anonymous, lambda);
            }

            case AnonymousMethodExpressionSyntax { ParameterList: { } list } anonymous when list.Parameters.Count == 4:
            {
                var parameters = NameErrorsParameter(list, out var name);
                var replaced = WithCheck(anonymous.Block, null, name, out var block, out _);
                return replaced && block is not null
                    ? NodeEdit.Replace(anonymous, anonymous.WithParameterList(parameters).WithBlock(block))
                    : null;
            }

            default:
                return null;
        }
    }

    /// <summary>The parameter list with the errors parameter (always the last one) named, and its name.</summary>
    private static ParameterListSyntax NameErrorsParameter(ParameterListSyntax list, out string name)
    {
        var errors = list.Parameters[list.Parameters.Count - 1];
        name = errors.Identifier.ValueText;
        if (name != "_")
        {
            return list;
        }

        name = ErrorsName;
        return list.ReplaceNode(errors, errors.WithIdentifier(SyntaxFactory.Identifier(ErrorsName).WithTriviaFrom(errors.Identifier)));
    }

    /// <summary>Replaces the returned expression of <c>=&gt; x</c> or <c>{ return x; }</c> with the None check.</summary>
    private static bool WithCheck(BlockSyntax? block, ExpressionSyntax? expression, string name, out BlockSyntax? newBlock, out ExpressionSyntax? newExpression)
    {
        newBlock = block;
        newExpression = expression;
        if (expression is not null)
        {
            newExpression = Check(name).WithTriviaFrom(expression);
            return true;
        }

        if (block is not null && IsReturnOnly(block))
        {
            var returned = ((ReturnStatementSyntax)block.Statements[0]).Expression!;
            newBlock = block.ReplaceNode(returned, Check(name).WithTriviaFrom(returned));
            return true;
        }

        return false;
    }

    private static bool IsReturnOnly(BlockSyntax block)
        => block.Statements.Count == 1 && block.Statements[0] is ReturnStatementSyntax { Expression: not null };

    private static ExpressionSyntax Check(string name)
        => SyntaxFactory.BinaryExpression(
                SyntaxKind.EqualsExpression,
                SyntaxFactory.IdentifierName(name),
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SafeFix.QualifiedType("System.Net.Security.SslPolicyErrors"),
                    SyntaxFactory.IdentifierName("None")))
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>
    /// Removes the assignment. Object creations and initializers are rebuilt from their current version, so edits
    /// inside them made in the same pass are kept.
    /// </summary>
    private static NodeEdit? RemoveAssignment(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var assignment = node.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault();
        if (assignment is null || !assignment.Right.Span.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        switch (assignment.Parent)
        {
            case ExpressionStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } statement:
                return NodeEdit.Remove(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);

            case ExpressionStatementSyntax { Parent: GlobalStatementSyntax global }:
                return NodeEdit.Remove(global, SyntaxRemoveOptions.KeepUnbalancedDirectives);

            case InitializerExpressionSyntax { Expressions.Count: 1, Parent: ObjectCreationExpressionSyntax creation }:
                // new HttpClientHandler { X = Dangerous } becomes new HttpClientHandler().
                return NodeEdit.Replace(creation, current => current
                    .WithType(current.ArgumentList is null ? current.Type.WithoutTrailingTrivia() : current.Type)
                    .WithArgumentList((current.ArgumentList ?? SyntaxFactory.ArgumentList()).WithoutTrailingTrivia())
                    .WithInitializer(null)
                    .WithTrailingTrivia(current.GetTrailingTrivia()));

            case InitializerExpressionSyntax { Expressions.Count: 1, Parent: ImplicitObjectCreationExpressionSyntax creation }:
                return NodeEdit.Replace(creation, current => current
                    .WithArgumentList(current.ArgumentList.WithoutTrailingTrivia())
                    .WithInitializer(null)
                    .WithTrailingTrivia(current.GetTrailingTrivia()));

            case InitializerExpressionSyntax initializer:
                var index = initializer.Expressions.IndexOf(assignment);
                return NodeEdit.Replace(initializer, current => RemoveInitializerMember(current, index));

            default:
                return null;
        }
    }

    private static InitializerExpressionSyntax RemoveInitializerMember(InitializerExpressionSyntax initializer, int index)
    {
        var expressions = initializer.Expressions;
        var separators = expressions.GetSeparators().ToList();
        var nodes = expressions.Where((_, i) => i != index).ToList();

        // Drop the separator after the member (or before it, when it is the last one without a trailing comma).
        if (index < separators.Count)
        {
            separators.RemoveAt(index);
        }
        else if (separators.Count > 0)
        {
            var previous = separators[separators.Count - 1];
            separators.RemoveAt(separators.Count - 1);

            // Keep the line break that followed the removed comma on the member before it.
            nodes[nodes.Count - 1] = nodes[nodes.Count - 1].WithTrailingTrivia(previous.TrailingTrivia);
        }

        var list = SyntaxFactory.SeparatedList(nodes, separators);
        return initializer.WithExpressions(list);
    }
}
