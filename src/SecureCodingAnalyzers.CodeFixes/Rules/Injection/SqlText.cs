using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Injection;

/// <summary>
/// SQL text written as one concatenation or interpolation of constants and expressions, and its parameterized form.
/// <see cref="Parse"/> reads the C# expression into parts (text, constants, values); <see cref="Parameterize"/> reads the
/// SQL around every value and decides what replaces it: a value inside a string literal (<c>'{x}'</c>, <c>N'{x}'</c>,
/// <c>'%{x}%'</c>) replaces the whole literal, quotes included; a value without quotes must stand where SQL expects a
/// value (after a comparison operator, <c>LIKE</c>, <c>LIMIT</c> or <c>OFFSET</c>). Anything else (an identifier such
/// as a table or column name, a value list, a value inside a comment or a quoted identifier) gets no fix: a parameter
/// cannot stand there, and guessing would change what the statement means.
/// </summary>
internal sealed class SqlText
{
    private SqlText(ExpressionSyntax expression, List<Part> parts, LiteralFamily family, string newLine, string indentation)
    {
        Expression = expression;
        Parts = parts;
        Family = family;
        NewLine = newLine;
        Indentation = indentation;
    }

    /// <summary>How the C# literal is written; the rewrite keeps it.</summary>
    internal enum LiteralFamily
    {
        Regular,
        Verbatim,
        Raw,
    }

    /// <summary>The expression that builds the SQL text.</summary>
    public ExpressionSyntax Expression { get; }

    /// <summary>The text, constants and values, in order.</summary>
    public List<Part> Parts { get; }

    public LiteralFamily Family { get; }

    /// <summary>The line break of the document (for multi-line raw literals).</summary>
    public string NewLine { get; }

    /// <summary>The indentation of a multi-line raw literal's closing quotes, or empty.</summary>
    public string Indentation { get; }

    /// <summary>
    /// Reads a concatenation (<c>"..." + x + "..."</c>) or an interpolation (<c>$"...{x}..."</c>), or null when the
    /// expression is neither, has no value at all, or uses alignment or format clauses.
    /// </summary>
    public static SqlText? Parse(ExpressionSyntax expression, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var parts = new List<Part>();
        LiteralFamily family;
        var indentation = string.Empty;
        switch (expression)
        {
            case InterpolatedStringExpressionSyntax interpolated:
                if (!AddInterpolation(interpolated, parts, model, cancellationToken))
                {
                    return null;
                }

                family = FamilyOf(interpolated.StringStartToken);
                if (interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken))
                {
                    indentation = LeadingWhitespaceOfLine(interpolated.StringEndToken);
                }

                break;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                family = LiteralFamily.Regular;
                var operands = new List<ExpressionSyntax>();
                Flatten(binary, operands, model, cancellationToken);
                foreach (var operand in operands)
                {
                    switch (operand)
                    {
                        case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                            if (literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || literal.Token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                            {
                                return null;
                            }

                            if (literal.Token.Text.StartsWith("@", StringComparison.Ordinal))
                            {
                                family = LiteralFamily.Verbatim;
                            }

                            parts.Add(Part.Text(literal.Token.ValueText));
                            break;
                        case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.CharacterLiteralExpression):
                            parts.Add(Part.Text(literal.Token.ValueText));
                            break;
                        case InterpolatedStringExpressionSyntax inner when FamilyOf(inner.StringStartToken) != LiteralFamily.Raw:
                            if (!AddInterpolation(inner, parts, model, cancellationToken))
                            {
                                return null;
                            }

                            break;
                        default:
                            parts.Add(ValueOrConstant(operand, model, cancellationToken));
                            break;
                    }
                }

                break;
            default:
                return null;
        }

        if (!parts.Any(p => p.Kind == PartKind.Value))
        {
            return null;
        }

        return new SqlText(expression, parts, family, NewLineOf(expression), indentation);
    }

    /// <summary>
    /// The parameterized form: the SQL with every value replaced by a placeholder, or null when some value does not
    /// stand where a parameter can (see the class remarks). <paramref name="taken"/> holds the parameter names already
    /// used (compared without case, as SQL Server does) and receives the new ones.
    /// </summary>
    public Parameterized? Parameterize(ISet<string> taken)
    {
        var atoms = new List<Atom>();
        for (var p = 0; p < Parts.Count; p++)
        {
            var part = Parts[p];
            if (part.Kind == PartKind.Value)
            {
                atoms.Add(new Atom(p, '\0', isValue: true));
                continue;
            }

            foreach (var c in part.Value)
            {
                atoms.Add(new Atom(p, c, isValue: false));
            }
        }

        // A region is rewritten: it must lie in literal text and values, not in a named constant.
        var regions = FindRegions(atoms);
        if (regions is null || regions.Any(region => Enumerable.Range(region.Start, region.End - region.Start + 1).Any(i => Parts[atoms[i].Part].Kind == PartKind.Constant)))
        {
            return null;
        }

        var output = new List<OutPart>();
        var text = new StringBuilder();
        var byExpression = new Dictionary<string, string>(StringComparer.Ordinal);
        var a = 0;
        var r = 0;
        while (a < atoms.Count)
        {
            if (r < regions.Count && regions[r].Start == a)
            {
                var region = regions[r++];
                var value = RegionValue(atoms, region);
                if (value is null)
                {
                    return null;
                }

                Flush(text, output);
                var key = IsSimpleReference(value) ? value.ToString() : null;
                if (key is not null && byExpression.TryGetValue(key, out var known))
                {
                    output.Add(OutPart.Parameter(known, value, repeated: true));
                }
                else
                {
                    var name = UniqueName(BaseName(NamingValue(atoms, region) ?? value), taken);
                    if (key is not null)
                    {
                        byExpression.Add(key, name);
                    }

                    output.Add(OutPart.Parameter(name, value, repeated: false));
                }

                a = region.End + 1;
                continue;
            }

            var atom = atoms[a];
            var part = Parts[atom.Part];
            if (part.Kind == PartKind.Constant)
            {
                // A named constant (a const field): kept as it is, it contributes its whole value.
                Flush(text, output);
                output.Add(OutPart.Constant(part));
                while (a < atoms.Count && atoms[a].Part == atom.Part)
                {
                    a++;
                }

                continue;
            }

            text.Append(atom.Char);
            a++;
        }

        Flush(text, output);
        return new Parameterized(this, output);
    }

    // ---- reading the C# expression ----

    private static bool AddInterpolation(InterpolatedStringExpressionSyntax interpolated, List<Part> parts, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var raw = FamilyOf(interpolated.StringStartToken) == LiteralFamily.Raw;
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax text:
                    // Outside raw literals the token keeps its escaped braces ({{ and }}).
                    parts.Add(Part.Text(raw ? text.TextToken.ValueText : text.TextToken.ValueText.Replace("{{", "{").Replace("}}", "}")));
                    break;
                case InterpolationSyntax hole when hole.AlignmentClause is null && hole.FormatClause is null:
                    parts.Add(ValueOrConstant(hole.Expression, model, cancellationToken));
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static Part ValueOrConstant(ExpressionSyntax expression, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        => model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string constant }
            ? Part.Constant(expression, constant)
            : Part.Valued(expression);

    private static void Flatten(ExpressionSyntax expression, List<ExpressionSyntax> operands, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        if (expression is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression)
            && model.GetTypeInfo(binary, cancellationToken).Type?.SpecialType == SpecialType.System_String)
        {
            Flatten(binary.Left, operands, model, cancellationToken);
            Flatten(binary.Right, operands, model, cancellationToken);
            return;
        }

        operands.Add(expression);
    }

    private static LiteralFamily FamilyOf(SyntaxToken start)
        => start.Kind() switch
        {
            SyntaxKind.InterpolatedVerbatimStringStartToken => LiteralFamily.Verbatim,
            SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken => LiteralFamily.Raw,
            _ => LiteralFamily.Regular,
        };

    private static string NewLineOf(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText().ToString();
        return text.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
    }

    private static string LeadingWhitespaceOfLine(SyntaxToken token)
    {
        var text = token.SyntaxTree!.GetText();
        var line = text.Lines.GetLineFromPosition(token.SpanStart);
        var start = line.Start;
        var end = start;
        while (end < token.SpanStart && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(start, end - start));
    }

    // ---- reading the SQL ----

    private enum State
    {
        Normal,
        String,
        QuotedIdentifier,
        Bracket,
        Backtick,
        LineComment,
        BlockComment,
    }

    /// <summary>The atom ranges that become parameters, in order; null when some value cannot become one.</summary>
    private static List<(int Start, int End)>? FindRegions(List<Atom> atoms)
    {
        var regions = new List<(int Start, int End)>();
        var state = State.Normal;
        var open = -1;
        var valueInString = false;
        for (var i = 0; i < atoms.Count; i++)
        {
            var atom = atoms[i];
            if (atom.IsValue)
            {
                switch (state)
                {
                    case State.String:
                        valueInString = true;
                        continue;
                    case State.Normal when IsValuePosition(atoms, i):
                        regions.Add((i, i));
                        continue;
                    default:
                        return null;
                }
            }

            var c = atom.Char;
            var next = i + 1 < atoms.Count && !atoms[i + 1].IsValue ? atoms[i + 1].Char : '\0';
            switch (state)
            {
                case State.Normal:
                    switch (c)
                    {
                        case '\'':
                            state = State.String;
                            open = i;
                            valueInString = false;
                            break;
                        case '"':
                            state = State.QuotedIdentifier;
                            break;
                        case '[':
                            state = State.Bracket;
                            break;
                        case '`':
                            state = State.Backtick;
                            break;
                        case '-' when next == '-':
                            state = State.LineComment;
                            i++;
                            break;
                        case '/' when next == '*':
                            state = State.BlockComment;
                            i++;
                            break;
                    }

                    break;
                case State.String when c == '\'':
                    if (next == '\'')
                    {
                        i++;
                        break;
                    }

                    state = State.Normal;
                    if (valueInString)
                    {
                        var start = open;
                        if (start > 0 && !atoms[start - 1].IsValue && atoms[start - 1].Char is 'N' or 'n')
                        {
                            start--;
                            if (start > 0 && (atoms[start - 1].IsValue || IsIdentifierChar(atoms[start - 1].Char)))
                            {
                                return null;
                            }
                        }
                        else if (start > 0 && (atoms[start - 1].IsValue || IsIdentifierChar(atoms[start - 1].Char)))
                        {
                            // E'...', X'...', B'...' or text glued to the literal: not a plain string literal.
                            return null;
                        }

                        if (i + 1 < atoms.Count && (atoms[i + 1].IsValue || IsIdentifierChar(atoms[i + 1].Char)))
                        {
                            return null;
                        }

                        regions.Add((start, i));
                    }

                    break;
                case State.QuotedIdentifier when c == '"':
                case State.Bracket when c == ']':
                case State.Backtick when c == '`':
                case State.LineComment when c == '\n':
                    state = State.Normal;
                    break;
                case State.BlockComment when c == '*' && next == '/':
                    state = State.Normal;
                    i++;
                    break;
            }
        }

        return state is State.Normal or State.LineComment && regions.Count > 0 ? regions : null;
    }

    /// <summary>True when an unquoted value stands where SQL expects a value: after =, &lt;&gt;, &lt;, &gt;, LIKE, LIMIT, OFFSET.</summary>
    private static bool IsValuePosition(List<Atom> atoms, int index)
    {
        var after = index + 1;
        if (after < atoms.Count && (atoms[after].IsValue || !(char.IsWhiteSpace(atoms[after].Char) || atoms[after].Char is ')' or ',' or ';')))
        {
            return false;
        }

        var i = index - 1;
        while (i >= 0 && !atoms[i].IsValue && char.IsWhiteSpace(atoms[i].Char))
        {
            i--;
        }

        if (i < 0 || atoms[i].IsValue)
        {
            return false;
        }

        if (atoms[i].Char is '=' or '<' or '>')
        {
            return true;
        }

        var word = new StringBuilder();
        while (i >= 0 && !atoms[i].IsValue && char.IsLetter(atoms[i].Char))
        {
            word.Insert(0, atoms[i].Char);
            i--;
        }

        if (i >= 0 && (atoms[i].IsValue || IsIdentifierChar(atoms[i].Char)))
        {
            return false;
        }

        return word.ToString().ToUpperInvariant() is "LIKE" or "LIMIT" or "OFFSET";
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '@' or '#' or '$' or '.';

    /// <summary>The first value of a region: a literal like <c>'%{city}%'</c> is named for <c>city</c>.</summary>
    private ExpressionSyntax? NamingValue(List<Atom> atoms, (int Start, int End) region)
    {
        for (var i = region.Start; i <= region.End; i++)
        {
            if (atoms[i].IsValue)
            {
                return Unescaped(Parts[atoms[i].Part].Expression!);
            }
        }

        return null;
    }

    /// <summary>The C# value a region passes: the value itself, or an interpolated string of the literal's content.</summary>
    private ExpressionSyntax? RegionValue(List<Atom> atoms, (int Start, int End) region)
    {
        if (region.Start == region.End)
        {
            return Unescaped(Parts[atoms[region.Start].Part].Expression!);
        }

        // Inside the quotes: from after the opening quote to before the closing one.
        var first = region.Start;
        while (atoms[first].IsValue || atoms[first].Char != '\'')
        {
            first++;
        }

        var contents = new List<Atom>();
        for (var i = first + 1; i < region.End; i++)
        {
            if (!atoms[i].IsValue && Parts[atoms[i].Part].Kind == PartKind.Constant)
            {
                return null;
            }

            if (!atoms[i].IsValue && atoms[i].Char == '\'' && i + 1 < region.End && !atoms[i + 1].IsValue && atoms[i + 1].Char == '\'')
            {
                i++;
            }

            contents.Add(atoms[i]);
        }

        for (var i = region.Start; i <= first; i++)
        {
            if (Parts[atoms[i].Part].Kind == PartKind.Constant)
            {
                return null;
            }
        }

        if (Parts[atoms[region.End].Part].Kind == PartKind.Constant)
        {
            return null;
        }

        if (contents.Count == 1 && contents[0].IsValue)
        {
            return Unescaped(Parts[contents[0].Part].Expression!);
        }

        var builder = new StringBuilder("$\"");
        foreach (var atom in contents)
        {
            if (atom.IsValue)
            {
                var value = Unescaped(Parts[atom.Part].Expression!);
                builder.Append('{').Append(value is ConditionalExpressionSyntax ? "(" + value + ")" : value.ToString()).Append('}');
            }
            else
            {
                builder.Append(EscapeRegular(atom.Char.ToString(), braces: true));
            }
        }

        var parsed = SyntaxFactory.ParseExpression(builder.Append('"').ToString());
        return parsed.ContainsDiagnostics ? null : parsed;
    }

    /// <summary><c>name.Replace("'", "''")</c> escaped the value for a SQL literal; a parameter takes it unescaped.</summary>
    private static ExpressionSyntax Unescaped(ExpressionSyntax value)
    {
        value = value.WithoutTrivia();
        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression.WithoutTrivia();
        }

        if (value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Replace" } access, ArgumentList.Arguments: { Count: 2 } arguments }
            && arguments[0].Expression is LiteralExpressionSyntax { Token.ValueText: "'" }
            && arguments[1].Expression is LiteralExpressionSyntax { Token.ValueText: "''" })
        {
            return access.Expression.WithoutTrivia();
        }

        return value;
    }

    private static bool IsSimpleReference(ExpressionSyntax value)
        => value switch
        {
            IdentifierNameSyntax => true,
            MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && IsSimpleReference(access.Expression),
            ThisExpressionSyntax => true,
            _ => false,
        };

    // ---- parameter names ----

    private static string BaseName(ExpressionSyntax value)
    {
        while (true)
        {
            switch (value)
            {
                case IdentifierNameSyntax identifier:
                    return Clean(identifier.Identifier.ValueText);
                case MemberAccessExpressionSyntax access:
                    return Clean(access.Name.Identifier.ValueText);
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } } when IsGetter(method):
                    return Clean(method.Substring(3));
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } }:
                    // x.Trim() is named for x; Console.ReadLine() (a type's method) for nothing in particular.
                    if (receiver is IdentifierNameSyntax { Identifier.ValueText: var text } && text.Length > 0 && char.IsUpper(text[0]))
                    {
                        return "value";
                    }

                    value = receiver;
                    continue;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var method } }:
                    return IsGetter(method) ? Clean(method.Substring(3)) : "value";
                case ElementAccessExpressionSyntax element:
                    value = element.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    value = cast.Expression;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    value = parenthesized.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    value = postfix.Operand;
                    continue;
                case ConditionalAccessExpressionSyntax conditional:
                    value = conditional.WhenNotNull is MemberBindingExpressionSyntax binding ? SyntaxFactory.IdentifierName(binding.Name.Identifier) : conditional.Expression;
                    continue;
                default:
                    return "value";
            }
        }
    }

    private static bool IsGetter(string method) => method.Length > 3 && method.StartsWith("Get", StringComparison.Ordinal) && char.IsUpper(method[3]);

    private static string Clean(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
        }

        if (builder.Length == 0 || !char.IsLetter(builder[0]))
        {
            return "value";
        }

        builder[0] = char.ToLowerInvariant(builder[0]);
        var result = builder.ToString();
        return SyntaxFacts.GetKeywordKind(result) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(result) != SyntaxKind.None
            ? result + "Value"
            : result;
    }

    private static string UniqueName(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        taken.Add(candidate);
        return candidate;
    }

    /// <summary>The names written as <c>@name</c> (or <c>:name</c>) in <paramref name="text"/>, for uniqueness.</summary>
    public static void CollectParameterNames(string text, ISet<string> names)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '@' or ':' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                names.Add(text.Substring(i + 1, end - i - 1));
                i = end - 1;
            }
        }
    }

    private static void Flush(StringBuilder text, List<OutPart> output)
    {
        if (text.Length > 0)
        {
            output.Add(OutPart.Text(text.ToString()));
            text.Clear();
        }
    }

    // ---- writing literals ----

    internal static string EscapeRegular(string value, bool braces)
    {
        var builder = new StringBuilder();
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                case '{' when braces: builder.Append("{{"); break;
                case '}' when braces: builder.Append("}}"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A part of the C# expression: literal text, a named string constant, or a value.</summary>
    internal sealed class Part
    {
        private Part(PartKind kind, string value, ExpressionSyntax? expression)
        {
            Kind = kind;
            Value = value;
            Expression = expression;
        }

        public PartKind Kind { get; }

        /// <summary>The text (or the constant's value); empty for a value.</summary>
        public string Value { get; }

        public ExpressionSyntax? Expression { get; }

        public static Part Text(string value) => new(PartKind.Text, value, null);

        public static Part Constant(ExpressionSyntax expression, string value) => new(PartKind.Constant, value, expression);

        public static Part Valued(ExpressionSyntax expression) => new(PartKind.Value, string.Empty, expression);
    }

    internal enum PartKind
    {
        Text,
        Constant,
        Value,
    }

    private readonly struct Atom
    {
        public Atom(int part, char c, bool isValue)
        {
            Part = part;
            Char = c;
            IsValue = isValue;
        }

        public int Part { get; }

        public char Char { get; }

        public bool IsValue { get; }
    }
}

/// <summary>A part of the parameterized SQL: text, a kept constant, or a parameter with the value it passes.</summary>
internal sealed class OutPart
{
    private OutPart(string? text, SqlText.Part? constant, string? name, ExpressionSyntax? value, bool repeated)
    {
        TextValue = text;
        ConstantPart = constant;
        Name = name;
        Value = value;
        Repeated = repeated;
    }

    public string? TextValue { get; }

    public SqlText.Part? ConstantPart { get; }

    /// <summary>The parameter name without prefix.</summary>
    public string? Name { get; }

    public ExpressionSyntax? Value { get; }

    /// <summary>True when an earlier placeholder already passes the same value under the same name.</summary>
    public bool Repeated { get; }

    public static OutPart Text(string text) => new(text, null, null, null, false);

    public static OutPart Constant(SqlText.Part constant) => new(null, constant, null, null, false);

    public static OutPart Parameter(string name, ExpressionSyntax value, bool repeated) => new(null, null, name, value, repeated);
}

/// <summary>The parameterized SQL, written back as a C# literal (ADO.NET, Dapper) or an interpolated string (EF Core).</summary>
internal sealed class Parameterized
{
    public Parameterized(SqlText source, List<OutPart> parts)
    {
        Source = source;
        Parts = parts;
    }

    public SqlText Source { get; }

    public List<OutPart> Parts { get; }

    /// <summary>The parameters in order of first appearance.</summary>
    public IEnumerable<OutPart> Parameters => Parts.Where(p => p.Name is not null && !p.Repeated);

    /// <summary>The SQL with <paramref name="prefix"/>name placeholders, as a string literal (or a concatenation with kept constants).</summary>
    public ExpressionSyntax? ToCommandText(string prefix)
    {
        var pieces = new List<(string? Text, ExpressionSyntax? Constant)>();
        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            if (part.ConstantPart is { } constant)
            {
                if (text.Length > 0)
                {
                    pieces.Add((text.ToString(), null));
                    text.Clear();
                }

                pieces.Add((null, constant.Expression));
            }
            else
            {
                text.Append(part.TextValue ?? prefix + part.Name);
            }
        }

        if (text.Length > 0)
        {
            pieces.Add((text.ToString(), null));
        }

        var code = new StringBuilder();
        foreach (var (value, constant) in pieces)
        {
            if (code.Length > 0)
            {
                code.Append(" + ");
            }

            code.Append(constant is not null ? constant.WithoutTrivia().ToString() : Literal(value!, pieces.Count == 1));
        }

        return Checked(code.ToString());
    }

    /// <summary>The SQL as an interpolated string whose holes are the parameters' values (EF Core's <c>FromSql</c>).</summary>
    public ExpressionSyntax? ToInterpolatedString()
    {
        var text = new StringBuilder();
        var holes = new List<(int Position, string Code)>();
        foreach (var part in Parts)
        {
            if (part.Name is not null)
            {
                var value = part.Value!;
                holes.Add((text.Length, value is ConditionalExpressionSyntax ? "(" + value + ")" : value.ToString()));
            }
            else
            {
                text.Append(part.TextValue ?? part.ConstantPart!.Value);
            }
        }

        var content = text.ToString();
        string code;
        switch (Source.Family)
        {
            case SqlText.LiteralFamily.Raw:
                code = RawInterpolated(content, holes);
                break;
            default:
                var verbatim = Source.Family == SqlText.LiteralFamily.Verbatim;
                var builder = new StringBuilder(verbatim ? "$@\"" : "$\"");
                var at = 0;
                foreach (var (position, hole) in holes)
                {
                    builder.Append(EscapeFor(content.Substring(at, position - at), verbatim)).Append('{').Append(hole).Append('}');
                    at = position;
                }

                builder.Append(EscapeFor(content.Substring(at), verbatim)).Append('"');
                code = builder.ToString();
                break;
        }

        return Checked(code);
    }

    private static string EscapeFor(string text, bool verbatim)
        => verbatim ? text.Replace("\"", "\"\"").Replace("{", "{{").Replace("}", "}}") : SqlText.EscapeRegular(text, braces: true);

    private string Literal(string value, bool alone)
    {
        switch (Source.Family)
        {
            case SqlText.LiteralFamily.Verbatim:
                return "@\"" + value.Replace("\"", "\"\"") + "\"";
            case SqlText.LiteralFamily.Raw when alone:
                return RawLiteral(value, dollars: 0);
            default:
                return "\"" + SqlText.EscapeRegular(value, braces: false) + "\"";
        }
    }

    private string RawInterpolated(string content, List<(int Position, string Code)> holes)
    {
        var braces = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c is '{' or '}' ? run + 1 : 0;
            braces = Math.Max(braces, run);
        }

        var dollars = braces + 1;
        var open = new string('{', dollars);
        var close = new string('}', dollars);
        var builder = new StringBuilder();
        var at = 0;
        foreach (var (position, hole) in holes)
        {
            builder.Append(content, at, position - at).Append(open).Append(hole).Append(close);
            at = position;
        }

        builder.Append(content, at, content.Length - at);
        return RawLiteral(builder.ToString(), dollars);
    }

    /// <summary>A raw literal of <paramref name="value"/> laid out like the original (multi-line with its indentation, or one line).</summary>
    private string RawLiteral(string value, int dollars)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var quotes = new string('"', Math.Max(3, longest + 1));
        var prefix = new string('$', dollars);
        var multiLine = Source.Indentation.Length > 0 || value.IndexOf('\n') >= 0 || Source.Expression.ToString().IndexOf('\n') >= 0;
        if (!multiLine && !value.StartsWith("\"", StringComparison.Ordinal) && !value.EndsWith("\"", StringComparison.Ordinal))
        {
            return prefix + quotes + value + quotes;
        }

        var newLine = Source.NewLine;
        var builder = new StringBuilder(prefix).Append(quotes).Append(newLine);
        foreach (var line in value.Replace("\r\n", "\n").Split('\n'))
        {
            builder.Append(line.Length == 0 ? string.Empty : Source.Indentation + line).Append(newLine);
        }

        return builder.Append(Source.Indentation).Append(quotes).ToString();
    }

    private static ExpressionSyntax? Checked(string code)
    {
        var parsed = SyntaxFactory.ParseExpression(code);
        return parsed.ContainsDiagnostics || parsed.FullSpan.Length != code.Length ? null : parsed;
    }
}
