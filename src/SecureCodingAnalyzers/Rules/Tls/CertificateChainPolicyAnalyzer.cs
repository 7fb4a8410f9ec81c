using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Tls;

/// <summary>
/// SCR1013: chain validation relaxed through <c>X509ChainPolicy</c>: <c>RevocationMode = X509RevocationMode.NoCheck</c>
/// and <c>VerificationFlags</c> set (<c>=</c> or <c>|=</c>, statements or object initializers) to any flag that skips a
/// check. ASP.NET Core's <c>CertificateAuthenticationOptions.RevocationMode = NoCheck</c> is reported too (its default is
/// <c>Online</c>). <c>SslClientAuthenticationOptions</c>/<c>SslServerAuthenticationOptions.CertificateRevocationCheckMode
/// = NoCheck</c> is not: NoCheck is their default, so writing it down relaxes nothing.
/// Silent where the chain policy cannot affect a trust decision or where a known safe idiom is used, judged within the
/// same body (method, accessor, lambda with its enclosing method):
/// <list type="bullet">
/// <item>every <c>X509Chain.Build</c> result is discarded and <c>ChainStatus</c> is not read: the chain is built only
/// to collect its certificates (for export or to send the full chain);</item>
/// <item><c>AllowUnknownCertificateAuthority</c> when the body reads <c>X509Chain.ChainElements</c>: the pre-.NET 5
/// pinned-root idiom (build with the root in <c>ExtraStore</c>, then check that the last element is that root).</item>
/// </list>
/// Debug-only code (<c>#if DEBUG</c>, <c>[Conditional("DEBUG")]</c>, see <see cref="DebugOnlyCode"/>) is not reported.
/// <c>TrustMode = X509ChainTrustMode.CustomRootTrust</c> does NOT excuse <c>AllowUnknownCertificateAuthority</c>: the
/// flag also ignores <c>UntrustedRoot</c> and <c>PartialChain</c> in custom-root mode, so any self-signed chain passes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CertificateChainPolicyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property present when the fix (<c>X509RevocationMode.Online</c>) applies.</summary>
    public const string FixProperty = "Fix";

    /// <summary>The <see cref="FixProperty"/> value for revocation mode.</summary>
    public const string FixRevocationOnline = "RevocationOnline";

    /// <summary>Metadata name of <c>X509RevocationMode</c>.</summary>
    public const string RevocationModeName = "System.Security.Cryptography.X509Certificates.X509RevocationMode";

    private const long AllowUnknownCertificateAuthority = 0x0010;
    private const long AllFlags = 0x0FFF;

    private static readonly (long Bit, string Name)[] s_flagNames =
    {
        (0x0001, "IgnoreNotTimeValid"),
        (0x0002, "IgnoreCtlNotTimeValid"),
        (0x0004, "IgnoreNotTimeNested"),
        (0x0008, "IgnoreInvalidBasicConstraints"),
        (0x0010, "AllowUnknownCertificateAuthority"),
        (0x0020, "IgnoreWrongUsage"),
        (0x0040, "IgnoreInvalidName"),
        (0x0080, "IgnoreInvalidPolicy"),
        (0x0100, "IgnoreEndRevocationUnknown"),
        (0x0200, "IgnoreCtlSignerRevocationUnknown"),
        (0x0400, "IgnoreCertificateAuthorityRevocationUnknown"),
        (0x0800, "IgnoreRootRevocationUnknown"),
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.RelaxedCertificateChainPolicy);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.ChainPolicy is null && types.AspNetCertificateOptions is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "RevocationMode" or "VerificationFlags" } property })
        {
            return;
        }

        var owner = property.ContainingType;
        var isChainPolicy = SymbolEqualityComparer.Default.Equals(owner, types.ChainPolicy);
        if (!isChainPolicy && !SymbolEqualityComparer.Default.Equals(owner, types.AspNetCertificateOptions))
        {
            return;
        }

        if (property.Name == "RevocationMode")
        {
            AnalyzeRevocationMode(context, assignment, property, types, isChainPolicy);
        }
        else if (isChainPolicy)
        {
            AnalyzeVerificationFlags(context, assignment, property, types);
        }
    }

    private static void AnalyzeRevocationMode(OperationAnalysisContext context, IAssignmentOperation assignment, IPropertySymbol property, KnownTypes types, bool isChainPolicy)
    {
        if (assignment is not ISimpleAssignmentOperation
            || types.RevocationMode is null
            || !SymbolEqualityComparer.Default.Equals(property.Type, types.RevocationMode)
            || assignment.Value.ConstantValue is not { HasValue: true, Value: int mode }
            || mode != 0)
        {
            return;
        }

        if ((isChainPolicy && BodyFacts.Of(assignment, types).ChainBuiltOnlyToCollectCertificates)
            || DebugOnlyCode.Contains(assignment.Syntax, context.ContainingSymbol))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, FixRevocationOnline);
        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.RelaxedCertificateChainPolicy,
            assignment.Value.Syntax.GetLocation(),
            properties,
            property.ShortName(),
            "X509RevocationMode.NoCheck",
            "use X509RevocationMode.Online"));
    }

    private static void AnalyzeVerificationFlags(OperationAnalysisContext context, IAssignmentOperation assignment, IPropertySymbol property, KnownTypes types)
    {
        if (assignment is ICompoundAssignmentOperation { OperatorKind: not BinaryOperatorKind.Or })
        {
            return; // &= ~X509VerificationFlags.IgnoreNotTimeValid removes a relaxation.
        }

        var bits = ConstantBits(assignment.Value) & AllFlags;
        if (bits == 0)
        {
            return;
        }

        var facts = BodyFacts.Of(assignment, types);
        if (facts.ChainBuiltOnlyToCollectCertificates)
        {
            return;
        }

        var reported = bits;
        if (facts.ReadsChainElements)
        {
            reported &= ~AllowUnknownCertificateAuthority; // pinned-root idiom: the caller checks the chain's root itself.
        }

        if (reported == 0 || DebugOnlyCode.Contains(assignment.Syntax, context.ContainingSymbol))
        {
            return;
        }

        string advice;
        if ((reported & AllowUnknownCertificateAuthority) == 0)
        {
            advice = "use X509VerificationFlags.NoFlag and fix the certificate or the clock instead";
        }
        else if (facts.SetsCustomRootTrust)
        {
            advice = "remove AllowUnknownCertificateAuthority: X509ChainTrustMode.CustomRootTrust already trusts the custom root, and the flag accepts chains that do not end in it";
        }
        else
        {
            advice = "to trust a private root, add it to ChainPolicy.CustomTrustStore and set TrustMode = X509ChainTrustMode.CustomRootTrust";
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.RelaxedCertificateChainPolicy,
            assignment.Value.Syntax.GetLocation(),
            property.ShortName(),
            DisplayFlags(bits == AllFlags ? AllFlags : reported),
            advice));
    }

    /// <summary>The constant bits of a value: the whole value if constant, else the constant operands of its <c>|</c> tree.</summary>
    private static long ConstantBits(IOperation value)
    {
        if (value.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value switch
            {
                int i => i,
                long l => l,
                _ => 0,
            };
        }

        return value switch
        {
            IConversionOperation conversion => ConstantBits(conversion.Operand),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or => ConstantBits(or.LeftOperand) | ConstantBits(or.RightOperand),
            _ => 0,
        };
    }

    private static string DisplayFlags(long bits)
    {
        if (bits == AllFlags)
        {
            return "X509VerificationFlags.AllFlags";
        }

        var names = new List<string>();
        foreach (var (bit, name) in s_flagNames)
        {
            if ((bits & bit) != 0)
            {
                names.Add("X509VerificationFlags." + name);
            }
        }

        return string.Join(" | ", names);
    }

    /// <summary>What the body around a policy assignment does with chains; computed only for candidates.</summary>
    private sealed class BodyFacts
    {
        public bool ReadsChainElements { get; private set; }

        public bool SetsCustomRootTrust { get; private set; }

        /// <summary>X509Chain.Build is called, every result is discarded and ChainStatus is never read.</summary>
        public bool ChainBuiltOnlyToCollectCertificates => _builds > 0 && !_buildResultUsed && !_readsChainStatus;

        private int _builds;
        private bool _buildResultUsed;
        private bool _readsChainStatus;

        public static BodyFacts Of(IOperation operation, KnownTypes types)
        {
            var facts = new BodyFacts();
            if (types.Chain is null)
            {
                return facts;
            }

            foreach (var descendant in operation.Root().DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IPropertyReferenceOperation reference when reference.Property.ContainingType.IsOrDerivesFrom(types.Chain):
                        if (reference.Property.Name == "ChainElements")
                        {
                            facts.ReadsChainElements = true;
                        }
                        else if (reference.Property.Name == "ChainStatus")
                        {
                            facts._readsChainStatus = true;
                        }

                        break;

                    case IInvocationOperation { TargetMethod.Name: "Build" } invocation when invocation.TargetMethod.ContainingType.IsOrDerivesFrom(types.Chain):
                        facts._builds++;
                        var consumer = invocation.WalkUpConversions(out _);
                        var discarded = consumer is IExpressionStatementOperation
                            || consumer is ISimpleAssignmentOperation { Target: IDiscardOperation };
                        if (!discarded)
                        {
                            facts._buildResultUsed = true;
                        }

                        break;

                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "TrustMode" } target } trust
                        when SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, types.ChainPolicy)
                             && trust.Value.ConstantValue is { HasValue: true, Value: int trustMode } && trustMode == 1:
                        facts.SetsCustomRootTrust = true;
                        break;
                }
            }

            return facts;
        }
    }

    private sealed class KnownTypes
    {
        public KnownTypes(Compilation compilation)
        {
            ChainPolicy = compilation.ResolveType("System.Security.Cryptography.X509Certificates.X509ChainPolicy");
            Chain = compilation.ResolveType("System.Security.Cryptography.X509Certificates.X509Chain");
            RevocationMode = compilation.ResolveType(RevocationModeName);
            AspNetCertificateOptions = compilation.ResolveType("Microsoft.AspNetCore.Authentication.Certificate.CertificateAuthenticationOptions");
        }

        public INamedTypeSymbol? ChainPolicy { get; }

        public INamedTypeSymbol? Chain { get; }

        public INamedTypeSymbol? RevocationMode { get; }

        public INamedTypeSymbol? AspNetCertificateOptions { get; }
    }
}
