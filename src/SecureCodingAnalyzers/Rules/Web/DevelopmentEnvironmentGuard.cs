using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// Recognizes code that runs only outside production: inside an environment check (<c>env.IsDevelopment()</c>,
/// <c>app.Environment.IsDevelopment()</c>, <c>IsEnvironment("Local")</c>, <c>!env.IsProduction()</c>,
/// <c>env.EnvironmentName == "Development"</c>), in the else branch of the negated check, after
/// <c>if (!env.IsDevelopment()) return;</c>, or in a ternary on such a check. Conditions are recognized by member name
/// (the <c>IsDevelopment</c> extensions of <c>IHostEnvironment</c>, the legacy <c>IHostingEnvironment</c> and
/// application wrappers all count) because what matters is the decision, not the type that makes it.
/// </summary>
internal static class DevelopmentEnvironmentGuard
{
    private const string Production = "Production";

    /// <summary>True when <paramref name="operation"/> only runs when an environment check excluded production.</summary>
    public static bool IsGuarded(IOperation operation)
    {
        IOperation child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != child:
                    var branchHolds = conditional.WhenTrue == child;
                    if (Excludes(conditional.Condition, branchHolds))
                    {
                        return true;
                    }

                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when conjunction.RightOperand == child:
                    // env.IsDevelopment() && app.UseDeveloperExceptionPage() is not null: the right side runs only when the left holds.
                    if (Excludes(conjunction.LeftOperand, holds: true))
                    {
                        return true;
                    }

                    break;
                case IBlockOperation block when EarlyExit(block, child):
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="condition"/> having the value <paramref name="holds"/> excludes production.</summary>
    public static bool Excludes(IOperation condition, bool holds)
    {
        condition = condition.WalkDownConversions();
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Excludes(not.Operand, !holds);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when holds:
                return Excludes(conjunction.LeftOperand, true) || Excludes(conjunction.RightOperand, true);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } disjunction when !holds:
                return Excludes(disjunction.LeftOperand, false) || Excludes(disjunction.RightOperand, false);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } both:
                return Excludes(both.LeftOperand, holds) && Excludes(both.RightOperand, holds);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } equality:
                return EnvironmentComparison(equality.LeftOperand, equality.RightOperand, holds == (equality.OperatorKind == BinaryOperatorKind.Equals));
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } isPattern:
                return EnvironmentComparison(isPattern.Value, constant.Value, holds);
            case IInvocationOperation invocation:
                return ExcludesByCall(invocation, holds);
            case ILocalReferenceOperation local:
                return holds && IsDevelopmentFlag(local.Local.Name);
            case IFieldReferenceOperation field:
                return holds && IsDevelopmentFlag(field.Field.Name);
            case IPropertyReferenceOperation property:
                return holds && IsDevelopmentFlag(property.Property.Name);
            case IParameterReferenceOperation parameter:
                return holds && IsDevelopmentFlag(parameter.Parameter.Name);
            default:
                return false;
        }
    }

    /// <summary>A flag named for the development environment: <c>isDevelopment</c>, <c>IsDevelopmentEnvironment</c>, <c>isDev</c>.</summary>
    private static bool IsDevelopmentFlag(string name)
    {
        var trimmed = name.TrimStart('_');
        return trimmed.Equals("isDev", StringComparison.OrdinalIgnoreCase)
               || trimmed.StartsWith("isDevelopment", StringComparison.OrdinalIgnoreCase)
               || trimmed.StartsWith("isDevEnv", StringComparison.OrdinalIgnoreCase);
    }

    private static bool ExcludesByCall(IInvocationOperation invocation, bool holds)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "IsDevelopment" or "IsLocal" or "IsLocalDevelopment":
                return holds;
            case "IsProduction":
                return !holds;
            case "IsEnvironment" or "Equals":
                // env.IsEnvironment("Local"), env.EnvironmentName.Equals("Development", ...)
                IOperation? first = null, second = null;
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.Type?.SpecialType != SpecialType.System_String)
                    {
                        continue;
                    }

                    if (first is null)
                    {
                        first = argument.Value;
                    }
                    else
                    {
                        second ??= argument.Value;
                    }
                }

                if (method.Name == "IsEnvironment")
                {
                    return first is not null && second is null ? NamesEnvironment(first, holds) : first is not null && second is not null && NamesEnvironment(second, holds);
                }

                var receiver = invocation.Instance ?? first;
                var other = invocation.Instance is null ? second : first;
                return receiver is not null && other is not null && EnvironmentComparison(receiver, other, holds);
            default:
                return false;
        }
    }

    /// <summary><c>env.EnvironmentName == "Development"</c> (equal: <paramref name="equal"/>).</summary>
    private static bool EnvironmentComparison(IOperation left, IOperation right, bool equal)
    {
        if (IsEnvironmentName(left))
        {
            return NamesEnvironment(right, equal);
        }

        return IsEnvironmentName(right) && NamesEnvironment(left, equal);
    }

    private static bool IsEnvironmentName(IOperation operation)
        => operation.WalkDownConversions() switch
        {
            IPropertyReferenceOperation property => property.Property.Name.IndexOf("Environment", StringComparison.OrdinalIgnoreCase) >= 0,
            IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariable", Arguments.Length: > 0 } read
                => read.Arguments[0].Value.ConstantValue is { HasValue: true, Value: "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT" },
            ILocalReferenceOperation local => local.Local.Name.IndexOf("environment", StringComparison.OrdinalIgnoreCase) >= 0,
            _ => false,
        };

    /// <summary>
    /// True when a value names an environment such that the comparison holding as <paramref name="equal"/> excludes
    /// production: equal to a non-production name, or not equal to <c>Production</c>.
    /// </summary>
    private static bool NamesEnvironment(IOperation value, bool equal)
    {
        value = value.WalkDownConversions();
        string? name = value.ConstantValue is { HasValue: true, Value: string constant } ? constant
            : value is IFieldReferenceOperation { Field: { ContainingType.Name: "Environments" or "EnvironmentName" } field } ? field.Name
            : null;
        if (name is null || name.Length == 0)
        {
            return false;
        }

        var isProduction = string.Equals(name, Production, StringComparison.OrdinalIgnoreCase);
        return equal ? !isProduction : isProduction;
    }

    /// <summary>
    /// True when a statement before <paramref name="child"/> in <paramref name="block"/> leaves the block unless the
    /// environment excludes production: <c>if (!env.IsDevelopment()) return;</c>.
    /// </summary>
    private static bool EarlyExit(IBlockOperation block, IOperation child)
    {
        foreach (var statement in block.Operations)
        {
            if (statement == child)
            {
                return false;
            }

            if (statement is IConditionalOperation { WhenFalse: null } conditional
                && Exits(conditional.WhenTrue)
                && Excludes(conditional.Condition, holds: false))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Exits(IOperation operation) => operation switch
    {
        IReturnOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: > 0 } block => Exits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };
}
