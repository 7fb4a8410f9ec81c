using System.Collections.Generic;
using System.Composition;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Cryptography;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Cryptography;

/// <summary>
/// SCR1007: replaces the constant iteration count with the configured minimum for the hash (the analyzer passes it
/// in the diagnostic's properties); only literals are replaced. SCR1008: <c>new Rfc2898DeriveBytes(pwd, salt)</c> and the other constructors
/// without a hash algorithm get an explicit iteration count and <c>HashAlgorithmName.SHA256</c>; HMAC-SHA1 passed to
/// PBKDF2 becomes HMAC-SHA256; in both cases a constant count below the SHA-256 minimum is raised to it.
/// No fix for <c>PasswordDeriveBytes</c>: its output differs from PBKDF2's, so a mechanical rewrite would silently
/// change every derived key.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PasswordKeyDerivationCodeFixProvider)), Shared]
public sealed class PasswordKeyDerivationCodeFixProvider : SafeCodeFixProvider
{
    private const string RaiseIterationsKey = "SCR1007.RaiseIterations";
    private const string UseSha256Key = "SCR1008.UseHmacSha256";
    private const string UseSha256Title = "Use PBKDF2 with HMAC-SHA256";

    /// <summary>Fixes SCR1007 and SCR1008.</summary>
    public PasswordKeyDerivationCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.InsufficientPbkdf2Iterations, SecureCodingAnalyzers.Catalog.Rules.WeakPasswordKeyDerivation)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(PasswordKeyDerivationAnalyzer.MinimumProperty, out var text)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minimum))
        {
            return null;
        }

        if (diagnostic.Id == SecureCodingAnalyzers.Catalog.Rules.InsufficientPbkdf2Iterations.Id)
        {
            var title = "Raise the iteration count to " + PasswordKeyDerivationAnalyzer.FormatCount(minimum);
            return RaiseIterations(context.Root, diagnostic, minimum) is { } edit ? new SafeCodeFix(title, RaiseIterationsKey, edit) : null;
        }

        return UseSha256(context.Root, diagnostic, minimum) is { } edits ? new SafeCodeFix(UseSha256Title, UseSha256Key, edits) : null;
    }

    /// <summary>
    /// Only a literal is replaced: a named constant or a constant expression may be used elsewhere (for example as the
    /// count stored with existing hashes), so changing it is left to the developer.
    /// </summary>
    private static NodeEdit? RaiseIterations(SyntaxNode root, Diagnostic diagnostic, int minimum)
        => FindLiteral(root, diagnostic.Location) is { } literal
            ? NodeEdit.ReplaceKeepingTrivia(literal, Count(root, minimum))
            : null;

    /// <summary>
    /// The edits of the switch to HMAC-SHA256. The argument list is built from its current version: the raised
    /// iteration count inside it is an edit of the same fix.
    /// </summary>
    private static List<NodeEdit>? UseSha256(SyntaxNode root, Diagnostic diagnostic, int minimum)
    {
        var properties = diagnostic.Properties;
        properties.TryGetValue(PasswordKeyDerivationAnalyzer.KindProperty, out var kind);
        var edits = new List<NodeEdit>();

        // A literal count below the SHA-256 minimum is raised with the switch; a named constant is left to SCR1007.
        if (AdditionalLocation(diagnostic, PasswordKeyDerivationAnalyzer.IterationsLocationProperty) is { } iterationsLocation
            && FindLiteral(root, iterationsLocation) is { } iterations)
        {
            edits.Add(NodeEdit.ReplaceKeepingTrivia(iterations, Count(root, minimum)));
        }

        switch (kind)
        {
            case PasswordKeyDerivationAnalyzer.KindSha1:
                if (AdditionalLocation(diagnostic, PasswordKeyDerivationAnalyzer.HashLocationProperty) is not { } hashLocation
                    || Find<ExpressionSyntax>(root, hashLocation) is not { } hash
                    || !properties.TryGetValue(PasswordKeyDerivationAnalyzer.HashReplacementProperty, out var replacement)
                    || replacement is null
                    || replacement.LastIndexOf('.') <= 0)
                {
                    return null;
                }

                var dot = replacement.LastIndexOf('.');
                var member = replacement.Substring(dot + 1);
                edits.Add(NodeEdit.ReplaceKeepingTrivia(hash, (ExpressionSyntax current) => current is MemberAccessExpressionSyntax access
                    ? access.WithName(SyntaxFactory.IdentifierName(member))
                    : Member(replacement.Substring(0, dot), member)));
                break;

            case PasswordKeyDerivationAnalyzer.KindDefaultHash:
                var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var arguments = call switch
                {
                    BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
                    ConstructorInitializerSyntax initializer => initializer.ArgumentList,
                    _ => null,
                };
                if (arguments is null || arguments.Arguments.Count == 0)
                {
                    return null;
                }

                var named = arguments.Arguments.Any(a => a.NameColon is not null);
                var hasIterations = properties.TryGetValue(PasswordKeyDerivationAnalyzer.HasIterationsProperty, out var has) && has == "true";
                var added = new List<ArgumentSyntax>(2);
                if (!hasIterations)
                {
                    added.Add(Argument(named, "iterations", Count(root, minimum)));
                }

                added.Add(Argument(named, "hashAlgorithm", Member("System.Security.Cryptography.HashAlgorithmName", "SHA256")));
                edits.Add(NodeEdit.ReplaceKeepingTrivia(arguments, current => Append(current, added)));
                break;

            default:
                // PasswordDeriveBytes: no fix (PBKDF1 output is not PBKDF2 output).
                return null;
        }

        return edits;
    }

    private static Location? AdditionalLocation(Diagnostic diagnostic, string property)
        => diagnostic.Properties.TryGetValue(property, out var text)
           && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
           && index < diagnostic.AdditionalLocations.Count
            ? diagnostic.AdditionalLocations[index]
            : null;

    private static T? Find<T>(SyntaxNode root, Location location)
        where T : SyntaxNode
        => location.IsInSource && root.FullSpan.Contains(location.SourceSpan)
            ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) as T
            : null;

    private static LiteralExpressionSyntax? FindLiteral(SyntaxNode root, Location location)
        => Find<LiteralExpressionSyntax>(root, location) is { } literal && literal.IsKind(SyntaxKind.NumericLiteralExpression) ? literal : null;

    /// <summary>Appends arguments in the layout of the existing ones (same separator and indentation).</summary>
    private static ArgumentListSyntax Append(ArgumentListSyntax list, List<ArgumentSyntax> added)
    {
        var existing = list.Arguments;
        var separator = existing.SeparatorCount > 0
            ? existing.GetSeparator(existing.SeparatorCount - 1)
            : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        var leading = existing.Last().GetLeadingTrivia();
        var items = existing.GetWithSeparators();
        foreach (var argument in added)
        {
            items = items.Add(separator).Add(argument.WithLeadingTrivia(leading));
        }

        return list.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(items));
    }

    private static ArgumentSyntax Argument(bool named, string name, ExpressionSyntax value)
    {
        var argument = SyntaxFactory.Argument(value);
        return named ? argument.WithNameColon(SyntaxFactory.NameColon(name)) : argument;
    }

    private static MemberAccessExpressionSyntax Member(string type, string member)
        => SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SafeFix.QualifiedType(type),
            SyntaxFactory.IdentifierName(member));

    /// <summary>An integer literal, with digit separators (600_000) where the language version allows them.</summary>
    private static LiteralExpressionSyntax Count(SyntaxNode root, int value)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture);
        var text = digits;
        if (value >= 10_000 && root.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp7 })
        {
            text = digits.Substring(0, ((digits.Length - 1) % 3) + 1);
            for (var i = text.Length; i < digits.Length; i += 3)
            {
                text += "_" + digits.Substring(i, 3);
            }
        }

        return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(text, value));
    }
}
