using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.ConstantData;

namespace SecureCodingAnalyzers.Rules.Secrets;

/// <summary>
/// SCR6005 (part of <see cref="HardcodedCredentialAnalyzer"/>): a string compared with a constant where one side is a
/// password: a password-named parameter, local, field or property (<see cref="SecretValues.IsPasswordName"/>; for
/// <c>Text</c>/<c>Value</c>/<c>Password</c> of a control, the control's name: <c>txtPassword.Text</c>), or a constant
/// whose own name says it is a password (<c>input == AdminPassword</c>). The constant must be a real value: empty,
/// white space, <c>null</c>, placeholders and masks such as <c>"********"</c> (the "unchanged" sentinel of password
/// forms) are not reported, nor are comparisons of two variables (<c>password == confirmPassword</c>) or of lengths.
/// </summary>
internal static class PasswordComparison
{
    public static void AnalyzeBinary(OperationAnalysisContext context, ConstantByteData constants)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
            || binary.LeftOperand.Type?.SpecialType != SpecialType.System_String
            || binary.RightOperand.Type?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        Check(context, binary.LeftOperand, binary.RightOperand, binary, constants);
    }

    public static void AnalyzeInvocation(OperationAnalysisContext context, ConstantByteData constants)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.ContainingType?.SpecialType != SpecialType.System_String || method.Name is not ("Equals" or "Compare" or "CompareOrdinal"))
        {
            return;
        }

        if (method.IsStatic && invocation.Arguments.Length >= 2
            && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String
            && invocation.Arguments[1].Value.Type?.SpecialType == SpecialType.System_String)
        {
            Check(context, invocation.Arguments[0].Value, invocation.Arguments[1].Value, invocation, constants);
        }
        else if (!method.IsStatic && method.Name == "Equals" && invocation.Instance is { } instance && invocation.Arguments.Length >= 1
                 && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
        {
            Check(context, instance, invocation.Arguments[0].Value, invocation, constants);
        }
    }

    public static void AnalyzePattern(OperationAnalysisContext context, ConstantByteData constants)
    {
        switch (context.Operation)
        {
            case IIsPatternOperation { Pattern: IConstantPatternOperation pattern } isPattern:
                Check(context, isPattern.Value, pattern.Value, isPattern, constants);
                break;
            case ISwitchCaseOperation { Parent: ISwitchOperation switchOperation } switchCase:
                foreach (var clause in switchCase.Clauses)
                {
                    var value = clause switch
                    {
                        ISingleValueCaseClauseOperation single => single.Value,
                        IPatternCaseClauseOperation { Pattern: IConstantPatternOperation constant } => constant.Value,
                        _ => null,
                    };
                    if (value is not null)
                    {
                        Check(context, switchOperation.Value, value, value, constants);
                    }
                }

                break;
            case ISwitchExpressionArmOperation { Pattern: IConstantPatternOperation armPattern, Parent: ISwitchExpressionOperation switchExpression }:
                Check(context, switchExpression.Value, armPattern.Value, armPattern, constants);
                break;
        }
    }

    private static void Check(OperationAnalysisContext context, IOperation left, IOperation right, IOperation reported, ConstantByteData constants)
    {
        if (left.Type?.SpecialType != SpecialType.System_String || right.Type?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        // Only a password-named side (or a password-named constant) can be reported: check the names before evaluating constants.
        if (!MayBePassword(left) && !MayBePassword(right))
        {
            return;
        }

        var leftConstant = Constant(left, constants, context);
        var rightConstant = Constant(right, constants, context);
        if ((leftConstant is null) == (rightConstant is null))
        {
            return;
        }

        var (variable, constant, constantOperation) = leftConstant is null ? (left, rightConstant!, right) : (right, leftConstant, left);
        if (ConstantString.Evaluate(variable, constants, context.CancellationToken) is not null)
        {
            // Both sides have constant pieces: not a check of an input.
            return;
        }

        string? what = PasswordValue(variable, out var matchedName);
        if (what is null && ConstantIsNamedPassword(constantOperation))
        {
            what = Describe(variable) ?? "a value";
            matchedName = Name(Strip(constantOperation));
        }

        if (what is null || SecretValues.IsPlaceholder(constant.Text))
        {
            return;
        }

        if (matchedName is not null && SecretValues.IsPinOnlyName(matchedName) && !IsDigits(constant.Text))
        {
            // A PIN is numeric: pin == "A0" is a device pin.
            return;
        }

        HardcodedCredentialAnalyzer.Report(context, Catalog.Rules.HardcodedPasswordCheck, reported, constant.Origin, "'" + MemberName(context.ContainingSymbol) + "'", what);
    }

    private static ConstantString? Constant(IOperation operation, ConstantByteData constants, OperationAnalysisContext context)
        => ConstantString.Evaluate(operation, constants, context.CancellationToken) is { IsComplete: true } text && text.Text.Length > 0 ? text : null;

    /// <summary>Describes <paramref name="operation"/> when it is a password: <c>the parameter 'password'</c>, <c>'txtPassword.Text'</c>.</summary>
    private static string? PasswordValue(IOperation operation, out string? matchedName)
    {
        operation = Strip(operation);
        matchedName = null;
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "Trim" or "ToLower" or "ToUpper" or "ToLowerInvariant" or "ToUpperInvariant" or "ToString", Instance: { } instance }:
                return PasswordValue(instance, out matchedName);
            case IPropertyReferenceOperation { Property.Name: "Text" or "Value" or "Password" or "Content" } property
                when property.Instance is { } owner && Name(Strip(owner)) is { } ownerName && SecretValues.IsPasswordName(ownerName):
                matchedName = ownerName;
                return "'" + ownerName + "." + property.Property.Name + "'";
        }

        if (Name(operation) is { } name && SecretValues.IsPasswordName(name))
        {
            matchedName = name;
            return Describe(operation);
        }

        return null;
    }

    /// <summary>True when <see cref="PasswordValue"/> (or <see cref="ConstantIsNamedPassword"/>) can match <paramref name="operation"/>; allocates no descriptions.</summary>
    private static bool MayBePassword(IOperation operation)
    {
        operation = Strip(operation);
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "Trim" or "ToLower" or "ToUpper" or "ToLowerInvariant" or "ToUpperInvariant" or "ToString", Instance: { } instance }:
                return MayBePassword(instance);
            case IPropertyReferenceOperation { Property.Name: "Text" or "Value" or "Password" or "Content" } property
                when property.Instance is { } owner && Name(Strip(owner)) is { } ownerName && SecretValues.IsPasswordName(ownerName):
                return true;
        }

        return Name(operation) is { } name && SecretValues.IsPasswordName(name);
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private static bool ConstantIsNamedPassword(IOperation operation)
        => Strip(operation) is IFieldReferenceOperation or ILocalReferenceOperation or IPropertyReferenceOperation
           && Name(Strip(operation)) is { } name
           && SecretValues.IsPasswordName(name);

    private static string? Name(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        _ => null,
    };

    private static string? Describe(IOperation operation) => Strip(operation) switch
    {
        ILocalReferenceOperation local => "the local '" + local.Local.Name + "'",
        IParameterReferenceOperation parameter => "the parameter '" + parameter.Parameter.Name + "'",
        IFieldReferenceOperation field => "the field '" + field.Field.Name + "'",
        IPropertyReferenceOperation property => "the property '" + property.Property.Name + "'",
        IInvocationOperation invocation => "the result of '" + invocation.TargetMethod.Name + "'",
        _ => null,
    };

    private static string MemberName(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor => constructor.ContainingType.Name,
        IMethodSymbol { AssociatedSymbol: { } associated } => associated.Name,
        _ => symbol.Name,
    };

    private static IOperation Strip(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { OperatorMethod: null } conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }
}
