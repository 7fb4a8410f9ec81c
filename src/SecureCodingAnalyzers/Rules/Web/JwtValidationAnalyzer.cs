using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Rules.Tls;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7009: <c>TokenValidationParameters</c> (Microsoft.IdentityModel.Tokens, used by JWT bearer authentication,
/// <c>JwtSecurityTokenHandler</c> and <c>JsonWebTokenHandler</c>) with signature or lifetime validation switched off:
/// <c>RequireSignedTokens = false</c>, <c>ValidateLifetime = false</c>, <c>RequireExpirationTime = false</c> (constant
/// <c>false</c> only), a <c>SignatureValidator</c> that returns the token parsed but unchecked
/// (<c>new JwtSecurityToken(token)</c>, <c>new JsonWebToken(token)</c>, <c>handler.ReadJwtToken(token)</c>) and a
/// <c>LifetimeValidator</c> that returns <c>true</c>.
/// Deliberately not reported: <c>ValidateIssuerSigningKey = false</c>, the library's default, which does not switch off
/// the signature check (it only skips validating the key itself, e.g. a certificate's validity period, through
/// <c>IssuerSigningKeyValidator</c>); <c>ValidateIssuer</c>/<c>ValidateAudience = false</c>, which multi-tenant and
/// single-audience applications set on purpose and which do not let anybody forge a token. Settings under an
/// environment check that excludes production or in <c>#if DEBUG</c> are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JwtValidationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the property whose assignment the fix sets to <c>true</c> (flags only).</summary>
    public const string FlagProperty = "Flag";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.JwtValidationDisabled);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var parameters = start.Compilation.ResolveType("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
            if (parameters is null)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, parameters), OperationKind.SimpleAssignment);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol parameters)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
            || !property.ContainingType.IsOrDerivesFrom(parameters))
        {
            return;
        }

        string? consequence;
        var isFlag = false;
        switch (property.Name)
        {
            case "RequireSignedTokens" when IsFalse(assignment.Value):
                consequence = "accepts unsigned tokens that anybody can forge";
                isFlag = true;
                break;
            case "ValidateLifetime" when IsFalse(assignment.Value):
                consequence = "accepts expired tokens, so a stolen token works forever";
                isFlag = true;
                break;
            case "RequireExpirationTime" when IsFalse(assignment.Value):
                consequence = "accepts tokens without an expiry, so a stolen token works forever";
                isFlag = true;
                break;
            case "SignatureValidator" when ReturnsUncheckedToken(assignment.Value):
                consequence = "returns the token without checking its signature, so anybody can forge one";
                break;
            case "LifetimeValidator" when AlwaysTrue(assignment.Value):
                consequence = "accepts every token lifetime, so a stolen token works forever";
                break;
            default:
                return;
        }

        if (DevelopmentEnvironmentGuard.IsGuarded(assignment) || DebugOnlyCode.Contains(assignment.Syntax, context.ContainingSymbol))
        {
            return;
        }

        var properties = isFlag ? ImmutableDictionary<string, string?>.Empty.Add(FlagProperty, property.Name) : ImmutableDictionary<string, string?>.Empty;
        var setting = property.Name + (isFlag ? " = false" : " = ...");
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.JwtValidationDisabled, assignment.Syntax.GetLocation(), properties, setting, consequence));
    }

    private static bool IsFalse(IOperation value) => value.WalkDownConversions().ConstantValue is { HasValue: true, Value: false };

    /// <summary>A lambda or method whose every returned value is the token parsed without validation.</summary>
    private static bool ReturnsUncheckedToken(IOperation value)
    {
        if (Body(value) is not { } body || body.Symbol.Parameters.IsEmpty)
        {
            return false;
        }

        var token = body.Symbol.Parameters[0];
        var found = false;
        foreach (var returned in Returns(body.Body))
        {
            var result = returned.WalkDownConversions();
            var parsed = result switch
            {
                IObjectCreationOperation { Type.Name: "JwtSecurityToken" or "JsonWebToken", Arguments.Length: 1 } creation => creation.Arguments[0].Value,
                IInvocationOperation { TargetMethod.Name: "ReadJwtToken" or "ReadJsonWebToken" or "ReadToken", Arguments.Length: 1 } read => read.Arguments[0].Value,
                _ => null,
            };
            if (parsed?.WalkDownConversions() is not IParameterReferenceOperation reference
                || !SymbolEqualityComparer.Default.Equals(reference.Parameter, token))
            {
                return false;
            }

            found = true;
        }

        return found;
    }

    /// <summary>A lambda whose every returned value is the constant <c>true</c>.</summary>
    private static bool AlwaysTrue(IOperation value)
    {
        if (Body(value) is not { } body)
        {
            return false;
        }

        var found = false;
        foreach (var returned in Returns(body.Body))
        {
            if (returned.WalkDownConversions().ConstantValue is not { HasValue: true, Value: true })
            {
                return false;
            }

            found = true;
        }

        return found;
    }

    private static IAnonymousFunctionOperation? Body(IOperation value)
        => value.WalkDownConversions() switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda,
            IAnonymousFunctionOperation lambda => lambda,
            _ => null,
        };

    private static System.Collections.Generic.IEnumerable<IOperation> Returns(IBlockOperation body)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && !InNestedFunction(operation, body))
            {
                yield return returned;
            }
        }
    }

    private static bool InNestedFunction(IOperation operation, IOperation body)
    {
        for (var parent = operation.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
