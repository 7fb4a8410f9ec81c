using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>The kind of a JSON value.</summary>
public enum JsonKind
{
    /// <summary>An object.</summary>
    Object,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number (kept as text).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,
}

/// <summary>A property of a JSON object with the span of its name.</summary>
public sealed class JsonProperty
{
    internal JsonProperty(string name, TextSpan nameSpan, JsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>Span of the name including its quotes.</summary>
    public TextSpan NameSpan { get; }

    /// <summary>The value.</summary>
    public JsonValue Value { get; }
}

/// <summary>A JSON value with its span in the file's text.</summary>
public sealed class JsonValue
{
    private static readonly IReadOnlyList<JsonProperty> NoProperties = Array.Empty<JsonProperty>();
    private static readonly IReadOnlyList<JsonValue> NoItems = Array.Empty<JsonValue>();

    internal JsonValue(JsonKind kind, TextSpan span, string? text, IReadOnlyList<JsonProperty>? properties, IReadOnlyList<JsonValue>? items)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Properties = properties ?? NoProperties;
        Items = items ?? NoItems;
    }

    /// <summary>The kind of value.</summary>
    public JsonKind Kind { get; }

    /// <summary>Where the value is.</summary>
    public TextSpan Span { get; }

    /// <summary>The string (unescaped), number text or boolean text; null for objects, arrays and null.</summary>
    public string? Text { get; }

    /// <summary>Object properties in document order (empty for other kinds).</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Array items (empty for other kinds).</summary>
    public IReadOnlyList<JsonValue> Items { get; }

    /// <summary>The value of the property named <paramref name="name"/> (ordinal), or null.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            foreach (var property in Properties)
            {
                if (property.Name == name)
                {
                    return property.Value;
                }
            }

            return null;
        }
    }
}

/// <summary>
/// A lock or assets file parsed with positions by a small reader of our own (the analyzer must not ship or load a JSON
/// library). Never throws on bad input: a malformed document has <see cref="Root"/> null and an <see cref="Error"/>.
/// </summary>
public sealed class BuildJson
{
    private BuildJson(JsonValue? root, string? error, TextSpan errorSpan)
    {
        Root = root;
        Error = error;
        ErrorSpan = errorSpan;
    }

    /// <summary>The top-level value, or null when the text is not valid JSON.</summary>
    public JsonValue? Root { get; }

    /// <summary>What is wrong, or null.</summary>
    public string? Error { get; }

    /// <summary>Where the error is.</summary>
    public TextSpan ErrorSpan { get; }

    /// <summary>Parses <paramref name="text"/>. The document keeps no reference to the text (the parse cache holds documents).</summary>
    public static BuildJson Parse(SourceText text) => Parse(text, lenient: false);

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="lenient"/> also accepts <c>//</c> and <c>/* */</c> comments and
    /// trailing commas, as the .NET JSON configuration provider does for appsettings files.
    /// </summary>
    public static BuildJson Parse(SourceText text, bool lenient)
    {
        var reader = new Reader(text, lenient);
        try
        {
            reader.SkipWhitespace();
            var root = reader.ReadValue(0);
            reader.SkipWhitespace();
            if (reader.Position < text.Length)
            {
                throw new FormatException("unexpected text after the JSON value");
            }

            return new BuildJson(root, null, default);
        }
        catch (FormatException e)
        {
            return new BuildJson(null, e.Message, new TextSpan(Math.Min(reader.Position, text.Length), 0));
        }
    }

    private sealed class Reader
    {
        private const int MaxDepth = 64;

        private readonly SourceText _text;
        private readonly bool _lenient;
        private int _position;

        public Reader(SourceText text, bool lenient)
        {
            _text = text;
            _lenient = lenient;
        }

        public int Position => _position;

        public JsonValue ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new FormatException("the JSON is nested too deeply");
            }

            if (_position >= _text.Length)
            {
                throw new FormatException("unexpected end of the file");
            }

            var start = _position;
            switch (_text[_position])
            {
                case '{':
                    return ReadObject(depth);
                case '[':
                    return ReadArray(depth);
                case '"':
                    var s = ReadString();
                    return new JsonValue(JsonKind.String, TextSpan.FromBounds(start, _position), s, null, null);
                case 't':
                    return ReadLiteral("true", JsonKind.Boolean);
                case 'f':
                    return ReadLiteral("false", JsonKind.Boolean);
                case 'n':
                    return ReadLiteral("null", JsonKind.Null);
                default:
                    return ReadNumber();
            }
        }

        private JsonValue ReadObject(int depth)
        {
            var start = _position++;
            var properties = new List<JsonProperty>();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return new JsonValue(JsonKind.Object, TextSpan.FromBounds(start, _position), null, properties, null);
            }

            while (true)
            {
                SkipWhitespace();
                if (_lenient && Peek() == '}' && properties.Count > 0)
                {
                    _position++;
                    return new JsonValue(JsonKind.Object, TextSpan.FromBounds(start, _position), null, properties, null);
                }

                if (Peek() != '"')
                {
                    throw new FormatException("expected a property name in quotes");
                }

                var nameStart = _position;
                var name = ReadString();
                var nameSpan = TextSpan.FromBounds(nameStart, _position);
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                properties.Add(new JsonProperty(name, nameSpan, ReadValue(depth + 1)));
                SkipWhitespace();
                var c = Peek();
                _position++;
                if (c == '}')
                {
                    return new JsonValue(JsonKind.Object, TextSpan.FromBounds(start, _position), null, properties, null);
                }

                if (c != ',')
                {
                    _position--;
                    throw new FormatException("expected ',' or '}'");
                }
            }
        }

        private JsonValue ReadArray(int depth)
        {
            var start = _position++;
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return new JsonValue(JsonKind.Array, TextSpan.FromBounds(start, _position), null, null, items);
            }

            while (true)
            {
                SkipWhitespace();
                if (_lenient && Peek() == ']' && items.Count > 0)
                {
                    _position++;
                    return new JsonValue(JsonKind.Array, TextSpan.FromBounds(start, _position), null, null, items);
                }

                items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                var c = Peek();
                _position++;
                if (c == ']')
                {
                    return new JsonValue(JsonKind.Array, TextSpan.FromBounds(start, _position), null, null, items);
                }

                if (c != ',')
                {
                    _position--;
                    throw new FormatException("expected ',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            Expect('"');
            var builder = new StringBuilder();
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw new FormatException("unterminated string");
                }

                var c = _text[_position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c == '\\')
                {
                    if (_position >= _text.Length)
                    {
                        throw new FormatException("unterminated string");
                    }

                    var escaped = _text[_position++];
                    switch (escaped)
                    {
                        case '"': builder.Append('"'); break;
                        case '\\': builder.Append('\\'); break;
                        case '/': builder.Append('/'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case 'u':
                            if (_position + 4 > _text.Length
                                || !int.TryParse(_text.ToString(new TextSpan(_position, 4)), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            {
                                throw new FormatException("invalid \\u escape");
                            }

                            builder.Append((char)code);
                            _position += 4;
                            break;
                        default:
                            _position--;
                            throw new FormatException("invalid escape sequence");
                    }
                }
                else if (c < ' ')
                {
                    _position--;
                    throw new FormatException("control character in a string");
                }
                else
                {
                    builder.Append(c);
                }
            }
        }

        private JsonValue ReadNumber()
        {
            var start = _position;
            while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or 'e' or 'E'))
            {
                _position++;
            }

            if (_position == start)
            {
                throw new FormatException($"unexpected character '{_text[start]}'");
            }

            var span = TextSpan.FromBounds(start, _position);
            return new JsonValue(JsonKind.Number, span, _text.ToString(span), null, null);
        }

        private JsonValue ReadLiteral(string literal, JsonKind kind)
        {
            var start = _position;
            if (_position + literal.Length > _text.Length || _text.ToString(new TextSpan(_position, literal.Length)) != literal)
            {
                throw new FormatException($"unexpected character '{_text[_position]}'");
            }

            _position += literal.Length;
            return new JsonValue(kind, TextSpan.FromBounds(start, _position), kind == JsonKind.Null ? null : literal, null, null);
        }

        private void Expect(char expected)
        {
            if (Peek() != expected)
            {
                throw new FormatException($"expected '{expected}'");
            }

            _position++;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        public void SkipWhitespace()
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
                {
                    _position++;
                }
                else if (_lenient && c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                {
                    while (_position < _text.Length && _text[_position] != '\n')
                    {
                        _position++;
                    }
                }
                else if (_lenient && c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
                {
                    var start = _position;
                    _position += 2;
                    while (_position + 1 < _text.Length && !(_text[_position] == '*' && _text[_position + 1] == '/'))
                    {
                        _position++;
                    }

                    if (_position + 1 >= _text.Length)
                    {
                        _position = start;
                        throw new FormatException("unterminated comment");
                    }

                    _position += 2;
                }
                else
                {
                    return;
                }
            }
        }
    }
}
