using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Deserialization;

/// <summary>
/// SCR3002: <c>TypeNameHandling.All</c> (or <c>Objects</c>, <c>Arrays</c>, <c>Auto</c>) becomes <c>TypeNameHandling.None</c>,
/// in settings, serializers and attributes. Offered only where the value is written as a member of the enum
/// (a named constant used elsewhere, a cast or a combination of flags is left to the author).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NewtonsoftTypeNameHandlingCodeFixProvider)), Shared]
public sealed class NewtonsoftTypeNameHandlingCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Use TypeNameHandling.None";

    /// <summary>Fixes SCR3002.</summary>
    public NewtonsoftTypeNameHandlingCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.NewtonsoftTypeNameHandling)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var node = context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Objects" or "Arrays" or "All" or "Auto" } access
            || access.Expression is not (IdentifierNameSyntax { Identifier.ValueText: "TypeNameHandling" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TypeNameHandling" }))
        {
            return null;
        }

        return new SafeCodeFix(Title, Title, NodeEdit.ReplaceKeepingTrivia(access.Name, SyntaxFactory.IdentifierName("None")));
    }
}
