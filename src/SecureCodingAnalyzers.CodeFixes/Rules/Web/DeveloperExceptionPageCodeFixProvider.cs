using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Web;

/// <summary>
/// SCR7007: wrap the statement in an environment check. <c>app.UseDeveloperExceptionPage();</c> on a
/// <c>WebApplication</c> becomes <c>if (app.Environment.IsDevelopment()) { app.UseDeveloperExceptionPage(); }</c>;
/// elsewhere the check uses a host environment (<c>IWebHostEnvironment</c>, <c>IHostEnvironment</c>, the legacy
/// <c>IHostingEnvironment</c>) parameter, local, field or property in scope: <c>if (env.IsDevelopment())</c>.
/// Offered only when the call is a statement of its own and such an environment is at hand; the namespace of
/// <c>IsDevelopment</c> is imported when the check would not bind otherwise.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeveloperExceptionPageCodeFixProvider)), Shared]
public sealed class DeveloperExceptionPageCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Enable it only in the Development environment";

    /// <summary>Fixes SCR7007.</summary>
    public DeveloperExceptionPageCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.DeveloperExceptionPage)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var model = context.SemanticModel;
        if (context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
            || invocation.Parent is not ExpressionStatementSyntax statement
            || statement.Parent is not (BlockSyntax or GlobalStatementSyntax)
            || Environment(model, invocation, statement.SpanStart, context) is not { } environment)
        {
            return null;
        }

        var condition = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, environment.Expression, SyntaxFactory.IdentifierName("IsDevelopment")));
        var needsImport = model.GetSpeculativeSymbolInfo(statement.SpanStart, condition, SpeculativeBindingOption.BindAsExpression).Symbol is null;

        var edits = new System.Collections.Generic.List<NodeEdit>
        {
            NodeEdit.Replace(statement, (ExpressionStatementSyntax current) =>
                SyntaxFactory.IfStatement(condition, SyntaxFactory.Block(current.WithoutLeadingTrivia()))
                    .WithLeadingTrivia(current.GetLeadingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation)),
        };

        if (needsImport && context.Root is CompilationUnitSyntax unit)
        {
            var name = environment.Namespace;
            edits.Add(NodeEdit.Replace(unit, (CompilationUnitSyntax current) =>
                current.Usings.Any(u => u.Name?.ToString() == name)
                    ? current
                    : current.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name)).WithAdditionalAnnotations(Formatter.Annotation))));
        }

        return new SafeCodeFix(Title, Title, edits);
    }

    /// <summary>The environment to check and the namespace of its <c>IsDevelopment</c> extension.</summary>
    private static (ExpressionSyntax Expression, string Namespace)? Environment(SemanticModel model, InvocationExpressionSyntax invocation, int position, FixPlanContext context)
    {
        var compilation = model.Compilation;
        var hostEnvironment = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostEnvironment");
        var legacyEnvironment = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Hosting.IHostingEnvironment");
        var webApplication = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");

        // app.UseDeveloperExceptionPage() on a WebApplication variable: app.Environment.
        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver }
            && webApplication is not null && hostEnvironment is not null
            && model.GetTypeInfo(receiver, context.CancellationToken).Type is { } receiverType
            && Derives(receiverType, webApplication))
        {
            return (SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(receiver.Identifier.ValueText), SyntaxFactory.IdentifierName("Environment")), "Microsoft.Extensions.Hosting");
        }

        // A host environment in scope: parameters and locals first, then fields and properties.
        var enclosingType = model.GetEnclosingSymbol(position, context.CancellationToken)?.ContainingType;
        foreach (var preferLocals in new[] { true, false })
        {
            foreach (var symbol in model.LookupSymbols(position))
            {
                var (type, isLocal) = symbol switch
                {
                    ILocalSymbol local when local.DeclaringSyntaxReferences.FirstOrDefault()?.Span.End < position => (local.Type, true),
                    IParameterSymbol parameter => (parameter.Type, true),
                    IFieldSymbol field when SymbolEqualityComparer.Default.Equals(field.ContainingType, enclosingType) => (field.Type, false),
                    IPropertySymbol property when SymbolEqualityComparer.Default.Equals(property.ContainingType, enclosingType) && !property.IsIndexer => (property.Type, false),
                    _ => ((ITypeSymbol?)null, false),
                };
                if (type is null || isLocal != preferLocals)
                {
                    continue;
                }

                if (Implements(type, hostEnvironment))
                {
                    return (SyntaxFactory.IdentifierName(symbol.Name), "Microsoft.Extensions.Hosting");
                }

                if (Implements(type, legacyEnvironment))
                {
                    return (SyntaxFactory.IdentifierName(symbol.Name), "Microsoft.AspNetCore.Hosting");
                }
            }
        }

        return null;
    }

    private static bool Derives(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol? contract)
        => contract is not null
           && (SymbolEqualityComparer.Default.Equals(type, contract) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, contract)));
}
