using System;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// ASP.NET Core entry points: which parameters and properties the framework fills from the HTTP request.
/// Controller actions (<c>ControllerBase</c> subclasses, <c>[ApiController]</c>/<c>[Controller]</c> types, and
/// public <c>*Controller</c> classes when MVC is referenced), Razor Pages handlers (<c>On*</c> methods of a
/// <c>PageModel</c>), minimal-API handlers (lambdas given to <c>Map*</c>) and bound properties
/// (<c>[BindProperty]</c>, <c>[BindProperties]</c>, <c>[From*]</c>). Services (<c>[FromServices]</c>, interfaces other
/// than uploaded files and collections, <c>HttpContext</c>, <c>DbContext</c>s) are not request data.
/// </summary>
internal sealed class WebTypes
{
    public WebTypes(Compilation compilation)
    {
        ControllerBase = compilation.ResolveType("Microsoft.AspNetCore.Mvc.ControllerBase");
        PageModel = compilation.ResolveType("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        EndpointRouteBuilderExtensions = compilation.ResolveType("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        DbContext = compilation.ResolveType("Microsoft.EntityFrameworkCore.DbContext");
        IsPresent = ControllerBase is not null || PageModel is not null || EndpointRouteBuilderExtensions is not null;
    }

    public bool IsPresent { get; }

    public INamedTypeSymbol? ControllerBase { get; }

    public INamedTypeSymbol? PageModel { get; }

    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

    public INamedTypeSymbol? DbContext { get; }

    /// <summary>True for a controller action or a Razor Pages handler.</summary>
    public bool IsRequestHandler(IMethodSymbol method)
    {
        if (!IsPresent || method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public
            || method.ContainingType is not { TypeKind: TypeKind.Class, IsAbstract: false } type || HasAttribute(method, "NonActionAttribute"))
        {
            return false;
        }

        if (PageModel is not null && type.IsOrDerivesFrom(PageModel))
        {
            return method.Name.StartsWith("On", StringComparison.Ordinal);
        }

        return IsController(type) && method.OverriddenMethod is null;
    }

    /// <summary>True for a minimal-API mapping call (<c>MapGet</c>, <c>MapPost</c>, ...) whose handler is request code.</summary>
    public bool IsEndpointMapping(IMethodSymbol method)
        => EndpointRouteBuilderExtensions is not null
           && method.Name.StartsWith("Map", StringComparison.Ordinal)
           && SymbolEqualityComparer.Default.Equals(method.ContainingType, EndpointRouteBuilderExtensions);

    /// <summary>True when the framework binds <paramref name="parameter"/> from the request (not a service).</summary>
    public bool IsBoundFromRequest(IParameterSymbol parameter)
    {
        if (HasAttribute(parameter, "FromServicesAttribute") || HasAttribute(parameter, "FromKeyedServicesAttribute"))
        {
            return false;
        }

        var type = parameter.Type;
        if (type.TypeKind == TypeKind.Interface)
        {
            return type.Name is "IFormFile" or "IFormFileCollection" or "IFormCollection" or "IQueryCollection" or "IHeaderDictionary"
                || type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";
        }

        if (type.ContainingNamespace?.ToDisplayString() is "Microsoft.AspNetCore.Http" && type.Name is "HttpContext" or "HttpRequest" or "HttpResponse")
        {
            return false;
        }

        return type.Name != "ClaimsPrincipal" && (DbContext is null || !type.IsOrDerivesFrom(DbContext));
    }

    /// <summary>True for a property the framework fills from the request on a controller or page model.</summary>
    public bool IsBoundProperty(IPropertySymbol property)
    {
        if (!IsPresent || property.IsStatic)
        {
            return false;
        }

        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "BindPropertyAttribute" or "FromQueryAttribute" or "FromFormAttribute" or "FromRouteAttribute" or "FromHeaderAttribute" or "FromBodyAttribute")
            {
                return true;
            }
        }

        for (var type = property.ContainingType; type is not null; type = type.BaseType)
        {
            if (HasAttribute(type, "BindPropertiesAttribute"))
            {
                return property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            }
        }

        return false;
    }

    private bool IsController(INamedTypeSymbol type)
    {
        if (HasAttribute(type, "NonControllerAttribute"))
        {
            return false;
        }

        if (ControllerBase is not null && type.IsOrDerivesFrom(ControllerBase))
        {
            return true;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (HasAttribute(t, "ApiControllerAttribute") || HasAttribute(t, "ControllerAttribute"))
            {
                return true;
            }
        }

        return ControllerBase is not null && type.DeclaredAccessibility == Accessibility.Public && type.Name.EndsWith("Controller", StringComparison.Ordinal);
    }

    private static bool HasAttribute(ISymbol symbol, string name)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
