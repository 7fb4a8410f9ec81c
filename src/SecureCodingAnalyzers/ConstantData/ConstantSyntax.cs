using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureCodingAnalyzers.ConstantData;

/// <summary>
/// Syntax-only helpers for members declared in another syntax tree than the operation being analyzed (no semantic
/// model may be requested there). Deliberately narrow: only shapes whose meaning is unambiguous without binding.
/// </summary>
internal static class ConstantSyntax
{
    /// <summary>Classifies the initializer of a byte-buffer member: array/collection literals, <c>new byte[n]</c>, <c>"..."u8</c>,
    /// <c>Encoding.X.GetBytes("...")</c>, <c>Convert.FromBase64String("...")</c>, <c>Convert.FromHexString("...")</c>.</summary>
    public static ConstantDataInfo? ClassifyBytes(ExpressionSyntax expression)
    {
        expression = Unparenthesize(expression);
        var origin = expression.GetLocation();
        switch (expression)
        {
            case ArrayCreationExpressionSyntax { Type: { RankSpecifiers.Count: 1 } arrayType } creation
                when arrayType.ElementType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.ByteKeyword }:
                return creation.Initializer is null
                    ? ConstantByteData.UninitializedBuffer(origin)
                    : Elements(creation.Initializer.Expressions, origin);

            case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } initializer:
                return Elements(initializer.Expressions, origin);

            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.Utf8StringLiteralExpression }:
                return new ConstantDataInfo(ConstantDataKind.EncodedString, ConstantByteData.StringBytesText, ConstantByteData.StringBytesText, origin, holder: null);

            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: var arguments }:
                if (arguments.Count == 0 && access.Name.Identifier.ValueText == "ToArray"
                    && Unparenthesize(access.Expression) is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.Utf8StringLiteralExpression })
                {
                    return new ConstantDataInfo(ConstantDataKind.EncodedString, ConstantByteData.StringBytesText, ConstantByteData.StringBytesText, origin, holder: null);
                }

                if (arguments.Count != 1 || arguments[0].RefKindKeyword.RawKind != 0 || ClassifyString(arguments[0].Expression) is not { } text)
                {
                    return null;
                }

                var name = access.Name.Identifier.ValueText;
                if (name == "GetBytes" && IsEncodingProperty(access.Expression))
                {
                    return text.Transformed(ConstantDataKind.EncodedString, ConstantByteData.BytesOfPrefix);
                }

                if (name is "FromBase64String" or "FromHexString" && IsTypeName(access.Expression, "Convert", "System"))
                {
                    return text.Transformed(ConstantDataKind.DecodedString, name == "FromBase64String" ? ConstantByteData.Base64Prefix : ConstantByteData.HexPrefix);
                }

                return null;

            default:
                return ConstantByteData.ClassifyElementList(expression, model: null, isByte: true);
        }
    }

    /// <summary>Classifies a string initializer: a literal, a constant interpolated string or a concatenation of literals.</summary>
    public static ConstantDataInfo? ClassifyString(ExpressionSyntax expression)
    {
        expression = Unparenthesize(expression);
        return IsStringLiteral(expression)
            ? new ConstantDataInfo(ConstantDataKind.String, ConstantByteData.StringLiteralText, ConstantByteData.StringLiteralText, expression.GetLocation(), holder: null, text: StringLiteralText(expression))
            : null;
    }

    /// <summary>
    /// True when <paramref name="member"/> is assigned (<c>=</c>, compound, deconstruction) or passed by
    /// <c>ref</c>/<c>out</c> anywhere in the declarations of its type (all partial parts, nested types included).
    /// Identifiers in the tree of <paramref name="model"/> are bound; elsewhere any same-named identifier counts,
    /// which only makes the answer more conservative.
    /// </summary>
    public static bool IsWrittenInType(ISymbol member, SemanticModel? model, CancellationToken cancellationToken)
    {
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != member.Name || !IsWrite(identifier))
                {
                    continue;
                }

                if (model is not null && identifier.SyntaxTree == model.SyntaxTree
                    && model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol
                    && !SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, member.OriginalDefinition))
                {
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>The expression a reference to a member stands for: <c>X</c>, or <c>this.X</c> / <c>T.X</c> when qualified.</summary>
    public static ExpressionSyntax ReferenceExpression(IdentifierNameSyntax identifier)
        => identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;

    private static bool IsWrite(IdentifierNameSyntax identifier)
    {
        SyntaxNode node = ReferenceExpression(identifier);
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        switch (node.Parent)
        {
            case AssignmentExpressionSyntax assignment when assignment.Left == node:
            case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
            case RefExpressionSyntax:
            case ArgumentSyntax argument when argument.RefKindKeyword.RawKind is (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword:
                return true;
            case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                // (key, iv) = Load(): deconstruction into the member.
                SyntaxNode outer = tuple;
                while (outer.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax parentTuple })
                {
                    outer = parentTuple;
                }

                return outer.Parent is AssignmentExpressionSyntax deconstruction && deconstruction.Left == outer;
            default:
                return false;
        }
    }

    private static ConstantDataInfo? Elements(SeparatedSyntaxList<ExpressionSyntax> elements, Location origin)
    {
        if (elements.Count == 0)
        {
            return null;
        }

        var allZero = true;
        foreach (var element in elements)
        {
            if (NumericLiteral(element) is not { } value)
            {
                return null;
            }

            allZero &= ConstantByteData.IsZero(value);
        }

        return ConstantByteData.ArrayData(allZero, isByte: true, origin);
    }

    /// <summary>The value of <c>12</c>, <c>0x0C</c> or <c>(byte)12</c>; null for anything else.</summary>
    internal static object? NumericLiteral(ExpressionSyntax expression)
    {
        expression = Unparenthesize(expression);
        if (expression is CastExpressionSyntax cast)
        {
            expression = Unparenthesize(cast.Expression);
        }

        return expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal ? literal.Token.Value : null;
    }

    /// <summary>The value of an expression accepted by <see cref="IsStringLiteral"/>.</summary>
    private static string StringLiteralText(ExpressionSyntax expression)
    {
        expression = Unparenthesize(expression);
        return expression switch
        {
            LiteralExpressionSyntax literal => literal.Token.ValueText,
            InterpolatedStringExpressionSyntax interpolated => string.Concat(interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText)),
            BinaryExpressionSyntax add => StringLiteralText(add.Left) + StringLiteralText(add.Right),
            _ => string.Empty,
        };
    }

    private static bool IsStringLiteral(ExpressionSyntax expression)
    {
        expression = Unparenthesize(expression);
        return expression switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } => true,
            InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.All(c => c is InterpolatedStringTextSyntax),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add => IsStringLiteral(add.Left) && IsStringLiteral(add.Right),
            _ => false,
        };
    }

    private static bool IsEncodingProperty(ExpressionSyntax expression)
        => Unparenthesize(expression) is MemberAccessExpressionSyntax access
           && access.Name.Identifier.ValueText is "UTF8" or "ASCII" or "Unicode" or "UTF32" or "Latin1" or "BigEndianUnicode" or "Default"
           && IsTypeName(access.Expression, "Encoding", "System.Text");

    private static bool IsTypeName(ExpressionSyntax expression, string name, string ns)
        => Unparenthesize(expression) switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name && access.Expression.ToString() is var qualifier
                && (qualifier == ns || qualifier == "global::" + ns),
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == name,
            _ => false,
        };

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }
}
