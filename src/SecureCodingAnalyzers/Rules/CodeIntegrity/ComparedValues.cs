using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// The values an equality check compares: <c>==</c>/<c>!=</c>; <c>Equals</c> (instance, static and comparer forms),
/// <c>SequenceEqual</c> (LINQ and spans), <c>CryptographicOperations.FixedTimeEquals</c>; membership in a set of
/// expected values (<c>Contains</c>, <c>ContainsKey</c>, <c>TryGetValue</c>); constant patterns (<c>is "..."</c>,
/// <c>is "a" or "b"</c>) and <c>switch</c> statements and expressions with constant cases (the value, then the constants).
/// Ordering comparisons, lengths and property patterns are not equality checks of a value and are not returned.
/// </summary>
internal static class ComparedValues
{
    /// <summary>The compared values, or an empty array when <paramref name="operation"/> is not an equality check.</summary>
    public static ImmutableArray<IOperation> Of(IOperation operation)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return ImmutableArray.Create(binary.LeftOperand, binary.RightOperand);

            case IInvocationOperation invocation:
                return OfInvocation(invocation);

            case IIsPatternOperation isPattern:
                return WithConstants(isPattern.Value, isPattern.Pattern);

            case ISwitchOperation switchStatement:
            {
                var builder = ImmutableArray.CreateBuilder<IOperation>();
                builder.Add(switchStatement.Value);
                foreach (var section in switchStatement.Cases)
                {
                    foreach (var clause in section.Clauses)
                    {
                        if (clause is ISingleValueCaseClauseOperation single)
                        {
                            builder.Add(single.Value);
                        }
                        else if (clause is IPatternCaseClauseOperation patternClause)
                        {
                            AddConstants(patternClause.Pattern, builder);
                        }
                    }
                }

                return builder.Count > 1 ? builder.ToImmutable() : ImmutableArray<IOperation>.Empty;
            }

            case ISwitchExpressionOperation switchExpression:
            {
                var builder = ImmutableArray.CreateBuilder<IOperation>();
                builder.Add(switchExpression.Value);
                foreach (var arm in switchExpression.Arms)
                {
                    AddConstants(arm.Pattern, builder);
                }

                return builder.Count > 1 ? builder.ToImmutable() : ImmutableArray<IOperation>.Empty;
            }

            default:
                return ImmutableArray<IOperation>.Empty;
        }
    }

    /// <summary>
    /// True for a value that cannot pin anything: <c>null</c>, <c>default</c>, the empty string, <c>Array.Empty&lt;T&gt;()</c>
    /// (checks that a value is present, not which one it is).
    /// </summary>
    public static bool IsTrivial(IOperation operand)
    {
        var value = operand.WalkDownConversions();
        return value.ConstantValue is { HasValue: true, Value: null or "" }
            || value is IDefaultValueOperation
            || value is IInvocationOperation { TargetMethod.Name: "Empty", Arguments.Length: 0 }
            || value is IFieldReferenceOperation { Field.Name: "Empty", Field.IsStatic: true };
    }

    /// <summary>
    /// True when a compared value is a scalar (number, <see langword="bool"/>, <see langword="char"/>, enum): a length,
    /// a count or a flag derived from a key or token, not the key or token itself.
    /// </summary>
    public static bool IsScalar(IOperation operand)
    {
        var type = operand.Type;
        return type is not null
            && (type.TypeKind == TypeKind.Enum
                || (type.SpecialType >= SpecialType.System_Boolean && type.SpecialType <= SpecialType.System_Double));
    }

    private static ImmutableArray<IOperation> OfInvocation(IInvocationOperation invocation)
    {
        var arguments = invocation.Arguments;
        var instance = invocation.Instance;
        switch (invocation.TargetMethod.Name)
        {
            case "Equals":
                // string.Equals(a, b, comparison), object.Equals(a, b), comparer.Equals(a, b): the comparer is not compared.
                var parameters = invocation.TargetMethod.Parameters;
                var pair = arguments.Length >= 2
                    && (instance is null || (parameters.Length >= 2 && SymbolEqualityComparer.Default.Equals(parameters[0].Type, parameters[1].Type)));
                if (pair)
                {
                    return ImmutableArray.Create(arguments[0].Value, arguments[1].Value);
                }

                // a.Equals(b), a.Equals(b, StringComparison.OrdinalIgnoreCase).
                return instance is not null && arguments.Length >= 1 ? ImmutableArray.Create(instance, arguments[0].Value) : ImmutableArray<IOperation>.Empty;

            case "SequenceEqual":
            case "Contains":
            case "ContainsKey":
            case "TryGetValue":
                if (instance is not null && arguments.Length >= 1)
                {
                    return ImmutableArray.Create(instance, arguments[0].Value);
                }

                // Extension methods (Enumerable.SequenceEqual, MemoryExtensions.SequenceEqual, Enumerable.Contains).
                return arguments.Length >= 2 ? ImmutableArray.Create(arguments[0].Value, arguments[1].Value) : ImmutableArray<IOperation>.Empty;

            case "FixedTimeEquals":
                return arguments.Length == 2 ? ImmutableArray.Create(arguments[0].Value, arguments[1].Value) : ImmutableArray<IOperation>.Empty;

            default:
                return ImmutableArray<IOperation>.Empty;
        }
    }

    private static ImmutableArray<IOperation> WithConstants(IOperation value, IPatternOperation pattern)
    {
        var builder = ImmutableArray.CreateBuilder<IOperation>();
        builder.Add(value);
        AddConstants(pattern, builder);
        return builder.Count > 1 ? builder.ToImmutable() : ImmutableArray<IOperation>.Empty;
    }

    /// <summary>The constants of a constant pattern and of <c>or</c>/<c>and</c>/<c>not</c> combinations of them.</summary>
    private static void AddConstants(IPatternOperation pattern, ImmutableArray<IOperation>.Builder builder)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant:
                builder.Add(constant.Value);
                break;
            case IBinaryPatternOperation binary:
                AddConstants(binary.LeftPattern, builder);
                AddConstants(binary.RightPattern, builder);
                break;
            case INegatedPatternOperation negated:
                AddConstants(negated.Pattern, builder);
                break;
        }
    }
}
