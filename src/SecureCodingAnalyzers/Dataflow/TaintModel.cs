using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// Everything the engine knows about a compilation, resolved once at compilation start: the specs of every rule
/// (sources, sinks, sanitizers) indexed by member name, the well-known types of entry points and guards, and a
/// cache of which types can carry taint.
/// </summary>
internal sealed class TaintModel
{
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _taintable = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, SinkKind> _sanitizerAttributes = new(SymbolEqualityComparer.Default);

    /// <summary>The parameters each validation helper of the compilation guards (see MethodAnalysis.ValidatorGuards).</summary>
    public ConcurrentDictionary<IMethodSymbol, List<(int Ordinal, SinkKind Kinds)>> Validators { get; } = new(SymbolEqualityComparer.Default);

    public TaintModel(Compilation compilation, ImmutableArray<TaintRule> rules)
    {
        Compilation = compilation;
        Rules = rules;
        var specs = new List<ApiSpec>(BuiltInSources.All);
        specs.AddRange(BuiltInSanitizers.All);
        foreach (var rule in rules)
        {
            specs.AddRange(rule.Sinks);
            specs.AddRange(rule.Sanitizers);
        }

        Specs = new ApiSpecIndex(compilation, specs);
        Web = new WebTypes(compilation);
        Regex = compilation.ResolveType("System.Text.RegularExpressions.Regex");
        Uri = compilation.ResolveType("System.Uri");
        Char = compilation.GetSpecialType(SpecialType.System_Char);
        String = compilation.GetSpecialType(SpecialType.System_String);
        Enum = compilation.GetSpecialType(SpecialType.System_Enum);
        foreach (var rule in rules)
        {
            if ((rule.Kind & SinkKind.Integrity) != 0)
            {
                Integrity = IntegrityTypes.Resolve(compilation);
                break;
            }
        }
    }

    /// <summary>The types of integrity checks and file writes, or null when the compilation has no code-integrity rule to serve.</summary>
    public IntegrityTypes? Integrity { get; }

    public Compilation Compilation { get; }

    public ImmutableArray<TaintRule> Rules { get; }

    public ApiSpecIndex Specs { get; }

    public WebTypes Web { get; }

    public INamedTypeSymbol? Regex { get; }

    public INamedTypeSymbol? Uri { get; }

    public INamedTypeSymbol Char { get; }

    public INamedTypeSymbol String { get; }

    public INamedTypeSymbol Enum { get; }

    /// <summary>
    /// The kinds a method cleans because it carries an attribute named <c>InputSanitizer</c> (any namespace; its string
    /// arguments name kinds, none means every validation kind) or <c>IntegrityVerifier</c> (the code-integrity kinds).
    /// Read once per method and compilation: every call the engine evaluates asks, so the attributes must not be
    /// scanned per call.
    /// </summary>
    public SinkKind AttributeSanitizerKinds(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return _sanitizerAttributes.TryGetValue(method, out var known) ? known : _sanitizerAttributes.GetOrAdd(method, ReadSanitizerAttribute(method));
    }

    private static SinkKind ReadSanitizerAttribute(IMethodSymbol method)
    {
        var kinds = SinkKind.None;
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "IntegrityVerifierAttribute" or "IntegrityVerifier")
            {
                kinds |= SinkKind.Verified;
                continue;
            }

            if (attribute.AttributeClass?.Name is not ("InputSanitizerAttribute" or "InputSanitizer"))
            {
                continue;
            }

            var named = SinkKind.None;
            foreach (var argument in attribute.ConstructorArguments)
            {
                var values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
                foreach (var value in values)
                {
                    if (value.Value is string name)
                    {
                        named |= SinkKinds.Parse(name);
                    }
                }
            }

            kinds |= named == SinkKind.None ? SinkKind.AllSinks : named;
        }

        return kinds;
    }

    /// <summary>The rule of a sink kind.</summary>
    public TaintRule? RuleOf(SinkKind kind)
    {
        foreach (var rule in Rules)
        {
            if (rule.Kind == kind)
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// True when values of <paramref name="type"/> can carry untrusted text: strings, objects, buffers, collections
    /// and models. Numbers, booleans, enums, dates, GUIDs (and collections or tasks of them) cannot: converting input
    /// to such a type is the strongest sanitizer.
    /// </summary>
    public bool IsTaintable(ITypeSymbol? type)
    {
        if (type is null)
        {
            return true;
        }

        // Fast paths for the types almost every operation has, before the cache's symbol hashing.
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Object:
                return true;
            case SpecialType.System_Boolean:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_Char:
            case SpecialType.System_Void:
                return false;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return false;
        }

        return _taintable.TryGetValue(type, out var known) ? known : _taintable.GetOrAdd(type, Compute(type, depth: 0));
    }

    private static bool Compute(ITypeSymbol type, int depth)
    {
        if (depth > 4)
        {
            return true;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Object:
                return true;
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_DateTime:
            case SpecialType.System_Void:
                return false;
        }

        switch (type.TypeKind)
        {
            case TypeKind.Enum:
            case TypeKind.Pointer:
            case TypeKind.FunctionPointer:
            case TypeKind.Delegate:
                return false;
            case TypeKind.Array:
                return IsElementTaintable(((IArrayTypeSymbol)type).ElementType, depth);
            case TypeKind.TypeParameter:
            case TypeKind.Error:
            case TypeKind.Dynamic:
                return true;
        }

        if (type is not INamedTypeSymbol named)
        {
            return true;
        }

        if (named.ContainingNamespace?.ToDisplayString() is "System" or "System.Threading" or "System.Threading.Tasks")
        {
            switch (named.Name)
            {
                case "Guid":
                case "DateTimeOffset":
                case "TimeSpan":
                case "DateOnly":
                case "TimeOnly":
                case "CancellationToken":
                case "Half":
                case "Int128":
                case "UInt128":
                    return false;
                case "Task" or "ValueTask" when named.TypeArguments.Length == 0:
                    return false;
            }
        }

        if (named.TypeArguments.Length == 0)
        {
            return true;
        }

        foreach (var argument in named.TypeArguments)
        {
            if (IsElementTaintable(argument, depth))
            {
                return true;
            }
        }

        return false;
    }

    // Bytes and chars are not text by themselves, but buffers and sequences of them are.
    private static bool IsElementTaintable(ITypeSymbol element, int depth)
        => element.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Char
           || Compute(element, depth + 1);
}
