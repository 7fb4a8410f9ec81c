using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// SCR3003: <c>new JavaScriptSerializer(resolver)</c> (System.Web.Extensions, .NET Framework) with any
/// <c>JavaScriptTypeResolver</c>: <c>SimpleTypeResolver</c> resolves every assembly-qualified name, and a custom
/// resolver is given the <c>__type</c> string from the JSON. A <c>null</c> resolver and the parameterless constructor
/// are safe. Reported at the resolver argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JavaScriptSerializerTypeResolverAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.JavaScriptSerializerTypeResolver);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var serializer = start.Compilation.ResolveType("System.Web.Script.Serialization.JavaScriptSerializer");
            var resolver = start.Compilation.ResolveType("System.Web.Script.Serialization.JavaScriptTypeResolver");
            if (serializer is null || resolver is null)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, serializer, resolver), OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol serializer, INamedTypeSymbol resolver)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!creation.Type.IsOrDerivesFrom(serializer) || creation.Constructor is null)
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is not { } parameter || !parameter.Type.IsOrDerivesFrom(resolver))
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation || argument.IsImplicit)
            {
                continue;
            }

            var name = value.Type is { TypeKind: not TypeKind.Error } type ? type.Name : resolver.Name;
            context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.JavaScriptSerializerTypeResolver, argument.Syntax.GetLocation(), DeserializationNames.Member(context.ContainingSymbol), name));
        }
    }
}
