using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.Options;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Governance;

/// <summary>
/// SCR9001: a security rule suppressed in code without a justification. Three mechanisms:
/// <list type="bullet">
/// <item><c>#pragma warning disable</c> naming a security rule without a reason comment on the same line (a bare
/// <c>#pragma warning disable</c>, which switches off every rule, counts too, except in generated code, where tools
/// write it by convention and nobody can add a reason);</item>
/// <item><c>[SuppressMessage]</c> / <c>[UnconditionalSuppressMessage]</c> whose check id is a security rule, without
/// a <c>Justification</c> or with an empty or placeholder one (<c>&lt;Pending&gt;</c> is what Visual Studio writes);</item>
/// <item>the same attributes at assembly or module level (global suppressions), reported with the scope they cover.</item>
/// </list>
/// The governance rules themselves (SCR9001, SCR9002) are security rules here: a pragma that switches off SCR9001
/// needs a reason like any other (it is reported at the pragma, which does not cover itself), and the message says
/// that it hides the rule's findings. An attribute that suppresses SCR9001 covers its own declaration, so its finding
/// is suppressed with it: the compiler still writes it to the SARIF log, marked suppressed, and the evidence report
/// lists every suppressed governance finding first in its suppression audit.
/// Security rules: this package's <c>SCR</c> ids, the Security category of the .NET SDK analyzers (CA), Security Code
/// Scan (SCS) and the ids listed in <see cref="AdditionalSecurityRules"/>. Pragmas are trivia: one pass over the
/// tree's directives (skipped when the tree has none). Attributes are filtered by name and check id before the one
/// semantic call that confirms the attribute type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SuppressionJustificationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Further rule ids (or <c>Prefix*</c> patterns) whose suppression needs a justification.</summary>
    internal static readonly ListRuleOption AdditionalSecurityRules = new(
        "SCR9001",
        "additional_security_rules",
        "Rule ids (or prefix patterns ending in *) that count as security rules besides SCR, the CA Security rules and SCS: for example other analyzers' security rules or in-house ones.");

    private const string WhatToDoPragma = "add a comment on the same line saying why the finding is acceptable";
    private const string WhatToDoAttribute = "set Justification to why the finding is acceptable";

    /// <summary>Said first when the suppressed rule is a governance rule (SCR9001, SCR9002): its own suppression always needs a reason.</summary>
    private const string GovernanceWhy = "suppressing a governance rule hides what it reports about other suppressions and settings; ";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.UnjustifiedSuppression);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            // Pragmas need no types.
            start.RegisterSyntaxTreeAction(AnalyzePragmas);

            var suppressMessage = start.Compilation.ResolveType("System.Diagnostics.CodeAnalysis.SuppressMessageAttribute");
            var unconditional = start.Compilation.ResolveType("System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute");
            if (suppressMessage is null && unconditional is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(c => AnalyzeAttribute(c, suppressMessage, unconditional), SyntaxKind.Attribute);
        });
    }

    private static void AnalyzePragmas(SyntaxTreeAnalysisContext context)
    {
        if (context.Tree.GetRoot(context.CancellationToken) is not CSharpSyntaxNode root || !root.ContainsDirectives)
        {
            return;
        }

        ImmutableArray<string>? additional = null;
        for (var directive = root.GetFirstDirective(IsPragmaWarningDisable); directive is not null; directive = directive.GetNextDirective(IsPragmaWarningDisable))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var pragma = (PragmaWarningDirectiveTriviaSyntax)directive;
            if (!pragma.IsActive || pragma.WarningKeyword.IsMissing)
            {
                continue;
            }

            var ids = new List<string>();
            var end = pragma.DisableOrRestoreKeyword.Span.End;
            foreach (var code in pragma.ErrorCodes)
            {
                if (!code.IsMissing)
                {
                    end = code.Span.End;
                }

                // Numbers are compiler warnings (CS....), never security rules.
                if (code is IdentifierNameSyntax { Identifier: { IsMissing: false, ValueText: { Length: > 0 } id } }
                    && !ids.Contains(id)
                    && IsSecurityRule(id, context.Tree, context.Options, ref additional))
                {
                    ids.Add(id);
                }
            }

            string subject;
            if (ids.Count > 0)
            {
                subject = string.Join(", ", ids);
            }
            else if (pragma.ErrorCodes.Count == 0 && !context.IsGeneratedCode)
            {
                // A bare disable switches off every rule, the security rules included. Generated code carries it by convention.
                subject = "every rule (security rules included)";
            }
            else
            {
                continue;
            }

            var comment = CommentOf(pragma);
            if (SecurityRuleSuppressions.JustificationProblem(comment, ids) is not { } problem)
            {
                continue;
            }

            var placeholder = problem == SecurityRuleSuppressions.Placeholder ? comment!.Trim() : null;
            var whatToDo = (placeholder is null ? string.Empty : "the comment '" + Shorten(placeholder) + "' is not a reason; ")
                + (ids.Exists(SecurityRuleSuppressions.IsGovernanceRule) ? GovernanceWhy : string.Empty)
                + WhatToDoPragma;
            var location = Location.Create(context.Tree, TextSpan.FromBounds(pragma.HashToken.SpanStart, end));
            context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.UnjustifiedSuppression, location, "#pragma warning disable", subject, whatToDo));
        }
    }

    private static bool IsPragmaWarningDisable(DirectiveTriviaSyntax directive)
        => directive is PragmaWarningDirectiveTriviaSyntax pragma
            && pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword)
            && !pragma.DisableOrRestoreKeyword.IsMissing;

    /// <summary>
    /// The text of the <c>//</c> comment ending the directive's line, without the slashes (null when there is none).
    /// Only single-line comments may follow a directive.
    /// </summary>
    private static string? CommentOf(PragmaWarningDirectiveTriviaSyntax pragma)
    {
        StringBuilder? text = null;
        foreach (var trivia in pragma.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                (text ??= new StringBuilder()).Append(trivia.ToString().TrimStart('/')).Append(' ');
            }
        }

        return text?.ToString();
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol? suppressMessage, INamedTypeSymbol? unconditional)
    {
        var attribute = (AttributeSyntax)context.Node;
        var shortName = ShortName(attribute.Name);
        if (shortName is not ("SuppressMessage" or "SuppressMessageAttribute" or "UnconditionalSuppressMessage" or "UnconditionalSuppressMessageAttribute")
            || attribute.ArgumentList is not { } arguments)
        {
            return;
        }

        // Constructor (category, checkId); named Justification, Scope, Target.
        ExpressionSyntax? checkIdSyntax = null;
        ExpressionSyntax? justificationSyntax = null;
        ExpressionSyntax? scopeSyntax = null;
        ExpressionSyntax? targetSyntax = null;
        var positional = 0;
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameEquals is { } nameEquals)
            {
                switch (nameEquals.Name.Identifier.ValueText)
                {
                    case "Justification":
                        justificationSyntax = argument.Expression;
                        break;
                    case "Scope":
                        scopeSyntax = argument.Expression;
                        break;
                    case "Target":
                        targetSyntax = argument.Expression;
                        break;
                }
            }
            else if (argument.NameColon is { } nameColon)
            {
                if (nameColon.Name.Identifier.ValueText == "checkId")
                {
                    checkIdSyntax = argument.Expression;
                }
            }
            else if (positional++ == 1)
            {
                checkIdSyntax = argument.Expression;
            }
        }

        // "SCR2001" or "SCR2001:Title" (what Visual Studio writes); the compiler matches the part before the colon.
        if (checkIdSyntax is null || StringOf(checkIdSyntax, context) is not { } checkId)
        {
            return;
        }

        var colon = checkId.IndexOf(':');
        var id = colon >= 0 ? checkId.Substring(0, colon) : checkId;
        ImmutableArray<string>? additional = null;
        if (id.Length == 0 || !IsSecurityRule(id, context.Node.SyntaxTree, context.Options, ref additional))
        {
            return;
        }

        string whatToDo;
        if (justificationSyntax is null || justificationSyntax.IsKind(SyntaxKind.NullLiteralExpression))
        {
            whatToDo = WhatToDoAttribute;
        }
        else if (StringOf(justificationSyntax, context) is { } justification)
        {
            if (SecurityRuleSuppressions.JustificationProblem(justification, new[] { id }) is null)
            {
                return;
            }

            whatToDo = string.IsNullOrWhiteSpace(justification)
                ? "its Justification is empty: write why the finding is acceptable"
                : "its Justification \"" + Shorten(justification.Trim()) + "\" is a placeholder: write why the finding is acceptable";
        }
        else
        {
            // Not a constant we can read (broken code): say nothing rather than guess.
            return;
        }

        if (SecurityRuleSuppressions.IsGovernanceRule(id))
        {
            whatToDo = GovernanceWhy + whatToDo;
        }

        // The one semantic check: is it really the attribute the compiler honours?
        var type = (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol as IMethodSymbol)?.ContainingType;
        if (type is null
            || !(SymbolEqualityComparer.Default.Equals(type, suppressMessage) || SymbolEqualityComparer.Default.Equals(type, unconditional)))
        {
            return;
        }

        var display = "[" + (type.Name == "UnconditionalSuppressMessageAttribute" ? "UnconditionalSuppressMessage" : "SuppressMessage") + "]";
        if (attribute.Parent is AttributeListSyntax { Target.Identifier: var target }
            && (target.IsKind(SyntaxKind.AssemblyKeyword) || target.IsKind(SyntaxKind.ModuleKeyword)))
        {
            var scope = scopeSyntax is null ? null : StringOf(scopeSyntax, context);
            var targetName = targetSyntax is null ? null : StringOf(targetSyntax, context);
            if (DescribeScope(scope, targetName) is not { } covered)
            {
                // A scope the compiler does not know, or a symbol scope without a target, suppresses nothing.
                return;
            }

            display = "[" + target.ValueText + ": " + display.Substring(1, display.Length - 2) + "] for " + covered;
        }

        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.UnjustifiedSuppression, attribute.GetLocation(), display, id, whatToDo));
    }

    /// <summary>
    /// Says what a global suppression covers, as the compiler reads Scope and Target: no scope or "module" without a
    /// target is the whole compilation; namespace, namespaceanddescendants, type and member need a target (scope names
    /// ignore case). Null for what the compiler ignores (an unknown scope, a symbol scope without a target, resources).
    /// </summary>
    internal static string? DescribeScope(string? scope, string? target)
    {
        var name = TargetName(target);
        return (scope ?? string.Empty).ToLowerInvariant() switch
        {
            "" or "module" => target is null ? "the whole assembly" : null,
            _ when name is null => null,
            "namespace" => "namespace " + name,
            "namespaceanddescendants" => "namespace " + name + " and the namespaces in it",
            "type" => "type " + name,
            "member" => "member " + name,
            _ => null,
        };
    }

    /// <summary>"~N:Contoso.Legacy" or "N:Contoso.Legacy" to "Contoso.Legacy"; legacy FxCop targets are kept as written.</summary>
    private static string? TargetName(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        var name = target!.TrimStart('~');
        return name.Length > 2 && name[1] == ':' && char.IsLetter(name[0]) ? name.Substring(2) : name;
    }

    private static bool IsSecurityRule(string id, SyntaxTree tree, AnalyzerOptions options, ref ImmutableArray<string>? additional)
    {
        if (SecurityRuleSuppressions.IsSecurityRule(id, StringComparison.Ordinal))
        {
            return true;
        }

        additional ??= AdditionalSecurityRules.Read(options.AnalyzerConfigOptionsProvider.GetOptions(tree));
        return !additional.Value.IsEmpty && ListRuleOption.Matches(additional.Value, id);
    }

    /// <summary>The string value of a literal, or of a constant expression (a const field, nameof, a concatenation).</summary>
    private static string? StringOf(ExpressionSyntax expression, SyntaxNodeAnalysisContext context)
    {
        if (expression is LiteralExpressionSyntax literal)
        {
            return literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
        }

        var constant = context.SemanticModel.GetConstantValue(expression, context.CancellationToken);
        return constant is { HasValue: true, Value: string value } ? value : null;
    }

    private static string ShortName(NameSyntax name) => name switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => string.Empty,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
