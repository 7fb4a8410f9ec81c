using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Dataflow;
using SecureCodingAnalyzers.Symbols;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// SCR3007, two checks of one rule, both served by <see cref="DataflowAnalyzer"/>:
/// <list type="bullet">
/// <item>Dataflow: a <c>Type</c> (or the known types) built from untrusted input (<c>Type.GetType(input)</c>,
/// <c>assembly.GetType(input)</c>) given to the constructor of <c>XmlSerializer</c>, <c>DataContractSerializer</c> or
/// <c>DataContractJsonSerializer</c>, or to <c>XmlSerializer.FromTypes</c> / <c>XmlSerializerFactory.CreateSerializer</c>.
/// Reported at the serializer; SCR4005 reports only types that reach <c>Activator</c> or reflection invocation, so one
/// flow is never reported twice. A dictionary of allowed types or an allow-list check cleans the name, as for SCR4005.
/// Command-line arguments, environment variables and files do not count by default (tools and manifests name types
/// on purpose).</item>
/// <item>Local: a <c>DataContractResolver</c> whose <c>ResolveName</c> override passes the type name or namespace it is
/// given (read from the document) to <c>Type.GetType</c>, <c>Assembly.GetType</c> or <c>Type.ReflectionOnlyGetType</c>
/// without an allow-list check anywhere in the override (<see cref="NameLookupCheck"/>). Delegating to the
/// <c>knownTypeResolver</c> is the safe default and is not reported.</item>
/// </list>
/// </summary>
internal static class UntrustedSerializerType
{
    private const string XmlSerializer = "System.Xml.Serialization.XmlSerializer";
    private const string DataContract = "System.Runtime.Serialization.DataContractSerializer";
    private const string DataContractJson = "System.Runtime.Serialization.Json.DataContractJsonSerializer";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.UntrustedSerializerType,
        SinkKind.SerializerType,
        ImmutableArray.Create(
            Sink(SinkKind.SerializerType, XmlSerializer, ".ctor", "the type of an XmlSerializer", "type", "extraTypes"),
            Sink(SinkKind.SerializerType, XmlSerializer, "FromTypes", "the types of XmlSerializer.FromTypes", "types"),
            Sink(SinkKind.SerializerType, "System.Xml.Serialization.XmlSerializerFactory", "CreateSerializer", "the type of an XmlSerializer", "type", "extraTypes"),
            Sink(SinkKind.SerializerType, DataContract, ".ctor", "the type of a DataContractSerializer", "type", "knownTypes"),
            Sink(SinkKind.SerializerType, DataContractJson, ".ctor", "the type of a DataContractJsonSerializer", "type", "knownTypes")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment | SourceGroup.Files);

    /// <summary>Registers the local check of <c>DataContractResolver.ResolveName</c> overrides.</summary>
    public static void RegisterResolverCheck(CompilationStartAnalysisContext start)
    {
        if (start.Compilation.ResolveType("System.Runtime.Serialization.DataContractResolver") is not { } resolver)
        {
            return;
        }

        var type = start.Compilation.ResolveType("System.Type");
        var assembly = start.Compilation.ResolveType("System.Reflection.Assembly");
        start.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is IMethodSymbol { Name: "ResolveName", IsOverride: true } method
                && OverridesResolveName(method, resolver)
                && method.Parameters.Length >= 2)
            {
                foreach (var root in block.OperationBlocks)
                {
                    AnalyzeResolveName(block, root, method, type, assembly);
                }
            }
        });
    }

    private static bool OverridesResolveName(IMethodSymbol method, INamedTypeSymbol resolver)
    {
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.ContainingType, resolver))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeResolveName(OperationBlockAnalysisContext context, IOperation root, IMethodSymbol method, INamedTypeSymbol? type, INamedTypeSymbol? assembly)
    {
        // typeName and typeNamespace: the name the document gives.
        var names = method.Parameters;
        bool IsName(IOperation operation) => operation is IParameterReferenceOperation { Parameter.Ordinal: 0 or 1 } reference
                                             && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method)
                                             && reference.Parameter.Type.SpecialType == SpecialType.System_String;

        if (NameLookupCheck.FindUncheckedLookup(root, IsName, type, assembly) is not { } resolving)
        {
            return;
        }

        var source = "the type name read from the document ('" + names[0].Name + "' of " + method.ContainingType.Name + ".ResolveName)";
        var sink = resolving.TargetMethod.ContainingType.Name + "." + resolving.TargetMethod.Name + " in a DataContractResolver";
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.UntrustedSerializerType, resolving.Syntax.GetLocation(), source, sink));
    }
}
