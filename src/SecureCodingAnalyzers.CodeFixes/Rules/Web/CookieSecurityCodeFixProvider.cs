using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Web;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Web;

/// <summary>
/// SCR7001/SCR7002/SCR7003: secure cookie settings. An insecure assignment gets the secure value
/// (<c>SecurePolicy = CookieSecurePolicy.Always</c>, <c>Secure = true</c>, <c>HttpOnly = true</c>,
/// <c>SameSite = SameSiteMode.Lax</c>); an <c>Append</c> call whose inline <c>new CookieOptions { ... }</c> leaves
/// Secure or HttpOnly unset gets <c>Secure = true</c> / <c>HttpOnly = true</c> added; <c>Append(name, value)</c> gets a
/// <c>new CookieOptions { Secure = true }</c> (or <c>HttpOnly = true</c>) argument. Not offered for options held in a
/// variable (the setting belongs where the options are made).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CookieSecurityCodeFixProvider)), Shared]
public sealed class CookieSecurityCodeFixProvider : SafeCodeFixProvider
{
    /// <summary>Fixes SCR7001, SCR7002 and SCR7003.</summary>
    public CookieSecurityCodeFixProvider()
        : base(
            SecureCodingAnalyzers.Catalog.Rules.CookieWithoutSecure,
            SecureCodingAnalyzers.Catalog.Rules.CookieWithoutHttpOnly,
            SecureCodingAnalyzers.Catalog.Rules.CookieSameSiteNone)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(CookieSecurityAnalyzer.FixProperty, out var fix) || fix is null)
        {
            return null;
        }

        var (title, member) = diagnostic.Id switch
        {
            "SCR7001" => ("Send the cookie over HTTPS only", "Secure"),
            "SCR7002" => ("Hide the cookie from scripts (HttpOnly)", "HttpOnly"),
            _ => ("Use SameSite=Lax", "SameSite"),
        };

        var edit = fix switch
        {
            CookieSecurityAnalyzer.FixValue => ReplaceValue(context.Root, diagnostic),
            CookieSecurityAnalyzer.FixAddMember when member != "SameSite" => AddMember(context, diagnostic, member),
            CookieSecurityAnalyzer.FixAddArgument when member != "SameSite" => AddArgument(context.Root, diagnostic, member),
            _ => null,
        };
        return edit is null ? null : new SafeCodeFix(title, title, edit);
    }

    private static NodeEdit? ReplaceValue(SyntaxNode root, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax assignment
            || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return null;
        }

        var name = assignment.Left switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        ExpressionSyntax? value = name switch
        {
            "SecurePolicy" => EnumValue("Microsoft.AspNetCore.Http.CookieSecurePolicy", "Always"),
            "Secure" or "HttpOnly" => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
            "SameSite" => EnumValue("Microsoft.AspNetCore.Http.SameSiteMode", "Lax"),
            _ => null,
        };
        return value is null ? null : NodeEdit.ReplaceKeepingTrivia(assignment.Right, value);
    }

    private static NodeEdit? AddMember(FixPlanContext context, Diagnostic diagnostic, string member)
    {
        if (SafeFix.FindNode<InvocationExpressionSyntax>(context.Root, diagnostic) is not { } invocation)
        {
            return null;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is BaseObjectCreationExpressionSyntax creation
                && context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type?.Name == "CookieOptions")
            {
                return NodeEdit.ReplaceKeepingTrivia(creation, current => WithMember(current, member));
            }
        }

        return null;
    }

    private static NodeEdit? AddArgument(SyntaxNode root, Diagnostic diagnostic, string member)
    {
        if (SafeFix.FindNode<InvocationExpressionSyntax>(root, diagnostic) is not { ArgumentList.Arguments.Count: 2 } invocation)
        {
            return null;
        }

        var options = SyntaxFactory.ObjectCreationExpression(SafeFix.QualifiedType("Microsoft.AspNetCore.Http.CookieOptions"))
            .WithInitializer(Initializer(member));
        return NodeEdit.ReplaceKeepingTrivia(invocation.ArgumentList, current => current.AddArguments(SyntaxFactory.Argument(options)));
    }

    private static BaseObjectCreationExpressionSyntax WithMember(BaseObjectCreationExpressionSyntax creation, string member)
        => creation.Initializer is null
            ? creation.WithInitializer(Initializer(member))
            : creation.WithInitializer(creation.Initializer.AddExpressions(Assignment(member)));

    private static InitializerExpressionSyntax Initializer(string member)
        => SyntaxFactory.InitializerExpression(
            SyntaxKind.ObjectInitializerExpression,
            SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(Assignment(member)));

    private static AssignmentExpressionSyntax Assignment(string member)
        => SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(member),
            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));

    private static ExpressionSyntax EnumValue(string enumType, string member)
        => SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SafeFix.QualifiedType(enumType),
            SyntaxFactory.IdentifierName(member));
}
