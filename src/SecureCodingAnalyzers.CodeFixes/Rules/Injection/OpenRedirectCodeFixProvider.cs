using System.Collections.Generic;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Injection;

/// <summary>
/// SCR2006: redirect only to local URLs. <c>Redirect(url)</c> of a controller, page model or page becomes
/// <c>LocalRedirect(url)</c> (<c>RedirectPermanent</c> becomes <c>LocalRedirectPermanent</c>, and so on),
/// <c>Results.Redirect</c>/<c>TypedResults.Redirect</c> become <c>LocalRedirect</c> and <c>new RedirectResult(url)</c>
/// becomes <c>new LocalRedirectResult(url)</c>. This changes behavior on purpose: an absolute URL (even to the own
/// host) is refused with an exception when the result executes, which the rule page documents.
/// <c>HttpResponse.Redirect</c> and the <c>Location</c> header have no local variant and get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OpenRedirectCodeFixProvider)), Shared]
public sealed class OpenRedirectCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Redirect to local URLs only (LocalRedirect)";
    private const string EquivalenceKey = "SCR2006.LocalRedirect";

    private static readonly Dictionary<string, string> MvcMethods = new()
    {
        ["Redirect"] = "LocalRedirect",
        ["RedirectPermanent"] = "LocalRedirectPermanent",
        ["RedirectPreserveMethod"] = "LocalRedirectPreserveMethod",
        ["RedirectPermanentPreserveMethod"] = "LocalRedirectPermanentPreserveMethod",
    };

    private static readonly string[] MvcTypes =
    {
        "Microsoft.AspNetCore.Mvc.ControllerBase",
        "Microsoft.AspNetCore.Mvc.RazorPages.PageModel",
        "Microsoft.AspNetCore.Mvc.RazorPages.PageBase",
    };

    /// <summary>Fixes SCR2006.</summary>
    public OpenRedirectCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.OpenRedirect)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var node = context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if ((node as ArgumentSyntax ?? node.Parent as ArgumentSyntax) is not { } argument
            || argument.Span != diagnostic.Location.SourceSpan
            || argument.Parent is not ArgumentListSyntax { Parent: { } call })
        {
            return null;
        }

        var model = context.SemanticModel;
        if (model.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol method
            || Parameter(model, argument, method) is not { Name: "url" })
        {
            return null;
        }

        var edits = new List<NodeEdit>();
        switch (call)
        {
            case InvocationExpressionSyntax invocation when LocalName(model.Compilation, method) is { } local:
                var name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.Name,
                    SimpleNameSyntax simple => simple,
                    _ => null,
                };
                if (name is not IdentifierNameSyntax identifier)
                {
                    return null;
                }

                edits.Add(NodeEdit.Replace(identifier, identifier.WithIdentifier(SyntaxFactory.Identifier(local).WithTriviaFrom(identifier.Identifier))));
                break;
            case ObjectCreationExpressionSyntax creation when method.MethodKind == MethodKind.Constructor
                                                             && method.ContainingType.ToDisplayString() == "Microsoft.AspNetCore.Mvc.RedirectResult"
                                                             && model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.LocalRedirectResult") is not null:
                edits.Add(NodeEdit.Replace(creation.Type, SafeFix.QualifiedType("Microsoft.AspNetCore.Mvc.LocalRedirectResult").WithTriviaFrom(creation.Type)));
                break;
            default:
                return null;
        }

        // The local variants name the parameter localUrl.
        if (argument.NameColon is { } nameColon)
        {
            edits.Add(NodeEdit.Replace(nameColon, nameColon.WithName(SyntaxFactory.IdentifierName("localUrl").WithTriviaFrom(nameColon.Name))));
        }

        return new SafeCodeFix(Title, EquivalenceKey, edits);
    }

    /// <summary>The local variant of a redirect method, or null when <paramref name="method"/> is not one.</summary>
    private static string? LocalName(Compilation compilation, IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return null;
        }

        var typeName = type.ToDisplayString();
        if (typeName is "Microsoft.AspNetCore.Http.Results" or "Microsoft.AspNetCore.Http.TypedResults")
        {
            return method.Name == "Redirect" ? "LocalRedirect" : null;
        }

        if (!MvcMethods.TryGetValue(method.Name, out var local))
        {
            return null;
        }

        foreach (var metadataName in MvcTypes)
        {
            if (compilation.GetTypeByMetadataName(metadataName) is { } mvcType && type.IsOrDerivesFrom(mvcType))
            {
                return local;
            }
        }

        return null;
    }

    private static IParameterSymbol? Parameter(SemanticModel model, ArgumentSyntax argument, IMethodSymbol method)
    {
        if (argument.NameColon is { } nameColon)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == nameColon.Name.Identifier.ValueText)
                {
                    return parameter;
                }
            }

            return null;
        }

        var index = ((ArgumentListSyntax)argument.Parent!).Arguments.IndexOf(argument);
        return index >= 0 && index < method.Parameters.Length ? method.Parameters[index] : null;
    }
}
