using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Rules.CodeIntegrity;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// SCR3006: YamlDotNet tags that choose arbitrary .NET types. Current YamlDotNet creates only the requested type and
/// the tags registered with <c>WithTagMapping</c> (resolving type names from tags was removed from the defaults after
/// CVE-2018-1000210). What brings it back:
/// <list type="bullet">
/// <item>an <c>INodeTypeResolver</c> whose <c>Resolve</c> passes the node's tag (or anything read from the node) to
/// <c>Type.GetType</c>/<c>Assembly.GetType</c> without an allow-list check (<see cref="NameLookupCheck"/>), reported at
/// the lookup;</item>
/// <item><c>WithTagMapping(tag, type)</c> and <c>TagMappings.Add(tag, type)</c> on deserializer builders with a type
/// looked up by name at run time (<c>Type.GetType</c>, <c>Assembly.GetType</c>, <c>GetTypes()</c>/<c>GetExportedTypes()</c>
/// of an assembly in the same body), reported at the type argument.</item>
/// </list>
/// Not reported: the default <c>DeserializerBuilder</c>, <c>Deserialize&lt;T&gt;</c>, tag mappings to <c>typeof(...)</c>
/// types (whatever the type: YamlDotNet creates the mapped type itself, so a mapping to <c>object</c> or an interface
/// does not let the document pick a type), and serializer builders (writing tags reads no types).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class YamlTypeTagAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.YamlTypeTags);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var nodeTypeResolver = compilation.ResolveType("YamlDotNet.Serialization.INodeTypeResolver");
            var deserializerBuilder = compilation.ResolveType("YamlDotNet.Serialization.DeserializerBuilder");
            var staticDeserializerBuilder = compilation.ResolveType("YamlDotNet.Serialization.StaticDeserializerBuilder");
            var tagMappings = compilation.ResolveType("YamlDotNet.Serialization.TagMappings");
            if (nodeTypeResolver is null && deserializerBuilder is null)
            {
                return;
            }

            var type = compilation.ResolveType("System.Type");
            var assembly = compilation.ResolveType("System.Reflection.Assembly");
            if (nodeTypeResolver is not null)
            {
                start.RegisterOperationBlockAction(block => AnalyzeResolver(block, nodeTypeResolver, type, assembly));
            }

            start.RegisterOperationAction(
                c => AnalyzeMapping(c, deserializerBuilder, staticDeserializerBuilder, tagMappings, type, assembly),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzeResolver(OperationBlockAnalysisContext context, INamedTypeSymbol nodeTypeResolver, INamedTypeSymbol? type, INamedTypeSymbol? assembly)
    {
        if (context.OwningSymbol is not IMethodSymbol { Name: "Resolve" or "YamlDotNet.Serialization.INodeTypeResolver.Resolve", Parameters.Length: 2 } method
            || !Implements(method, nodeTypeResolver))
        {
            return;
        }

        bool IsNode(IOperation operation) => operation is IParameterReferenceOperation { Parameter.Ordinal: 0 } reference
                                             && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method);
        foreach (var root in context.OperationBlocks)
        {
            if (NameLookupCheck.FindUncheckedLookup(root, IsNode, type, assembly) is { } lookup)
            {
                var api = "the type named by the tag (" + lookup.TargetMethod.ContainingType.Name + "." + lookup.TargetMethod.Name + " in " + method.ContainingType.Name + ".Resolve)";
                context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.YamlTypeTags, lookup.Syntax.GetLocation(), "'" + method.ContainingType.Name + "'", api));
                return;
            }
        }
    }

    private static bool Implements(IMethodSymbol method, INamedTypeSymbol nodeTypeResolver)
    {
        foreach (var member in nodeTypeResolver.GetMembers("Resolve"))
        {
            if (method.ContainingType.FindImplementationForInterfaceMember(member) is { } implementation
                && SymbolEqualityComparer.Default.Equals(implementation, method))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeMapping(OperationAnalysisContext context, INamedTypeSymbol? builder, INamedTypeSymbol? staticBuilder, INamedTypeSymbol? tagMappings, INamedTypeSymbol? type, INamedTypeSymbol? assembly)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!(method.Name == "WithTagMapping" && (method.ContainingType.IsOrDerivesFrom(builder) || method.ContainingType.IsOrDerivesFrom(staticBuilder)))
            && !(method.Name == "Add" && method.ContainingType.IsOrDerivesFrom(tagMappings)))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType is not SpecialType.None || argument.Parameter.Type.Name != "Type")
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (value is ITypeOfOperation)
            {
                continue;
            }

            var flow = new BodyLocalFlow(invocation.Root());
            var locals = flow.LocalsFrom(o => IsLookup(o, type, assembly));
            if (BodyLocalFlow.Reaches(value, o => IsLookup(o, type, assembly), locals))
            {
                context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.YamlTypeTags, argument.Syntax.GetLocation(), DeserializationNames.Member(context.ContainingSymbol), "types looked up by name at run time"));
            }
        }
    }

    /// <summary>
    /// <c>Type.GetType(name)</c> and <c>assembly.GetType(name)</c> of a name that is not a constant, and
    /// <c>assembly.GetTypes()</c>/<c>GetExportedTypes()</c> of an assembly other than the application's own
    /// (<c>typeof(OwnType).Assembly</c>, <c>Assembly.GetExecutingAssembly()</c>/<c>GetEntryAssembly()</c>,
    /// <c>GetType().Assembly</c>): a scan of
    /// the program's own types maps tags to types its authors wrote, as <c>typeof</c> mappings do.
    /// </summary>
    private static bool IsLookup(IOperation operation, INamedTypeSymbol? type, INamedTypeSymbol? assembly)
    {
        if (operation is not IInvocationOperation { TargetMethod: { } method } invocation)
        {
            return false;
        }

        if (method.Name == "GetType" && method.Parameters.Length > 0
            && (SymbolEqualityComparer.Default.Equals(method.ContainingType, type) || method.ContainingType.IsOrDerivesFrom(assembly)))
        {
            return invocation.Arguments.Length == 0 || invocation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string };
        }

        return method.Name is "GetTypes" or "GetExportedTypes"
               && method.ContainingType.IsOrDerivesFrom(assembly)
               && !IsOwnAssembly(invocation.Instance);
    }

    /// <summary><c>typeof(T).Assembly</c> of a type declared in source, <c>Assembly.GetExecutingAssembly()</c>, <c>GetType().Assembly</c>.</summary>
    private static bool IsOwnAssembly(IOperation? instance)
    {
        switch (instance?.WalkDownConversions())
        {
            case IPropertyReferenceOperation { Property.Name: "Assembly", Instance: { } owner }:
                owner = owner.WalkDownConversions();
                if (owner is IInvocationOperation { TargetMethod.Name: "GetTypeInfo", Arguments.Length: 1 } typeInfo)
                {
                    owner = typeInfo.Arguments[0].Value.WalkDownConversions();
                }

                return owner switch
                {
                    ITypeOfOperation typeOf => typeOf.TypeOperand.OriginalDefinition.DeclaringSyntaxReferences.Length > 0,
                    IInvocationOperation { TargetMethod.Name: "GetType", TargetMethod.Parameters.Length: 0, Instance: IInstanceReferenceOperation } => true,
                    _ => false,
                };
            case IInvocationOperation { TargetMethod: { Name: "GetExecutingAssembly" or "GetEntryAssembly", IsStatic: true } }:
                return true;
            default:
                return false;
        }
    }
}
