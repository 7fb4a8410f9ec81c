using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Symbols;

/// <summary>Small symbol and operation helpers shared by the rules.</summary>
internal static class SymbolExtensions
{
    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        // Asked for most operations of a compilation by some rule: the names are compared first (they differ at the
        // length or the first characters for nearly every type), the symbols only where they match.
        var name = baseType.Name;
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (string.Equals(t.Name, name, System.StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the symbol is declared in <c>System.Security.Cryptography</c> or a sub-namespace.</summary>
    public static bool IsInCryptographyNamespace(this ISymbol symbol)
    {
        var ns = symbol.ContainingNamespace;
        while (ns is not null && !ns.IsGlobalNamespace)
        {
            if (ns.Name == "Cryptography")
            {
                var parent = ns.ContainingNamespace;
                if (parent is { Name: "Security" } && parent.ContainingNamespace is { Name: "System" } sys && sys.ContainingNamespace.IsGlobalNamespace)
                {
                    return true;
                }

                // Microsoft.AspNetCore.Cryptography.KeyDerivation and friends.
                if (parent is { Name: "AspNetCore" })
                {
                    return true;
                }
            }

            ns = ns.ContainingNamespace;
        }

        return false;
    }

    /// <summary>Strips implicit and explicit conversions and parentheses.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
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

    /// <summary>Climbs over conversions and parentheses to the operation that consumes this value.</summary>
    public static IOperation? WalkUpConversions(this IOperation operation, out IOperation child)
    {
        child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>A short display of a member for messages: <c>Type.Member</c>.</summary>
    public static string ShortName(this ISymbol symbol)
        => symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor
            ? "new " + ctor.ContainingType.Name + "(...)"
            : symbol.ContainingType is null ? symbol.Name : symbol.ContainingType.Name + "." + symbol.Name;

    /// <summary>The outermost operation of the body containing <paramref name="operation"/>.</summary>
    public static IOperation Root(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }
}
