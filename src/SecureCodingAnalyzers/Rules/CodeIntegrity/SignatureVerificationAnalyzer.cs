using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4020: every <c>X509Certificate.CreateFromSignedFile</c> call (also reached as <c>X509Certificate2.CreateFromSignedFile</c>):
/// it reads the signer certificate out of an Authenticode signature without verifying the signature, the chain or
/// revocation, and throws on Linux and macOS. Silent where the file's signature is verified by Windows first: the
/// same body calls <c>WinVerifyTrust</c>/<c>WinVerifyTrustEx</c>, or the project declares them (P/Invoke), so the
/// certificate only names the publisher of a verified signature (the recommended pinned-publisher pattern).
/// <para>
/// SCR4021: <c>SignedCms.CheckSignature</c> and <c>SignerInfo.CheckSignature</c> with <c>verifySignatureOnly</c> the
/// constant <see langword="true"/> (either overload, positional or named), when the same body (lambdas and local
/// functions included) does not establish who signed: it compares the signer's identity (<c>Thumbprint</c>,
/// <c>GetCertHash</c>/<c>GetCertHashString</c>/<c>TryGetCertHash</c>, <c>GetPublicKey</c>, <c>PublicKey</c>,
/// <c>GetRSAPublicKey()</c> and the other key getters, <c>RawData</c>/<c>GetRawCertData</c>, or anything computed from
/// them) with a value (see <see cref="ComparedValues"/>), looks the signer collection up by thumbprint, validates the
/// signer's chain (<c>X509Chain.Build</c>, <c>X509Certificate2.Verify</c>, <c>CheckSignature(false)</c>), signs the
/// message itself (<c>ComputeSignature</c>: a round-trip check), or hands the signer on to code that can check it
/// (returns or stores the message, signer or certificate, or passes it to a method of the project or of a non-framework
/// library). The signer's certificate is whatever <c>SignerInfo.Certificate</c>, <c>SignedCms.Certificates</c> or
/// <c>SignedCms.SignerInfos</c> yield, followed through locals.
/// </para>
/// Not identity checks (so still reported): subject or issuer names, serial numbers, the subject key identifier
/// (values chosen by whoever makes the certificate) and <c>X509Certificate.Equals</c> (compares issuer name and serial
/// number only).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SignatureVerificationAnalyzer : DiagnosticAnalyzer
{
    private const string Pkcs = "System.Security.Cryptography.Pkcs.";
    private const string X509 = "System.Security.Cryptography.X509Certificates.";

    /// <summary>Certificate members that identify the certificate or its key.</summary>
    private static readonly ImmutableHashSet<string> IdentityMembers = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Thumbprint",
        "GetCertHash",
        "GetCertHashString",
        "TryGetCertHash",
        "GetPublicKey",
        "GetPublicKeyString",
        "PublicKey",
        "RawData",
        "RawDataMemory",
        "GetRawCertData",
        "GetRawCertDataString");

    /// <summary>The key getters (<c>RSACertificateExtensions.GetRSAPublicKey</c> and friends), extension methods on the certificate.</summary>
    private static readonly ImmutableHashSet<string> KeyGetters = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "GetRSAPublicKey",
        "GetECDsaPublicKey",
        "GetDSAPublicKey",
        "GetECDiffieHellmanPublicKey");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.SignedFileCertificateCheck,
        Catalog.Rules.SignatureWithoutSignerCheck);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.Certificate is null && types.SignedCms is null && types.SignerInfo is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "CreateFromSignedFile" when types.Certificate is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Certificate):
                if (!SignatureVerifiedByWindows(invocation, types, context.CancellationToken))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.SignedFileCertificateCheck, invocation.Syntax.GetLocation()));
                }

                break;

            case "CheckSignature" when types.IsCmsSignature(method.ContainingType) && VerifySignatureOnly(invocation) == true:
                if (!new SignerFacts(invocation.Root(), types).EstablishesSigner)
                {
                    var extraStore = invocation.Arguments.Length == 2 ? "extraStore, " : string.Empty;
                    context.ReportDiagnostic(Diagnostic.Create(
                        Catalog.Rules.SignatureWithoutSignerCheck,
                        invocation.Syntax.GetLocation(),
                        method.ContainingType.Name + ".CheckSignature(" + extraStore + "verifySignatureOnly: true)"));
                }

                break;
        }
    }

    /// <summary>The constant value of the <c>verifySignatureOnly</c> argument, or <see langword="null"/> when it is not constant.</summary>
    private static bool? VerifySignatureOnly(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Name: "verifySignatureOnly" }
                && argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: bool value })
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>WinVerifyTrust called in the same body, or declared anywhere in the project.</summary>
    private static bool SignatureVerifiedByWindows(IOperation operation, KnownTypes types, CancellationToken cancellationToken)
    {
        foreach (var descendant in operation.Root().Descendants())
        {
            if (descendant is IInvocationOperation { TargetMethod.Name: "WinVerifyTrust" or "WinVerifyTrustEx" })
            {
                return true;
            }
        }

        return types.ProjectDeclaresWinVerifyTrust(cancellationToken);
    }

    /// <summary>What a body does with the signer of the CMS messages it verifies.</summary>
    private sealed class SignerFacts
    {
        private readonly KnownTypes _types;
        private readonly BodyLocalFlow _flow;
        private readonly HashSet<ILocalSymbol> _signerLocals;
        private readonly HashSet<ILocalSymbol> _identityLocals;

        public SignerFacts(IOperation root, KnownTypes types)
        {
            _types = types;
            _flow = new BodyLocalFlow(root);
            _signerLocals = _flow.LocalsFrom(IsSignerSource);

            // cert.TryGetCertHash(HashAlgorithmName.SHA256, buffer, out _) writes the identity into the buffer.
            var buffers = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in _flow.Operations)
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "TryGetCertHash" } tryGet && IsIdentity(tryGet))
                {
                    foreach (var argument in tryGet.Arguments)
                    {
                        if (argument.Value.WalkDownConversions() is ILocalReferenceOperation buffer)
                        {
                            buffers.Add(buffer.Local);
                        }
                    }
                }
            }

            _identityLocals = _flow.LocalsFrom(o => IsIdentity(o) || (o is ILocalReferenceOperation local && buffers.Contains(local.Local)));
            _identityLocals.UnionWith(buffers);
        }

        public bool EstablishesSigner
        {
            get
            {
                foreach (var operation in _flow.Operations)
                {
                    if (ComparesIdentity(operation) || ValidatesOrSigns(operation) || HandsSignerOn(operation))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary><c>SignerInfo.Certificate</c>, <c>SignedCms.Certificates</c>/<c>SignerInfos</c>, <c>SignerInfo.CounterSignerInfos</c>.</summary>
        private bool IsSignerSource(IOperation operation)
            => operation is IPropertyReferenceOperation { Property: var property }
               && (property.Name is "Certificate" or "CounterSignerInfos" && SymbolEqualityComparer.Default.Equals(property.ContainingType, _types.SignerInfo)
                   || property.Name is "Certificates" or "SignerInfos" && SymbolEqualityComparer.Default.Equals(property.ContainingType, _types.SignedCms));

        private bool FromSigner(IOperation operation)
            => BodyLocalFlow.Reaches(operation, IsSignerSource, _signerLocals)
               || (BodyLocalFlow.ImplicitReceiver(operation) is { } receiver && FromSigner(receiver));

        /// <summary>An identity member or key getter applied to the signer's certificate.</summary>
        private bool IsIdentity(IOperation operation)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation { Instance: { } instance } property
                    when IdentityMembers.Contains(property.Property.Name) && property.Property.ContainingType.IsOrDerivesFrom(_types.Certificate):
                    return FromSigner(instance);

                case IInvocationOperation invocation when IdentityMembers.Contains(invocation.TargetMethod.Name):
                    return invocation.Instance is { } receiver
                        && invocation.TargetMethod.ContainingType.IsOrDerivesFrom(_types.Certificate)
                        && FromSigner(receiver);

                case IInvocationOperation invocation when KeyGetters.Contains(invocation.TargetMethod.Name):
                    var certificate = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    return certificate is not null && FromSigner(certificate);

                default:
                    return false;
            }
        }

        private bool CarriesIdentity(IOperation operation)
        {
            if (!BodyLocalFlow.Reaches(operation, IsIdentity, _identityLocals))
            {
                return false;
            }

            // The key's algorithm (PublicKey.Oid) describes the key; it does not identify it.
            foreach (var part in operation.DescendantsAndSelf())
            {
                if (part is IPropertyReferenceOperation { Property.Name: "Oid" })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An equality check or set lookup of the signer's identity against some other, non-trivial value.</summary>
        private bool ComparesIdentity(IOperation operation)
        {
            var compared = ComparedValues.Of(operation);
            if (compared.IsDefaultOrEmpty)
            {
                return FindsByThumbprint(operation);
            }

            var identity = -1;
            for (var i = 0; i < compared.Length; i++)
            {
                if (!ComparedValues.IsScalar(compared[i]) && CarriesIdentity(compared[i]))
                {
                    identity = i;
                    break;
                }
            }

            if (identity < 0)
            {
                return false;
            }

            for (var i = 0; i < compared.Length; i++)
            {
                if (i != identity && !ComparedValues.IsTrivial(compared[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>cms.Certificates.Find(X509FindType.FindByThumbprint, pinned, ...)</c>.</summary>
        private bool FindsByThumbprint(IOperation operation)
            => operation is IInvocationOperation { TargetMethod.Name: "Find", Instance: { } collection, Arguments.Length: >= 2 } find
               && find.Arguments[0].Value.WalkDownConversions() is { Type.Name: "X509FindType", ConstantValue: { HasValue: true, Value: 0 } }
               && !ComparedValues.IsTrivial(find.Arguments[1].Value)
               && FromSigner(collection);

        /// <summary>Chain validation of the signer, a full <c>CheckSignature(false)</c>, or the body signs the message itself.</summary>
        private bool ValidatesOrSigns(IOperation operation)
        {
            if (operation is not IInvocationOperation invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Build" when method.ContainingType.IsOrDerivesFrom(_types.Chain):
                    return invocation.Arguments.Length == 1 && FromSigner(invocation.Arguments[0].Value) && ResultUsed(invocation);
                case "Verify" when invocation.Arguments.Length == 0 && method.ContainingType.IsOrDerivesFrom(_types.Certificate2):
                    return invocation.Instance is { } certificate && FromSigner(certificate) && ResultUsed(invocation);
                case "CheckSignature" when _types.IsCmsSignature(method.ContainingType):
                    return VerifySignatureOnly(invocation) == false;
                case "ComputeSignature" or "ComputeCounterSignature" when _types.IsCmsSignature(method.ContainingType):
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The message, a signer or its certificate leaves the body, so the check can happen elsewhere.</summary>
        private bool HandsSignerOn(IOperation operation)
        {
            switch (operation)
            {
                case IReturnOperation { ReturnedValue: { } returned }:
                    return BearsSigner(returned);

                case IAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation } assignment:
                    return BearsSigner(assignment.Value);

                case IArgumentOperation { Parent: IInvocationOperation call } argument:
                    return !IsFrameworkMember(call.TargetMethod) && BearsSigner(argument.Value);

                case IArgumentOperation { Parent: IObjectCreationOperation { Constructor: { } constructor } } argument:
                    return !IsFrameworkMember(constructor) && BearsSigner(argument.Value);

                default:
                    return false;
            }
        }

        /// <summary>The message itself, or a signer, certificate or identity value taken from it.</summary>
        private bool BearsSigner(IOperation value)
        {
            var type = value.WalkDownConversions().Type;
            if (SymbolEqualityComparer.Default.Equals(type, _types.SignedCms))
            {
                return true;
            }

            return FromSigner(value) && (IsSignerType(type) || CarriesIdentity(value));
        }

        private bool IsSignerType(ITypeSymbol? type)
        {
            switch (type)
            {
                case null:
                    return false;
                case IArrayTypeSymbol array:
                    return IsSignerType(array.ElementType);
                case INamedTypeSymbol { IsGenericType: true } generic:
                    foreach (var argument in generic.TypeArguments)
                    {
                        if (IsSignerType(argument))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return type.IsOrDerivesFrom(_types.Certificate)
                        || SymbolEqualityComparer.Default.Equals(type, _types.SignerInfo)
                        || SymbolEqualityComparer.Default.Equals(type, _types.SignerInfoCollection)
                        || SymbolEqualityComparer.Default.Equals(type, _types.CertificateCollection);
            }
        }

        private static bool ResultUsed(IOperation invocation)
        {
            var consumer = invocation.WalkUpConversions(out _);
            return consumer is not (IExpressionStatementOperation or ISimpleAssignmentOperation { Target: IDiscardOperation });
        }

        /// <summary>Members of the framework (System.*, Microsoft.*): they do not check who signed (logging, collections, formatting).</summary>
        private static bool IsFrameworkMember(IMethodSymbol method)
        {
            var ns = method.ContainingType?.ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns is { Name: "System" or "Microsoft" } && !method.Locations.IsEmpty && !method.Locations[0].IsInSource;
        }
    }

    private sealed class KnownTypes
    {
        private readonly Compilation _compilation;
        private int _winVerifyTrust; // 0 unknown, 1 declared, 2 not declared.

        public KnownTypes(Compilation compilation)
        {
            _compilation = compilation;
            Certificate = compilation.ResolveType(X509 + "X509Certificate");
            Certificate2 = compilation.ResolveType(X509 + "X509Certificate2");
            CertificateCollection = compilation.ResolveType(X509 + "X509Certificate2Collection");
            Chain = compilation.ResolveType(X509 + "X509Chain");
            SignedCms = compilation.ResolveType(Pkcs + "SignedCms");
            SignerInfo = compilation.ResolveType(Pkcs + "SignerInfo");
            SignerInfoCollection = compilation.ResolveType(Pkcs + "SignerInfoCollection");
        }

        public INamedTypeSymbol? Certificate { get; }

        public INamedTypeSymbol? Certificate2 { get; }

        public INamedTypeSymbol? CertificateCollection { get; }

        public INamedTypeSymbol? Chain { get; }

        public INamedTypeSymbol? SignedCms { get; }

        public INamedTypeSymbol? SignerInfo { get; }

        public INamedTypeSymbol? SignerInfoCollection { get; }

        public bool IsCmsSignature(INamedTypeSymbol? type)
            => type is not null
               && (SymbolEqualityComparer.Default.Equals(type, SignedCms) || SymbolEqualityComparer.Default.Equals(type, SignerInfo));

        /// <summary>A source declaration named WinVerifyTrust(Ex) (the P/Invoke); looked up once, on the first CreateFromSignedFile.</summary>
        public bool ProjectDeclaresWinVerifyTrust(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _winVerifyTrust) == 0)
            {
                var declared = _compilation.ContainsSymbolsWithName("WinVerifyTrust", SymbolFilter.Member, cancellationToken)
                    || _compilation.ContainsSymbolsWithName("WinVerifyTrustEx", SymbolFilter.Member, cancellationToken);
                Volatile.Write(ref _winVerifyTrust, declared ? 1 : 2);
            }

            return _winVerifyTrust == 1;
        }
    }
}
