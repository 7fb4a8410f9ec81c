using System.Collections.Generic;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Cryptography;

/// <summary>
/// SCR1010: call <c>RandomNumberGenerator</c> instead of the Random instance. <c>rnd.Next(a, b)</c> becomes
/// <c>RandomNumberGenerator.GetInt32(a, b)</c>, <c>rnd.Next(max)</c> <c>GetInt32(max)</c>, <c>rnd.Next()</c>
/// <c>GetInt32(int.MaxValue)</c>, <c>rnd.NextBytes(buffer)</c> <c>Fill(buffer)</c> and <c>rnd.GetItems(choices, n)</c>
/// <c>GetItems&lt;T&gt;(choices, n)</c>. Not offered for <c>NextInt64</c>, <c>NextDouble</c> and <c>NextSingle</c> (no
/// equivalent), nor when dropping the receiver could drop a side effect (anything but a local, parameter, field or
/// <c>Random.Shared</c>). The Random variable is left alone even if it becomes unused.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsecureRandomnessCodeFixProvider)), Shared]
public sealed class InsecureRandomnessCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Use RandomNumberGenerator";
    private const string RandomNumberGenerator = "System.Security.Cryptography.RandomNumberGenerator";

    /// <summary>Fixes SCR1010.</summary>
    public InsecureRandomnessCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.InsecureRandomness)
    {
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The call is rebuilt from its current version, so Fix All of nested calls (<c>rnd.Next(rnd.Next(n))</c>) keeps
    /// the rewritten inner call.
    /// </remarks>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
        => Plan.For(context.Root, context.SemanticModel, diagnostic, context.CancellationToken) is { } plan
            ? new SafeCodeFix(Title, Title, NodeEdit.ReplaceKeepingTrivia(plan.Invocation, plan.Build))
            : null;

    /// <summary>How to rewrite one Random call: the RandomNumberGenerator method and the argument order.</summary>
    private sealed class Plan
    {
        private readonly SimpleNameSyntax _name;
        private readonly int[] _argumentOrder;
        private readonly bool _addMaxValue;

        private Plan(InvocationExpressionSyntax invocation, SimpleNameSyntax name, int[] argumentOrder, bool addMaxValue)
        {
            Invocation = invocation;
            _name = name;
            _argumentOrder = argumentOrder;
            _addMaxValue = addMaxValue;
        }

        /// <summary>The Random call, in the tree the plan was made for.</summary>
        public InvocationExpressionSyntax Invocation { get; }

        public static Plan? For(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var invocation = SafeFix.FindNode<InvocationExpressionSyntax>(root, diagnostic);
            if (invocation is null || invocation.Span != diagnostic.Location.SourceSpan
                || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || !HasSimpleReceiver(operation.Instance))
            {
                return null;
            }

            // Arguments in parameter order, without names (RandomNumberGenerator's parameter names differ).
            var syntaxArguments = invocation.ArgumentList.Arguments;
            var order = new int[operation.Arguments.Length];
            foreach (var argument in operation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Syntax is not ArgumentSyntax syntax
                    || argument.Parameter is not { } parameter || parameter.Ordinal >= order.Length)
                {
                    return null;
                }

                order[parameter.Ordinal] = syntaxArguments.IndexOf(syntax);
            }

            var method = operation.TargetMethod;
            switch (method.Name)
            {
                case "Next" when order.Length == 0:
                    return new Plan(invocation, SyntaxFactory.IdentifierName("GetInt32"), order, addMaxValue: true);
                case "Next" when order.Length is 1 or 2:
                    return new Plan(invocation, SyntaxFactory.IdentifierName("GetInt32"), order, addMaxValue: false);
                case "NextBytes" when order.Length == 1:
                    return new Plan(invocation, SyntaxFactory.IdentifierName("Fill"), order, addMaxValue: false);
                case "GetItems" when order.Length == 2 && method.TypeArguments.Length == 1:
                    // Explicit <T>: a T[] argument does not infer T for RandomNumberGenerator's ReadOnlySpan<T> parameter.
                    var typeArgument = SyntaxFactory.ParseTypeName(method.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                        .WithAdditionalAnnotations(Simplifier.Annotation);
                    var name = SyntaxFactory.GenericName(SyntaxFactory.Identifier("GetItems"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(typeArgument)));
                    return new Plan(invocation, name, order, addMaxValue: false);
                default:
                    // NextInt64, NextDouble, NextSingle: RandomNumberGenerator has no equivalent.
                    return null;
            }
        }

        /// <summary>The RandomNumberGenerator call for <paramref name="invocation"/>, the current version of <see cref="Invocation"/>.</summary>
        public InvocationExpressionSyntax Build(InvocationExpressionSyntax invocation)
        {
            var arguments = new List<ArgumentSyntax>(_argumentOrder.Length + 1);
            foreach (var index in _argumentOrder)
            {
                arguments.Add(SyntaxFactory.Argument(invocation.ArgumentList.Arguments[index].Expression.WithoutTrivia()));
            }

            if (_addMaxValue)
            {
                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.IntKeyword)),
                    SyntaxFactory.IdentifierName("MaxValue"))));
            }

            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SafeFix.QualifiedType(RandomNumberGenerator), _name),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        }
    }

    /// <summary>A receiver whose evaluation has no side effect, so dropping it changes nothing else.</summary>
    private static bool HasSimpleReceiver(IOperation? receiver)
    {
        switch (receiver)
        {
            case ILocalReferenceOperation:
            case IParameterReferenceOperation:
                return receiver.Syntax is ExpressionSyntax;
            case IFieldReferenceOperation field:
                return field.Instance is null or IInstanceReferenceOperation;
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Shared" } property }:
                return property.ContainingType is { Name: "Random", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
            default:
                return false;
        }
    }
}
