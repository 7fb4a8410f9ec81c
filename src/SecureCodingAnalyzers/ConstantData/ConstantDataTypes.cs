using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.ConstantData;

/// <summary>The framework types the constant-data classifier needs, resolved once per compilation.</summary>
internal sealed class ConstantDataTypes
{
    public ConstantDataTypes(Compilation compilation)
    {
        Encoding = compilation.ResolveType("System.Text.Encoding");
        Convert = compilation.ResolveType("System.Convert");
        BitConverter = compilation.ResolveType("System.BitConverter");
        Buffer = compilation.ResolveType("System.Buffer");
        Array = compilation.GetSpecialType(SpecialType.System_Array);
        Span = compilation.ResolveType("System.Span`1");
        ReadOnlySpan = compilation.ResolveType("System.ReadOnlySpan`1");
        Memory = compilation.ResolveType("System.Memory`1");
        ReadOnlyMemory = compilation.ResolveType("System.ReadOnlyMemory`1");
        Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        ReadOnlyList = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyList_T);
        ReadOnlyCollection = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyCollection_T);
        Stream = compilation.ResolveType("System.IO.Stream");
        BinaryWriter = compilation.ResolveType("System.IO.BinaryWriter");
        HashAlgorithm = compilation.ResolveType("System.Security.Cryptography.HashAlgorithm");
        KeyedHashAlgorithm = compilation.ResolveType("System.Security.Cryptography.KeyedHashAlgorithm");
        RandomNumberGenerator = compilation.ResolveType("System.Security.Cryptography.RandomNumberGenerator");
    }

    public INamedTypeSymbol? Encoding { get; }

    public INamedTypeSymbol? Convert { get; }

    public INamedTypeSymbol? BitConverter { get; }

    public INamedTypeSymbol? Buffer { get; }

    public INamedTypeSymbol? Array { get; }

    public INamedTypeSymbol? Span { get; }

    public INamedTypeSymbol? ReadOnlySpan { get; }

    public INamedTypeSymbol? Memory { get; }

    public INamedTypeSymbol? ReadOnlyMemory { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? ReadOnlyList { get; }

    public INamedTypeSymbol? ReadOnlyCollection { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? BinaryWriter { get; }

    public INamedTypeSymbol? HashAlgorithm { get; }

    public INamedTypeSymbol? KeyedHashAlgorithm { get; }

    public INamedTypeSymbol? RandomNumberGenerator { get; }

    /// <summary>True for <c>Span&lt;T&gt;</c>, <c>ReadOnlySpan&lt;T&gt;</c>, <c>Memory&lt;T&gt;</c> and <c>ReadOnlyMemory&lt;T&gt;</c>.</summary>
    public bool IsSpanLike(ITypeSymbol? type)
        => type is INamedTypeSymbol { IsGenericType: true } named
           && (Is(named, Span) || Is(named, ReadOnlySpan) || Is(named, Memory) || Is(named, ReadOnlyMemory));

    /// <summary>True for <c>byte[]</c> and <c>Span</c>/<c>ReadOnlySpan</c>/<c>Memory</c>/<c>ReadOnlyMemory</c> of <c>byte</c>.</summary>
    public bool IsByteBuffer(ITypeSymbol? type)
        => type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte }
           || (IsSpanLike(type) && type is INamedTypeSymbol { TypeArguments.Length: 1 } named && named.TypeArguments[0].SpecialType == SpecialType.System_Byte);

    /// <summary>True for types through which the elements of an array cannot be written.</summary>
    public bool IsReadOnlyView(ITypeSymbol? type)
        => type is INamedTypeSymbol { IsGenericType: true } named
           && (Is(named, ReadOnlySpan) || Is(named, ReadOnlyMemory) || Is(named, Enumerable) || Is(named, ReadOnlyList) || Is(named, ReadOnlyCollection));

    /// <summary>An unkeyed hash algorithm type (SHA256, MD5, ...), not <c>HashAlgorithm</c> itself and not an HMAC.</summary>
    public bool IsUnkeyedHashAlgorithm(ITypeSymbol? type)
        => type is not null
           && type.IsOrDerivesFrom(HashAlgorithm)
           && !type.IsOrDerivesFrom(KeyedHashAlgorithm)
           && !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, HashAlgorithm);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
}
