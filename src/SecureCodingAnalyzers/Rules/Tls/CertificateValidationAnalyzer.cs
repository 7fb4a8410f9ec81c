using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Tls;

/// <summary>
/// SCR1011: client-side TLS server certificate validation disabled or weakened. A sink is any assignment (<c>=</c>,
/// <c>+=</c>) to a library property or field, or any argument of a library method or constructor, whose type is
/// <c>RemoteCertificateValidationCallback</c> or <c>Func&lt;HttpRequestMessage, X509Certificate2?, X509Chain?,
/// SslPolicyErrors, bool&gt;</c>: <c>HttpClientHandler.ServerCertificateCustomValidationCallback</c>,
/// <c>ServicePointManager.ServerCertificateValidationCallback</c>, <c>HttpWebRequest.ServerCertificateValidationCallback</c>,
/// <c>SslClientAuthenticationOptions.RemoteCertificateValidationCallback</c>, the <c>SslStream</c> constructors,
/// <c>ClientWebSocketOptions</c>, <c>WinHttpHandler</c> and third-party clients alike. The callback (lambda, anonymous
/// method, method group, a local or readonly field initialized with one) is run through
/// <see cref="ValidationCallbackEvaluator"/>; it is reported when it certainly returns true for name-mismatch or
/// chain errors. Method groups and helpers are only followed into the same syntax tree (analyzers may not bind other
/// files). Any use of <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c> other than a comparison is
/// reported too.
/// Debug-only code (<c>#if DEBUG</c>, <c>[Conditional("DEBUG")]</c>, see <see cref="DebugOnlyCode"/>) is not reported.
/// Not sinks: <c>SslServerAuthenticationOptions.RemoteCertificateValidationCallback</c> and an <c>SslStream</c> the
/// same method authenticates as a server (both validate optional client certificates, where accepting any certificate
/// is the normal way to make them optional), and properties of this project's own types (their use is unknown).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CertificateValidationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property telling the fixer which rewrite applies.</summary>
    public const string FixProperty = "Fix";

    /// <summary><see cref="FixProperty"/> value: the lambda's body only looks at the errors; replace it with a None check.</summary>
    public const string ReplaceBodyFix = "ReplaceBody";

    /// <summary><see cref="FixProperty"/> value: remove the assignment of <c>DangerousAcceptAnyServerCertificateValidator</c>.</summary>
    public const string RemoveAssignmentFix = "RemoveAssignment";

    private const string DangerousValidatorName = "DangerousAcceptAnyServerCertificateValidator";
    private const string AcceptsEverything = "accepts every certificate";
    private const string AuthenticateAsServer = "AuthenticateAsServer";

    private static readonly ImmutableDictionary<string, string?> ReplaceBodyProperties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, ReplaceBodyFix);
    private static readonly ImmutableDictionary<string, string?> RemoveAssignmentProperties = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, RemoveAssignmentFix);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.CertificateValidationDisabled);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = KnownTypes.Create(start.Compilation);
            if (types is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
            start.RegisterOperationAction(c => AnalyzeCall(c, types), OperationKind.ObjectCreation, OperationKind.Invocation);
            if (types.HttpClientHandler is not null)
            {
                start.RegisterOperationAction(c => AnalyzeDangerousValidator(c, types), OperationKind.PropertyReference);
            }
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment is ICompoundAssignmentOperation { OperatorKind: not BinaryOperatorKind.Add }
            || !types.IsCallbackType(assignment.Target.Type))
        {
            return;
        }

        ISymbol? member = assignment.Target switch
        {
            IPropertyReferenceOperation property => property.Property,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };
        if (member?.ContainingType is not { } owner || IsInSource(member) || owner.IsOrDerivesFrom(types.SslServerAuthenticationOptions))
        {
            return;
        }

        new Inspection(context, types, owner.Name + "." + member.Name).Inspect(assignment.Value, via: null);
    }

    private static void AnalyzeCall(OperationAnalysisContext context, KnownTypes types)
    {
        var (method, arguments) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
            _ => (null, default),
        };
        if (method is null || arguments.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var argument in arguments)
        {
            // Only a delegate, or a type parameter standing for one, can be a callback: decided on the declared
            // parameter, whose type is at hand, before the type of a generic method's parameter is substituted.
            if (argument.Parameter is not { } parameter
                || parameter.OriginalDefinition.Type.TypeKind is not (TypeKind.Delegate or TypeKind.TypeParameter)
                || !types.IsCallbackType(parameter.Type))
            {
                continue;
            }

            if (IsInSource(method) || IsServerSideSslStream(context.Operation, method, types))
            {
                return;
            }

            new Inspection(context, types, method.ShortName()).Inspect(argument.Value, via: null);
        }
    }

    private static void AnalyzeDangerousValidator(OperationAnalysisContext context, KnownTypes types)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        var property = reference.Property;
        if (property.Name != DangerousValidatorName
            || !property.IsStatic
            || !SymbolEqualityComparer.Default.Equals(property.ContainingType, types.HttpClientHandler))
        {
            return;
        }

        var consumer = reference.WalkUpConversions(out var child);
        switch (consumer)
        {
            // Comparisons and nameof are not uses of the validator.
            case IBinaryOperation or IIsPatternOperation or INameOfOperation:
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Equals" or "ReferenceEquals" } }:
                return;

            // Assert.NotSame(validator, actual), list.Contains(validator): passed as object or T it is compared or
            // stored as data; only a delegate-typed parameter can install it.
            case IArgumentOperation { Parameter: { } parameter } when parameter.OriginalDefinition.Type.TypeKind != TypeKind.Delegate:
                return;

            // Calling the validator or reading its members (Method, Target) does not install it anywhere.
            case IInvocationOperation invocation when invocation.Instance == child:
            case IMemberReferenceOperation member when member.Instance == child:
                return;
        }

        var sink = property.ContainingType.Name + "." + property.Name;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (consumer is IAssignmentOperation assignment && assignment.Value == child)
        {
            ISymbol? member = assignment.Target switch
            {
                IPropertyReferenceOperation p => p.Property,
                IFieldReferenceOperation f => f.Field,
                _ => null,
            };
            if (member?.ContainingType is { } owner)
            {
                sink = owner.Name + "." + member.Name;
            }

            if (assignment is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation or IObjectOrCollectionInitializerOperation }
                && member is not null
                && IsSideEffectFree(assignment.Target))
            {
                properties = RemoveAssignmentProperties;
            }
        }
        else if (consumer is IArgumentOperation { Parent: var parent })
        {
            var target = parent switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            if (target is not null)
            {
                sink = target.ShortName();
            }
        }

        if (!DebugOnlyCode.Contains(reference.Syntax, context.ContainingSymbol))
        {
            context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.CertificateValidationDisabled, reference.Syntax.GetLocation(), properties, sink, AcceptsEverything));
        }
    }

    /// <summary>The message fragment for what a callback accepts, or null when it is not a finding.</summary>
    internal static string? Describe(AcceptedErrors accepted)
    {
        const AcceptedErrors Everything = AcceptedErrors.NotAvailable | AcceptedErrors.NameMismatch | AcceptedErrors.ChainErrors;
        if ((accepted & Everything) == Everything)
        {
            return AcceptsEverything;
        }

        var name = (accepted & AcceptedErrors.NameMismatch) != 0;
        var chain = (accepted & AcceptedErrors.ChainErrors) != 0;
        return (name && chain) || (accepted & AcceptedErrors.NameAndChain) != 0 ? "accepts certificates with chain or name errors"
            : chain ? "accepts certificates with chain errors"
            : name ? "accepts certificates whose name does not match"
            : null;
    }

    private static bool IsInSource(ISymbol symbol) => symbol.Locations.Length > 0 && symbol.Locations[0].IsInSource;

    /// <summary>
    /// An <c>SslStream</c> constructed by server code: the same body authenticates an <c>SslStream</c> as a server, or
    /// the enclosing type calls <c>AuthenticateAsServer</c>/<c>AuthenticateAsServerAsync</c> anywhere (a factory method
    /// next to the accept loop). The type-wide check is by name only: it can only remove findings.
    /// </summary>
    private static bool IsServerSideSslStream(IOperation operation, IMethodSymbol method, KnownTypes types)
    {
        if (method.MethodKind != MethodKind.Constructor || !method.ContainingType.IsOrDerivesFrom(types.SslStream))
        {
            return false;
        }

        if (ValidationCallbackEvaluator.Any(operation.Root(), o => o is IInvocationOperation invocation
                && invocation.TargetMethod.Name.StartsWith(AuthenticateAsServer, StringComparison.Ordinal)
                && invocation.TargetMethod.ContainingType.IsOrDerivesFrom(types.SslStream)))
        {
            return true;
        }

        var type = operation.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        return type is not null && type.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken)
            && t.ValueText.StartsWith(AuthenticateAsServer, StringComparison.Ordinal));
    }

    private static bool IsSideEffectFree(IOperation? operation) => operation switch
    {
        null => true,
        IInstanceReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation => true,
        IFieldReferenceOperation field => IsSideEffectFree(field.Instance),
        IPropertyReferenceOperation property => property.Arguments.IsEmpty && IsSideEffectFree(property.Instance),
        IConversionOperation conversion => conversion.OperatorMethod is null && IsSideEffectFree(conversion.Operand),
        IParenthesizedOperation parenthesized => IsSideEffectFree(parenthesized.Operand),
        _ => false,
    };

    /// <summary>One sink value being traced to the callbacks it may hold.</summary>
    private readonly struct Inspection
    {
        private readonly OperationAnalysisContext _context;
        private readonly KnownTypes _types;
        private readonly string _sink;

        public Inspection(OperationAnalysisContext context, KnownTypes types, string sink)
        {
            _context = context;
            _types = types;
            _sink = sink;
        }

        /// <summary>
        /// Follows <paramref name="value"/> to callbacks. <paramref name="via"/> is the local or field reference at the
        /// sink when the callback was found through it (the diagnostic goes there, the callback is an additional location).
        /// </summary>
        public void Inspect(IOperation value, IOperation? via)
        {
            switch (value.WalkDownConversions())
            {
                case IDelegateCreationOperation creation:
                    InspectTarget(creation.Target.WalkDownConversions(), via);
                    break;

                case IAnonymousFunctionOperation or IMethodReferenceOperation:
                    InspectTarget(value.WalkDownConversions(), via);
                    break;

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    Inspect(conditional.WhenTrue, via);
                    Inspect(whenFalse, via);
                    break;

                case ICoalesceOperation coalesce:
                    Inspect(coalesce.Value, via);
                    Inspect(coalesce.WhenNull, via);
                    break;

                case ILocalReferenceOperation local when via is null:
                    if (SingleInitializer(local) is { } initializer)
                    {
                        Inspect(initializer, local);
                    }

                    break;

                case IFieldReferenceOperation field when via is null:
                    if (ReadonlyFieldInitializer(field) is { } fieldInitializer)
                    {
                        Inspect(fieldInitializer, field);
                    }

                    break;
            }
        }

        private void InspectTarget(IOperation target, IOperation? via)
        {
            IBlockOperation? body;
            IParameterSymbol? errors;
            var properties = ImmutableDictionary<string, string?>.Empty;
            Location? declaration = null;
            switch (target)
            {
                case IAnonymousFunctionOperation function:
                    body = function.Body;
                    errors = ErrorsParameter(function.Symbol.Parameters);

                    // Broken code (a lambda that does not match the delegate) is left to the compiler; only
                    // delegate { ... } legitimately declares no errors parameter.
                    if (errors is null && function.Syntax is not AnonymousMethodExpressionSyntax { ParameterList: null })
                    {
                        return;
                    }

                    if (via is null && IsSimpleBody(function, errors))
                    {
                        properties = ReplaceBodyProperties;
                    }

                    break;

                case IMethodReferenceOperation { Method: { } method }:
                    // An override may replace the body we would read.
                    if (method.IsVirtual || method.IsOverride || method.IsAbstract)
                    {
                        return;
                    }

                    body = ValidationCallbackEvaluator.BodyOf(method.OriginalDefinition, target.SemanticModel, target.Syntax.SyntaxTree, _context.CancellationToken);
                    errors = ErrorsParameter(method.OriginalDefinition.Parameters);
                    if (errors is null)
                    {
                        return;
                    }

                    declaration = method.Locations.Length > 0 ? method.Locations[0] : null;
                    break;

                case IDelegateCreationOperation or ILocalReferenceOperation or IFieldReferenceOperation or IConditionalOperation:
                    // new RemoteCertificateValidationCallback(existingDelegate) and friends.
                    Inspect(target, via);
                    return;

                default:
                    return;
            }

            if (body is null)
            {
                return;
            }

            var accepted = ValidationCallbackEvaluator.Evaluate(body, errors, target.SemanticModel, _context.CancellationToken);
            // Judged where the callback is installed: #if DEBUG around the assignment keeps it out of Release builds.
            if (Describe(accepted) is not { } what || DebugOnlyCode.Contains(_context.Operation.Syntax, _context.ContainingSymbol))
            {
                return;
            }

            var location = (via ?? target).Syntax.GetLocation();
            var additional = via is not null ? ImmutableArray.Create(target.Syntax.GetLocation())
                : declaration is not null ? ImmutableArray.Create(declaration)
                : ImmutableArray<Location>.Empty;
            _context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.CertificateValidationDisabled, location, additional, properties, _sink, what));
        }

        private IParameterSymbol? ErrorsParameter(ImmutableArray<IParameterSymbol> parameters)
        {
            foreach (var parameter in parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, _types.SslPolicyErrors))
                {
                    return parameter;
                }
            }

            return null;
        }

        /// <summary>
        /// A body the fixer may replace: a single return of an expression that reads nothing but the errors
        /// parameter and constants (<c>true</c>, <c>e == None || e == NameMismatch</c>, <c>e is not X</c>).
        /// </summary>
        private static bool IsSimpleBody(IAnonymousFunctionOperation function, IParameterSymbol? errors)
            => function.Body.Operations.Length == 1
               && function.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
               && ReadsOnlyErrors(returned, errors);

        private static bool ReadsOnlyErrors(IOperation operation, IParameterSymbol? errors)
        {
            if (operation.ConstantValue.HasValue)
            {
                return true;
            }

            var allowed = operation switch
            {
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, errors),
                IConversionOperation conversion => conversion.OperatorMethod is null,
                IBinaryOperation binary => binary.OperatorMethod is null,
                IUnaryOperation unary => unary.OperatorMethod is null,
                IInvocationOperation invocation => invocation.TargetMethod is { Name: "HasFlag", ContainingType.SpecialType: SpecialType.System_Enum },
                IParenthesizedOperation or IArgumentOperation or IIsPatternOperation or IConstantPatternOperation
                    or INegatedPatternOperation or IBinaryPatternOperation or IRelationalPatternOperation => true,
                _ => false,
            };
            if (!allowed)
            {
                return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (!ReadsOnlyErrors(child, errors))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The initializer of a local that is never written again in the same body.</summary>
        private IOperation? SingleInitializer(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            IOperation? initializer = null;
            var written = false;
            ValidationCallbackEvaluator.Any(reference.Root(), o =>
            {
                switch (o)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.GetVariableInitializer()?.Value;
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation byRef } when SymbolEqualityComparer.Default.Equals(byRef.Local, local):
                        written = true;
                        break;
                }

                return written;
            });
            return written || local.IsRef ? null : initializer;
        }

        /// <summary>The initializer of a readonly field declared in the same syntax tree.</summary>
        private IOperation? ReadonlyFieldInitializer(IFieldReferenceOperation reference)
        {
            var field = reference.Field;
            if (!field.IsReadOnly || reference.SemanticModel is not { } model)
            {
                return null;
            }

            var references = field.DeclaringSyntaxReferences;
            if (references.Length != 1
                || references[0].SyntaxTree != reference.Syntax.SyntaxTree
                || references[0].GetSyntax(_context.CancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                return null;
            }

            return model.GetOperation(initializer, _context.CancellationToken) is IFieldInitializerOperation operation ? operation.Value : null;
        }
    }

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _remoteCertificateValidationCallback;
        private readonly INamedTypeSymbol? _func5;
        private readonly INamedTypeSymbol? _httpRequestMessage;

        private KnownTypes(Compilation compilation, INamedTypeSymbol sslPolicyErrors)
        {
            SslPolicyErrors = sslPolicyErrors;
            _remoteCertificateValidationCallback = compilation.ResolveType("System.Net.Security.RemoteCertificateValidationCallback");
            _func5 = compilation.ResolveType("System.Func`5");
            _httpRequestMessage = compilation.ResolveType("System.Net.Http.HttpRequestMessage");
            SslServerAuthenticationOptions = compilation.ResolveType("System.Net.Security.SslServerAuthenticationOptions");
            SslStream = compilation.ResolveType("System.Net.Security.SslStream");
            HttpClientHandler = compilation.ResolveType("System.Net.Http.HttpClientHandler");
        }

        public INamedTypeSymbol SslPolicyErrors { get; }

        public INamedTypeSymbol? SslServerAuthenticationOptions { get; }

        public INamedTypeSymbol? SslStream { get; }

        public INamedTypeSymbol? HttpClientHandler { get; }

        public static KnownTypes? Create(Compilation compilation)
        {
            if (compilation.ResolveType("System.Net.Security.SslPolicyErrors") is not { } sslPolicyErrors)
            {
                return null;
            }

            var types = new KnownTypes(compilation, sslPolicyErrors);
            return types._remoteCertificateValidationCallback is null && (types._func5 is null || types._httpRequestMessage is null) ? null : types;
        }

        /// <summary><c>RemoteCertificateValidationCallback</c> or <c>Func&lt;HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool&gt;</c>.</summary>
        public bool IsCallbackType(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate } named)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(named, _remoteCertificateValidationCallback))
            {
                return true;
            }

            // Arity first: TypeArguments builds a new array on every call.
            return named.Arity == 5
                   && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _func5)
                   && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], _httpRequestMessage)
                   && SymbolEqualityComparer.Default.Equals(named.TypeArguments[3], SslPolicyErrors)
                   && named.TypeArguments[4].SpecialType == SpecialType.System_Boolean;
        }
    }
}
