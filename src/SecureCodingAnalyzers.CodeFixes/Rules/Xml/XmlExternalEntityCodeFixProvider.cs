using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Xml;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Xml;

/// <summary>
/// SCR3010, SCR3011, SCR3012: the fix the analyzer names in the diagnostic. <c>XmlResolver = new XmlUrlResolver()</c>
/// becomes <c>XmlResolver = null</c> (DTDs keep working, nothing external is fetched); <c>DtdProcessing.Parse</c>
/// becomes <c>DtdProcessing.Prohibit</c> (<c>ProhibitDtd = false</c> becomes <c>true</c>);
/// <c>MaxCharactersFromEntities = 0</c> becomes the framework's limit of 10,000,000; a legacy
/// <c>new XmlTextReader(...)</c> gets <c>{ DtdProcessing = DtdProcessing.Prohibit }</c> and a legacy
/// <c>new XmlDocument()</c> gets <c>{ XmlResolver = null }</c>. No fix for <c>XPathDocument</c> (create it over
/// <c>XmlReader.Create</c> with secure settings) or where the result would not compile (a .NET Framework 3.5 target
/// has no <c>DtdProcessing</c>). The equivalence key is the outcome (prohibit DTDs, null resolver, limit expansion),
/// so Fix All applies the same change to settings, readers and documents alike.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(XmlExternalEntityCodeFixProvider)), Shared]
public sealed class XmlExternalEntityCodeFixProvider : SafeCodeFixProvider
{
    /// <summary>Fixes SCR3010, SCR3011 and SCR3012.</summary>
    public XmlExternalEntityCodeFixProvider()
        : base(
            SecureCodingAnalyzers.Catalog.Rules.XmlExternalEntities,
            SecureCodingAnalyzers.Catalog.Rules.XmlEntityExpansion,
            SecureCodingAnalyzers.Catalog.Rules.LegacyXmlReader)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(XmlExternalEntityAnalyzer.FixProperty, out var fix) || fix is null)
        {
            return null;
        }

        var node = context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        switch (fix)
        {
            case XmlExternalEntityAnalyzer.FixNullResolver when node.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault() is { } assignment:
                return new SafeCodeFix(
                    "Set XmlResolver to null",
                    fix,
                    NodeEdit.ReplaceKeepingTrivia(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));

            case XmlExternalEntityAnalyzer.FixProhibitDtd when node.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault() is { } assignment:
                return new SafeCodeFix("Prohibit DTD processing", fix, ProhibitDtd(assignment));

            case XmlExternalEntityAnalyzer.FixLimitEntities when node.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault() is { } assignment:
                return new SafeCodeFix(
                    "Limit entity expansion to 10,000,000 characters",
                    fix,
                    NodeEdit.ReplaceKeepingTrivia(
                        assignment.Right,
                        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("10_000_000", 10_000_000))));

            case XmlExternalEntityAnalyzer.FixInitializerProhibitDtd when node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault() is { } creation:
                return new SafeCodeFix(
                    "Prohibit DTD processing",
                    XmlExternalEntityAnalyzer.FixProhibitDtd,
                    AddToInitializer(creation, SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName("DtdProcessing"),
                        Prohibit())));

            case XmlExternalEntityAnalyzer.FixInitializerNullResolver when node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault() is { } creation:
                return new SafeCodeFix(
                    "Set XmlResolver to null",
                    XmlExternalEntityAnalyzer.FixNullResolver,
                    AddToInitializer(creation, SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName("XmlResolver"),
                        SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression))));

            default:
                return null;
        }
    }

    private static NodeEdit ProhibitDtd(AssignmentExpressionSyntax assignment)
    {
        var property = assignment.Left switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax name => name.Identifier.ValueText,
            _ => string.Empty,
        };
        if (property == "ProhibitDtd")
        {
            return NodeEdit.ReplaceKeepingTrivia(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
        }

        return assignment.Right is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Parse" } parse
            ? NodeEdit.ReplaceKeepingTrivia(parse.Name, SyntaxFactory.IdentifierName("Prohibit"))
            : NodeEdit.ReplaceKeepingTrivia(assignment.Right, Prohibit());
    }

    private static ExpressionSyntax Prohibit()
        => SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SafeFix.QualifiedType("System.Xml.DtdProcessing"),
            SyntaxFactory.IdentifierName("Prohibit"));

    private static NodeEdit AddToInitializer(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax member)
        => NodeEdit.ReplaceKeepingTrivia(creation, current =>
        {
            if (current.Initializer is { } initializer)
            {
                return current.WithInitializer(initializer.AddExpressions(member));
            }

            var created = current.WithInitializer(SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.SingletonSeparatedList(member)));
            return created is ObjectCreationExpressionSyntax { ArgumentList: { } arguments } withArguments
                ? withArguments.WithArgumentList(arguments.WithoutTrailingTrivia()).WithInitializer(withArguments.Initializer!.WithLeadingTrivia(SyntaxFactory.Space))
                : created;
        });
}
