using System;
using System.Collections.Generic;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Injection;

/// <summary>
/// SCR2009: turn a log message built by concatenation or interpolation into a constant message template with the
/// values as arguments: <c>logger.LogInformation("User " + name + " logged in")</c> becomes
/// <c>logger.LogInformation("User {Name} logged in", name)</c>. Placeholder names come from the expressions
/// (<c>order.Id</c> → <c>{Id}</c>), PascalCase and unique; interpolation alignment and format are kept
/// (<c>{total:N2}</c> → <c>{Total:N2}</c>); the exception, level and event id arguments stay where they are, and
/// existing template arguments keep their placeholders, the new values being inserted in template order. Braces in
/// the constant text of a Microsoft.Extensions.Logging message without arguments were printed as they are, so they are
/// escaped (<c>{{</c>, <c>}}</c>); Serilog parsed such a message as a template already, so only its lone braces are.
/// Offered for Microsoft.Extensions.Logging (<c>Log*</c>, <c>Log</c>, <c>BeginScope</c>) and Serilog, and not when the
/// arguments are passed as an array, named, or do not match the existing placeholders.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LogForgingCodeFixProvider)), Shared]
public sealed class LogForgingCodeFixProvider : SafeCodeFixProvider
{
    private const string Title = "Use a message template with arguments";

    /// <summary>Fixes SCR2009.</summary>
    public LogForgingCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.LogForging)
    {
    }

    private enum Library
    {
        None,
        MicrosoftExtensionsLogging,
        Serilog,
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var model = context.SemanticModel;
        var span = diagnostic.Location.SourceSpan;
        var node = context.Root.FindNode(span, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<ArgumentSyntax>() is not { } message
            || (message.Span != span && message.Expression.Span != span)
            || message.Parent is not ArgumentListSyntax list
            || list.Parent is not InvocationExpressionSyntax invocation
            || list.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))
            || model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation call
            || LibraryOf(call, message, context) is var library && library == Library.None)
        {
            return null;
        }

        // Existing values: the arguments after the message, expanded (not an array passed as such).
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { IsParams: true } && argument.ArgumentKind != ArgumentKind.ParamArray)
            {
                return null;
            }
        }

        var index = list.Arguments.IndexOf(message);
        var existing = list.Arguments.Skip(index + 1).ToList();
        if (model.GetOperation(message.Expression, context.CancellationToken) is not { } messageOperation)
        {
            return null;
        }

        var parts = new List<Part>();
        Flatten(messageOperation, parts);
        var isTemplate = existing.Count > 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var placeholderCount = 0;
        foreach (var part in parts)
        {
            if (part.Text is { } text && isTemplate)
            {
                if (Placeholders(text) is not { } found)
                {
                    return null;
                }

                placeholderCount += found.Count;
                names.UnionWith(found);
            }
        }

        if (placeholderCount != existing.Count || parts.All(p => p.Hole is null))
        {
            return null;
        }

        var template = new StringBuilder();
        var values = new List<ArgumentSyntax>();
        var next = 0;
        foreach (var part in parts)
        {
            if (part.Text is { } text)
            {
                if (isTemplate)
                {
                    template.Append(text);
                    var count = Placeholders(text)!.Count;
                    values.AddRange(existing.Skip(next).Take(count));
                    next += count;
                }
                else
                {
                    template.Append(library == Library.Serilog ? EscapeLoneBraces(text) : text.Replace("{", "{{").Replace("}", "}}"));
                }

                continue;
            }

            var name = Unique(NameOf(part.Hole!), names);
            template.Append('{').Append(name);
            if (part.Alignment is { } alignment)
            {
                template.Append(',').Append(alignment.ToString(CultureInfo.InvariantCulture));
            }

            if (part.Format is { } format)
            {
                template.Append(':').Append(format);
            }

            template.Append('}');
            values.Add(SyntaxFactory.Argument(part.Hole!.WithoutTrivia()));
        }

        var templateLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(template.ToString()));
        var arguments = list.Arguments.Take(index)
            .Append(message.WithExpression(templateLiteral.WithTriviaFrom(message.Expression)))
            .Concat(values.Select(v => v.WithoutTrivia()));
        var newList = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments));
        return new SafeCodeFix(Title, Title, NodeEdit.ReplaceKeepingTrivia(list, newList));
    }

    private static Library LibraryOf(IInvocationOperation call, ArgumentSyntax message, FixPlanContext context)
    {
        var parameter = call.Arguments.FirstOrDefault(a => a.Syntax == message)?.Parameter;
        var type = call.TargetMethod.ContainingType?.ToDisplayString();
        return (type, parameter?.Name) switch
        {
            ("Microsoft.Extensions.Logging.LoggerExtensions", "message" or "messageFormat") => Library.MicrosoftExtensionsLogging,
            ("Serilog.ILogger" or "Serilog.Core.Logger" or "Serilog.Log", "messageTemplate") => Library.Serilog,
            _ => Library.None,
        };
    }

    /// <summary>A constant piece of the message, or a value with its interpolation alignment and format.</summary>
    private sealed class Part
    {
        public string? Text { get; set; }

        public ExpressionSyntax? Hole { get; set; }

        public int? Alignment { get; set; }

        public string? Format { get; set; }
    }

    private static void Flatten(IOperation operation, List<Part> parts)
    {
        if (operation.ConstantValue is { HasValue: true } constant && ConstantText(constant.Value) is { } constantText)
        {
            parts.Add(new Part { Text = constantText });
            return;
        }

        switch (operation)
        {
            case IParenthesizedOperation parenthesized:
                Flatten(parenthesized.Operand, parts);
                return;
            case IConversionOperation { IsImplicit: true } conversion:
                Flatten(conversion.Operand, parts);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                Flatten(binary.LeftOperand, parts);
                Flatten(binary.RightOperand, parts);
                return;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation text:
                            parts.Add(new Part { Text = text.Text.ConstantValue.Value as string ?? string.Empty });
                            break;
                        case IInterpolationOperation hole when hole.Expression.Syntax is ExpressionSyntax expression:
                            parts.Add(new Part
                            {
                                Hole = expression,
                                Alignment = hole.Alignment?.ConstantValue.Value is int alignment ? alignment : null,
                                Format = hole.FormatString?.ConstantValue.Value as string,
                            });
                            break;
                    }
                }

                return;
            default:
                if (operation.Syntax is ExpressionSyntax syntax)
                {
                    parts.Add(new Part { Hole = syntax });
                }

                return;
        }
    }

    /// <summary>
    /// Serilog text without arguments: Serilog parsed it as a template already, rendering <c>{{</c> as a brace and a
    /// placeholder without a value as its own text. Doubling the lone braces keeps that output once values are added.
    /// </summary>
    private static string EscapeLoneBraces(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            builder.Append(c);
            if (c is '{' or '}')
            {
                if (i + 1 < text.Length && text[i + 1] == c)
                {
                    builder.Append(c);
                    i++;
                }
                else
                {
                    builder.Append(c);
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>The text a constant adds to a concatenation (numbers whose text does not depend on the culture).</summary>
    private static string? ConstantText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        int or long or short or byte or uint or ulong or ushort or sbyte or char => Convert.ToString(value, CultureInfo.InvariantCulture),
        bool flag => flag ? "True" : "False",
        _ => null,
    };

    /// <summary>The names of the placeholders in template text, or null when its braces do not form a valid template.</summary>
    private static List<string>? Placeholders(string text)
    {
        var names = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{' when i + 1 < text.Length && text[i + 1] == '{':
                case '}' when i + 1 < text.Length && text[i + 1] == '}':
                    i++;
                    break;
                case '{':
                    var end = text.IndexOf('}', i + 1);
                    if (end < 0)
                    {
                        return null;
                    }

                    var name = text.Substring(i + 1, end - i - 1).TrimStart('@', '$');
                    var stop = name.IndexOfAny(new[] { ',', ':' });
                    names.Add(stop < 0 ? name : name.Substring(0, stop));
                    i = end;
                    break;
                case '}':
                    return null;
            }
        }

        return names;
    }

    /// <summary>A placeholder name from the expression: its last identifier, PascalCase (<c>order.Id</c> → <c>Id</c>).</summary>
    private static string NameOf(ExpressionSyntax expression)
    {
        var name = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax call } } conditional
                when IsTextConversion(call.Name.Identifier.ValueText) => NameOf(conditional.Expression),
            ConditionalAccessExpressionSyntax conditional => NameOf(conditional.WhenNotNull),
            ParenthesizedExpressionSyntax parenthesized => NameOf(parenthesized.Expression),
            CastExpressionSyntax cast => NameOf(cast.Expression),
            PostfixUnaryExpressionSyntax postfix => NameOf(postfix.Operand),
            AwaitExpressionSyntax awaited => NameOf(awaited.Expression),
            BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression) => NameOf(coalesce.Left),
            ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } keys } when keys[0].Expression is LiteralExpressionSyntax { Token.Value: string text } => text,
            ElementAccessExpressionSyntax element => NameOf(element.Expression),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } access } when IsTextConversion(method) => NameOf(access.Expression),
            InvocationExpressionSyntax { Expression: var target } => StripGet(NameOf(target)),
            _ => string.Empty,
        };
        return Pascal(name);
    }

    private static bool IsTextConversion(string method)
        => method is "ToString" or "Trim" or "TrimStart" or "TrimEnd" or "ToUpper" or "ToLower" or "ToUpperInvariant" or "ToLowerInvariant" or "Substring" or "Replace";

    private static string StripGet(string name)
        => name.Length > 3 && name.StartsWith("Get", StringComparison.Ordinal) && char.IsUpper(name[3]) ? name.Substring(3) : name;

    private static string Pascal(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.TrimStart('_', '@'))
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(builder.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return builder.Length == 0 || char.IsDigit(builder[0]) ? "Value" : builder.ToString();
    }

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
