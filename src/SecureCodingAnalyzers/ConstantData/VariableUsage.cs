using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.ConstantData;

/// <summary>How one reference to a local, field or property uses the array it holds.</summary>
internal enum VariableUsageKind
{
    /// <summary>The reference only reads the variable and cannot change the contents of the array.</summary>
    Read,

    /// <summary>The variable itself is assigned; the assigned value is reported.</summary>
    Write,

    /// <summary>Anything else: the contents may be filled or changed (argument, span, element write, alias, escape).</summary>
    Unknown,
}

/// <summary>
/// Classifies a reference to a variable holding a byte buffer: does it only read the buffer, assign the variable, or
/// possibly change the contents? Anything not known to be read-only is <see cref="VariableUsageKind.Unknown"/>, so
/// <c>var iv = new byte[16]; RandomNumberGenerator.Fill(iv);</c> makes <c>iv</c> non-constant.
/// </summary>
internal static class VariableUsage
{
    /// <summary>Classifies <paramref name="reference"/> (a local, field or property reference).</summary>
    public static VariableUsageKind Classify(IOperation reference, ConstantDataTypes types, out IOperation? assignedValue)
    {
        assignedValue = null;
        var consumer = reference.WalkUpConversions(out var child);
        switch (consumer)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == child:
                if (child != reference)
                {
                    return VariableUsageKind.Unknown;
                }

                assignedValue = assignment.Value;
                return VariableUsageKind.Write;

            case ISimpleAssignmentOperation assignment when assignment.Value == child:
                // aes.Key = key / aes.IV = iv / pbkdf.Salt = salt: the setters copy the array.
                return assignment.Target is IPropertyReferenceOperation { Property: { Name: "Key" or "IV" or "Salt" } setter }
                       && setter.IsInCryptographyNamespace()
                    ? VariableUsageKind.Read
                    : VariableUsageKind.Unknown;

            case IArgumentOperation argument:
                return argument.Parameter is { } parameter && IsReadOnlyParameter(parameter, types)
                    ? VariableUsageKind.Read
                    : VariableUsageKind.Unknown;

            case IPropertyReferenceOperation property when property.Instance == child:
                return property.Property.Name is "Length" or "LongLength" or "IsEmpty" || types.IsReadOnlyView(child.Type)
                    ? VariableUsageKind.Read
                    : VariableUsageKind.Unknown;

            case IInvocationOperation invocation when invocation.Instance == child:
                return types.IsReadOnlyView(child.Type)
                       || invocation.TargetMethod.Name is "CopyTo" or "TryCopyTo" or "Clone" or "ToArray" or "GetLength" or "GetLongLength"
                           or "GetValue" or "Equals" or "GetHashCode" or "ToString"
                    ? VariableUsageKind.Read
                    : VariableUsageKind.Unknown;

            case IIsPatternOperation isPattern:
                // iv is { Length: 16 } buffer: a declaration names the same array again (an alias we do not follow).
                return DeclaresVariable(isPattern.Pattern) ? VariableUsageKind.Unknown : VariableUsageKind.Read;

            case IBinaryOperation or IInterpolationOperation or INameOfOperation:
                return VariableUsageKind.Read;

            default:
                return VariableUsageKind.Unknown;
        }
    }

    private static bool DeclaresVariable(IPatternOperation pattern)
    {
        foreach (var operation in pattern.DescendantsAndSelf())
        {
            if (operation is IDeclarationPatternOperation { DeclaredSymbol: not null }
                or IRecursivePatternOperation { DeclaredSymbol: not null }
                or IListPatternOperation { DeclaredSymbol: not null })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when passing an array to <paramref name="parameter"/> cannot change its contents: read-only views
    /// (<c>ReadOnlySpan&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>), input parameters of cryptographic APIs (key, iv,
    /// salt, data...) except on random number generators, and a few read-only framework methods
    /// (<c>Convert.ToBase64String</c>, <c>Stream.Write</c>, <c>Buffer.BlockCopy</c> source, <c>Array.Copy</c> source).
    /// </summary>
    public static bool IsReadOnlyParameter(IParameterSymbol parameter, ConstantDataTypes types)
    {
        if (parameter.RefKind is not (RefKind.None or RefKind.In))
        {
            return false;
        }

        if (types.IsReadOnlyView(parameter.Type))
        {
            return true;
        }

        if (parameter.ContainingSymbol is not IMethodSymbol method || parameter.Type is not IArrayTypeSymbol and not { SpecialType: SpecialType.System_Array })
        {
            return false;
        }

        var type = method.ContainingType;
        if (method.Name.StartsWith("Write", System.StringComparison.Ordinal)
            && parameter.Name == "buffer"
            && (type.IsOrDerivesFrom(types.Stream) || type.IsOrDerivesFrom(types.BinaryWriter)))
        {
            return true;
        }

        if (method.IsInCryptographyNamespace())
        {
            return !type.IsOrDerivesFrom(types.RandomNumberGenerator)
                   && parameter.Name is "key" or "rgbKey" or "iv" or "rgbIV" or "nonce" or "salt" or "rgbSalt" or "password"
                       or "associatedData" or "inputBuffer" or "source" or "data";
        }

        if (ConstantDataTypes.Is(type, types.Convert))
        {
            return parameter.Name == "inArray";
        }

        if (ConstantDataTypes.Is(type, types.BitConverter))
        {
            return method.Name.StartsWith("To", System.StringComparison.Ordinal);
        }

        if (ConstantDataTypes.Is(type, types.Buffer))
        {
            return parameter.Name == "src";
        }

        if (ConstantDataTypes.Is(type, types.Array))
        {
            return parameter.Name == "sourceArray";
        }

        return type.IsOrDerivesFrom(types.Encoding)
               && parameter.Name == "bytes"
               && method.Name is "GetString" or "GetChars" or "GetCharCount";
    }
}
