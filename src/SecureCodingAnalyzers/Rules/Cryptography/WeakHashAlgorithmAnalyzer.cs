using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Catalog;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// SCR1001: MD5, SHA-1 and RIPEMD-160 by type (construction, static <c>Create</c>/<c>HashData</c>), by algorithm
/// name string (<c>CryptoConfig.CreateFromName</c>, <c>HashAlgorithm.Create</c>, legacy <c>SignData(..., "SHA1")</c>,
/// <c>SetHashAlgorithm("SHA1")</c> of the signature formatters) and by <c>HashAlgorithmName.MD5</c>/<c>SHA1</c> or
/// <c>new HashAlgorithmName("SHA1")</c> passed to signing, verification and hashing APIs.
/// HMAC constructions (HMAC-MD5/HMAC-SHA1, HKDF, the SP 800-108 HMAC KDF) and OAEP padding are deliberately not
/// flagged: their security does not rest on collision resistance. Certificate thumbprints (<c>GetCertHash</c>) are
/// identifiers, like <c>Thumbprint</c>. Comparisons and <c>nameof</c> are not uses.
/// PBKDF2 with SHA-1 is reported by SCR1008 instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeakHashAlgorithmAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the weak algorithm (MD5, SHA1, RIPEMD160).</summary>
    public const string AlgorithmProperty = "Algorithm";

    /// <summary>Algorithm names accepted by CryptoConfig that resolve to a weak hash.</summary>
    internal static readonly ImmutableDictionary<string, string> WeakNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["MD5"] = "MD5",
        ["System.Security.Cryptography.MD5"] = "MD5",
        ["SHA"] = "SHA1",
        ["SHA1"] = "SHA1",
        ["SHA-1"] = "SHA1",
        ["System.Security.Cryptography.SHA1"] = "SHA1",
        ["System.Security.Cryptography.HashAlgorithm"] = "SHA1",
        ["http://www.w3.org/2000/09/xmldsig#sha1"] = "SHA1",
        ["RIPEMD160"] = "RIPEMD160",
        ["RIPEMD-160"] = "RIPEMD160",
        ["System.Security.Cryptography.RIPEMD160"] = "RIPEMD160",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.WeakHashAlgorithm);

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
            if (types.HashAlgorithmName is not null)
            {
                start.RegisterOperationAction(c => AnalyzePropertyReference(c, types), OperationKind.PropertyReference);
            }
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, KnownTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (types.WeakAlgorithmOf(creation.Type) is { } algorithm)
        {
            Report(context, creation.Syntax.GetLocation(), "new " + creation.Type!.Name + "()", algorithm);
            return;
        }

        // new HashAlgorithmName("SHA1"): the same as HashAlgorithmName.SHA1; reported on the name, like other name strings.
        if (creation.Arguments.Length == 1
            && types.HashAlgorithmName is not null
            && SymbolEqualityComparer.Default.Equals(creation.Type, types.HashAlgorithmName)
            && creation.Arguments[0].Value.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: string name } } value
            && WeakNames.TryGetValue(name, out var named))
        {
            ReportHashAlgorithmName(context, types, creation, value.Syntax.GetLocation(), "new HashAlgorithmName(...)", named);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;

        // MD5.Create(), SHA1.HashData(...), MD5.HashDataAsync(...): static members of the weak types.
        if (method.IsStatic && types.WeakAlgorithmOf(method.ContainingType) is { } algorithm)
        {
            Report(context, invocation.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name, algorithm);
            return;
        }

        // Algorithm names: CryptoConfig.CreateFromName("MD5"), HashAlgorithm.Create("SHA1"),
        // RSACryptoServiceProvider.SignData(data, "SHA1"), new HashAlgorithmName("MD5") is an object creation of a struct.
        if (!types.AcceptsAlgorithmName(method))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: string name }
                && WeakNames.TryGetValue(name, out var named))
            {
                Report(context, value.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name, named);
            }
        }
    }

    private static void AnalyzePropertyReference(OperationAnalysisContext context, KnownTypes types)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        var property = reference.Property;
        if (!property.IsStatic
            || property.Name is not ("MD5" or "SHA1")
            || !SymbolEqualityComparer.Default.Equals(property.ContainingType, types.HashAlgorithmName))
        {
            return;
        }

        ReportHashAlgorithmName(context, types, reference, reference.Syntax.GetLocation(), "HashAlgorithmName." + property.Name, property.Name);
    }

    /// <summary>Reports a weak <c>HashAlgorithmName</c> value unless its consumer only compares or names it, or is an HMAC construction.</summary>
    private static void ReportHashAlgorithmName(OperationAnalysisContext context, KnownTypes types, IOperation name, Location location, string api, string algorithm)
    {
        var consumer = name.WalkUpConversions(out var child);

        // HashAlgorithmName.SHA1.Name: follow the name string to where it is used.
        if (consumer is IPropertyReferenceOperation { Property.Name: "Name" } nameRead && nameRead.Instance == child)
        {
            consumer = nameRead.WalkUpConversions(out child);
        }

        // Comparing, switching on or naming an algorithm (mapping tables, input validation) is not a use of it.
        if (consumer is IBinaryOperation or IIsPatternOperation or IPatternOperation or ISwitchCaseOperation or ICaseClauseOperation or INameOfOperation
            || (consumer is IInvocationOperation { TargetMethod.Name: "Equals" } equals && equals.Instance == child))
        {
            return;
        }

        if (consumer is IArgumentOperation { Parent: IInvocationOperation or IObjectCreationOperation } argument)
        {
            IMethodSymbol? target = argument.Parent is IInvocationOperation invocation ? invocation.TargetMethod : ((IObjectCreationOperation)argument.Parent!).Constructor;
            if (target is not null)
            {
                // Equality checks are not uses; HMAC constructions and OAEP do not need collision resistance;
                // certificate thumbprints are identifiers; PBKDF2 with SHA-1 belongs to SCR1008 (MD5 stays here).
                if (target.Name == "Equals"
                    || types.IsHmacConstructionOrOaep(target)
                    || types.IsCertificateThumbprint(target)
                    || (algorithm == "SHA1" && types.IsPasswordKeyDerivation(target.ContainingType)))
                {
                    return;
                }

                api = target.ShortName();
            }
        }

        Report(context, location, api, algorithm);
    }

    private static void Report(OperationAnalysisContext context, Location location, string api, string algorithm)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(AlgorithmProperty, algorithm);
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.WeakHashAlgorithm, location, properties, api, Display(algorithm)));
    }

    private static string Display(string algorithm) => algorithm switch
    {
        "SHA1" => "SHA-1",
        "RIPEMD160" => "RIPEMD-160",
        _ => algorithm,
    };

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _md5;
        private readonly INamedTypeSymbol? _sha1;
        private readonly INamedTypeSymbol? _ripemd160;
        private readonly INamedTypeSymbol? _cryptoConfig;
        private readonly INamedTypeSymbol? _hashAlgorithm;
        private readonly INamedTypeSymbol? _asymmetricAlgorithm;
        private readonly INamedTypeSymbol? _rfc2898;
        private readonly INamedTypeSymbol? _passwordDeriveBytes;
        private readonly INamedTypeSymbol? _hkdf;
        private readonly INamedTypeSymbol? _rsaEncryptionPadding;
        private readonly INamedTypeSymbol? _signatureFormatter;
        private readonly INamedTypeSymbol? _signatureDeformatter;
        private readonly INamedTypeSymbol? _certificate;

        public KnownTypes(Compilation compilation)
        {
            _md5 = compilation.ResolveType("System.Security.Cryptography.MD5");
            _sha1 = compilation.ResolveType("System.Security.Cryptography.SHA1");
            _ripemd160 = compilation.ResolveType("System.Security.Cryptography.RIPEMD160");
            _cryptoConfig = compilation.ResolveType("System.Security.Cryptography.CryptoConfig");
            _hashAlgorithm = compilation.ResolveType("System.Security.Cryptography.HashAlgorithm");
            _asymmetricAlgorithm = compilation.ResolveType("System.Security.Cryptography.AsymmetricAlgorithm");
            _rfc2898 = compilation.ResolveType("System.Security.Cryptography.Rfc2898DeriveBytes");
            _passwordDeriveBytes = compilation.ResolveType("System.Security.Cryptography.PasswordDeriveBytes");
            _hkdf = compilation.ResolveType("System.Security.Cryptography.HKDF");
            _rsaEncryptionPadding = compilation.ResolveType("System.Security.Cryptography.RSAEncryptionPadding");
            _signatureFormatter = compilation.ResolveType("System.Security.Cryptography.AsymmetricSignatureFormatter");
            _signatureDeformatter = compilation.ResolveType("System.Security.Cryptography.AsymmetricSignatureDeformatter");
            _certificate = compilation.ResolveType("System.Security.Cryptography.X509Certificates.X509Certificate");
            HashAlgorithmName = compilation.ResolveType("System.Security.Cryptography.HashAlgorithmName");
        }

        public INamedTypeSymbol? HashAlgorithmName { get; }

        public bool Any => _md5 is not null || _sha1 is not null || _ripemd160 is not null || _cryptoConfig is not null || HashAlgorithmName is not null;

        public string? WeakAlgorithmOf(ITypeSymbol? type)
        {
            if (type is null || type.TypeKind != TypeKind.Class)
            {
                return null;
            }

            // Asked for every object creation and static call: one walk up the base types looks for all three (the
            // first in this order wins, as with one walk per algorithm), comparing symbols only where the name matches.
            bool md5 = false, sha1 = false, ripemd160 = false;
            for (var current = type; current is not null; current = current.BaseType)
            {
                switch (current.Name)
                {
                    case "MD5":
                        md5 |= SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _md5);
                        break;
                    case "SHA1":
                        sha1 |= SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _sha1);
                        break;
                    case "RIPEMD160":
                        ripemd160 |= SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _ripemd160);
                        break;
                }
            }

            return md5 ? "MD5" : sha1 ? "SHA1" : ripemd160 ? "RIPEMD160" : null;
        }

        public bool AcceptsAlgorithmName(IMethodSymbol method)
        {
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "CreateFromName" or "MapNameToOID":
                    return SymbolEqualityComparer.Default.Equals(type, _cryptoConfig);
                case "Create":
                    return method.IsStatic && type.IsOrDerivesFrom(_hashAlgorithm);
                case "SetHashAlgorithm":
                    // RSAPKCS1SignatureFormatter.SetHashAlgorithm("SHA1") and the DSA/deformatter equivalents.
                    return type.IsOrDerivesFrom(_signatureFormatter) || type.IsOrDerivesFrom(_signatureDeformatter);
            }

            // RSACryptoServiceProvider.SignData(byte[], object halg) / SignHash(byte[], string) / VerifyData and DSA equivalents.
            return (method.Name.StartsWith("Sign", StringComparison.Ordinal) || method.Name.StartsWith("Verify", StringComparison.Ordinal))
                && type.IsOrDerivesFrom(_asymmetricAlgorithm);
        }

        /// <summary>HMAC-based APIs (<c>IncrementalHash.CreateHMAC</c>, <c>SP800108HmacCounterKdf</c>, <c>HKDF</c>, HMAC helpers) and <c>RSAEncryptionPadding.CreateOaep</c>.</summary>
        public bool IsHmacConstructionOrOaep(IMethodSymbol method)
            => method.Name.IndexOf("Hmac", StringComparison.OrdinalIgnoreCase) >= 0
               || method.ContainingType is { } type
                  && (type.Name.IndexOf("Hmac", StringComparison.OrdinalIgnoreCase) >= 0
                      || SymbolEqualityComparer.Default.Equals(type, _hkdf)
                      || (method.Name == "CreateOaep" && SymbolEqualityComparer.Default.Equals(type, _rsaEncryptionPadding)));

        /// <summary><c>X509Certificate.GetCertHash</c>, <c>GetCertHashString</c>, <c>TryGetCertHash</c>: a thumbprint, like <c>Thumbprint</c>.</summary>
        public bool IsCertificateThumbprint(IMethodSymbol method)
            => method.Name.IndexOf("GetCertHash", StringComparison.Ordinal) >= 0 && method.ContainingType.IsOrDerivesFrom(_certificate);

        public bool IsPasswordKeyDerivation(ITypeSymbol? type)
            => SymbolEqualityComparer.Default.Equals(type, _rfc2898) || SymbolEqualityComparer.Default.Equals(type, _passwordDeriveBytes)
               || type?.Name == "KeyDerivation";
    }
}
