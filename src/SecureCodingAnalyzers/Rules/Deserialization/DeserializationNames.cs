using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>How the deserialization rules name the code a finding is in.</summary>
internal static class DeserializationNames
{
    /// <summary>
    /// <c>Type.Member</c> of the member whose code holds the finding (a property for its accessors, the type for a
    /// field initializer's field), quoted for messages.
    /// </summary>
    public static string Member(ISymbol? symbol)
    {
        if (symbol is IMethodSymbol { AssociatedSymbol: { } associated })
        {
            symbol = associated;
        }
        else if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor)
        {
            return "'" + constructor.ContainingType.Name + "' constructor";
        }

        return symbol switch
        {
            null => "This code",
            { ContainingType: { } type } => "'" + type.Name + "." + symbol.Name + "'",
            _ => "'" + symbol.Name + "'",
        };
    }
}
