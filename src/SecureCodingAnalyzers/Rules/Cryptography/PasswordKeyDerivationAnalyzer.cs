using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Catalog;
using SecureCodingAnalyzers.Options;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// SCR1007: PBKDF2 with a constant iteration count below the configured minimum (<c>Rfc2898DeriveBytes</c>
/// constructors, <c>Rfc2898DeriveBytes.Pbkdf2</c>, the <c>IterationCount</c> setter and ASP.NET Core's
/// <c>KeyDerivation.Pbkdf2</c>). Non-constant counts (parameters, configuration) are not judged; with a hash that is
/// not a constant, only a count below every minimum is reported.
/// SCR1008: <c>PasswordDeriveBytes</c>, the <c>Rfc2898DeriveBytes</c> constructors without a hash algorithm (HMAC-SHA1,
/// 1,000 iterations by default) and PBKDF2 with HMAC-SHA1 passed explicitly.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PasswordKeyDerivationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Minimum for PBKDF2-HMAC-SHA256, also applied to SHA-1 and SHA-384, and asked for when the hash is not constant.</summary>
    public static readonly IntegerRuleOption MinimumIterations = new(
        "SCR1007",
        "minimum_iterations",
        600_000,
        1_000,
        "Smallest accepted PBKDF2 iteration count for HMAC-SHA256, HMAC-SHA384 and HMAC-SHA1 (with a hash that is not a constant, counts below both minimums are reported and this one is asked for).");

    /// <summary>Minimum for PBKDF2-HMAC-SHA512.</summary>
    public static readonly IntegerRuleOption MinimumIterationsSha512 = new(
        "SCR1007",
        "minimum_iterations_sha512",
        210_000,
        1_000,
        "Smallest accepted PBKDF2 iteration count for HMAC-SHA512.");

    /// <summary>Diagnostic property: the iteration count the code fix writes (invariant digits).</summary>
    public const string MinimumProperty = "Minimum";

    /// <summary>SCR1008 property: which weakness was found (one of the <c>Kind*</c> constants).</summary>
    public const string KindProperty = "Kind";

    /// <summary>SCR1008 kind: <c>new PasswordDeriveBytes(...)</c> (no code fix).</summary>
    public const string KindPasswordDeriveBytes = "PasswordDeriveBytes";

    /// <summary>SCR1008 kind: an <c>Rfc2898DeriveBytes</c> constructor without a <c>HashAlgorithmName</c>.</summary>
    public const string KindDefaultHash = "DefaultHash";

    /// <summary>SCR1008 kind: HMAC-SHA1 passed explicitly.</summary>
    public const string KindSha1 = "Sha1";

    /// <summary>SCR1008 property: "true" when the constructor has an iterations parameter.</summary>
    public const string HasIterationsProperty = "HasIterations";

    /// <summary>SCR1008 property: index into the additional locations of the SHA-1 hash argument.</summary>
    public const string HashLocationProperty = "HashLocation";

    /// <summary>SCR1008 property: the member that replaces the SHA-1 argument (metadata name of type, dot, member).</summary>
    public const string HashReplacementProperty = "HashReplacement";

    /// <summary>SCR1008 property: index into the additional locations of a constant iteration count below the minimum.</summary>
    public const string IterationsLocationProperty = "IterationsLocation";

    private const string HashAlgorithmNameMetadataName = "System.Security.Cryptography.HashAlgorithmName";
    private const string KeyDerivationPrfMetadataName = "Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivationPrf";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Catalog.Rules.InsufficientPbkdf2Iterations, Catalog.Rules.WeakPasswordKeyDerivation);

    /// <summary>Formats an iteration count for messages and titles (invariant, with thousands separators).</summary>
    public static string FormatCount(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.Rfc2898 is null && types.PasswordDeriveBytes is null && types.KeyDerivation is null)
            {
                return;
            }

            if (types.Rfc2898 is not null || types.PasswordDeriveBytes is not null)
            {
                start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
            if (types.Rfc2898 is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            }
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, KnownTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var constructor = creation.Constructor;
        if (constructor is null)
        {
            return;
        }

        if (types.PasswordDeriveBytes is not null && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, types.PasswordDeriveBytes))
        {
            var settings = Settings.Read(context, creation.Syntax.SyntaxTree);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindPasswordDeriveBytes);
            context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.WeakPasswordKeyDerivation,
                creation.Syntax.GetLocation(),
                properties,
                constructor.ShortName(),
                "implements an obsolete, non-standard extension of PBKDF1 (SHA-1 and 100 iterations by default)",
                FormatCount(settings.Minimum)));
            return;
        }

        if (types.IsRfc2898(constructor.ContainingType))
        {
            AnalyzeDerivation(context, types, constructor, creation.Arguments, creation.Syntax, SetsIterationCount(creation.Initializer, types));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Pbkdf2" or WellKnownMemberNames.InstanceConstructorName))
        {
            return;
        }

        // Rfc2898DeriveBytes.Pbkdf2(...), KeyDerivation.Pbkdf2(...) and ": base(password, salt)" in a derived class.
        if ((method.MethodKind == MethodKind.Constructor || method.IsStatic) && types.IsRfc2898(method.ContainingType))
        {
            AnalyzeDerivation(context, types, method, invocation.Arguments, invocation.Syntax, setsIterationCount: false);
        }
        else if (method.IsStatic && types.KeyDerivation is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.KeyDerivation))
        {
            AnalyzeDerivation(context, types, method, invocation.Arguments, invocation.Syntax, setsIterationCount: false);
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "IterationCount", IsStatic: false } property } reference
            || !types.IsRfc2898(property.ContainingType)
            || ConstantInt(assignment.Value) is not { } count)
        {
            return;
        }

        var hash = HashOfInstance(reference.Instance, assignment, types);
        var settings = Settings.Read(context, assignment.Syntax.SyntaxTree);
        if (settings.IsTooLow(count, hash.Kind))
        {
            ReportIterations(context, assignment.Value.Syntax, "Rfc2898DeriveBytes.IterationCount", hash, count, settings.MinimumFor(hash.Kind));
        }
    }

    private static void AnalyzeDerivation(
        OperationAnalysisContext context,
        KnownTypes types,
        IMethodSymbol method,
        ImmutableArray<IArgumentOperation> arguments,
        SyntaxNode syntax,
        bool setsIterationCount)
    {
        var hasHashParameter = false;
        var hasIterationsParameter = false;
        foreach (var parameter in method.Parameters)
        {
            hasHashParameter |= types.IsHashParameter(parameter);
            hasIterationsParameter |= IsIterationsParameter(parameter);
        }

        // Only the PBKDF2 entry points: other static members (none today) and unrelated overloads are ignored.
        if (!hasIterationsParameter && method.MethodKind != MethodKind.Constructor)
        {
            return;
        }

        IArgumentOperation? iterationsArgument = null;
        IArgumentOperation? hashArgument = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (IsIterationsParameter(parameter))
            {
                iterationsArgument = argument;
            }
            else if (types.IsHashParameter(parameter))
            {
                hashArgument = argument;
            }
        }

        // The constructors without a HashAlgorithmName use HMAC-SHA1.
        var hash = hasHashParameter ? types.Classify(hashArgument?.Value) : Hash.Sha1;
        var count = iterationsArgument is null ? null : ConstantInt(iterationsArgument.Value);
        var isWeakDefault = !hasHashParameter;
        var isSha1 = hasHashParameter && hash.Kind == HashKind.Sha1;
        if (!isWeakDefault && !isSha1 && count is null)
        {
            return;
        }

        var settings = Settings.Read(context, syntax.SyntaxTree);
        var api = method.ShortName();

        if (isWeakDefault || isSha1)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(MinimumProperty, settings.Minimum.ToString(CultureInfo.InvariantCulture));
            var additional = new List<Location>(2);
            string reason;
            if (isWeakDefault)
            {
                properties.Add(KindProperty, KindDefaultHash);
                properties.Add(HasIterationsProperty, hasIterationsParameter ? "true" : "false");
                reason = hasIterationsParameter || setsIterationCount
                    ? "uses HMAC-SHA1 (the default of the constructors without a HashAlgorithmName)"
                    : "uses HMAC-SHA1 and only 1,000 iterations (the defaults of the constructors without a HashAlgorithmName)";
            }
            else
            {
                properties.Add(KindProperty, KindSha1);
                properties.Add(HashLocationProperty, additional.Count.ToString(CultureInfo.InvariantCulture));
                properties.Add(HashReplacementProperty, hash.Replacement);
                additional.Add(hashArgument!.Value.Syntax.GetLocation());
                reason = "uses HMAC-SHA1 (" + hash.Source + ")";
            }

            // The fix moves to SHA-256, so it also lifts a constant count to the SHA-256 minimum.
            if (count is { } c && c < settings.Minimum)
            {
                properties.Add(IterationsLocationProperty, additional.Count.ToString(CultureInfo.InvariantCulture));
                additional.Add(iterationsArgument!.Value.Syntax.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.WeakPasswordKeyDerivation,
                syntax.GetLocation(),
                additional,
                properties.ToImmutable(),
                api,
                reason,
                FormatCount(settings.Minimum)));
        }

        if (count is { } value && settings.IsTooLow(value, hash.Kind))
        {
            ReportIterations(context, iterationsArgument!.Value.Syntax, api, hash, value, settings.MinimumFor(hash.Kind));
        }
    }

    private static void ReportIterations(OperationAnalysisContext context, SyntaxNode value, string api, Hash hash, int count, int minimum)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(MinimumProperty, minimum.ToString(CultureInfo.InvariantCulture));
        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.InsufficientPbkdf2Iterations,
            value.GetLocation(),
            properties,
            api,
            hash.Display,
            FormatCount(count),
            FormatCount(minimum)));
    }

    private static bool IsIterationsParameter(IParameterSymbol parameter)
        => parameter.Type.SpecialType == SpecialType.System_Int32 && parameter.Name is "iterations" or "iterationCount";

    private static int? ConstantInt(IOperation value)
        => value.ConstantValue is { HasValue: true, Value: int count } ? count : null;

    private static bool SetsIterationCount(IObjectOrCollectionInitializerOperation? initializer, KnownTypes types)
    {
        if (initializer is null)
        {
            return false;
        }

        foreach (var child in initializer.Initializers)
        {
            if (child is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "IterationCount" } property } }
                && types.IsRfc2898(property.ContainingType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The hash of the instance whose <c>IterationCount</c> is set: found for object initializers and for locals
    /// initialized with a constructor in the same body; otherwise unknown (the SHA-256 minimum applies).
    /// </summary>
    private static Hash HashOfInstance(IOperation? instance, ISimpleAssignmentOperation assignment, KnownTypes types)
    {
        IObjectCreationOperation? creation = null;
        switch (instance)
        {
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                creation = assignment.Parent?.Parent as IObjectCreationOperation;
                break;

            case ILocalReferenceOperation local:
                foreach (var operation in assignment.Root().Descendants())
                {
                    if (operation is IVariableDeclaratorOperation declarator
                        && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
                    {
                        creation = declarator.GetVariableInitializer()?.Value.WalkDownConversions() as IObjectCreationOperation;
                        break;
                    }
                }

                break;
        }

        if (creation?.Constructor is not { } constructor || !types.IsRfc2898(constructor.ContainingType))
        {
            return Hash.Unknown;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } parameter && types.IsHashParameter(parameter))
            {
                return types.Classify(argument.Value);
            }
        }

        foreach (var parameter in constructor.Parameters)
        {
            if (types.IsHashParameter(parameter))
            {
                return Hash.Unknown;
            }
        }

        return Hash.Sha1;
    }

    private enum HashKind
    {
        Unknown,
        Sha1,
        Sha256,
        Sha384,
        Sha512,
        Other,
    }

    /// <summary>A PBKDF2 pseudo-random function as far as it is known at compile time.</summary>
    private sealed class Hash
    {
        public static readonly Hash Unknown = new(HashKind.Unknown, "HMAC", string.Empty, string.Empty);
        public static readonly Hash Sha1 = new(HashKind.Sha1, "HMAC-SHA1", string.Empty, string.Empty);

        public Hash(HashKind kind, string display, string source, string replacement)
        {
            Kind = kind;
            Display = display;
            Source = source;
            Replacement = replacement;
        }

        public HashKind Kind { get; }

        /// <summary>"HMAC-SHA256" for messages.</summary>
        public string Display { get; }

        /// <summary>How the code names the hash ("HashAlgorithmName.SHA1"), for messages.</summary>
        public string Source { get; }

        /// <summary>The SHA-256 member of the same type, for the code fix.</summary>
        public string Replacement { get; }
    }

    private readonly struct Settings
    {
        private Settings(int minimum, int minimumSha512)
        {
            Minimum = minimum;
            MinimumSha512 = minimumSha512;
        }

        /// <summary>The SHA-256 minimum (also SHA-1, SHA-384 and unknown hashes).</summary>
        public int Minimum { get; }

        public int MinimumSha512 { get; }

        public static Settings Read(OperationAnalysisContext context, SyntaxTree tree)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            return new Settings(MinimumIterations.Read(options), MinimumIterationsSha512.Read(options));
        }

        /// <summary>The minimum the message and the code fix ask for.</summary>
        public int MinimumFor(HashKind kind) => kind == HashKind.Sha512 ? MinimumSha512 : Minimum;

        /// <summary>
        /// Below the minimum for the hash. A hash that is not a constant (a field, a parameter, a stored record) may be
        /// SHA-512, so only a count below every minimum is certainly too low.
        /// </summary>
        public bool IsTooLow(int count, HashKind kind)
            => count < (kind == HashKind.Unknown ? Math.Min(Minimum, MinimumSha512) : MinimumFor(kind));
    }

    private sealed class KnownTypes
    {
        public KnownTypes(Compilation compilation)
        {
            Rfc2898 = compilation.ResolveType("System.Security.Cryptography.Rfc2898DeriveBytes");
            PasswordDeriveBytes = compilation.ResolveType("System.Security.Cryptography.PasswordDeriveBytes");
            HashAlgorithmName = compilation.ResolveType(HashAlgorithmNameMetadataName);
            KeyDerivation = compilation.ResolveType("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivation");
            KeyDerivationPrf = compilation.ResolveType(KeyDerivationPrfMetadataName);
        }

        public INamedTypeSymbol? Rfc2898 { get; }

        public INamedTypeSymbol? PasswordDeriveBytes { get; }

        public INamedTypeSymbol? HashAlgorithmName { get; }

        public INamedTypeSymbol? KeyDerivation { get; }

        public INamedTypeSymbol? KeyDerivationPrf { get; }

        public bool IsRfc2898(ITypeSymbol? type) => Rfc2898 is not null && SymbolEqualityComparer.Default.Equals(type, Rfc2898);

        public bool IsHashParameter(IParameterSymbol parameter)
            => (HashAlgorithmName is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, HashAlgorithmName))
               || (KeyDerivationPrf is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, KeyDerivationPrf));

        /// <summary>Classifies a hash argument: a <c>HashAlgorithmName</c> property or constant name, or a <c>KeyDerivationPrf</c> constant.</summary>
        public Hash Classify(IOperation? value)
        {
            value = value?.WalkDownConversions();
            switch (value)
            {
                case IPropertyReferenceOperation { Property: { IsStatic: true } property } when HashAlgorithmName is not null
                    && SymbolEqualityComparer.Default.Equals(property.ContainingType, HashAlgorithmName):
                    return FromHashName(property.Name, "HashAlgorithmName." + property.Name);

                case IObjectCreationOperation { Arguments.Length: 1 } creation when HashAlgorithmName is not null
                    && SymbolEqualityComparer.Default.Equals(creation.Type, HashAlgorithmName)
                    && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }:
                    return FromHashName(name, "new HashAlgorithmName(\"" + name + "\")");

                case not null when KeyDerivationPrf is not null
                    && SymbolEqualityComparer.Default.Equals(value.Type, KeyDerivationPrf)
                    && value.ConstantValue.HasValue:
                    return FromKeyDerivationPrf(value.ConstantValue.Value);

                default:
                    return Hash.Unknown;
            }
        }

        private static Hash FromHashName(string name, string source)
        {
            const string replacement = HashAlgorithmNameMetadataName + ".SHA256";
            var kind = name.ToUpperInvariant() switch
            {
                "SHA1" => HashKind.Sha1,
                "SHA256" => HashKind.Sha256,
                "SHA384" => HashKind.Sha384,
                "SHA512" => HashKind.Sha512,
                _ => HashKind.Other,
            };
            var display = "HMAC-" + (kind == HashKind.Other ? name.Replace('_', '-') : name.ToUpperInvariant());
            return new Hash(kind, display, source, replacement);
        }

        private Hash FromKeyDerivationPrf(object? constant)
        {
            foreach (var member in KeyDerivationPrf!.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constant))
                {
                    var kind = field.Name switch
                    {
                        "HMACSHA1" => HashKind.Sha1,
                        "HMACSHA256" => HashKind.Sha256,
                        "HMACSHA512" => HashKind.Sha512,
                        _ => HashKind.Other,
                    };
                    var display = kind == HashKind.Other ? field.Name : "HMAC-" + field.Name.Substring("HMAC".Length);
                    return new Hash(kind, display, "KeyDerivationPrf." + field.Name, KeyDerivationPrfMetadataName + ".HMACSHA256");
                }
            }

            return Hash.Unknown;
        }
    }
}
