using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Xml;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>An XML attribute of a build file with the spans of its name and (raw) value in the file's text.</summary>
public sealed class BuildXmlAttribute
{
    internal BuildXmlAttribute(string name, string value, TextSpan nameSpan, TextSpan valueSpan, string namespaceUri = "")
    {
        Name = name;
        Value = value;
        NameSpan = nameSpan;
        ValueSpan = valueSpan;
        NamespaceUri = namespaceUri;
    }

    /// <summary>The local name.</summary>
    public string Name { get; }

    /// <summary>The namespace URI (empty for an attribute without a prefix).</summary>
    public string NamespaceUri { get; }

    /// <summary>The value with entities resolved.</summary>
    public string Value { get; }

    /// <summary>Span of the attribute name.</summary>
    public TextSpan NameSpan { get; }

    /// <summary>Span of the value between the quotes (raw text).</summary>
    public TextSpan ValueSpan { get; }
}

/// <summary>An XML element of a build file: name, attributes, children, text, and where it is.</summary>
public sealed class BuildXmlElement
{
    private readonly List<BuildXmlElement> _children = new();

    internal BuildXmlElement(string name, TextSpan nameSpan, ImmutableArray<BuildXmlAttribute> attributes, BuildXmlElement? parent, string namespaceUri = "")
    {
        Name = name;
        NameSpan = nameSpan;
        Attributes = attributes;
        Parent = parent;
        NamespaceUri = namespaceUri;
    }

    /// <summary>The local name.</summary>
    public string Name { get; }

    /// <summary>
    /// The namespace URI (empty when the element is in no namespace). MSBuild and NuGet files are read by local name;
    /// the namespace matters for sections their readers select by namespace (assembly binding in app.config).
    /// </summary>
    public string NamespaceUri { get; }

    /// <summary>Span of the name in the start tag.</summary>
    public TextSpan NameSpan { get; }

    /// <summary>The attributes in document order.</summary>
    public ImmutableArray<BuildXmlAttribute> Attributes { get; }

    /// <summary>The parent element (null for the root).</summary>
    public BuildXmlElement? Parent { get; }

    /// <summary>Child elements in document order.</summary>
    public IReadOnlyList<BuildXmlElement> Children => _children;

    /// <summary>The element's own text content (trimmed), or null when it has none.</summary>
    public string? Text { get; private set; }

    /// <summary>Span of the text content (untrimmed raw text node), when there is one.</summary>
    public TextSpan TextSpan { get; private set; }

    /// <summary>Span of the whole start tag name for elements without text, else of the text.</summary>
    public TextSpan ValueOrNameSpan => Text is null ? NameSpan : TextSpan;

    /// <summary>The attribute with this name (case-insensitive, as MSBuild and NuGet read them), or null.</summary>
    public BuildXmlAttribute? Attribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The first child element with this name (case-insensitive), or null.</summary>
    public BuildXmlElement? Child(string name)
    {
        foreach (var child in _children)
        {
            if (string.Equals(child.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>This element and every element below it, in document order.</summary>
    public IEnumerable<BuildXmlElement> DescendantsAndSelf()
    {
        var stack = new Stack<BuildXmlElement>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            for (var i = element._children.Count - 1; i >= 0; i--)
            {
                stack.Push(element._children[i]);
            }
        }
    }

    /// <summary>True when the element is named <paramref name="name"/> (case-insensitive).</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    internal void Add(BuildXmlElement child) => _children.Add(child);

    internal void SetText(string text, TextSpan span)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        var leading = text.Length - text.TrimStart().Length;
        Text = trimmed;
        TextSpan = new TextSpan(span.Start + leading, trimmed.Length);
    }
}

/// <summary>
/// A build file (project, props, nuget.config) parsed with positions. Never throws on bad input: a malformed document
/// has <see cref="Root"/> null and an <see cref="Error"/> with the line and column the XML reader stopped at.
/// </summary>
public sealed class BuildXml
{
    private BuildXml(BuildXmlElement? root, string? error, TextSpan errorSpan)
    {
        Root = root;
        Error = error;
        ErrorSpan = errorSpan;
    }

    /// <summary>The document element, or null when the text is not well-formed XML.</summary>
    public BuildXmlElement? Root { get; }

    /// <summary>What is wrong with the document, or null.</summary>
    public string? Error { get; }

    /// <summary>Where the error is.</summary>
    public TextSpan ErrorSpan { get; }

    /// <summary>Every element of the document, in document order (empty when malformed).</summary>
    public IEnumerable<BuildXmlElement> Elements => Root?.DescendantsAndSelf() ?? Array.Empty<BuildXmlElement>();

    /// <summary>Parses <paramref name="text"/>. DTDs are prohibited and external resources never resolved.</summary>
    public static BuildXml Parse(SourceText text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        BuildXmlElement? root = null;
        var stack = new Stack<BuildXmlElement>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text.ToString()), settings);
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        var nameStart = Offset(text, info.LineNumber, info.LinePosition);
                        var nameSpan = new TextSpan(nameStart, Math.Min(reader.Name.Length, text.Length - nameStart));
                        var attributes = ReadAttributes(reader, info, text);
                        var parent = stack.Count > 0 ? stack.Peek() : null;
                        var element = new BuildXmlElement(reader.LocalName, nameSpan, attributes, parent, reader.NamespaceURI);
                        parent?.Add(element);
                        root ??= element;
                        if (!reader.IsEmptyElement)
                        {
                            stack.Push(element);
                        }

                        break;
                    }

                    case XmlNodeType.EndElement:
                        if (stack.Count > 0)
                        {
                            stack.Pop();
                        }

                        break;

                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                        if (stack.Count > 0)
                        {
                            var start = Offset(text, info.LineNumber, info.LinePosition);
                            var value = reader.Value;
                            stack.Peek().SetText(value, new TextSpan(start, Math.Min(value.Length, text.Length - start)));
                        }

                        break;
                }
            }

            return root is null
                ? new BuildXml(null, "the file has no root element", new TextSpan(0, 0))
                : new BuildXml(root, null, default);
        }
        catch (XmlException e)
        {
            var offset = e.LineNumber > 0 ? Offset(text, e.LineNumber, Math.Max(1, e.LinePosition)) : 0;
            return new BuildXml(null, e.Message, new TextSpan(offset, 0));
        }
    }

    private static ImmutableArray<BuildXmlAttribute> ReadAttributes(XmlReader reader, IXmlLineInfo info, SourceText text)
    {
        if (!reader.HasAttributes)
        {
            return ImmutableArray<BuildXmlAttribute>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<BuildXmlAttribute>(reader.AttributeCount);
        while (reader.MoveToNextAttribute())
        {
            var nameStart = Offset(text, info.LineNumber, info.LinePosition);
            var nameSpan = new TextSpan(nameStart, Math.Min(reader.Name.Length, text.Length - nameStart));
            builder.Add(new BuildXmlAttribute(reader.LocalName, reader.Value, nameSpan, ValueSpan(text, nameSpan.End), reader.NamespaceURI));
        }

        reader.MoveToElement();
        return builder.ToImmutable();
    }

    /// <summary>The raw value between the quotes that follow an attribute name.</summary>
    private static TextSpan ValueSpan(SourceText text, int afterName)
    {
        var i = afterName;
        while (i < text.Length && text[i] != '"' && text[i] != '\'')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return new TextSpan(afterName, 0);
        }

        var quote = text[i];
        var start = i + 1;
        var end = start;
        while (end < text.Length && text[end] != quote)
        {
            end++;
        }

        return TextSpan.FromBounds(start, end);
    }

    private static int Offset(SourceText text, int line, int column)
    {
        if (line < 1 || line > text.Lines.Count)
        {
            return text.Length;
        }

        var lineStart = text.Lines[line - 1].Start;
        return Math.Min(text.Length, lineStart + Math.Max(0, column - 1));
    }
}
