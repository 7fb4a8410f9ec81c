using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// Does a .NET regular expression backtrack catastrophically (exponentially, or polynomially with a high degree) on
/// a crafted input? A small parser of the pattern language and two classic tests, precise rather than complete:
/// <list type="bullet">
/// <item>a repeated group (<c>*</c>, <c>+</c>, <c>{n,}</c>, or a count of 3 or more) whose body holds an unbounded
/// repetition that the rest of the body cannot pin down: every other part is optional (<c>(a+)+</c>,
/// <c>(\w+\s?)*</c>, <c>(a*b*)*</c>) or a required part can be matched by the repetition too (<c>(.*a){10}</c>,
/// <c>(.*,)+</c>, <c>(\w+\d)+</c>); <c>(\d+\.)+</c> and <c>([^,]+,)*</c> are linear and not reported;</item>
/// <item>a repeated alternation whose alternatives can start with the same character (<c>(a|a)*</c>,
/// <c>(\w|\d)+</c>, <c>(a|ab)*</c>).</item>
/// </list>
/// Atomic groups (<c>(?&gt;...)</c>) and lookarounds do not backtrack into their content and are not reported.
/// Character sets are compared on sample characters (ASCII and a few others), which is what the patterns in
/// question are written for. A pattern that does not parse is not reported (the regex constructor rejects it).
/// </summary>
internal static class BacktrackingPattern
{
    private const int IgnorePatternWhitespace = 0x20;

    /// <summary>The sample characters sets are compared on.</summary>
    private static readonly char[] Samples = BuildSamples();

    /// <summary>True when <paramref name="pattern"/> can backtrack catastrophically.</summary>
    public static bool IsCatastrophic(string pattern, int options = 0)
    {
        try
        {
            var parser = new Parser(pattern, (options & IgnorePatternWhitespace) != 0);
            var root = parser.ParseAlternation();
            return !parser.AtEnd ? false : Check(root);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    private static bool Check(Group group)
    {
        foreach (var alternative in group.Alternatives)
        {
            foreach (var term in alternative)
            {
                if (term.Atom is not Group inner || inner.Opaque)
                {
                    continue;
                }

                if (term.Max == Unbounded || term.Max >= 3)
                {
                    if (IsAmbiguousRepetition(inner, term.Max == Unbounded))
                    {
                        return true;
                    }
                }

                if (Check(inner))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A repeated group whose body can split the same text in many ways.</summary>
    private static bool IsAmbiguousRepetition(Group body, bool unbounded)
    {
        if (unbounded && body.Alternatives.Count > 1)
        {
            for (var i = 0; i < body.Alternatives.Count; i++)
            {
                for (var j = i + 1; j < body.Alternatives.Count; j++)
                {
                    if (Overlap(First(body.Alternatives[i]), First(body.Alternatives[j])))
                    {
                        return true;
                    }
                }
            }
        }

        foreach (var alternative in body.Alternatives)
        {
            for (var i = 0; i < alternative.Count; i++)
            {
                if (!IsUnboundedRepetition(alternative[i]))
                {
                    continue;
                }

                var repeated = Chars(alternative[i].Atom);
                var pinned = false;
                var othersOptional = true;
                for (var j = 0; j < alternative.Count; j++)
                {
                    if (j == i || Nullable(alternative[j]))
                    {
                        continue;
                    }

                    othersOptional = false;
                    if (!Overlap(repeated, Chars(alternative[j].Atom)))
                    {
                        pinned = true;
                    }
                }

                if (othersOptional || !pinned)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A term that repeats without bound: <c>a+</c>, <c>\w*</c>, or a group holding one (<c>(ab+)</c>).</summary>
    private static bool IsUnboundedRepetition(Term term)
    {
        if (term.Max == Unbounded && !(term.Atom is Group { Opaque: true }))
        {
            return true;
        }

        if (term.Atom is Group { Opaque: false } group)
        {
            foreach (var alternative in group.Alternatives)
            {
                foreach (var inner in alternative)
                {
                    if (IsUnboundedRepetition(inner))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Nullable(Term term) => term.Min == 0 || Nullable(term.Atom);

    private static bool Nullable(Atom atom)
    {
        switch (atom)
        {
            case Group group:
                if (group.Opaque && group.ZeroWidth)
                {
                    return true;
                }

                foreach (var alternative in group.Alternatives)
                {
                    var all = true;
                    foreach (var term in alternative)
                    {
                        all &= Nullable(term);
                    }

                    if (all)
                    {
                        return true;
                    }
                }

                return false;
            case CharSet:
                return false;
            default:
                return true;
        }
    }

    /// <summary>The characters an atom can match anywhere in its text.</summary>
    private static bool[] Chars(Atom atom)
    {
        var result = new bool[Samples.Length];
        AddChars(atom, result);
        return result;
    }

    private static void AddChars(Atom atom, bool[] result)
    {
        switch (atom)
        {
            case CharSet set:
                for (var i = 0; i < Samples.Length; i++)
                {
                    result[i] |= set.Matches(Samples[i]);
                }

                break;
            case Group { ZeroWidth: false } group:
                foreach (var alternative in group.Alternatives)
                {
                    foreach (var term in alternative)
                    {
                        AddChars(term.Atom, result);
                    }
                }

                break;
        }
    }

    /// <summary>The characters an alternative can start with.</summary>
    private static bool[] First(List<Term> alternative)
    {
        var result = new bool[Samples.Length];
        foreach (var term in alternative)
        {
            AddFirst(term.Atom, result);
            if (!Nullable(term))
            {
                break;
            }
        }

        return result;
    }

    private static void AddFirst(Atom atom, bool[] result)
    {
        switch (atom)
        {
            case CharSet:
                AddChars(atom, result);
                break;
            case Group { ZeroWidth: false } group:
                foreach (var alternative in group.Alternatives)
                {
                    var first = First(alternative);
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] |= first[i];
                    }
                }

                break;
        }
    }

    private static bool Overlap(bool[] a, bool[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] && b[i])
            {
                return true;
            }
        }

        return false;
    }

    private static char[] BuildSamples()
    {
        var samples = new List<char>();
        for (var c = 0; c < 128; c++)
        {
            samples.Add((char)c);
        }

        samples.AddRange(new[] { '\u00A0', '\u00E9', '\u00DF', '\u0416', '\u4E2D', '\u2028', '\u0663', '\uFF10' });
        return samples.ToArray();
    }

    private const int Unbounded = -1;

    private abstract class Atom
    {
    }

    /// <summary>A group: alternatives of sequences. Opaque: atomic or lookaround (no backtracking into it).</summary>
    private sealed class Group : Atom
    {
        public List<List<Term>> Alternatives { get; } = new();

        public bool Opaque { get; set; }

        public bool ZeroWidth { get; set; }
    }

    /// <summary>Something that matches no character: anchors, inline options, backreferences (approximated).</summary>
    private sealed class Empty : Atom
    {
    }

    private sealed class CharSet : Atom
    {
        private readonly Func<char, bool> _matches;

        public CharSet(Func<char, bool> matches) => _matches = matches;

        public bool Matches(char c) => _matches(c);
    }

    private readonly struct Term
    {
        public Term(Atom atom, int min, int max)
        {
            Atom = atom;
            Min = min;
            Max = max;
        }

        public Atom Atom { get; }

        public int Min { get; }

        public int Max { get; }
    }

    private sealed class Parser
    {
        private readonly string _pattern;
        private readonly bool _extended;
        private int _position;

        public Parser(string pattern, bool extended)
        {
            _pattern = pattern;
            _extended = extended;
        }

        public bool AtEnd => _position >= _pattern.Length;

        public Group ParseAlternation()
        {
            var group = new Group();
            var sequence = new List<Term>();
            group.Alternatives.Add(sequence);
            while (!AtEnd)
            {
                var c = _pattern[_position];
                if (c == ')')
                {
                    break;
                }

                if (c == '|')
                {
                    _position++;
                    sequence = new List<Term>();
                    group.Alternatives.Add(sequence);
                    continue;
                }

                if (_extended && char.IsWhiteSpace(c))
                {
                    _position++;
                    continue;
                }

                if (_extended && c == '#')
                {
                    while (!AtEnd && _pattern[_position] != '\n')
                    {
                        _position++;
                    }

                    continue;
                }

                var atom = ParseAtom();
                var (min, max) = ParseQuantifier();
                sequence.Add(new Term(atom, min, max));
            }

            return group;
        }

        private Atom ParseAtom()
        {
            var c = _pattern[_position++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    return ParseClass();
                case '\\':
                    return ParseEscape(inClass: false);
                case '.':
                    return new CharSet(ch => ch != '\n');
                case '^' or '$':
                    return new Empty();
                case '*' or '+' or '?' or '{' when c != '{' || IsQuantifierAt(_position - 1):
                    throw new FormatException("quantifier without an operand");
                default:
                    return Literal(c);
            }
        }

        private Atom ParseGroup()
        {
            var opaque = false;
            var zeroWidth = false;
            if (Peek('?'))
            {
                _position++;
                if (AtEnd)
                {
                    throw new FormatException("unterminated group");
                }

                var kind = _pattern[_position];
                switch (kind)
                {
                    case ':':
                        _position++;
                        break;
                    case '>':
                        _position++;
                        opaque = true;
                        break;
                    case '=' or '!':
                        _position++;
                        opaque = zeroWidth = true;
                        break;
                    case '#':
                        while (!AtEnd && _pattern[_position] != ')')
                        {
                            _position++;
                        }

                        Expect(')');
                        return new Empty();
                    case '<' when _position + 1 < _pattern.Length && _pattern[_position + 1] is '=' or '!':
                        _position += 2;
                        opaque = zeroWidth = true;
                        break;
                    case '<' or '\'':
                        var close = kind == '<' ? '>' : '\'';
                        var end = _pattern.IndexOf(close, _position + 1);
                        if (end < 0)
                        {
                            throw new FormatException("unterminated group name");
                        }

                        _position = end + 1;
                        break;
                    case '(':
                        // (?(condition)yes|no): treat the condition as a group and the rest as alternatives.
                        break;
                    default:
                        // Inline options: (?i) or (?i:...)
                        while (!AtEnd && _pattern[_position] is not (':' or ')'))
                        {
                            _position++;
                        }

                        if (Peek(')'))
                        {
                            _position++;
                            return new Empty();
                        }

                        Expect(':');
                        break;
                }
            }

            var group = ParseAlternation();
            Expect(')');
            group.Opaque = opaque;
            group.ZeroWidth = zeroWidth;
            return group;
        }

        private Atom ParseClass()
        {
            var negated = Peek('^');
            if (negated)
            {
                _position++;
            }

            var parts = new List<Func<char, bool>>();
            var first = true;
            while (true)
            {
                if (AtEnd)
                {
                    throw new FormatException("unterminated class");
                }

                var c = _pattern[_position];
                if (c == ']' && !first)
                {
                    _position++;
                    break;
                }

                first = false;
                if (c == '-' && _position + 1 < _pattern.Length && _pattern[_position + 1] == '[')
                {
                    // Subtraction [a-z-[aeiou]]: approximated by the base set.
                    _position++;
                    ParseClass();
                    continue;
                }

                _position++;
                Func<char, bool> part;
                char? single = null;
                if (c == '\\')
                {
                    var escape = (CharSet)ParseEscape(inClass: true);
                    part = escape.Matches;
                    single = _lastEscapedChar;
                }
                else
                {
                    single = c;
                    var ch = c;
                    part = x => x == ch;
                }

                if (single is { } low && Peek('-') && _position + 1 < _pattern.Length && _pattern[_position + 1] != ']')
                {
                    _position++;
                    var highChar = _pattern[_position++];
                    if (highChar == '\\')
                    {
                        ParseEscape(inClass: true);
                        highChar = _lastEscapedChar ?? throw new FormatException("bad range");
                    }

                    var high = highChar;
                    part = x => x >= low && x <= high;
                }

                parts.Add(part);
            }

            return new CharSet(ch =>
            {
                var any = false;
                foreach (var part in parts)
                {
                    if (part(ch))
                    {
                        any = true;
                        break;
                    }
                }

                return any != negated;
            });
        }

        private char? _lastEscapedChar;

        private Atom ParseEscape(bool inClass)
        {
            _lastEscapedChar = null;
            if (AtEnd)
            {
                throw new FormatException("trailing backslash");
            }

            var c = _pattern[_position++];
            switch (c)
            {
                case 'd':
                    return new CharSet(char.IsDigit);
                case 'D':
                    return new CharSet(ch => !char.IsDigit(ch));
                case 'w':
                    return new CharSet(IsWord);
                case 'W':
                    return new CharSet(ch => !IsWord(ch));
                case 's':
                    return new CharSet(char.IsWhiteSpace);
                case 'S':
                    return new CharSet(ch => !char.IsWhiteSpace(ch));
                case 'p' or 'P':
                    // \p{L}, \p{Lu}, \p{IsGreek}: approximated as letters-or-anything.
                    var close = _pattern.IndexOf('}', _position);
                    if (close < 0 || !Peek('{'))
                    {
                        throw new FormatException("bad category");
                    }

                    var name = _pattern.Substring(_position + 1, close - _position - 1);
                    _position = close + 1;
                    Func<char, bool> category = name.StartsWith("L", StringComparison.Ordinal) ? char.IsLetter
                        : name.StartsWith("N", StringComparison.Ordinal) ? char.IsDigit
                        : _ => true;
                    return c == 'p' ? new CharSet(category) : new CharSet(ch => !category(ch));
                case 'b' when !inClass:
                case 'B' or 'A' or 'z' or 'Z' or 'G':
                    return new Empty();
                case 'k':
                    SkipName();
                    return new CharSet(_ => true);
                case >= '1' and <= '9' when !inClass:
                    while (!AtEnd && char.IsDigit(_pattern[_position]))
                    {
                        _position++;
                    }

                    return new CharSet(_ => true);
                case 'x':
                    return Literal(HexChar(2));
                case 'u':
                    return Literal(HexChar(4));
                case 'c':
                    _position++;
                    return new CharSet(char.IsControl);
                case '0':
                    return Literal('\0');
                default:
                    var literal = c switch
                    {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'f' => '\f',
                        'v' => '\v',
                        'e' => '\u001B',
                        'a' => '\a',
                        'b' => '\b',
                        _ => c,
                    };
                    return Literal(literal);
            }
        }

        private CharSet Literal(char c)
        {
            _lastEscapedChar = c;
            return new CharSet(ch => ch == c);
        }

        private char HexChar(int digits)
        {
            if (_position + digits > _pattern.Length)
            {
                throw new FormatException("bad hex escape");
            }

            var value = 0;
            for (var i = 0; i < digits; i++)
            {
                var h = _pattern[_position++];
                var d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : throw new FormatException("bad hex digit");
                value = (value * 16) + d;
            }

            return (char)value;
        }

        private void SkipName()
        {
            if (AtEnd || _pattern[_position] is not ('<' or '\''))
            {
                throw new FormatException("bad name");
            }

            var close = _pattern[_position] == '<' ? '>' : '\'';
            var end = _pattern.IndexOf(close, _position + 1);
            _position = end < 0 ? throw new FormatException("bad name") : end + 1;
        }

        private (int Min, int Max) ParseQuantifier()
        {
            if (AtEnd)
            {
                return (1, 1);
            }

            (int, int) result;
            switch (_pattern[_position])
            {
                case '*':
                    _position++;
                    result = (0, Unbounded);
                    break;
                case '+':
                    _position++;
                    result = (1, Unbounded);
                    break;
                case '?':
                    _position++;
                    result = (0, 1);
                    break;
                case '{' when IsQuantifierAt(_position):
                    var close = _pattern.IndexOf('}', _position);
                    var body = _pattern.Substring(_position + 1, close - _position - 1);
                    _position = close + 1;
                    var comma = body.IndexOf(',');
                    if (comma < 0)
                    {
                        var n = int.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
                        result = (n, n);
                    }
                    else
                    {
                        var min = int.Parse(body.Substring(0, comma), System.Globalization.CultureInfo.InvariantCulture);
                        var rest = body.Substring(comma + 1);
                        result = (min, rest.Length == 0 ? Unbounded : int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                default:
                    return (1, 1);
            }

            // Lazy quantifiers backtrack the same way.
            if (Peek('?'))
            {
                _position++;
            }

            return result;
        }

        /// <summary><c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c> at <paramref name="at"/>; otherwise <c>{</c> is a literal.</summary>
        private bool IsQuantifierAt(int at)
        {
            if (at >= _pattern.Length || _pattern[at] != '{')
            {
                return false;
            }

            var close = _pattern.IndexOf('}', at);
            if (close < 0)
            {
                return false;
            }

            var body = _pattern.Substring(at + 1, close - at - 1);
            var comma = body.IndexOf(',');
            var min = comma < 0 ? body : body.Substring(0, comma);
            var max = comma < 0 ? "0" : body.Substring(comma + 1);
            return min.Length > 0 && IsDigits(min) && (max.Length == 0 || IsDigits(max));
        }

        private static bool IsDigits(string text)
        {
            foreach (var c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return text.Length <= 9;
        }

        private bool Peek(char c) => !AtEnd && _pattern[_position] == c;

        private void Expect(char c)
        {
            if (!Peek(c))
            {
                throw new FormatException("expected " + c);
            }

            _position++;
        }

        private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;
    }
}
