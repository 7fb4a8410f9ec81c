using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// One entry of the taint model: a member of a type (by metadata name) and which of its values matter.
/// <see cref="Member"/> is a method or property name, <c>.ctor</c> for constructors, or <c>*</c> for every member.
/// <see cref="Values"/> names parameters (sinks: the arguments that must not be tainted; sources: the arguments the
/// input is written into), <see cref="Return"/> for the result of a source or sanitizer, or <see cref="Value"/> for
/// the value assigned to a property. Instance members match on derived types and implementations too. A sink
/// parameter written <c>name:string</c> matches only overloads where that parameter is a <c>string</c>
/// (<c>Process.Start(fileName, string arguments)</c> is a sink, the <c>IEnumerable&lt;string&gt; arguments</c>
/// overload passes each value as one argument and is not).
/// </summary>
internal sealed class ApiSpec
{
    /// <summary>The returned value (or the property read).</summary>
    public const string Return = "return";

    /// <summary>The value assigned to a property.</summary>
    public const string Value = "value";

    /// <summary>The receiver of an instance member (a sink on the object a call is made on).</summary>
    public const string This = "this";

    /// <summary>The suffix of a sink parameter that counts only when the parameter is a <c>string</c>.</summary>
    private const string StringOnly = ":string";

    private ApiSpec(ApiRole role, string type, string member, ImmutableArray<string> values, SinkKind kinds, SourceGroup group, string description, Func<ImmutableArray<IArgumentOperation>, bool>? unless = null, string? itself = null, bool contentOnly = false)
    {
        ContentOnly = contentOnly;
        Unless = unless;
        Itself = itself;
        Role = role;
        Type = type;
        Member = member;
        Values = values;
        Kinds = kinds;
        Group = group;
        Description = description;
    }

    /// <summary>What the member is to the engine.</summary>
    public ApiRole Role { get; }

    /// <summary>Metadata name of the declaring type (or a base type / interface).</summary>
    public string Type { get; }

    /// <summary>Member name, <c>.ctor</c>, or <c>*</c>.</summary>
    public string Member { get; }

    /// <summary>Parameter names (or <see cref="Return"/> / <see cref="Value"/>).</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>The sink kind (sinks), the kinds a sanitizer cleans, or the kinds a source applies to (none: every kind).</summary>
    public SinkKind Kinds { get; }

    /// <summary>The kinds a source counts for.</summary>
    public SinkKind AppliesTo => Kinds == SinkKind.None ? SinkKind.Everything : Kinds;

    /// <summary>
    /// For a sink that is its own source (a MEF <c>DirectoryCatalog</c> loads whatever its directory holds): the words
    /// for that source. The call is reported whatever its arguments carry.
    /// </summary>
    public string? Itself { get; }

    /// <summary>
    /// For a sink of a file path: only what the file holds counts (data written to it, a download), not where the path
    /// came from. Starting a program named by input is command injection (SCR2002), starting a downloaded file is not.
    /// </summary>
    public bool ContentOnly { get; }

    /// <summary>The source group (sources).</summary>
    public SourceGroup Group { get; }

    /// <summary>Words for messages: "SQL command text", "console input".</summary>
    public string Description { get; }

    /// <summary>
    /// A condition on a call's arguments under which the spec does not apply: a sink call that is safe whatever the
    /// tainted argument holds (a regular expression with a match timeout), or a sanitizer call that does not clean
    /// (a <c>Regex.Replace</c> whose pattern does not match line breaks). Null when the spec always applies.
    /// </summary>
    public Func<ImmutableArray<IArgumentOperation>, bool>? Unless { get; }

    /// <summary>This sink or sanitizer, except for calls whose arguments satisfy <paramref name="condition"/>.</summary>
    public ApiSpec Except(Func<ImmutableArray<IArgumentOperation>, bool> condition)
        => new(Role, Type, Member, Values, Kinds, Group, Description, condition, Itself, ContentOnly);

    /// <summary>This source, counting only for <paramref name="kinds"/> (a temp path matters to code loading, not to SQL).</summary>
    public ApiSpec For(SinkKind kinds) => new(Role, Type, Member, Values, kinds, Group, Description, Unless, Itself, ContentOnly);

    /// <summary>This sink, reported at every call with <paramref name="description"/> as its source.</summary>
    public ApiSpec LoadsItself(string description) => new(Role, Type, Member, Values, Kinds, SourceGroup.Listing, Description, Unless, description, ContentOnly);

    /// <summary>This sink, counting only the contents of the file its path names (<see cref="ContentOnly"/>).</summary>
    public ApiSpec OfContent() => new(Role, Type, Member, Values, Kinds, Group, Description, Unless, Itself, contentOnly: true);

    /// <summary>A sink: tainted data in one of <paramref name="parameters"/> (or the assigned value) is a finding.</summary>
    public static ApiSpec Sink(SinkKind kind, string type, string member, string description, params string[] parameters)
        => new(ApiRole.Sink, type, member, parameters.Length == 0 ? ImmutableArray.Create(Value) : parameters.ToImmutableArray(), kind, SourceGroup.None, description);

    /// <summary>A source: the result (or the named out/buffer arguments) carries untrusted input.</summary>
    public static ApiSpec Source(SourceGroup group, string type, string member, string description, params string[] values)
        => new(ApiRole.Source, type, member, values.Length == 0 ? ImmutableArray.Create(Return) : values.ToImmutableArray(), SinkKind.None, group, description);

    /// <summary>
    /// A sanitizer: the result is clean for <paramref name="kinds"/>. With <paramref name="parameters"/>, only the
    /// taint of those arguments is cleaned and the others' passes through (<c>QueryHelpers.AddQueryString(uri, name,
    /// value)</c> encodes <c>name</c> and <c>value</c> but returns <c>uri</c> as it is).
    /// </summary>
    public static ApiSpec Sanitizer(SinkKind kinds, string type, string member, params string[] parameters)
        => new(ApiRole.Sanitizer, type, member, parameters.Length == 0 ? ImmutableArray.Create(Return) : parameters.ToImmutableArray(), kinds, SourceGroup.None, member);

    /// <summary>True when the spec names <paramref name="parameter"/> (or <see cref="Value"/> for a setter).</summary>
    public bool Names(string parameter)
    {
        foreach (var value in Values)
        {
            if (string.Equals(value, parameter, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the spec names <paramref name="parameter"/>, honoring a <c>:string</c> type filter.</summary>
    public bool Names(IParameterSymbol parameter)
    {
        foreach (var value in Values)
        {
            if (value.EndsWith(StringOnly, StringComparison.Ordinal))
            {
                if (parameter.Type.SpecialType == SpecialType.System_String
                    && value.Length == parameter.Name.Length + StringOnly.Length
                    && value.StartsWith(parameter.Name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (string.Equals(value, parameter.Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The role of a spec.</summary>
internal enum ApiRole
{
    /// <summary>Returns (or writes into arguments) untrusted input.</summary>
    Source,

    /// <summary>Must not receive tainted data.</summary>
    Sink,

    /// <summary>Returns its input cleaned for some sink kinds.</summary>
    Sanitizer,
}

/// <summary>
/// The specs of a compilation, indexed by member name with their types resolved once. Specs whose type is absent
/// from the compilation are dropped, so lookups cost a dictionary probe for unrelated members.
/// </summary>
internal sealed class ApiSpecIndex
{
    private readonly Dictionary<string, List<(INamedTypeSymbol Type, ApiSpec Spec)>> _byMember = new(StringComparer.Ordinal);
    private readonly Dictionary<INamedTypeSymbol, List<ApiSpec>> _wildcards = new(SymbolEqualityComparer.Default);

    public ApiSpecIndex(Compilation compilation, IEnumerable<ApiSpec> specs)
    {
        var types = new Dictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (!types.TryGetValue(spec.Type, out var type))
            {
                type = compilation.ResolveType(spec.Type);
                types.Add(spec.Type, type);
            }

            if (type is null)
            {
                continue;
            }

            if (spec.Member == "*")
            {
                if (!_wildcards.TryGetValue(type, out var list))
                {
                    _wildcards.Add(type, list = new List<ApiSpec>());
                }

                list.Add(spec);
                continue;
            }

            if (!_byMember.TryGetValue(spec.Member, out var entries))
            {
                _byMember.Add(spec.Member, entries = new List<(INamedTypeSymbol, ApiSpec)>());
            }

            entries.Add((type, spec));
        }
    }

    /// <summary>True when no spec resolved.</summary>
    public bool IsEmpty => _byMember.Count == 0 && _wildcards.Count == 0;

    /// <summary>
    /// Specs that match <paramref name="member"/> (a method, constructor or property). An instance member inherited
    /// from a base type also matches the specs of the receiver's static type <paramref name="receiverType"/>:
    /// <c>UrlEncoder.Default.Encode(x)</c> binds to <c>TextEncoder.Encode</c>, but it is the URL encoder.
    /// </summary>
    public void Find(ISymbol member, List<ApiSpec> results, ITypeSymbol? receiverType = null)
    {
        results.Clear();
        if (member.ContainingType is not { } containing)
        {
            return;
        }

        if (_byMember.TryGetValue(member.Name, out var entries))
        {
            foreach (var (type, spec) in entries)
            {
                if (Matches(member, containing, type)
                    || (!member.IsStatic && receiverType is INamedTypeSymbol receiver && !SymbolEqualityComparer.Default.Equals(receiver.OriginalDefinition, containing.OriginalDefinition)
                        && receiver.OriginalDefinition.IsOrDerivesFrom(type)))
                {
                    results.Add(spec);
                }
            }
        }

        if (_wildcards.Count > 0 && _wildcards.TryGetValue(containing.OriginalDefinition, out var wild) && member.Kind == SymbolKind.Method)
        {
            results.AddRange(wild);
        }
    }

    private static bool Matches(ISymbol member, INamedTypeSymbol containing, INamedTypeSymbol type)
    {
        var definition = containing.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, type))
        {
            return true;
        }

        if (member.IsStatic && member is not IMethodSymbol { IsExtensionMethod: true })
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var implemented in containing.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, type))
                {
                    return true;
                }
            }

            return false;
        }

        return definition.IsOrDerivesFrom(type);
    }
}
