using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7005: state-changing actions (<c>[HttpPost]</c>, <c>[HttpPut]</c>, <c>[HttpPatch]</c>, <c>[HttpDelete]</c>,
/// <c>[AcceptVerbs("POST", ...)]</c>) of MVC controllers deriving from <c>Controller</c> (views: browser forms) whose
/// effective antiforgery policy is missing: no <c>[ValidateAntiForgeryToken]</c>, <c>[AutoValidateAntiforgeryToken]</c>,
/// <c>[RequireAntiforgeryToken]</c> or filter that validates tokens on the action, its class or a base class, no
/// <c>IAntiforgery.ValidateRequestAsync</c> in the action, and no global validation in the compilation (an antiforgery
/// filter added to <c>MvcOptions.Filters</c>, a middleware that validates). Not reported: <c>[ApiController]</c> and
/// <c>ControllerBase</c>-only controllers (APIs), actions authorized only by non-cookie schemes
/// (<c>[Authorize(AuthenticationSchemes = "Bearer")]</c>), applications that register only token authentication,
/// actions without an unsafe verb attribute, Razor Pages (validated by default) and minimal APIs (form-bound endpoints
/// validate by default in .NET 8; without the middleware they fail instead of running unprotected).
/// SCR7006: <c>[IgnoreAntiforgeryToken]</c> (or <c>[RequireAntiforgeryToken(false)]</c>) as the effective policy of
/// an unsafe action of a controller or on a Razor <c>PageModel</c> with post handlers, and <c>DisableAntiforgery()</c> on
/// form-bound minimal API endpoints, in a compilation that registers cookie-based (ambient) authentication:
/// <c>AddCookie</c>, ASP.NET Core Identity, OpenID Connect, Negotiate, certificates. <c>[ApiController]</c> actions are
/// reported only when they bind form data (JSON bodies cannot be posted cross-site without a CORS preflight).
/// Both rules need the whole compilation (global filters, registered authentication) and report when it completes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AntiforgeryAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.MissingAntiforgeryValidation, Catalog.Rules.IgnoredAntiforgeryToken);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new MvcTypes(start.Compilation);
            if (types.ControllerBase is null || types.ValidateAntiForgeryToken is null)
            {
                return;
            }

            var state = new CompilationState();
            start.RegisterSymbolAction(c => AnalyzeMethod(c, types, state), SymbolKind.Method);
            if (types.PageModel is not null)
            {
                start.RegisterSymbolAction(c => AnalyzePageModel(c, types, state), SymbolKind.NamedType);
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, types, state), OperationKind.Invocation);
            start.RegisterCompilationEndAction(state.Report);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, MvcTypes types, CompilationState state)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.MethodKind != MethodKind.Ordinary
            || method.DeclaredAccessibility != Accessibility.Public
            || method.IsStatic
            || method.IsGenericMethod
            || method.ContainingType is not { TypeKind: TypeKind.Class } controller
            || !controller.IsOrDerivesFrom(types.ControllerBase)
            || HasAttribute(controller, types.NonController, inherited: true)
            || HasAttribute(method, types.NonAction, inherited: false)
            || method.Locations.FirstOrDefault() is not { IsInSource: true } location)
        {
            return;
        }

        var verbs = UnsafeVerbs(method, types);
        if (verbs.Count == 0 || AuthorizedByTokensOnly(method, types))
        {
            return;
        }

        var policy = EffectivePolicy(method, types, out var policyAttribute, out var customFilters);
        var isApi = IsApiController(controller, method.ContainingAssembly, types);
        var name = controller.Name + "." + method.Name;
        switch (policy)
        {
            case Policy.None when !isApi && controller.IsOrDerivesFrom(types.Controller):
                state.Candidates.Enqueue(new Candidate(method, location, name, verbs, customFilters));
                break;
            case Policy.Ignore when (!isApi || BindsForm(method.Parameters, types))
                                   && policyAttribute?.ApplicationSyntaxReference is { } reference:
                var onClass = !method.GetAttributes().Contains(policyAttribute);
                var attributeLocation = Location.Create(reference.SyntaxTree, reference.Span);
                var description = "[" + ShortAttributeName(policyAttribute) + "] on " + (onClass ? policyAttribute.ApplicationSyntaxReference.GetSyntax(context.CancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText ?? controller.Name : name);
                state.AddIgnored(attributeLocation, description, verbs);
                break;
        }
    }

    /// <summary>A Razor Pages model with <c>[IgnoreAntiforgeryToken]</c> and state-changing handlers (<c>OnPost</c>, <c>OnPutAsync</c>, ...).</summary>
    private static void AnalyzePageModel(SymbolAnalysisContext context, MvcTypes types, CompilationState state)
    {
        var page = (INamedTypeSymbol)context.Symbol;
        if (page.TypeKind != TypeKind.Class || !page.IsOrDerivesFrom(types.PageModel))
        {
            return;
        }

        AttributeData? ignore = null;
        foreach (var attribute in page.GetAttributes())
        {
            if (Classify(attribute, types) == Policy.Ignore)
            {
                ignore = attribute;
            }
            else if (Classify(attribute, types) == Policy.Validate)
            {
                return;
            }
        }

        if (ignore?.ApplicationSyntaxReference is not { } reference)
        {
            return;
        }

        var verbs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var member in page.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public } handler)
            {
                foreach (var verb in new[] { "Post", "Put", "Patch", "Delete" })
                {
                    if (handler.Name.StartsWith("On" + verb, StringComparison.Ordinal))
                    {
                        verbs.Add(verb.ToUpperInvariant());
                    }
                }
            }
        }

        if (verbs.Count > 0)
        {
            state.AddIgnored(Location.Create(reference.SyntaxTree, reference.Span), "[" + ShortAttributeName(ignore) + "] on " + page.Name, verbs);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, MvcTypes types, CompilationState state)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var name = method.Name;

        if (IsAmbientAuthentication(name) && IsFramework(method))
        {
            state.SetAmbientAuthentication();
            return;
        }

        if (IsTokenAuthentication(name) && IsFramework(method))
        {
            state.SetTokenAuthentication();
            return;
        }

        switch (name)
        {
            case "ValidateRequestAsync" or "IsRequestValidAsync" when method.ContainingType.IsOrDerivesFrom(types.Antiforgery) || SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Antiforgery):
                state.RecordValidation(context.ContainingSymbol, InMiddleware(invocation, context.ContainingSymbol, types));
                return;
            case "DisableAntiforgery" when IsFramework(method):
                AnalyzeDisableAntiforgery(invocation, types, state);
                return;
        }

        // options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()), Filters.Add<T>(), Filters.Add(typeof(T)), AddService<T>():
        // the methods by which a FilterCollection (a Collection<IFilterMetadata>) gains a filter; every other call stops here.
        if (name is not ("Add" or "AddService" or "Insert" or "InsertService"))
        {
            return;
        }

        var receiver = (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : invocation.Instance)?.WalkDownConversions();
        // Only a class (never string, object or another special type) can derive from FilterCollection: skip the base walk for the rest.
        if (types.FilterCollection is null || receiver?.Type is not { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } receiverType || !receiverType.IsOrDerivesFrom(types.FilterCollection))
        {
            return;
        }

        foreach (var typeArgument in method.TypeArguments)
        {
            state.RecordGlobalFilter(typeArgument);
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is ITypeOfOperation typeOf)
            {
                state.RecordGlobalFilter(typeOf.TypeOperand);
            }
            else if (value.Type is { } filterType && value != receiver)
            {
                state.RecordGlobalFilter(filterType);
            }
        }
    }

    /// <summary>Registrations of cookie-based (ambient) authentication.</summary>
    private static bool IsAmbientAuthentication(string name)
        => name is "AddCookie" or "AddIdentity" or "AddDefaultIdentity" or "AddIdentityCookies" or "AddIdentityApiEndpoints" or "ConfigureApplicationCookie"
               or "AddOpenIdConnect" or "AddMicrosoftIdentityWebApp" or "AddMicrosoftIdentityWebAppAuthentication" or "AddNegotiate" or "AddCertificate" or "AddWsFederation";

    /// <summary>Registrations of token (non-ambient) authentication.</summary>
    private static bool IsTokenAuthentication(string name)
        => name is "AddJwtBearer" or "AddBearerToken" or "AddMicrosoftIdentityWebApi" or "AddMicrosoftIdentityWebApiAuthentication";

    /// <summary><c>DisableAntiforgery()</c> on a <c>MapPost/MapPut/MapPatch/MapDelete</c> endpoint whose handler binds form data.</summary>
    private static void AnalyzeDisableAntiforgery(IInvocationOperation invocation, MvcTypes types, CompilationState state)
    {
        IOperation? current = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.WalkDownConversions() : null;
        while (current is IInvocationOperation call)
        {
            var verb = call.TargetMethod.Name switch
            {
                "MapPost" => "POST",
                "MapPut" => "PUT",
                "MapPatch" => "PATCH",
                "MapDelete" => "DELETE",
                _ => null,
            };
            if (verb is not null)
            {
                if (Handler(call) is { } handler && BindsForm(handler.Parameters, types) && invocation.Syntax is InvocationExpressionSyntax syntax)
                {
                    var start = syntax.Expression is MemberAccessExpressionSyntax access ? access.Name.SpanStart : syntax.SpanStart;
                    var route = call.Arguments.Length > 1 && call.Arguments[1].Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string pattern } ? "\"" + pattern + "\"" : "...";
                    state.AddIgnored(
                        Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(start, syntax.Span.End)),
                        "DisableAntiforgery() on " + call.TargetMethod.Name + "(" + route + ")",
                        new SortedSet<string>(StringComparer.Ordinal) { verb });
                }

                return;
            }

            // .WithName(...), .RequireAuthorization(...), ... back to the Map call.
            current = call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value.WalkDownConversions() : call.Instance?.WalkDownConversions();
        }
    }

    /// <summary>The endpoint's handler: a lambda or a method group.</summary>
    private static IMethodSymbol? Handler(IInvocationOperation map)
    {
        foreach (var argument in map.Arguments)
        {
            switch (argument.Value.WalkDownConversions())
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    return lambda.Symbol;
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    return reference.Method;
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
            }
        }

        return null;
    }

    /// <summary>Parameters bound from a form: <c>[FromForm]</c>, <c>IFormFile</c>, <c>IFormFileCollection</c>, <c>IFormCollection</c>.</summary>
    private static bool BindsForm(ImmutableArray<IParameterSymbol> parameters, MvcTypes types)
    {
        foreach (var parameter in parameters)
        {
            var type = parameter.Type;
            if (type.IsOrDerivesFrom(types.FormFile) || Implements(type, types.FormFile)
                || type.IsOrDerivesFrom(types.FormFileCollection) || Implements(type, types.FormFileCollection)
                || type.IsOrDerivesFrom(types.FormCollection) || Implements(type, types.FormCollection)
                || HasAttribute(parameter, types.FromForm, inherited: false))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol? @interface)
        => @interface is not null && type.AllInterfaces.Contains(@interface, SymbolEqualityComparer.Default);

    /// <summary>In a middleware: a lambda given to <c>app.Use</c>/<c>UseWhen</c>, or a class with <c>Invoke</c>/<c>InvokeAsync(HttpContext)</c>.</summary>
    private static bool InMiddleware(IOperation operation, ISymbol? containing, MvcTypes types)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IInvocationOperation { TargetMethod.Name: "Use" or "UseWhen" or "MapWhen" })
            {
                return true;
            }
        }

        if (containing?.ContainingType is not { } type)
        {
            return false;
        }

        if (types.Middleware is not null && Implements(type, types.Middleware))
        {
            return true;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { Name: "Invoke" or "InvokeAsync", Parameters.Length: > 0 } invoke
                && invoke.Parameters[0].Type.Name == "HttpContext")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFramework(IMethodSymbol method)
    {
        var ns = method.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns?.Name == "Microsoft";
    }

    /// <summary>The unsafe HTTP methods an action handles, from <c>[HttpPost]</c>-style attributes and <c>[AcceptVerbs]</c>.</summary>
    private static SortedSet<string> UnsafeVerbs(IMethodSymbol method, MvcTypes types)
    {
        var verbs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (type.IsOrDerivesFrom(types.HttpPost))
            {
                verbs.Add("POST");
            }
            else if (type.IsOrDerivesFrom(types.HttpPut))
            {
                verbs.Add("PUT");
            }
            else if (type.IsOrDerivesFrom(types.HttpPatch))
            {
                verbs.Add("PATCH");
            }
            else if (type.IsOrDerivesFrom(types.HttpDelete))
            {
                verbs.Add("DELETE");
            }
            else if (type.IsOrDerivesFrom(types.AcceptVerbs))
            {
                foreach (var argument in attribute.ConstructorArguments)
                {
                    var values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
                    foreach (var value in values)
                    {
                        if (value.Value is string verb && verb.ToUpperInvariant() is "POST" or "PUT" or "PATCH" or "DELETE")
                        {
                            verbs.Add(verb.ToUpperInvariant());
                        }
                    }
                }
            }
        }

        return verbs;
    }

    private enum Policy
    {
        None,
        Validate,
        Ignore,
    }

    /// <summary>
    /// The antiforgery policy closest to the action (the action, then its class, then base classes: the most specific
    /// wins, as in MVC). <paramref name="customFilters"/> collects the source filter types on the way whose code may
    /// validate (decided when the compilation completes).
    /// </summary>
    private static Policy EffectivePolicy(IMethodSymbol method, MvcTypes types, out AttributeData? attribute, out List<ITypeSymbol> customFilters)
    {
        customFilters = new List<ITypeSymbol>();
        if (ScopePolicy(method.GetAttributes(), types, customFilters, out attribute) is { } onMethod)
        {
            return onMethod;
        }

        for (var type = method.ContainingType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            if (ScopePolicy(type.GetAttributes(), types, customFilters, out attribute) is { } onType)
            {
                return onType;
            }
        }

        attribute = null;
        return Policy.None;
    }

    private static Policy? ScopePolicy(ImmutableArray<AttributeData> attributes, MvcTypes types, List<ITypeSymbol> customFilters, out AttributeData? found)
    {
        found = null;
        Policy? policy = null;
        foreach (var attribute in attributes)
        {
            var classified = Classify(attribute, types);
            if (classified == Policy.Validate || (classified == Policy.Ignore && policy is null))
            {
                policy = classified;
                found = attribute;
            }

            if (attribute.AttributeClass is { } attributeType && attributeType.Locations.Any(l => l.IsInSource))
            {
                customFilters.Add(attributeType);
            }

            // [TypeFilter(typeof(T))], [ServiceFilter(typeof(T))].
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Type && argument.Value is ITypeSymbol filter)
                {
                    customFilters.Add(filter);
                }
            }
        }

        return policy;
    }

    private static Policy? Classify(AttributeData attribute, MvcTypes types)
    {
        var type = attribute.AttributeClass;
        if (type is null)
        {
            return null;
        }

        if (type.IsOrDerivesFrom(types.IgnoreAntiforgeryToken))
        {
            return Policy.Ignore;
        }

        if (type.IsOrDerivesFrom(types.RequireAntiforgeryToken))
        {
            return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is false ? Policy.Ignore : Policy.Validate;
        }

        if (type.IsOrDerivesFrom(types.ValidateAntiForgeryToken) || type.IsOrDerivesFrom(types.AutoValidateAntiforgeryToken))
        {
            return Policy.Validate;
        }

        // A project's own antiforgery attribute ([ValidateAntiforgeryHeader], [MyAntiforgery]).
        return IsValidatingName(type.Name) ? Policy.Validate : null;
    }

    internal static bool IsValidatingName(string name)
        => name.IndexOf("Antiforgery", StringComparison.OrdinalIgnoreCase) >= 0
           && name.IndexOf("Ignore", StringComparison.OrdinalIgnoreCase) < 0
           && name.IndexOf("Disable", StringComparison.OrdinalIgnoreCase) < 0;

    private static bool IsApiController(INamedTypeSymbol controller, IAssemblySymbol assembly, MvcTypes types)
        => HasAttribute(controller, types.ApiController, inherited: true)
           || assembly.GetAttributes().Any(a => a.AttributeClass.IsOrDerivesFrom(types.ApiController));

    /// <summary>
    /// <c>[Authorize(AuthenticationSchemes = "...")]</c> on the action or its classes, naming only schemes that are not
    /// cookie based (<c>Bearer</c>, an API key scheme): browsers do not attach those credentials by themselves.
    /// </summary>
    private static bool AuthorizedByTokensOnly(IMethodSymbol method, MvcTypes types)
    {
        if (types.Authorize is null)
        {
            return false;
        }

        foreach (var attributes in ScopesOf(method))
        {
            foreach (var attribute in attributes)
            {
                if (!attribute.AttributeClass.IsOrDerivesFrom(types.Authorize))
                {
                    continue;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "AuthenticationSchemes" && named.Value.Value is string schemes && schemes.Trim().Length > 0)
                    {
                        var cookie = schemes.Split(',').Any(s => s.IndexOf("Cookie", StringComparison.OrdinalIgnoreCase) >= 0
                                                                 || s.Trim().StartsWith("Identity.", StringComparison.OrdinalIgnoreCase));
                        if (!cookie)
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static IEnumerable<ImmutableArray<AttributeData>> ScopesOf(IMethodSymbol method)
    {
        yield return method.GetAttributes();
        for (var type = method.ContainingType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            yield return type.GetAttributes();
        }
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType, bool inherited)
    {
        if (attributeType is null)
        {
            return false;
        }

        for (var current = symbol; current is not null; current = inherited && current is INamedTypeSymbol type ? type.BaseType : null)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass.IsOrDerivesFrom(attributeType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string ShortAttributeName(AttributeData attribute)
    {
        var name = attribute.AttributeClass?.Name ?? "IgnoreAntiforgeryToken";
        name = name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is false ? name + "(false)" : name;
    }

    private sealed class Candidate
    {
        public Candidate(IMethodSymbol action, Location location, string name, SortedSet<string> verbs, List<ITypeSymbol> customFilters)
        {
            Action = action;
            Location = location;
            Name = name;
            Verbs = verbs;
            CustomFilters = customFilters;
        }

        public IMethodSymbol Action { get; }

        public Location Location { get; }

        public string Name { get; }

        public SortedSet<string> Verbs { get; }

        public List<ITypeSymbol> CustomFilters { get; }
    }

    private sealed class CompilationState
    {
        private readonly ConcurrentDictionary<Location, (string Description, SortedSet<string> Verbs)> _ignored = new();
        private readonly ConcurrentDictionary<ISymbol, bool> _validatingMembers = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<ITypeSymbol> _globalFilters = new();
        private int _ambient;
        private int _token;
        private int _middleware;

        public ConcurrentQueue<Candidate> Candidates { get; } = new();

        public void SetAmbientAuthentication() => Interlocked.Exchange(ref _ambient, 1);

        public void SetTokenAuthentication() => Interlocked.Exchange(ref _token, 1);

        public void RecordValidation(ISymbol? member, bool middleware)
        {
            if (member is not null)
            {
                _validatingMembers[member] = true;
            }

            if (middleware)
            {
                Interlocked.Exchange(ref _middleware, 1);
            }
        }

        public void RecordGlobalFilter(ITypeSymbol type) => _globalFilters.Add(type);

        public void AddIgnored(Location location, string description, SortedSet<string> verbs)
            => _ignored.AddOrUpdate(
                location,
                _ => (description, verbs),
                (_, existing) =>
                {
                    lock (existing.Verbs)
                    {
                        existing.Verbs.UnionWith(verbs);
                    }

                    return existing;
                });

        public void Report(CompilationAnalysisContext context)
        {
            var validatingTypes = new HashSet<ITypeSymbol>(_validatingMembers.Keys.Select(m => (ITypeSymbol?)m.ContainingType).OfType<ITypeSymbol>(), SymbolEqualityComparer.Default);
            var tokenOnly = Volatile.Read(ref _token) == 1 && Volatile.Read(ref _ambient) == 0;
            var global = Volatile.Read(ref _middleware) == 1 || _globalFilters.Any(f => Validates(f, validatingTypes));
            if (!global && !tokenOnly)
            {
                foreach (var candidate in Candidates.OrderBy(c => c.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(c => c.Location.SourceSpan.Start))
                {
                    if (_validatingMembers.ContainsKey(candidate.Action) || candidate.CustomFilters.Any(f => validatingTypes.Contains(f)))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.MissingAntiforgeryValidation, candidate.Location, candidate.Name, string.Join(", ", candidate.Verbs)));
                }
            }

            if (Volatile.Read(ref _ambient) == 1)
            {
                foreach (var ignored in _ignored)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.IgnoredAntiforgeryToken, ignored.Key, ignored.Value.Description, string.Join(", ", ignored.Value.Verbs)));
                }
            }
        }

        private static bool Validates(ITypeSymbol filter, HashSet<ITypeSymbol> validatingTypes)
        {
            for (var type = filter; type is not null; type = type.BaseType)
            {
                if (validatingTypes.Contains(type) || IsValidatingName(type.Name))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class MvcTypes
    {
        public MvcTypes(Compilation compilation)
        {
            Controller = compilation.ResolveType("Microsoft.AspNetCore.Mvc.Controller");
            ControllerBase = compilation.ResolveType("Microsoft.AspNetCore.Mvc.ControllerBase");
            ApiController = compilation.ResolveType("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            NonController = compilation.ResolveType("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            NonAction = compilation.ResolveType("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            HttpPost = compilation.ResolveType("Microsoft.AspNetCore.Mvc.HttpPostAttribute");
            HttpPut = compilation.ResolveType("Microsoft.AspNetCore.Mvc.HttpPutAttribute");
            HttpPatch = compilation.ResolveType("Microsoft.AspNetCore.Mvc.HttpPatchAttribute");
            HttpDelete = compilation.ResolveType("Microsoft.AspNetCore.Mvc.HttpDeleteAttribute");
            AcceptVerbs = compilation.ResolveType("Microsoft.AspNetCore.Mvc.AcceptVerbsAttribute");
            ValidateAntiForgeryToken = compilation.ResolveType("Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute");
            AutoValidateAntiforgeryToken = compilation.ResolveType("Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute");
            IgnoreAntiforgeryToken = compilation.ResolveType("Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute");
            RequireAntiforgeryToken = compilation.ResolveType("Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute");
            Authorize = compilation.ResolveType("Microsoft.AspNetCore.Authorization.AuthorizeAttribute");
            FilterCollection = compilation.ResolveType("Microsoft.AspNetCore.Mvc.Filters.FilterCollection");
            Antiforgery = compilation.ResolveType("Microsoft.AspNetCore.Antiforgery.IAntiforgery");
            PageModel = compilation.ResolveType("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            FromForm = compilation.ResolveType("Microsoft.AspNetCore.Mvc.FromFormAttribute");
            FormFile = compilation.ResolveType("Microsoft.AspNetCore.Http.IFormFile");
            FormFileCollection = compilation.ResolveType("Microsoft.AspNetCore.Http.IFormFileCollection");
            FormCollection = compilation.ResolveType("Microsoft.AspNetCore.Http.IFormCollection");
            Middleware = compilation.ResolveType("Microsoft.AspNetCore.Http.IMiddleware");
        }

        public INamedTypeSymbol? Controller { get; }

        public INamedTypeSymbol? ControllerBase { get; }

        public INamedTypeSymbol? ApiController { get; }

        public INamedTypeSymbol? NonController { get; }

        public INamedTypeSymbol? NonAction { get; }

        public INamedTypeSymbol? HttpPost { get; }

        public INamedTypeSymbol? HttpPut { get; }

        public INamedTypeSymbol? HttpPatch { get; }

        public INamedTypeSymbol? HttpDelete { get; }

        public INamedTypeSymbol? AcceptVerbs { get; }

        public INamedTypeSymbol? ValidateAntiForgeryToken { get; }

        public INamedTypeSymbol? AutoValidateAntiforgeryToken { get; }

        public INamedTypeSymbol? IgnoreAntiforgeryToken { get; }

        public INamedTypeSymbol? RequireAntiforgeryToken { get; }

        public INamedTypeSymbol? Authorize { get; }

        public INamedTypeSymbol? FilterCollection { get; }

        public INamedTypeSymbol? Antiforgery { get; }

        public INamedTypeSymbol? PageModel { get; }

        public INamedTypeSymbol? FromForm { get; }

        public INamedTypeSymbol? FormFile { get; }

        public INamedTypeSymbol? FormFileCollection { get; }

        public INamedTypeSymbol? FormCollection { get; }

        public INamedTypeSymbol? Middleware { get; }
    }
}
