using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// SCR3005: MessagePack-CSharp's typeless serialization: <c>MessagePackSerializer.Typeless.Deserialize</c>, the
/// <c>TypelessContractlessStandardResolver</c>, <c>TypelessObjectResolver</c> and <c>TypelessFormatter</c> (their
/// <c>Instance</c>/<c>Options</c>, in <c>WithResolver(...)</c>, composite resolvers or options fields), and
/// <c>[MessagePackFormatter(typeof(TypelessFormatter))]</c>. Serialization only is not reported:
/// <c>Typeless.Serialize</c>, and a typeless resolver or options given directly to a <c>Serialize</c> call (through
/// <c>WithResolver</c> and the other <c>With...</c> calls). <c>MessagePackSecurity.UntrustedData</c> does not make the
/// typeless resolvers safe (it limits depth and hash collisions, not types), so it is not an exception.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MessagePackTypelessAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.MessagePackTypeless);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var typeless = compilation.ResolveType("MessagePack.MessagePackSerializer+Typeless");
            var serializer = compilation.ResolveType("MessagePack.MessagePackSerializer");
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in new[]
                     {
                         "MessagePack.Resolvers.TypelessContractlessStandardResolver",
                         "MessagePack.Resolvers.TypelessObjectResolver",
                         "MessagePack.Formatters.TypelessFormatter",
                         "MessagePack.Formatters.ForceTypelessFormatter`1",
                     })
            {
                if (compilation.ResolveType(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            if (serializer is null || (typeless is null && builder.Count == 0))
            {
                return;
            }

            var resolvers = builder.ToImmutable();
            start.RegisterOperationAction(c => AnalyzeInvocation(c, typeless), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeReference(c, resolvers, serializer), OperationKind.FieldReference, OperationKind.PropertyReference, OperationKind.ObjectCreation);
            start.RegisterSymbolAction(c => AnalyzeAttributes(c, resolvers), SymbolKind.Property, SymbolKind.Field, SymbolKind.NamedType);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol? typeless)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name.StartsWith("Deserialize", System.StringComparison.Ordinal)
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, typeless))
        {
            Report(context, invocation.Syntax.GetLocation(), "MessagePackSerializer.Typeless." + invocation.TargetMethod.Name);
        }
    }

    private static void AnalyzeReference(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> resolvers, INamedTypeSymbol serializer)
    {
        var operation = context.Operation;
        ITypeSymbol? owner = operation switch
        {
            IMemberReferenceOperation { Member.IsStatic: true } member => member.Member.ContainingType,
            IObjectCreationOperation creation => creation.Type,
            _ => null,
        };
        if (owner is not INamedTypeSymbol named || Typeless(named, resolvers) is not { } resolver)
        {
            return;
        }

        // Serialization only, or the options of a Typeless.Deserialize call (reported at the call).
        if (ConsumingCall(operation, serializer) is { } call
            && (call.TargetMethod.Name.StartsWith("Serialize", System.StringComparison.Ordinal)
                || (call.TargetMethod.Name.StartsWith("Deserialize", System.StringComparison.Ordinal) && call.TargetMethod.ContainingType.Name == "Typeless")))
        {
            return;
        }

        // TypelessContractlessStandardResolver.Instance inside its own Options: one finding for the outer reference.
        if (operation.Parent is IMemberReferenceOperation { Member.IsStatic: true } outer && Typeless(outer.Member.ContainingType, resolvers) is not null)
        {
            return;
        }

        Report(context, operation.Syntax.GetLocation(), resolver.Name);
    }

    /// <summary>
    /// The <c>MessagePackSerializer</c> (or <c>MessagePackSerializer.Typeless</c>) call the value is an argument of,
    /// directly or through <c>With...</c> calls, or null.
    /// </summary>
    private static IInvocationOperation? ConsumingCall(IOperation operation, INamedTypeSymbol serializer)
    {
        var current = operation;
        for (var depth = 0; depth < 8; depth++)
        {
            var parent = current.WalkUpConversions(out _);
            switch (parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation call } when call.TargetMethod.ContainingType.IsOrDerivesFrom(serializer) || SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType?.ContainingType, serializer):
                    return call;
                case IArgumentOperation { Parent: IInvocationOperation call } when call.TargetMethod.Name.StartsWith("With", System.StringComparison.Ordinal):
                    current = call;
                    break;
                case IInvocationOperation call when call.Instance == current && call.TargetMethod.Name.StartsWith("With", System.StringComparison.Ordinal):
                    current = call;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static void AnalyzeAttributes(SymbolAnalysisContext context, ImmutableArray<INamedTypeSymbol> resolvers)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "MessagePackFormatterAttribute"
                || attribute.ConstructorArguments.Length == 0
                || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol formatter
                || Typeless(formatter, resolvers) is not { } resolver)
            {
                continue;
            }

            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Symbol.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.MessagePackTypeless, location, DeserializationNames.Member(context.Symbol), resolver.Name));
        }
    }

    private static INamedTypeSymbol? Typeless(INamedTypeSymbol? type, ImmutableArray<INamedTypeSymbol> resolvers)
    {
        var definition = type?.OriginalDefinition;
        foreach (var resolver in resolvers)
        {
            if (definition.IsOrDerivesFrom(resolver))
            {
                return resolver;
            }
        }

        return null;
    }

    private static void Report(OperationAnalysisContext context, Location location, string api)
        => context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.MessagePackTypeless, location, DeserializationNames.Member(context.ContainingSymbol), api));
}
