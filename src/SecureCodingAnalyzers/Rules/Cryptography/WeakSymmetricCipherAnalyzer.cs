using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// SCR1002: DES, TripleDES and RC2 by type (construction of any class deriving from <c>DES</c>, <c>TripleDES</c> or
/// <c>RC2</c>; static factories such as <c>DES.Create()</c>) and by algorithm name passed to
/// <c>CryptoConfig.CreateFromName</c> or a static <c>SymmetricAlgorithm.Create(string)</c>.
/// Parameters, fields and casts typed as the weak classes, <c>DES.IsWeakKey</c> and name comparisons are not flagged:
/// only the places where a weak cipher object comes into existence are.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeakSymmetricCipherAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the weak cipher (DES, TripleDES, RC2).</summary>
    public const string CipherProperty = "Cipher";

    /// <summary>Diagnostic property set when the finding is an algorithm name string (value "true").</summary>
    public const string NameStringProperty = "NameString";

    /// <summary>Algorithm names (CryptoConfig's table, case-insensitive, plus type names it resolves) that give a weak cipher.</summary>
    internal static readonly ImmutableDictionary<string, string> WeakNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["DES"] = "DES",
        ["System.Security.Cryptography.DES"] = "DES",
        ["System.Security.Cryptography.DESCryptoServiceProvider"] = "DES",
        ["http://www.w3.org/2001/04/xmlenc#des-cbc"] = "DES",
        ["3DES"] = "TripleDES",
        ["TripleDES"] = "TripleDES",
        ["Triple DES"] = "TripleDES",
        ["System.Security.Cryptography.TripleDES"] = "TripleDES",
        ["System.Security.Cryptography.TripleDESCryptoServiceProvider"] = "TripleDES",
        ["System.Security.Cryptography.TripleDESCng"] = "TripleDES",
        ["http://www.w3.org/2001/04/xmlenc#tripledes-cbc"] = "TripleDES",
        ["http://www.w3.org/2001/04/xmlenc#kw-tripledes"] = "TripleDES",
        ["RC2"] = "RC2",
        ["System.Security.Cryptography.RC2"] = "RC2",
        ["System.Security.Cryptography.RC2CryptoServiceProvider"] = "RC2",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.WeakSymmetricCipher);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (!types.AnyWeakType && types.CryptoConfig is null && types.SymmetricAlgorithm is null)
            {
                return;
            }

            if (types.AnyWeakType)
            {
                start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, KnownTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (types.WeakCipherOf(creation.Type) is { } cipher)
        {
            var api = "new " + creation.Type!.Name + (creation.Arguments.IsEmpty ? "()" : "(...)");
            Report(context, creation.Syntax.GetLocation(), api, cipher, nameString: false);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!method.IsStatic)
        {
            return;
        }

        // DES.Create(), TripleDES.Create("..."), RC2.Create(): static factories of the weak types. Only members that
        // return a cipher object: DES.IsWeakKey(key) and friends check keys and create nothing.
        if (types.WeakCipherOf(method.ContainingType) is { } cipher)
        {
            if (types.WeakCipherOf(method.ReturnType) is not null)
            {
                Report(context, invocation.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name, cipher, nameString: false);
            }

            return;
        }

        // Algorithm names: CryptoConfig.CreateFromName("DES"), SymmetricAlgorithm.Create("TripleDES").
        if (!types.AcceptsAlgorithmName(method))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType != SpecialType.System_String)
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: string name }
                && WeakNames.TryGetValue(name.Trim(), out var named))
            {
                Report(context, value.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name, named, nameString: true);
            }
        }
    }

    private static void Report(OperationAnalysisContext context, Location location, string api, string cipher, bool nameString)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CipherProperty, cipher);
        if (nameString)
        {
            properties = properties.Add(NameStringProperty, "true");
        }

        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.WeakSymmetricCipher, location, properties, api, cipher));
    }

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _des;
        private readonly INamedTypeSymbol? _tripleDes;
        private readonly INamedTypeSymbol? _rc2;

        public KnownTypes(Compilation compilation)
        {
            _des = compilation.ResolveType("System.Security.Cryptography.DES");
            _tripleDes = compilation.ResolveType("System.Security.Cryptography.TripleDES");
            _rc2 = compilation.ResolveType("System.Security.Cryptography.RC2");
            CryptoConfig = compilation.ResolveType("System.Security.Cryptography.CryptoConfig");
            SymmetricAlgorithm = compilation.ResolveType("System.Security.Cryptography.SymmetricAlgorithm");
        }

        public INamedTypeSymbol? CryptoConfig { get; }

        public INamedTypeSymbol? SymmetricAlgorithm { get; }

        public bool AnyWeakType => _des is not null || _tripleDes is not null || _rc2 is not null;

        public string? WeakCipherOf(ITypeSymbol? type)
        {
            if (type is null || type.TypeKind != TypeKind.Class)
            {
                return null;
            }

            return type.IsOrDerivesFrom(_des) ? "DES"
                : type.IsOrDerivesFrom(_tripleDes) ? "TripleDES"
                : type.IsOrDerivesFrom(_rc2) ? "RC2"
                : null;
        }

        /// <summary>CryptoConfig.CreateFromName and the static <c>Create(string)</c> factories of symmetric algorithms.</summary>
        public bool AcceptsAlgorithmName(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (method.Name == "CreateFromName")
            {
                return CryptoConfig is not null && SymbolEqualityComparer.Default.Equals(type, CryptoConfig);
            }

            return method.Name == "Create" && method.Parameters.Length == 1 && type.IsOrDerivesFrom(SymmetricAlgorithm);
        }
    }
}
