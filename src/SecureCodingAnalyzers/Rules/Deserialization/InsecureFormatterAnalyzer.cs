using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// SCR3001: <c>BinaryFormatter</c>, <c>SoapFormatter</c>, <c>NetDataContractSerializer</c>, <c>LosFormatter</c> and
/// <c>ObjectStateFormatter</c>. One finding per formatter and place: every construction is reported, and a call on a
/// formatter (<c>Deserialize</c>, <c>Serialize</c>, <c>ReadObject</c>, ...) is reported only where the code cannot see
/// the construction: a formatter received as a parameter, read from a property, returned by a call, or held in a
/// field or local not initialized with <c>new</c> where it is declared. <c>var f = new BinaryFormatter();
/// f.Deserialize(s);</c> is one finding, not two. Serializing is reported too: the bytes are read back somewhere, and
/// there is no safe way to read them. Declarations of fields and parameters are not reported by themselves (their uses
/// are), and <c>typeof</c>/<c>nameof</c> are not uses.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureFormatterAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] FormatterNames =
    {
        "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter",
        "System.Runtime.Serialization.Formatters.Soap.SoapFormatter",
        "System.Runtime.Serialization.NetDataContractSerializer",
        "System.Web.UI.LosFormatter",
        "System.Web.UI.ObjectStateFormatter",
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.InsecureFormatter);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in FormatterNames)
            {
                if (start.Compilation.ResolveType(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            if (builder.Count == 0)
            {
                return;
            }

            var formatters = builder.ToImmutable();
            start.RegisterOperationAction(c => AnalyzeCreation(c, formatters), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, formatters), OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> formatters)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (FormatterOf(creation.Type, formatters) is { } formatter)
        {
            Report(context, creation.Syntax.GetLocation(), formatter);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> formatters)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.IsStatic
            || invocation.Instance is not { } instance
            || FormatterOf(instance.Type, formatters) is not { } formatter
            || invocation.TargetMethod.ContainingType is null or { SpecialType: SpecialType.System_Object }
            || ConstructionIsVisible(instance.WalkDownConversions()))
        {
            return;
        }

        Report(context, invocation.Syntax.GetLocation(), formatter);
    }

    /// <summary>True when the receiver's construction is reported elsewhere in the same code (a creation, a local or field initialized with one).</summary>
    private static bool ConstructionIsVisible(IOperation receiver)
    {
        switch (receiver)
        {
            case IObjectCreationOperation:
                return true;
            case ILocalReferenceOperation local:
                return InitializedWithCreation(local.Local);
            case IFieldReferenceOperation field:
                return InitializedWithCreation(field.Field);
            default:
                return false;
        }
    }

    private static bool InitializedWithCreation(ISymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax })
            {
                return true;
            }
        }

        return false;
    }

    private static INamedTypeSymbol? FormatterOf(ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> formatters)
    {
        if (type is null || type.TypeKind != TypeKind.Class)
        {
            return null;
        }

        foreach (var formatter in formatters)
        {
            if (type.IsOrDerivesFrom(formatter))
            {
                return formatter;
            }
        }

        return null;
    }

    private static void Report(OperationAnalysisContext context, Location location, INamedTypeSymbol formatter)
        => context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.InsecureFormatter, location, DeserializationNames.Member(context.ContainingSymbol), formatter.Name));
}
