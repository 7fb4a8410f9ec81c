using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7004: CORS that accepts every origin and allows credentials.
/// <list type="bullet">
/// <item><c>CorsPolicyBuilder</c> (in <c>AddCors(o =&gt; o.AddPolicy(...))</c>, <c>AddDefaultPolicy</c>,
/// <c>UseCors(b =&gt; ...)</c>, <c>new CorsPolicyBuilder()</c>): <c>SetIsOriginAllowed</c> with a lambda or method that
/// always returns <c>true</c>, <c>WithOrigins("*")</c> or <c>AllowAnyOrigin()</c>, together with
/// <c>AllowCredentials()</c> on the same builder: in one fluent chain, in separate statements on the builder parameter
/// or local, in any order. ASP.NET Core rejects <c>AllowAnyOrigin</c>/<c>"*"</c> with credentials when the policy is
/// built; it is still reported, because the usual workaround (<c>SetIsOriginAllowed(_ =&gt; true)</c>) is the
/// vulnerability.</item>
/// <item>Hand-written CORS: <c>Access-Control-Allow-Origin</c> set to the request's <c>Origin</c> header in a body that
/// also sends <c>Access-Control-Allow-Credentials: true</c>, unless the origin is checked (passed to a method or
/// tested in a condition) in that body.</item>
/// </list>
/// Not reported: origins listed or read from configuration, any origin without credentials (public APIs), real
/// origin checks, and policies configured only inside an <c>IsDevelopment()</c> check.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CorsPolicyAnalyzer : DiagnosticAnalyzer
{
    private const string AllowOrigin = "Access-Control-Allow-Origin";
    private const string AllowCredentials = "Access-Control-Allow-Credentials";
    private const string ReadsWithCookies = "together with AllowCredentials() lets every web site send requests with the user's cookies and read the responses";
    private const string RejectedAtStartup = "together with AllowCredentials() is rejected by ASP.NET Core when the policy is built; accepting every origin another way (SetIsOriginAllowed(_ => true)) would let every web site read responses made with the user's cookies";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.PermissiveCorsWithCredentials);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var builder = start.Compilation.ResolveType("Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");
            var headers = start.Compilation.ResolveType("Microsoft.AspNetCore.Http.IHeaderDictionary");
            if (builder is not null)
            {
                start.RegisterOperationAction(c => AnalyzeBuilderCall(c, builder), OperationKind.Invocation);
            }

            if (headers is not null)
            {
                start.RegisterOperationAction(c => AnalyzeHeaderWrite(c, headers), OperationKind.SimpleAssignment, OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeBuilderCall(OperationAnalysisContext context, INamedTypeSymbol builder)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("SetIsOriginAllowed" or "AllowAnyOrigin" or "WithOrigins")
            || !method.ContainingType.IsOrDerivesFrom(builder))
        {
            return;
        }

        string api;
        string problem = ReadsWithCookies;
        switch (method.Name)
        {
            case "SetIsOriginAllowed" when invocation.Arguments.Length == 1 && AlwaysTrue(invocation.Arguments[0].Value):
                api = "SetIsOriginAllowed(_ => true)";
                break;
            case "AllowAnyOrigin":
                api = "AllowAnyOrigin()";
                problem = RejectedAtStartup;
                break;
            case "WithOrigins" when HasWildcard(invocation):
                api = "WithOrigins(\"*\")";
                problem = RejectedAtStartup;
                break;
            default:
                return;
        }

        if (!HasCredentials(invocation, builder) || InDevelopmentCheck(invocation))
        {
            return;
        }

        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
            ? Location.Create(call.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(access.Name.SpanStart, call.Span.End))
            : invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.PermissiveCorsWithCredentials, location, api, problem));
    }

    /// <summary>A delegate that returns <c>true</c> whatever the origin: <c>_ =&gt; true</c>, <c>o =&gt; { return true; }</c>, a method that only returns true.</summary>
    private static bool AlwaysTrue(IOperation value)
    {
        switch (value.WalkDownConversions())
        {
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                return lambda.Body.Operations.Length == 1
                       && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
                       && returned.WalkDownConversions().ConstantValue is { HasValue: true, Value: true };
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                return MethodReturnsTrue(reference.Method);
            case IAnonymousFunctionOperation lambda:
                return lambda.Body.Operations.Length == 1
                       && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned2 }
                       && returned2.WalkDownConversions().ConstantValue is { HasValue: true, Value: true };
            default:
                return false;
        }
    }

    /// <summary>A source method whose whole body is <c>=&gt; true</c> or <c>{ return true; }</c> (read from syntax: its body is in another tree's operations).</summary>
    private static bool MethodReturnsTrue(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var (expressionBody, body) = syntax switch
            {
                MethodDeclarationSyntax m => (m.ExpressionBody, m.Body),
                LocalFunctionStatementSyntax l => (l.ExpressionBody, l.Body),
                _ => (null, null),
            };
            var returned = expressionBody?.Expression
                           ?? (body is { Statements.Count: 1 } && body.Statements[0] is ReturnStatementSyntax ret ? ret.Expression : null);
            return returned is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.TrueLiteralExpression);
        }

        return false;
    }

    private static bool HasWildcard(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (element.WalkDownConversions().ConstantValue is { HasValue: true, Value: "*" })
                    {
                        return true;
                    }
                }
            }
            else if (value.ConstantValue is { HasValue: true, Value: "*" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <c>AllowCredentials()</c> is called on the same builder as <paramref name="call"/>: in its fluent chain, or
    /// on the parameter or local the chain starts from or is stored in, anywhere in the same body.
    /// </summary>
    private static bool HasCredentials(IInvocationOperation call, INamedTypeSymbol builder)
    {
        // Down the chain to its receiver.
        IOperation? receiver = call;
        while (receiver is IInvocationOperation inner && inner.TargetMethod.ContainingType.IsOrDerivesFrom(builder))
        {
            if (inner.TargetMethod.Name == "AllowCredentials")
            {
                return true;
            }

            receiver = inner.Instance?.WalkDownConversions();
        }

        var symbols = new List<ISymbol>(2);
        if (BuilderSymbol(receiver) is { } start)
        {
            symbols.Add(start);
        }

        // Up the chain to where its result goes.
        IOperation current = call;
        while (current.WalkUpConversions(out var child) is { } parent)
        {
            if (parent is IInvocationOperation outer && outer.Instance == child && outer.TargetMethod.ContainingType.IsOrDerivesFrom(builder))
            {
                if (outer.TargetMethod.Name == "AllowCredentials")
                {
                    return true;
                }

                current = outer;
                continue;
            }

            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                symbols.Add(declarator.Symbol);
            }

            break;
        }

        if (symbols.Count == 0)
        {
            return false;
        }

        foreach (var operation in call.Root().Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "AllowCredentials" } credentials
                && credentials.TargetMethod.ContainingType.IsOrDerivesFrom(builder)
                && ChainReceiver(credentials, builder) is { } root
                && symbols.Contains(root, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol? ChainReceiver(IInvocationOperation call, INamedTypeSymbol builder)
    {
        IOperation? receiver = call;
        while (receiver is IInvocationOperation inner && inner.TargetMethod.ContainingType.IsOrDerivesFrom(builder))
        {
            receiver = inner.Instance?.WalkDownConversions();
        }

        return BuilderSymbol(receiver);
    }

    private static ISymbol? BuilderSymbol(IOperation? receiver) => receiver switch
    {
        IParameterReferenceOperation parameter => parameter.Parameter,
        ILocalReferenceOperation local => local.Local,
        _ => null,
    };

    /// <summary>Inside the true branch of <c>if (...IsDevelopment()...)</c>: a policy for local development only.</summary>
    internal static bool InDevelopmentCheck(IOperation operation)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && conditional.WhenTrue == child && CallsIsDevelopment(conditional.Condition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CallsIsDevelopment(IOperation condition) => condition.WalkDownConversions() switch
    {
        IInvocationOperation { TargetMethod.Name: "IsDevelopment" } => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => CallsIsDevelopment(and.LeftOperand) || CallsIsDevelopment(and.RightOperand),
        _ => false,
    };

    private static void AnalyzeHeaderWrite(OperationAnalysisContext context, INamedTypeSymbol headers)
    {
        if (HeaderWrite(context.Operation, headers) is not { } write
            || !string.Equals(write.Name, AllowOrigin, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var body = EnclosingBody(context.Operation);
        var origins = new List<ILocalSymbol>();
        if (!IsRequestOrigin(write.Value, headers, body, origins))
        {
            return;
        }

        var credentials = false;
        foreach (var operation in body.Descendants())
        {
            if (HeaderWrite(operation, headers) is { } other
                && string.Equals(other.Name, AllowCredentials, StringComparison.OrdinalIgnoreCase)
                && other.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text }
                && string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                credentials = true;
            }

            if (ChecksOrigin(operation, write.Value, headers, origins))
            {
                return;
            }
        }

        if (credentials)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.PermissiveCorsWithCredentials,
                context.Operation.Syntax.GetLocation(),
                "Access-Control-Allow-Origin copied from the request's Origin header",
                "with Access-Control-Allow-Credentials: true lets every web site send requests with the user's cookies and read the responses"));
        }
    }

    /// <summary>The body of the lambda or member that contains <paramref name="operation"/>.</summary>
    private static IOperation EnclosingBody(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            if (parent is IAnonymousFunctionOperation lambda)
            {
                return lambda.Body;
            }

            current = parent;
        }

        return current;
    }

    /// <summary>
    /// <c>headers["Name"] = value</c>, <c>headers.AccessControlAllowOrigin = value</c>, <c>headers.Append/Add/TryAdd("Name", value)</c>
    /// on an <c>IHeaderDictionary</c>.
    /// </summary>
    private static (string Name, IOperation Value)? HeaderWrite(IOperation operation, INamedTypeSymbol headers)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when IsHeaders(target.Property.ContainingType, headers):
                if (target.Property.IsIndexer)
                {
                    return target.Arguments.Length == 1 && target.Arguments[0].Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string indexed }
                        ? (indexed, assignment.Value)
                        : null;
                }

                return target.Property.Name switch
                {
                    "AccessControlAllowOrigin" => (AllowOrigin, assignment.Value),
                    "AccessControlAllowCredentials" => (AllowCredentials, assignment.Value),
                    _ => null,
                };
            case IInvocationOperation { TargetMethod.Name: "Append" or "Add" or "TryAdd" } invocation when invocation.Arguments.Length == 2 || (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length == 3):
                var offset = invocation.TargetMethod.IsExtensionMethod ? 1 : 0;
                var receiver = offset == 1 ? invocation.Arguments[0].Value.WalkDownConversions() : invocation.Instance;
                if (receiver is null || !IsHeaders(receiver.Type, headers) || invocation.Arguments.Length != offset + 2)
                {
                    return null;
                }

                var name = invocation.Arguments[offset].Value.WalkDownConversions().ConstantValue;
                return name is { HasValue: true, Value: string added } ? (added, invocation.Arguments[offset + 1].Value) : null;
            default:
                return null;
        }
    }

    private static bool IsHeaders(ITypeSymbol? type, INamedTypeSymbol headers)
    {
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, headers))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, headers))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The request's Origin header (<c>Request.Headers["Origin"]</c>, <c>Request.Headers.Origin</c>, with <c>ToString()</c>
    /// or <c>FirstOrDefault()</c>), or a local of the body initialized or assigned with it (collected in <paramref name="origins"/>).
    /// </summary>
    private static bool IsRequestOrigin(IOperation value, INamedTypeSymbol headers, IOperation body, List<ILocalSymbol> origins)
    {
        switch (value.WalkDownConversions())
        {
            case IPropertyReferenceOperation property when IsHeaders(property.Property.ContainingType, headers):
                return property.Property.Name == "Origin"
                       || (property.Property.IsIndexer && property.Arguments.Length == 1
                           && property.Arguments[0].Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string name }
                           && string.Equals(name, "Origin", StringComparison.OrdinalIgnoreCase));
            case IInvocationOperation { TargetMethod.Name: "ToString" or "FirstOrDefault" or "First" or "Single" } call:
                var inner = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                return inner is not null && IsRequestOrigin(inner, headers, body, origins);
            case ILocalReferenceOperation local:
                foreach (var operation in body.Descendants())
                {
                    var assigned = operation switch
                    {
                        IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) => declarator.Initializer?.Value,
                        ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local) => assignment.Value,
                        _ => null,
                    };
                    if (assigned is not null && !(assigned.WalkDownConversions() is ILocalReferenceOperation) && IsRequestOrigin(assigned, headers, body, origins))
                    {
                        origins.Add(local.Local);
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>A check of the origin: a condition that reads it, or a call (other than the header write) that receives it.</summary>
    private static bool ChecksOrigin(IOperation operation, IOperation written, INamedTypeSymbol headers, List<ILocalSymbol> origins)
    {
        IOperation? tested = operation switch
        {
            IConditionalOperation conditional => conditional.Condition,
            ISwitchOperation @switch => @switch.Value,
            ISwitchExpressionOperation switchExpression => switchExpression.Value,
            IArgumentOperation { Parent: IInvocationOperation call } argument
                when HeaderWrite(call, headers) is null && call.TargetMethod.Name is not ("ToString" or "FirstOrDefault" or "First" or "Single") => argument.Value,
            IInvocationOperation { Instance: { } instance } call when call.TargetMethod.Name is "Equals" or "StartsWith" or "EndsWith" or "Contains" => instance,
            _ => null,
        };
        if (tested is null)
        {
            return false;
        }

        foreach (var part in tested.DescendantsAndSelf())
        {
            if (part is ILocalReferenceOperation local && origins.Contains(local.Local, SymbolEqualityComparer.Default))
            {
                return true;
            }

            if (origins.Count == 0 && part.Syntax.IsEquivalentTo(written.WalkDownConversions().Syntax))
            {
                return true;
            }
        }

        return false;
    }
}
