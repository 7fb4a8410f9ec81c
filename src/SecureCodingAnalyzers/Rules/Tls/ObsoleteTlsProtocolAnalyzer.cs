using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Tls;

/// <summary>
/// SCR1012: SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 pinned in code through <c>SslProtocols</c> or
/// <c>SecurityProtocolType</c> values: enum members (<c>Ssl2</c>, <c>Ssl3</c>, <c>Tls</c>, <c>Tls11</c>, <c>Default</c>)
/// and numeric casts such as <c>(SecurityProtocolType)768</c>, alone or combined with <c>|</c> and <c>|=</c>.
/// One diagnostic per outermost value expression (the whole <c>a | b | c</c>).
/// Not flagged: values that are compared, matched, switched on, masked out (<c>&amp;= ~SecurityProtocolType.Tls</c>),
/// tested with <c>HasFlag</c>, used as dictionary keys, in attributes or in <c>nameof</c>, boxed into messages and logs,
/// array elements, or passed to or stored as a generic <c>T</c> (collections, test data, assertions).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ObsoleteTlsProtocolAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property saying how the fix applies: <see cref="FixReplaceValue"/> or <see cref="FixReplaceCompound"/>.</summary>
    public const string FixProperty = "Fix";

    /// <summary>The value is constant (or only re-reads the assigned member): replace it with the OS default.</summary>
    public const string FixReplaceValue = "Value";

    /// <summary>The value is the constant right side of <c>|=</c>: turn the statement into <c>= OS default</c>.</summary>
    public const string FixReplaceCompound = "Compound";

    /// <summary>Diagnostic property with the metadata name of the enum (the fix names its OS-default member).</summary>
    public const string EnumProperty = "Enum";

    /// <summary>Metadata name of <c>SslProtocols</c>.</summary>
    public const string SslProtocolsName = "System.Security.Authentication.SslProtocols";

    /// <summary>Metadata name of <c>SecurityProtocolType</c>.</summary>
    public const string SecurityProtocolTypeName = "System.Net.SecurityProtocolType";

    // Bit values shared by both enums: Ssl2 = 12, Ssl3 = 48, Tls = 192, Tls11 = 768 (Tls12 = 3072, Tls13 = 12288).
    private const long Ssl2Bits = 0x000C;
    private const long Ssl3Bits = 0x0030;
    private const long Tls10Bits = 0x00C0;
    private const long Tls11Bits = 0x0300;
    private const long ObsoleteBits = Ssl2Bits | Ssl3Bits | Tls10Bits | Tls11Bits;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.ObsoleteTlsProtocol);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var sslProtocols = start.Compilation.ResolveType(SslProtocolsName);
            var securityProtocolType = start.Compilation.ResolveType(SecurityProtocolTypeName);
            if (sslProtocols is null && securityProtocolType is null)
            {
                return;
            }

            var types = new ProtocolTypes(sslProtocols, securityProtocolType);
            start.RegisterOperationAction(c => AnalyzeLeaf(c, types), OperationKind.FieldReference, OperationKind.Conversion);
        });
    }

    private static void AnalyzeLeaf(OperationAnalysisContext context, ProtocolTypes types)
    {
        var leaf = context.Operation;
        if (!IsObsoleteLeaf(leaf, types))
        {
            return;
        }

        // Climb to the outermost value: through | of protocol values and conversions between the protocol enums.
        var outer = leaf;
        while (outer.Parent is { } parent && IsTreeNode(parent, types))
        {
            outer = parent;
        }

        var consumer = outer.WalkUpConversions(out var child);
        if (IsNonEnablingUse(consumer, child) || IsBoxed(outer) || IsInAttribute(outer))
        {
            return;
        }

        // Report once per value: only from its first obsolete leaf.
        var leaves = new List<IOperation>();
        CollectObsoleteLeaves(outer, types, leaves);
        if (leaves.Count == 0 || leaves[0] != leaf)
        {
            return;
        }

        long bits = 0;
        foreach (var l in leaves)
        {
            if (l.ConstantValue is { HasValue: true } constant && ToLong(constant.Value) is { } value)
            {
                bits |= value;
            }
        }

        bits &= ObsoleteBits;
        if (bits == 0 || outer.Type is not INamedTypeSymbol enumType)
        {
            return;
        }

        var isSsl = SymbolEqualityComparer.Default.Equals(enumType, types.SslProtocols);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(EnumProperty, isSsl ? SslProtocolsName : SecurityProtocolTypeName);
        if (FixKind(outer, consumer, child) is { } fix)
        {
            properties = properties.Add(FixProperty, fix);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.ObsoleteTlsProtocol,
            outer.Syntax.GetLocation(),
            properties,
            SinkName(consumer, child, enumType),
            Display(bits),
            isSsl ? "SslProtocols.None" : "SecurityProtocolType.SystemDefault"));
    }

    /// <summary>An enum member or a numeric cast of a protocol type whose constant value has an obsolete bit.</summary>
    private static bool IsObsoleteLeaf(IOperation operation, ProtocolTypes types)
    {
        if (!types.IsProtocolType(operation.Type) || operation.ConstantValue is not { HasValue: true } constant
            || ToLong(constant.Value) is not { } value || (value & ObsoleteBits) == 0)
        {
            return false;
        }

        return operation switch
        {
            IFieldReferenceOperation field => types.IsProtocolType(field.Field.ContainingType),
            // (SslProtocols)192, (SecurityProtocolType)Tls11Value; not (SslProtocols)(int)SslProtocols.Tls (its member is the leaf).
            IConversionOperation conversion => conversion.Operand.WalkDownConversions().Type is { } from
                && !types.IsProtocolType(from) && from.SpecialType != SpecialType.None,
            _ => false,
        };
    }

    private static bool IsTreeNode(IOperation operation, ProtocolTypes types)
        => types.IsProtocolType(operation.Type)
           && operation is IConversionOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Or };

    private static void CollectObsoleteLeaves(IOperation operation, ProtocolTypes types, List<IOperation> leaves)
    {
        if (IsObsoleteLeaf(operation, types))
        {
            leaves.Add(operation);
            return;
        }

        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } binary when types.IsProtocolType(binary.Type):
                CollectObsoleteLeaves(binary.LeftOperand, types, leaves);
                CollectObsoleteLeaves(binary.RightOperand, types, leaves);
                break;
            case IConversionOperation conversion when types.IsProtocolType(conversion.Type):
                CollectObsoleteLeaves(conversion.Operand, types, leaves);
                break;
        }
    }

    /// <summary>Uses that read, compare or remove a protocol rather than enable it.</summary>
    private static bool IsNonEnablingUse(IOperation? consumer, IOperation child)
    {
        switch (consumer)
        {
            case null:
                return false;

            // ==, !=, &, ^, < ...; ~ (masking out); patterns, switch cases, nameof, $"{SslProtocols.Tls} is disabled".
            case IBinaryOperation:
            case IInterpolationOperation:
            case IUnaryOperation:
            case IIsPatternOperation:
            case IPatternOperation:
            case ISwitchCaseOperation:
            case ICaseClauseOperation:
            case INameOfOperation:
                return true;

            // |= enables; &= and ^= only keep, remove or toggle what is already there.
            case ICompoundAssignmentOperation compound:
                return compound.OperatorKind != BinaryOperatorKind.Or || compound.Value != child;

            // protocol.HasFlag(...), SslProtocols.Tls.ToString(): a method called on the value.
            case IInvocationOperation invocation when invocation.Instance == child:
                return true;

            // { SslProtocols.Tls, SslProtocols.Tls11 }: an element of an array (a list of deprecated versions to check
            // against); a TLS setting is a single value combined with |.
            case IArrayInitializerOperation:
                return true;

            // names["tls1.1"] = SslProtocols.Tls11: stored into a slot of a generic type (TValue), like the arguments below.
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when assignment.Value == child:
                return target.Property.OriginalDefinition.Type is ITypeParameterSymbol;

            case IArgumentOperation argument:
                if (argument.Parent is IPropertyReferenceOperation)
                {
                    return true; // indexer key: names[SslProtocols.Tls]
                }

                // list.Contains(SslProtocols.Tls), new TheoryData<SslProtocols> { SslProtocols.Tls }, x.NotBe(...):
                // a parameter of a generic type T is data (collections, test data, assertions); TLS settings are typed.
                if (argument.Parameter?.OriginalDefinition.Type is ITypeParameterSymbol)
                {
                    return true;
                }

                if (argument.Parameter is { } parameter && parameter.Name == "key")
                {
                    return true; // dictionary key: { SslProtocols.Tls, "TLS 1.0" }
                }

                return argument.Parent is IInvocationOperation { TargetMethod.Name: "HasFlag" or "Equals" or "Equal" or "NotEqual" or "AreEqual" or "AreNotEqual" or "CompareTo" };

            default:
                return false;
        }
    }

    /// <summary>
    /// Boxed to object, Enum or an interface: logging and messages (<c>Console.WriteLine(SslProtocols.Tls)</c>,
    /// <c>string.Format</c>), not a TLS setting, which is always typed.
    /// </summary>
    private static bool IsBoxed(IOperation operation)
    {
        for (var parent = operation.Parent; parent is IConversionOperation conversion; parent = parent.Parent)
        {
            if (conversion.Type is { IsReferenceType: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Attribute arguments are test data and metadata (<c>[InlineData(SslProtocols.Tls)]</c>), not connections.</summary>
    private static bool IsInAttribute(IOperation operation)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current.Kind == OperationKind.Attribute)
            {
                return true;
            }
        }

        return false;
    }

    private static string? FixKind(IOperation outer, IOperation? consumer, IOperation child)
    {
        if (consumer is ICompoundAssignmentOperation)
        {
            // Only |= reaches here; the right side must be a constant the fix can drop.
            return outer.ConstantValue.HasValue ? FixReplaceCompound : null;
        }

        if (outer.ConstantValue.HasValue)
        {
            return FixReplaceValue;
        }

        // x.SecurityProtocol = x.SecurityProtocol | Tls11 | Tls12: the only variable part re-reads the target.
        if (consumer is ISimpleAssignmentOperation assignment && assignment.Value == child && OnlyReadsTarget(outer, assignment.Target))
        {
            return FixReplaceValue;
        }

        return null;
    }

    private static bool OnlyReadsTarget(IOperation operation, IOperation target)
    {
        if (operation.ConstantValue.HasValue)
        {
            return true;
        }

        return operation switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } binary => OnlyReadsTarget(binary.LeftOperand, target) && OnlyReadsTarget(binary.RightOperand, target),
            IConversionOperation conversion => OnlyReadsTarget(conversion.Operand, target),
            _ => SameMember(operation, target),
        };
    }

    private static bool SameMember(IOperation a, IOperation b)
    {
        return (a, b) switch
        {
            (IPropertyReferenceOperation pa, IPropertyReferenceOperation pb) => pa.Arguments.IsEmpty && pb.Arguments.IsEmpty
                && SymbolEqualityComparer.Default.Equals(pa.Property, pb.Property) && SameInstance(pa.Instance, pb.Instance),
            (IFieldReferenceOperation fa, IFieldReferenceOperation fb) => SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field) && SameInstance(fa.Instance, fb.Instance),
            (ILocalReferenceOperation la, ILocalReferenceOperation lb) => SymbolEqualityComparer.Default.Equals(la.Local, lb.Local),
            (IParameterReferenceOperation qa, IParameterReferenceOperation qb) => SymbolEqualityComparer.Default.Equals(qa.Parameter, qb.Parameter),
            _ => false,
        };
    }

    private static bool SameInstance(IOperation? a, IOperation? b)
    {
        return (a, b) switch
        {
            (null, null) => true,
            (IInstanceReferenceOperation, IInstanceReferenceOperation) => true,
            ({ } x, { } y) => SameMember(x, y),
            _ => false,
        };
    }

    private static string SinkName(IOperation? consumer, IOperation child, INamedTypeSymbol enumType)
    {
        switch (consumer)
        {
            case IAssignmentOperation assignment when assignment.Value == child:
                if (MemberOf(assignment.Target) is { } member)
                {
                    return member.ShortName();
                }

                break;
            case IPropertyInitializerOperation propertyInitializer when propertyInitializer.InitializedProperties.Length > 0:
                return propertyInitializer.InitializedProperties[0].ShortName();
            case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length > 0:
                return fieldInitializer.InitializedFields[0].ShortName();
            case IArgumentOperation argument:
                if (argument.Parent is IInvocationOperation invocation)
                {
                    return invocation.TargetMethod.ShortName();
                }

                if (argument.Parent is IObjectCreationOperation { Constructor: { } constructor })
                {
                    return constructor.ShortName();
                }

                break;
        }

        return "The " + enumType.Name + " value";
    }

    private static ISymbol? MemberOf(IOperation target) => target switch
    {
        IPropertyReferenceOperation property => property.Property,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };

    private static string Display(long bits)
    {
        var names = new List<string>(4);
        if ((bits & Ssl2Bits) != 0)
        {
            names.Add("SSL 2.0");
        }

        if ((bits & Ssl3Bits) != 0)
        {
            names.Add("SSL 3.0");
        }

        if ((bits & Tls10Bits) != 0)
        {
            names.Add("TLS 1.0");
        }

        if ((bits & Tls11Bits) != 0)
        {
            names.Add("TLS 1.1");
        }

        return string.Join(", ", names);
    }

    private static long? ToLong(object? value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        ushort us => us,
        uint ui => ui,
        byte b => b,
        sbyte sb => sb,
        ulong ul when ul <= long.MaxValue => (long)ul,
        _ => null,
    };

    private sealed class ProtocolTypes
    {
        public ProtocolTypes(INamedTypeSymbol? sslProtocols, INamedTypeSymbol? securityProtocolType)
        {
            SslProtocols = sslProtocols;
            SecurityProtocolType = securityProtocolType;
        }

        public INamedTypeSymbol? SslProtocols { get; }

        public INamedTypeSymbol? SecurityProtocolType { get; }

        public bool IsProtocolType(ITypeSymbol? type)
            => type is { TypeKind: TypeKind.Enum }
               && (SymbolEqualityComparer.Default.Equals(type, SslProtocols) || SymbolEqualityComparer.Default.Equals(type, SecurityProtocolType));
    }
}
