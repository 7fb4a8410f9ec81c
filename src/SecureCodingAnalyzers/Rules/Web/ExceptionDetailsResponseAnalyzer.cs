using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Rules.Tls;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7008: exception details written into an HTTP response: the stack trace (<c>ex.StackTrace</c>), the exception text
/// (<c>ex.ToString()</c>, <c>$"{ex}"</c>, <c>"..." + ex</c>) or the exception object itself (serialized with its stack
/// trace and inner exceptions), reaching controller and Razor Page results (<c>Ok</c>, <c>BadRequest</c>,
/// <c>StatusCode(500, ...)</c>, <c>Problem(detail: ...)</c>, <c>Content</c>, <c>Json</c>, any method returning an
/// action result), action result objects (<c>new ObjectResult(...)</c>, <c>ContentResult.Content</c>), minimal API
/// results (<c>Results.*</c>, <c>TypedResults.*</c>), <c>ProblemDetails.Detail</c>/<c>Title</c>/<c>Extensions</c> and
/// <c>HttpResponse.WriteAsync</c>/<c>WriteAsJsonAsync</c> (exception handler middleware reading
/// <c>IExceptionHandlerFeature.Error</c>). Values pass through locals of the same body, conversions, concatenation,
/// interpolation, object and collection initializers and string methods; a call that takes the exception and returns
/// something else (<c>Describe(ex)</c>) is trusted to shape it.
/// Not reported: <c>ex.Message</c> (written for humans and the usual way validation and domain errors reach the user),
/// values chosen by an environment check (<c>env.IsDevelopment() ? ex.ToString() : "error"</c>) and sinks under one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionDetailsResponseAnalyzer : DiagnosticAnalyzer
{
    private const string StackTrace = "the stack trace";
    private const string Text = "the exception text with its stack trace";
    private const string Object = "the exception object with its stack trace";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.ExceptionDetailsInResponse);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.Exception is null || (types.ActionResult is null && types.Results is null && types.HttpResponse is null))
            {
                return;
            }

            // The driver's one walk finds the sinks; only a body with one is looked at as a whole, once.
            var bodies = new PerBody<Details>((root, _) => new Details(types, root));
            start.RegisterOperationAction(c => AnalyzeSinks(c, types, bodies), OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
        });
    }

    /// <summary>
    /// The values a response is made of, judged one by one against the locals of their body. Nothing is allocated
    /// for a value that carries no exception details (most response values): the sink's name is built for a finding.
    /// </summary>
    private static void AnalyzeSinks(OperationAnalysisContext context, KnownTypes types, PerBody<Details> bodies)
    {
        Details? details = null;
        switch (context.Operation)
        {
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod;
                SinkName sink;
                bool responseWrite;
                if (types.IsResultFactory(method))
                {
                    sink = method.IsStatic ? new SinkName(method.ContainingType.Name, ".", method.Name) : new SinkName(method.Name);
                    responseWrite = !method.IsStatic && method.Name.StartsWith("HttpResponse", StringComparison.Ordinal);
                }
                else if (method.Name is "WriteAsync" or "WriteAsJsonAsync" or "Write" && types.WritesResponse(invocation))
                {
                    sink = new SinkName("HttpResponse.", method.Name);
                    responseWrite = true;
                }
                else if (method.Name is "Add" or "TryAdd" && types.IsProblemExtensions(invocation.Instance))
                {
                    sink = new SinkName("ProblemDetails.Extensions");
                    responseWrite = false;
                }
                else
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter
                        && parameter.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Boolean)
                        && !types.IsPlumbing(parameter.Type)
                        && !(method.IsExtensionMethod && parameter.Ordinal == 0 && responseWrite)
                        && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        Judge(context, bodies, ref details, argument.Value, sink);
                    }
                }

                return;
            }

            // Strings, collections and the other framework basics are no action results: no interface walk for them.
            case IObjectCreationOperation { Type.SpecialType: SpecialType.None } creation when types.IsActionResult(creation.Type):
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter?.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Boolean) && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        Judge(context, bodies, ref details, argument.Value, new SinkName("new ", creation.Type!.Name));
                    }
                }

                return;

            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                var property = target.Property;
                if (property.IsIndexer && types.IsProblemExtensions(target.Instance))
                {
                    Judge(context, bodies, ref details, assignment.Value, new SinkName("ProblemDetails.Extensions"));
                }
                else if ((property.Name is "Detail" or "Title" && property.ContainingType.IsOrDerivesFrom(types.ProblemDetails))
                         || (property.Name is "Content" or "Value" && types.IsActionResult(property.ContainingType)))
                {
                    Judge(context, bodies, ref details, assignment.Value, new SinkName(property.ContainingType.Name, ".", property.Name));
                }

                return;
        }
    }

    /// <summary>Reports <paramref name="value"/> when it carries exception details outside an environment check and Debug-only code.</summary>
    private static void Judge(OperationAnalysisContext context, PerBody<Details> bodies, ref Details? details, IOperation value, SinkName sink)
    {
        details ??= bodies.Of(context.Operation, context.CancellationToken);
        if (details.Of(value) is { } detail
            && !DevelopmentEnvironmentGuard.IsGuarded(value)
            && !DebugOnlyCode.Contains(value.Syntax, context.ContainingSymbol))
        {
            context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.ExceptionDetailsInResponse, value.Syntax.GetLocation(), sink.Text, detail));
        }
    }

    /// <summary>The name of a sink in the message (<c>Results.Ok</c>, <c>new ObjectResult</c>), in up to three pieces joined on demand.</summary>
    private readonly struct SinkName
    {
        private readonly string _first;
        private readonly string _second;
        private readonly string _third;

        public SinkName(string first, string second = "", string third = "")
        {
            _first = first;
            _second = second;
            _third = third;
        }

        public string Text => string.Concat(_first, _second, _third);
    }

    /// <summary>What exception details a value carries: the stack trace, the exception text, the exception object.</summary>
    private sealed class Details
    {
        private readonly KnownTypes _types;
        private readonly LocalValueFacts _locals;

        /// <summary>The details of the values of the body rooted at <paramref name="root"/>.</summary>
        public Details(KnownTypes types, IOperation root)
        {
            _types = types;

            // Which locals of the body hold exception details (flow-insensitive, to a fixed point).
            _locals = new LocalValueFacts(root, value => Of(value));
        }

        public string? Of(IOperation value, bool inText = false)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    return Of(conversion.Operand, inText);
                case IParenthesizedOperation parenthesized:
                    return Of(parenthesized.Operand, inText);
                case ILocalReferenceOperation local when _locals.TryGet(local.Local, out var held):
                    return held;
                case IPropertyReferenceOperation { Property.Name: "StackTrace" } trace when IsException(trace.Instance?.Type):
                    return StackTrace;
                case IInvocationOperation { TargetMethod.Name: "ToString" } toString when IsException(toString.Instance?.Type):
                    return Text;
                case IInvocationOperation call when call.Instance is { } instance && instance.Type?.SpecialType == SpecialType.System_String && call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String:
                    // ex.ToString().Replace(...), trace.Substring(0, 500)
                    return Of(instance, inText);
                case IInvocationOperation { TargetMethod: { Name: "Serialize" or "SerializeObject" or "Format" or "Concat" or "Join" } method } call when method.IsStatic:
                    return Any(call.Arguments, inText: method.Name != "Serialize" && method.Name != "SerializeObject");
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    return Of(concatenation.LeftOperand, inText: true) ?? Of(concatenation.RightOperand, inText: true);
                case ICoalesceOperation coalesce:
                    return Of(coalesce.Value, inText) ?? Of(coalesce.WhenNull, inText);
                case IConditionalAccessOperation access:
                    return Of(access.WhenNotNull, inText);
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation && Of(interpolation.Expression, inText: true) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IConditionalOperation conditional:
                    // env.IsDevelopment() ? ex.ToString() : "An error occurred."
                    var whenTrue = DevelopmentEnvironmentGuard.Excludes(conditional.Condition, holds: true) ? null : Of(conditional.WhenTrue, inText);
                    var whenFalse = conditional.WhenFalse is null || DevelopmentEnvironmentGuard.Excludes(conditional.Condition, holds: false) ? null : Of(conditional.WhenFalse, inText);
                    return whenTrue ?? whenFalse;
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var initializer in anonymous.Initializers)
                    {
                        if ((initializer is ISimpleAssignmentOperation assignment ? Of(assignment.Value) : Of(initializer)) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IObjectCreationOperation creation when creation.Type.IsOrDerivesFrom(_types.ProblemDetails) || _types.IsActionResult(creation.Type):
                    // A problem or action result is a response of its own: reported where the details go into it.
                    return null;
                case IObjectCreationOperation creation when !IsException(creation.Type):
                    return Any(creation.Arguments, inText: false) ?? (creation.Initializer is { } init ? Initializers(init.Initializers) : null);
                case IArrayCreationOperation { Initializer: { } array }:
                    return Initializers(array.ElementValues);
                case IInstanceReferenceOperation or IConditionalAccessInstanceOperation:
                    return null;
            }

            if (IsException(value.Type) && value is ILocalReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation or IFieldReferenceOperation or IInvocationOperation or IObjectCreationOperation)
            {
                return inText ? Text : Object;
            }

            return null;
        }

        private string? Any(ImmutableArray<IArgumentOperation> arguments, bool inText)
        {
            foreach (var argument in arguments)
            {
                if (Of(argument.Value, inText) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        private string? Initializers(ImmutableArray<IOperation> initializers)
        {
            foreach (var initializer in initializers)
            {
                var value = initializer switch
                {
                    ISimpleAssignmentOperation assignment => assignment.Value,
                    IInvocationOperation { Arguments.Length: > 0 } add => add.Arguments[add.Arguments.Length - 1].Value,
                    _ => initializer,
                };
                if (Of(value) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        private bool IsException(ITypeSymbol? type) => type.IsOrDerivesFrom(_types.Exception);
    }

    private sealed class KnownTypes
    {
        public KnownTypes(Compilation compilation)
        {
            Exception = compilation.ResolveType("System.Exception");
            ActionResult = compilation.ResolveType("Microsoft.AspNetCore.Mvc.IActionResult");
            ControllerBase = compilation.ResolveType("Microsoft.AspNetCore.Mvc.ControllerBase");
            PageModel = compilation.ResolveType("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            Results = compilation.ResolveType("Microsoft.AspNetCore.Http.Results");
            TypedResults = compilation.ResolveType("Microsoft.AspNetCore.Http.TypedResults");
            HttpResponse = compilation.ResolveType("Microsoft.AspNetCore.Http.HttpResponse");
            ProblemDetails = compilation.ResolveType("Microsoft.AspNetCore.Mvc.ProblemDetails");
            HttpContext = compilation.ResolveType("Microsoft.AspNetCore.Http.HttpContext");
            JsonOptions = compilation.ResolveType("System.Text.Json.JsonSerializerOptions");
            CancellationToken = compilation.ResolveType("System.Threading.CancellationToken");
            Encoding = compilation.ResolveType("System.Text.Encoding");
            _implementsActionResult = type => Implements(type, ActionResult);
        }

        // Asked for every object creation of the compilation, and AllInterfaces builds a new array on every call: the
        // answer per type is kept (with its factory, so that a lookup allocates nothing). Keyed by the generic
        // definition, which implements the same interfaces and hashes without walking type arguments.
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _actionResults = new(SymbolEqualityComparer.Default);
        private readonly Func<ITypeSymbol, bool> _implementsActionResult;

        public INamedTypeSymbol? Exception { get; }

        public INamedTypeSymbol? ActionResult { get; }

        public INamedTypeSymbol? ControllerBase { get; }

        public INamedTypeSymbol? PageModel { get; }

        public INamedTypeSymbol? Results { get; }

        public INamedTypeSymbol? TypedResults { get; }

        public INamedTypeSymbol? HttpResponse { get; }

        public INamedTypeSymbol? ProblemDetails { get; }

        public INamedTypeSymbol? HttpContext { get; }

        public INamedTypeSymbol? JsonOptions { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? Encoding { get; }

        /// <summary>Controller and page helpers that build an action result, and the minimal API result factories.</summary>
        public bool IsResultFactory(IMethodSymbol method)
        {
            var containing = method.ContainingType;
            if (method.IsStatic)
            {
                return containing is not null
                       && (SymbolEqualityComparer.Default.Equals(containing, Results) || SymbolEqualityComparer.Default.Equals(containing, TypedResults));
            }

            // Most instance calls return void, a string, a number or a bool: no action result, and no base type walk.
            return method.ReturnType.SpecialType == SpecialType.None
                   && (containing.IsOrDerivesFrom(ControllerBase) || containing.IsOrDerivesFrom(PageModel))
                   && IsActionResult(method.ReturnType);
        }

        /// <summary><c>response.WriteAsync(text)</c>, <c>response.WriteAsJsonAsync(value)</c>.</summary>
        public bool WritesResponse(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var receiver = method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.Type : invocation.Instance?.Type;
            return receiver.IsOrDerivesFrom(HttpResponse);
        }

        /// <summary><c>problem.Extensions</c>.</summary>
        public bool IsProblemExtensions(IOperation? instance)
            => instance?.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Extensions" } extensions
               && extensions.Property.ContainingType.IsOrDerivesFrom(ProblemDetails);

        /// <summary>Parameters that are not response content: the context, options, encodings, tokens.</summary>
        public bool IsPlumbing(ITypeSymbol type)
            => type.IsOrDerivesFrom(HttpContext) || type.IsOrDerivesFrom(JsonOptions) || type.IsOrDerivesFrom(Encoding)
               || SymbolEqualityComparer.Default.Equals(type, CancellationToken);

        /// <summary>True when <paramref name="type"/> is or implements <c>IActionResult</c>.</summary>
        public bool IsActionResult(ITypeSymbol? type)
            => type is not null && ActionResult is not null && _actionResults.GetOrAdd(type.OriginalDefinition, _implementsActionResult);

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol? contract)
        {
            if (type is null || contract is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, contract))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
