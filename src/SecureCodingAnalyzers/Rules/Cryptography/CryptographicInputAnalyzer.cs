using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.ConstantData;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// SCR1004, SCR1005, SCR1009: constant data (see <see cref="ConstantByteData"/>) used as an IV or nonce, a key or a
/// password salt.
/// <list type="bullet">
/// <item>Key (SCR1005): parameters named <c>key</c>/<c>rgbKey</c> of any API in <c>System.Security.Cryptography</c>
/// (<c>CreateEncryptor</c>/<c>CreateDecryptor</c>, <c>AesGcm</c>, <c>AesCcm</c>, <c>ChaCha20Poly1305</c>, HMAC
/// constructors and <c>HashData</c>, <c>IncrementalHash.CreateHMAC</c>, ...) and the <c>Key</c> property of
/// <c>SymmetricAlgorithm</c> and <c>KeyedHashAlgorithm</c>. An all-zero HMAC key is not reported: it is the RFC 5869
/// default salt of HKDF-Extract.</item>
/// <item>IV (SCR1004): <c>iv</c>/<c>rgbIV</c>/<c>nonce</c> parameters of encrypting APIs (<c>CreateEncryptor</c>,
/// <c>Encrypt*</c>, <c>TryEncrypt*</c>) and the <c>IV</c> property. Decryption (<c>CreateDecryptor</c>, <c>Decrypt*</c>)
/// is not reported: decrypting data produced elsewhere must use the IV it came with; the <c>IV</c> property only when
/// the object is created in the method and only decrypts (<see cref="DecryptOnlyCipher"/>). Nor is the IV of an object set to
/// <c>CipherMode.ECB</c> in the same body, which ECB ignores (SCR1003 reports the mode).</item>
/// <item>Salt (SCR1009): <c>salt</c>/<c>rgbSalt</c> of <c>Rfc2898DeriveBytes</c>, <c>PasswordDeriveBytes</c> and
/// ASP.NET Core <c>KeyDerivation.Pbkdf2</c>, and their <c>Salt</c> property. HKDF is not a sink: RFC 5869 allows a
/// fixed salt.</item>
/// </list>
/// No code fix: a key must come from a key store and an IV must be generated and transported with the ciphertext,
/// neither of which can be written automatically.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CryptographicInputAnalyzer : DiagnosticAnalyzer
{
    private enum Role
    {
        None,
        Key,
        InitializationVector,
        Salt,
    }

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.StaticInitializationVector,
        Catalog.Rules.HardcodedSymmetricKey,
        Catalog.Rules.ConstantSalt);

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

            var constantData = new ConstantByteData(start.Compilation);
            start.RegisterOperationAction(c => AnalyzeArgument(c, types, constantData), OperationKind.Argument);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, types, constantData), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, KnownTypes types, ConstantByteData constantData)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter)
        {
            return;
        }

        var role = parameter.Name switch
        {
            "key" or "rgbKey" => Role.Key,
            "iv" or "rgbIV" or "nonce" => Role.InitializationVector,
            "salt" or "rgbSalt" => Role.Salt,
            _ => Role.None,
        };
        if (role == Role.None
            || parameter.ContainingSymbol is not IMethodSymbol method
            || !constantData.Types.IsByteBuffer(parameter.Type)
            || !method.IsInCryptographyNamespace())
        {
            return;
        }

        var isSink = role switch
        {
            // TripleDES.IsWeakKey(rgbKey) and friends inspect a key, they do not use it.
            Role.Key => !method.Name.StartsWith("Is", StringComparison.Ordinal),
            Role.InitializationVector => method.Name == "CreateEncryptor"
                                         || method.Name.StartsWith("Encrypt", StringComparison.Ordinal)
                                         || method.Name.StartsWith("TryEncrypt", StringComparison.Ordinal),
            _ => types.IsPasswordKeyDerivation(method.ContainingType),
        };
        if (!isSink || constantData.Classify(argument.Value, context.CancellationToken) is not { } data)
        {
            return;
        }

        var instance = (argument.Parent as IInvocationOperation)?.Instance;
        if ((role == Role.Key && data.IsAllZero && types.IsHmac(method))
            || (role == Role.InitializationVector && types.IgnoresIv(instance, argument)))
        {
            return;
        }

        Report(context, role, argument.Value, Api(method, instance), data);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types, ConstantByteData constantData)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Arguments.Length: 0 } target)
        {
            return;
        }

        var property = target.Property;
        var role = property.Name switch
        {
            "Key" => Role.Key,
            "IV" => Role.InitializationVector,
            "Salt" => Role.Salt,
            _ => Role.None,
        };
        var type = property.ContainingType;
        var isSink = role switch
        {
            Role.Key => type.IsOrDerivesFrom(types.SymmetricAlgorithm) || type.IsOrDerivesFrom(types.KeyedHashAlgorithm),
            Role.InitializationVector => type.IsOrDerivesFrom(types.SymmetricAlgorithm),
            Role.Salt => types.IsPasswordKeyDerivation(type),
            _ => false,
        };
        if (!isSink || constantData.Classify(assignment.Value, context.CancellationToken) is not { } data)
        {
            return;
        }

        if ((role == Role.Key && data.IsAllZero && type.IsOrDerivesFrom(types.KeyedHashAlgorithm))
            || (role == Role.InitializationVector && (types.IgnoresIv(target.Instance, assignment) || DecryptOnlyCipher.OnlyDecrypts(assignment, target))))
        {
            return;
        }

        Report(context, role, assignment.Value, Api(property, target.Instance), data);
    }

    private static void Report(OperationAnalysisContext context, Role role, IOperation value, string api, ConstantDataInfo data)
    {
        var descriptor = role switch
        {
            Role.Key => Catalog.Rules.HardcodedSymmetricKey,
            Role.InitializationVector => Catalog.Rules.StaticInitializationVector,
            _ => Catalog.Rules.ConstantSalt,
        };
        var location = value.Syntax.GetLocation();
        var origin = data.Origin;
        var additional = origin.IsInSource && !(origin.SourceTree == location.SourceTree && location.SourceSpan.Contains(origin.SourceSpan))
            ? ImmutableArray.Create(origin)
            : ImmutableArray<Location>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additional, api, data.Description));
    }

    /// <summary><c>Aes.CreateEncryptor</c> (named after the receiver's static type), <c>new AesGcm(...)</c>, <c>Rfc2898DeriveBytes.Pbkdf2</c>.</summary>
    private static string Api(ISymbol member, IOperation? instance)
        => instance?.Type is INamedTypeSymbol receiver && !member.IsStatic && member is not IMethodSymbol { MethodKind: MethodKind.Constructor }
            ? receiver.Name + "." + member.Name
            : member.ShortName();

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _rfc2898;
        private readonly INamedTypeSymbol? _passwordDeriveBytes;
        private readonly INamedTypeSymbol? _cipherMode;
        private readonly object? _ecb;

        public KnownTypes(Compilation compilation)
        {
            SymmetricAlgorithm = compilation.ResolveType("System.Security.Cryptography.SymmetricAlgorithm");
            KeyedHashAlgorithm = compilation.ResolveType("System.Security.Cryptography.KeyedHashAlgorithm");
            _rfc2898 = compilation.ResolveType("System.Security.Cryptography.Rfc2898DeriveBytes");
            _passwordDeriveBytes = compilation.ResolveType("System.Security.Cryptography.PasswordDeriveBytes");
            KeyDerivation = compilation.ResolveType("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivation");
            _cipherMode = compilation.ResolveType("System.Security.Cryptography.CipherMode");
            _ecb = _cipherMode?.GetMembers("ECB").OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue)?.ConstantValue;
        }

        public INamedTypeSymbol? SymmetricAlgorithm { get; }

        public INamedTypeSymbol? KeyedHashAlgorithm { get; }

        public INamedTypeSymbol? KeyDerivation { get; }

        public bool Any => SymmetricAlgorithm is not null || KeyedHashAlgorithm is not null || _rfc2898 is not null || KeyDerivation is not null;

        public bool IsPasswordKeyDerivation(ITypeSymbol? type)
            => type is not null
               && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _rfc2898)
                   || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _passwordDeriveBytes)
                   || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, KeyDerivation));

        /// <summary>
        /// True when the IV goes to an object whose <c>Mode</c> is set to <c>CipherMode.ECB</c>: a local or parameter
        /// assigned ECB anywhere in the same body, or a sibling <c>Mode = CipherMode.ECB</c> in the same object
        /// initializer. ECB ignores the IV (hand-written CTR, CMAC and key wrap pass a dummy one); SCR1003 reports the mode.
        /// </summary>
        public bool IgnoresIv(IOperation? receiver, IOperation sink)
        {
            if (_ecb is null || receiver?.WalkDownConversions() is not { } instance)
            {
                return false;
            }

            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                if (sink.Parent is not IObjectOrCollectionInitializerOperation initializer)
                {
                    return false;
                }

                foreach (var sibling in initializer.Initializers)
                {
                    if (sibling is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } } assignment && SetsEcb(assignment))
                    {
                        return true;
                    }
                }

                return false;
            }

            var symbol = Variable(instance);
            if (symbol is null)
            {
                return false;
            }

            foreach (var operation in sink.Root().Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } modeInstance } } assignment
                    && SetsEcb(assignment)
                    && SymbolEqualityComparer.Default.Equals(Variable(modeInstance.WalkDownConversions()), symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? Variable(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        private bool SetsEcb(ISimpleAssignmentOperation assignment)
            => assignment.Target is IPropertyReferenceOperation { Property.Name: "Mode" } target
               && SymbolEqualityComparer.Default.Equals(target.Property.Type, _cipherMode)
               && assignment.Value.ConstantValue is { HasValue: true, Value: { } value }
               && value.Equals(_ecb)
               && target.Property.ContainingType.IsOrDerivesFrom(SymmetricAlgorithm);

        /// <summary>HMAC constructors and static helpers, <c>IncrementalHash.CreateHMAC</c>, HMAC-based KDFs.</summary>
        public bool IsHmac(IMethodSymbol method)
            => method.ContainingType.IsOrDerivesFrom(KeyedHashAlgorithm)
               || method.Name.IndexOf("HMAC", StringComparison.OrdinalIgnoreCase) >= 0
               || method.ContainingType.Name.IndexOf("Hmac", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
