using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Rules.CodeIntegrity;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// The local check shared by the resolvers of SCR3006 (YamlDotNet <c>INodeTypeResolver</c>) and SCR3007
/// (<c>DataContractResolver</c>): a body that passes a name it was given by the document to <c>Type.GetType</c>,
/// <c>Assembly.GetType</c> or <c>Type.ReflectionOnlyGetType</c> and checks that name nowhere. A check is a comparison
/// with something other than <c>null</c>, a <c>switch</c> or pattern on the name, or a <c>Contains</c>,
/// <c>ContainsKey</c>, <c>TryGetValue</c>, <c>GetValueOrDefault</c> or <c>Equals</c> call involving it: flow-insensitive
/// on purpose, a check anywhere in the body is read as an allow-list. A prefix check (<c>StartsWith</c>) is not one for
/// the resolvers: it selects which tags are type names, it does not limit the types. SCR3002's Json.NET binders pass
/// <c>prefixIsCheck</c>: there the name is a full type name, and a prefix limits it to the application's namespaces.
/// </summary>
internal static class NameLookupCheck
{
    /// <summary>
    /// The first unchecked type lookup of a name that <paramref name="isName"/> recognizes, or null. A lookup is
    /// <c>Type.GetType</c>, <c>Assembly.GetType</c>, <c>Type.ReflectionOnlyGetType</c>, or a call that
    /// <paramref name="otherLookup"/> accepts (given a name in any argument).
    /// </summary>
    public static IInvocationOperation? FindUncheckedLookup(
        IOperation root,
        Func<IOperation, bool> isName,
        INamedTypeSymbol? type,
        INamedTypeSymbol? assembly,
        Func<IInvocationOperation, bool>? otherLookup = null,
        bool prefixIsCheck = false)
    {
        var flow = new BodyLocalFlow(root);
        var locals = flow.LocalsFrom(isName);
        IInvocationOperation? lookup = null;
        foreach (var operation in flow.Operations)
        {
            switch (operation)
            {
                case IInvocationOperation invocation when IsTypeLookup(invocation.TargetMethod, type, assembly):
                    if (lookup is null && FirstStringArgument(invocation) is { } name && BodyLocalFlow.Reaches(name, isName, locals))
                    {
                        lookup = invocation;
                    }

                    break;
                case IInvocationOperation invocation when otherLookup is not null && otherLookup(invocation):
                    if (lookup is null && Involves(invocation, isName, locals))
                    {
                        lookup = invocation;
                    }

                    break;
                case IInvocationOperation invocation when (invocation.TargetMethod.Name is "Contains" or "ContainsKey" or "TryGetValue" or "GetValueOrDefault" or "Equals"
                                                           || (prefixIsCheck && invocation.TargetMethod.Name is "StartsWith"))
                                                          && Involves(invocation, isName, locals):
                    return null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when !IsNull(comparison.LeftOperand) && !IsNull(comparison.RightOperand)
                         && (BodyLocalFlow.Reaches(comparison.LeftOperand, isName, locals) || BodyLocalFlow.Reaches(comparison.RightOperand, isName, locals)):
                    return null;
                case ISwitchOperation switchStatement when BodyLocalFlow.Reaches(switchStatement.Value, isName, locals):
                    return null;
                case ISwitchExpressionOperation switchExpression when BodyLocalFlow.Reaches(switchExpression.Value, isName, locals):
                    return null;
                case IIsPatternOperation { Pattern: not IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } pattern
                    when BodyLocalFlow.Reaches(pattern.Value, isName, locals):
                    return null;
            }
        }

        return lookup;
    }

    private static bool IsNull(IOperation operation) => operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: null };

    private static bool IsTypeLookup(IMethodSymbol method, INamedTypeSymbol? type, INamedTypeSymbol? assembly)
        => method.Name switch
        {
            "GetType" => method.Parameters.Length > 0
                         && (SymbolEqualityComparer.Default.Equals(method.ContainingType, type) || method.ContainingType.IsOrDerivesFrom(assembly)),
            "ReflectionOnlyGetType" => SymbolEqualityComparer.Default.Equals(method.ContainingType, type),
            _ => false,
        };

    private static IOperation? FirstStringArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static bool Involves(IInvocationOperation invocation, Func<IOperation, bool> isName, HashSet<ILocalSymbol> locals)
    {
        if (invocation.Instance is { } instance && BodyLocalFlow.Reaches(instance, isName, locals))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (BodyLocalFlow.Reaches(argument.Value, isName, locals))
            {
                return true;
            }
        }

        return false;
    }
}
