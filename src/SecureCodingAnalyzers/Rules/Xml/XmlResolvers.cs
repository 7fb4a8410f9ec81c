using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Xml;

/// <summary>What an <c>XmlResolver</c> value does with an external entity or DTD.</summary>
internal enum ResolverKind
{
    /// <summary>Not known from the code (a parameter, a field, a call, a resolver class of the user's).</summary>
    Unknown,

    /// <summary>Resolves nothing: null, <c>XmlResolver.ThrowingResolver</c>, <c>XmlPreloadedResolver</c> without a resolving fallback, <c>XmlSecureResolver</c>.</summary>
    Safe,

    /// <summary>Opens files and URLs: <c>XmlUrlResolver</c> and subclasses that do not override <c>GetEntity</c>, <c>XmlResolver.FileSystemResolver</c>.</summary>
    Resolving,
}

/// <summary>
/// Classifies <c>XmlResolver</c> values for the XML rules (SCR3010, SCR3013), following locals through the values
/// written to them in the same body (<c>var resolver = new XmlUrlResolver(); resolver.Credentials = ...;</c>).
/// <c>XmlSecureResolver</c> counts as safe: it is an explicit restriction, and on .NET 7+ it resolves nothing at all.
/// A subclass of <c>XmlUrlResolver</c> that overrides <c>GetEntity</c> is usually an allow-list, so it is unknown.
/// </summary>
internal sealed class XmlResolvers
{
    private readonly INamedTypeSymbol? _urlResolver;
    private readonly INamedTypeSymbol? _secureResolver;
    private readonly INamedTypeSymbol? _preloadedResolver;

    public XmlResolvers(Compilation compilation)
    {
        Resolver = compilation.ResolveType("System.Xml.XmlResolver");
        _urlResolver = compilation.ResolveType("System.Xml.XmlUrlResolver");
        _secureResolver = compilation.ResolveType("System.Xml.XmlSecureResolver");
        _preloadedResolver = compilation.ResolveType("System.Xml.Resolvers.XmlPreloadedResolver");
    }

    /// <summary><c>System.Xml.XmlResolver</c>.</summary>
    public INamedTypeSymbol? Resolver { get; }

    /// <summary>Classifies <paramref name="value"/>; <paramref name="display"/> names the resolver for messages.</summary>
    public ResolverKind Classify(IOperation value, LocalWrites writes, out string display)
        => Classify(value, writes, depth: 0, out display);

    private ResolverKind Classify(IOperation value, LocalWrites writes, int depth, out string display)
    {
        display = "XmlUrlResolver";
        value = value.WalkDownConversions();
        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: null } }:
            case IDefaultValueOperation:
                return ResolverKind.Safe;

            case IObjectCreationOperation creation:
                return ClassifyCreation(creation, writes, depth, out display);

            case IPropertyReferenceOperation { Property: { IsStatic: true } property }
                when SymbolEqualityComparer.Default.Equals(property.ContainingType, Resolver):
                display = "XmlResolver." + property.Name;
                return property.Name switch
                {
                    "ThrowingResolver" => ResolverKind.Safe,
                    "FileSystemResolver" => ResolverKind.Resolving,
                    _ => ResolverKind.Unknown,
                };

            case ILocalReferenceOperation local when depth < 4:
                var kind = ResolverKind.Unknown;
                var first = true;
                foreach (var written in writes.Of(local.Local))
                {
                    var writtenKind = Classify(written, writes, depth + 1, out var writtenDisplay);
                    if (first)
                    {
                        kind = writtenKind;
                        display = writtenDisplay;
                        first = false;
                    }
                    else if (writtenKind != kind)
                    {
                        return ResolverKind.Unknown;
                    }
                }

                return kind;

            default:
                return ResolverKind.Unknown;
        }
    }

    private ResolverKind ClassifyCreation(IObjectCreationOperation creation, LocalWrites writes, int depth, out string display)
    {
        var type = creation.Type;
        display = type?.Name ?? "XmlResolver";
        if (type is null)
        {
            return ResolverKind.Unknown;
        }

        if (type.IsOrDerivesFrom(_secureResolver))
        {
            return ResolverKind.Safe;
        }

        if (type.IsOrDerivesFrom(_preloadedResolver))
        {
            // Resolves only what was preloaded, unless given a fallback resolver.
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type is { } parameterType && parameterType.IsOrDerivesFrom(Resolver)
                    && Classify(argument.Value, writes, depth + 1, out var fallback) is var kind and not ResolverKind.Safe)
                {
                    display = type.Name + " with " + fallback;
                    return kind;
                }
            }

            return ResolverKind.Safe;
        }

        if (type.IsOrDerivesFrom(_urlResolver))
        {
            return OverridesGetEntity(type) ? ResolverKind.Unknown : ResolverKind.Resolving;
        }

        return ResolverKind.Unknown;
    }

    private bool OverridesGetEntity(ITypeSymbol type)
    {
        for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, _urlResolver); current = current.BaseType)
        {
            foreach (var member in current.GetMembers("GetEntity"))
            {
                if (member.IsOverride)
                {
                    return true;
                }
            }

            foreach (var member in current.GetMembers("GetEntityAsync"))
            {
                if (member.IsOverride)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>The values written to each local of one body (declarations and simple assignments), flow-insensitive.</summary>
internal sealed class LocalWrites
{
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _writes = new(SymbolEqualityComparer.Default);

    /// <summary>Collects the writes of the locals in <paramref name="operations"/> (every operation of a body).</summary>
    public LocalWrites(IEnumerable<IOperation> operations)
    {
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    Add(declarator.Symbol, initializer.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(target.Local, assignment.Value);
                    break;
            }
        }
    }

    /// <summary>The values written to <paramref name="local"/>.</summary>
    public IReadOnlyList<IOperation> Of(ILocalSymbol local)
        => _writes.TryGetValue(local, out var values) ? values : (IReadOnlyList<IOperation>)System.Array.Empty<IOperation>();

    private void Add(ILocalSymbol local, IOperation value)
    {
        if (!_writes.TryGetValue(local, out var values))
        {
            values = new List<IOperation>();
            _writes.Add(local, values);
        }

        values.Add(value);
    }
}
