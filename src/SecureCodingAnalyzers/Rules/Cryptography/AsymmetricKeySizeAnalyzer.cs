using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// SCR1006: RSA and DSA keys below 2048 bits. Reports constant key sizes below 2048 passed to <c>RSA.Create(int)</c>,
/// <c>DSA.Create(int)</c> and the key-size constructors (<c>new RSACryptoServiceProvider(1024)</c>,
/// <c>new RSACng(1024)</c>, <c>new DSACryptoServiceProvider(1024)</c>) or assigned to <c>KeySize</c> of an RSA/DSA
/// object, and the parameterless <c>new RSACryptoServiceProvider()</c>/<c>new DSACryptoServiceProvider()</c>, which
/// generate 1024-bit keys. A creation or <c>KeySize</c> assignment on a local that receives a key through
/// <c>Import*</c> or <c>FromXmlString</c> in the same method is not reported (no key of that size is ever generated). The parameterless
/// constructors are reported only where the whole life of the object is visible: stored in a local that is used only
/// as the receiver of member calls in the method, or used directly as a receiver.
/// Non-constant sizes, <c>RSA.Create()</c> (2048 bits) and ECC are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsymmetricKeySizeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The smallest accepted key size in bits.</summary>
    public const int MinimumKeySize = 2048;

    /// <summary>Diagnostic property naming the algorithm (RSA or DSA).</summary>
    public const string AlgorithmProperty = "Algorithm";

    /// <summary>Diagnostic property set (value "true") for a parameterless constructor that uses the 1024-bit default.</summary>
    public const string DefaultSizeProperty = "DefaultSize";

    /// <summary>The key size the parameterless <c>RSACryptoServiceProvider</c>/<c>DSACryptoServiceProvider</c> constructors use.</summary>
    private const int LegacyProviderDefaultKeySize = 1024;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.InsufficientAsymmetricKeySize);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (!types.Any)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, KnownTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { } constructor || types.AlgorithmOf(creation.Type) is not { } algorithm)
        {
            return;
        }

        // new RSACryptoServiceProvider(1024), new RSACng(1024), new DSACryptoServiceProvider(512, cspParameters).
        if (FindKeySizeArgument(creation.Arguments) is { } argument)
        {
            ReportIfTooSmall(context, creation, argument, constructor.ShortName(), algorithm);
            return;
        }

        // new RSACryptoServiceProvider() / new DSACryptoServiceProvider(): 1024-bit default key.
        if (constructor.Parameters.IsEmpty
            && types.IsLegacyProvider(creation.Type)
            && GeneratesKeyInThisMethod(creation))
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(AlgorithmProperty, algorithm)
                .Add(DefaultSizeProperty, "true");
            context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.InsufficientAsymmetricKeySize,
                creation.Syntax.GetLocation(),
                properties,
                "new " + creation.Type!.Name + "()",
                LegacyProviderDefaultKeySize.ToString(CultureInfo.InvariantCulture),
                algorithm));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        // RSA.Create(1024), DSA.Create(1024).
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!method.IsStatic
            || method.Name != "Create"
            || types.AlgorithmOf(method.ContainingType) is not { } algorithm
            || FindKeySizeArgument(invocation.Arguments) is not { } argument)
        {
            return;
        }

        ReportIfTooSmall(context, invocation, argument, method.ContainingType.Name + "." + method.Name, algorithm);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
    {
        // rsa.KeySize = 1024; new RSACryptoServiceProvider { KeySize = 1024 }.
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "KeySize" } target
            || target.Property.Type.SpecialType != SpecialType.System_Int32)
        {
            return;
        }

        var receiverType = target.Instance?.Type;
        if (types.AlgorithmOf(receiverType) is not { } algorithm
            || TooSmallConstant(assignment.Value) is not { } bits
            || ReceiverLocal(assignment, target) is { } local && ReceivesImportedKey(local, assignment))
        {
            return;
        }

        Report(context, assignment.Syntax.GetLocation(), assignment.Value, receiverType!.Name + ".KeySize", bits, algorithm);
    }

    private static void ReportIfTooSmall(OperationAnalysisContext context, IOperation creation, IArgumentOperation argument, string api, string algorithm)
    {
        if (TooSmallConstant(argument.Value) is { } bits && !(StoredInLocal(creation) is { } local && ReceivesImportedKey(local, creation)))
        {
            Report(context, creation.Syntax.GetLocation(), argument.Value, api, bits, algorithm);
        }
    }

    private static void Report(OperationAnalysisContext context, Location location, IOperation sizeValue, string api, int bits, string algorithm)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(AlgorithmProperty, algorithm);
        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.InsufficientAsymmetricKeySize,
            location,
            ImmutableArray.Create(sizeValue.Syntax.GetLocation()),
            properties,
            api,
            bits.ToString(CultureInfo.InvariantCulture),
            algorithm));
    }

    /// <summary>The argument of an <c>int</c> parameter named like a key size (keySize, dwKeySize, keySizeInBits).</summary>
    private static IArgumentOperation? FindKeySizeArgument(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_Int32 } parameter
                && parameter.Name.IndexOf("KeySize", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return argument;
            }
        }

        return null;
    }

    private static int? TooSmallConstant(IOperation value)
        => value.ConstantValue is { HasValue: true, Value: int bits } && bits > 0 && bits < MinimumKeySize ? bits : null;

    /// <summary>The local a new object is stored in (<c>var rsa = new ...</c>, <c>rsa = new ...</c>), if any.</summary>
    private static ILocalSymbol? StoredInLocal(IOperation creation)
    {
        var consumer = creation.WalkUpConversions(out var child);
        return consumer switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == child => local.Local,
            _ => null,
        };
    }

    private static bool IsKeyImport(IMethodSymbol method)
        => method.Name.StartsWith("Import", StringComparison.Ordinal) || method.Name == "FromXmlString";

    /// <summary>The local whose <c>KeySize</c> is set: <c>rsa.KeySize = n</c>, or <c>var rsa = new RSACng { KeySize = n }</c>.</summary>
    private static ILocalSymbol? ReceiverLocal(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
        => target.Instance?.WalkDownConversions() switch
        {
            ILocalReferenceOperation reference => reference.Local,
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                when assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } => StoredInLocal(creation),
            _ => null,
        };

    /// <summary>True when <paramref name="local"/> is the receiver of a key import (also through <c>?.</c>) in the body containing <paramref name="operation"/>.</summary>
    private static bool ReceivesImportedKey(ILocalSymbol local, IOperation operation)
    {
        foreach (var descendant in operation.Root().Descendants())
        {
            if (descendant is not IInvocationOperation { Instance: { } instance } invocation || !IsKeyImport(invocation.TargetMethod))
            {
                continue;
            }

            var receiver = instance.WalkDownConversions();
            if (receiver is IConditionalAccessInstanceOperation)
            {
                // rsa?.ImportFromPem(pem): the receiver is the operand of the enclosing conditional access.
                for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IConditionalAccessOperation conditional)
                    {
                        receiver = conditional.Operation.WalkDownConversions();
                        break;
                    }
                }
            }

            if (receiver is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For the parameterless legacy providers: true only when the method visibly uses the object without importing a
    /// key. The object is used directly as a receiver (<c>new RSACryptoServiceProvider().ToXmlString(true)</c>), or it
    /// is stored in a local whose every use is as the receiver of a member that is not a key import. Objects stored in
    /// fields or properties, returned or passed elsewhere may get a key imported out of sight: not reported.
    /// </summary>
    private static bool GeneratesKeyInThisMethod(IObjectCreationOperation creation)
    {
        var consumer = creation.WalkUpConversions(out var child);
        if (IsReceiverUse(consumer, child, out var imports))
        {
            return !imports;
        }

        if (StoredInLocal(creation) is not { } local)
        {
            return false;
        }

        var used = false;
        foreach (var operation in creation.Root().Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var user = reference.WalkUpConversions(out var referenceChild);
            if (user is ISimpleAssignmentOperation assignment && assignment.Target == referenceChild)
            {
                continue;
            }

            if (!IsReceiverUse(user, referenceChild, out imports) || imports)
            {
                return false;
            }

            used = true;
        }

        return used;
    }

    /// <summary>True when <paramref name="child"/> is the receiver of <paramref name="user"/>; <paramref name="import"/> tells whether that is a key import.</summary>
    private static bool IsReceiverUse(IOperation? user, IOperation child, out bool import)
    {
        import = false;
        switch (user)
        {
            case IInvocationOperation invocation when invocation.Instance == child:
                import = IsKeyImport(invocation.TargetMethod);
                return true;
            case IPropertyReferenceOperation property when property.Instance == child:
                return true;
            case IConditionalAccessOperation conditional when conditional.Operation == child:
                import = conditional.WhenNotNull is IInvocationOperation whenNotNull && IsKeyImport(whenNotNull.TargetMethod);
                return conditional.WhenNotNull is IInvocationOperation or IPropertyReferenceOperation;
            default:
                return false;
        }
    }

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _rsa;
        private readonly INamedTypeSymbol? _dsa;
        private readonly INamedTypeSymbol? _rsaProvider;
        private readonly INamedTypeSymbol? _dsaProvider;

        public KnownTypes(Compilation compilation)
        {
            _rsa = compilation.ResolveType("System.Security.Cryptography.RSA");
            _dsa = compilation.ResolveType("System.Security.Cryptography.DSA");
            _rsaProvider = compilation.ResolveType("System.Security.Cryptography.RSACryptoServiceProvider");
            _dsaProvider = compilation.ResolveType("System.Security.Cryptography.DSACryptoServiceProvider");
        }

        public bool Any => _rsa is not null || _dsa is not null;

        public string? AlgorithmOf(ITypeSymbol? type)
        {
            if (type is null || type.TypeKind != TypeKind.Class)
            {
                return null;
            }

            return type.IsOrDerivesFrom(_rsa) ? "RSA"
                : type.IsOrDerivesFrom(_dsa) ? "DSA"
                : null;
        }

        public bool IsLegacyProvider(ITypeSymbol? type)
            => type is not null
               && (SymbolEqualityComparer.Default.Equals(type, _rsaProvider) || SymbolEqualityComparer.Default.Equals(type, _dsaProvider));
    }
}
