using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// Text edits on MSBuild XML files (project, props) that keep the file's own layout: its line endings, the
/// indentation of its elements, everything else byte for byte. Positions come from <see cref="BuildXml"/>; the ends of
/// tags, which it does not record, are found by scanning the text (quote-aware for start tags).
/// </summary>
internal static class BuildXmlEdits
{
    /// <summary>
    /// Adds <paramref name="property"/> (a complete element) as the last child of the first PropertyGroup directly
    /// under the root that has no condition, or in a new PropertyGroup at the end of the root. Default (no change)
    /// when neither is possible (self-closing root, unmatched tags).
    /// </summary>
    public static ImmutableArray<TextChange> AddProperty(SourceText text, BuildXmlElement root, string property)
    {
        var content = text.ToString();
        var newline = NewLine(content);
        var unit = IndentUnit(text, root);
        foreach (var group in root.Children)
        {
            if (!group.Is("PropertyGroup") || group.Attribute("Condition") is not null
                || StartTagEnd(content, group) is not { } startEnd || content[startEnd - 1] == '/'
                || CloseTagStart(content, group.Name, startEnd + 1, last: false) is not { } close)
            {
                continue;
            }

            var groupIndent = LineIndent(text, group) ?? unit;
            var childIndent = group.Children.Count > 0 && LineIndent(text, group.Children[0]) is { } first ? first : groupIndent + unit;
            var at = TrimBack(content, close, startEnd + 1);
            var closeOnItsOwnLine = content.IndexOf('\n', at, close - at) >= 0;
            return ImmutableArray.Create(new TextChange(new TextSpan(at, 0), newline + childIndent + property + (closeOnItsOwnLine ? string.Empty : newline + groupIndent)));
        }

        if (StartTagEnd(content, root) is not { } rootEnd || content[rootEnd - 1] == '/'
            || CloseTagStart(content, root.Name, rootEnd + 1, last: true) is not { } rootClose)
        {
            return default;
        }

        var end = TrimBack(content, rootClose, rootEnd + 1);
        var rootCloseOnItsOwnLine = content.IndexOf('\n', end, rootClose - end) >= 0;
        var block = newline + unit + "<PropertyGroup>" + newline + unit + unit + property + newline + unit + "</PropertyGroup>"
            + (rootCloseOnItsOwnLine ? string.Empty : newline);
        return ImmutableArray.Create(new TextChange(new TextSpan(end, 0), block));
    }

    /// <summary>
    /// Inserts <paramref name="sibling"/> right after <paramref name="element"/>: on its own line with the element's
    /// indentation when the element starts its line, else directly after it.
    /// </summary>
    public static ImmutableArray<TextChange> InsertAfter(SourceText text, BuildXmlElement element, string sibling)
    {
        var content = text.ToString();
        if (ElementEnd(content, element) is not { } end)
        {
            return default;
        }

        var indent = LineIndent(text, element);
        return ImmutableArray.Create(new TextChange(new TextSpan(end, 0), (indent is null ? string.Empty : NewLine(content) + indent) + sibling));
    }

    /// <summary>The file's line break: CRLF when it uses CRLF, else LF.</summary>
    private static string NewLine(string content) => content.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";

    /// <summary>The indentation of one level: the indentation of the root's first child on its own line, else two spaces.</summary>
    private static string IndentUnit(SourceText text, BuildXmlElement root)
    {
        foreach (var child in root.Children)
        {
            if (LineIndent(text, child) is { Length: > 0 } indent)
            {
                return indent;
            }
        }

        return "  ";
    }

    /// <summary>The whitespace before the element's <c>&lt;</c> when nothing else precedes it on its line, else null.</summary>
    private static string? LineIndent(SourceText text, BuildXmlElement element)
    {
        var lt = element.NameSpan.Start - 1;
        if (lt < 0)
        {
            return null;
        }

        var line = text.Lines.GetLineFromPosition(lt);
        var prefix = text.ToString(TextSpan.FromBounds(line.Start, lt));
        foreach (var c in prefix)
        {
            if (c != ' ' && c != '\t')
            {
                return null;
            }
        }

        return prefix;
    }

    /// <summary>The position of the <c>&gt;</c> that ends the element's start tag, or null.</summary>
    private static int? StartTagEnd(string content, BuildXmlElement element)
    {
        var quote = '\0';
        for (var i = element.NameSpan.End; i < content.Length; i++)
        {
            var c = content[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The position of <c>&lt;/name</c> at or after <paramref name="from"/> (the first, or the last one in the file).</summary>
    private static int? CloseTagStart(string content, string name, int from, bool last)
    {
        var tag = "</" + name;
        var index = last ? content.LastIndexOf(tag, StringComparison.OrdinalIgnoreCase) : content.IndexOf(tag, from, StringComparison.OrdinalIgnoreCase);
        while (index >= from)
        {
            var after = index + tag.Length;
            if (after < content.Length && (content[after] == '>' || char.IsWhiteSpace(content[after])))
            {
                return index;
            }

            index = last ? content.LastIndexOf(tag, index - 1, StringComparison.OrdinalIgnoreCase) : content.IndexOf(tag, after, StringComparison.OrdinalIgnoreCase);
        }

        return null;
    }

    /// <summary>The position just after the element's end tag (or its self-closing start tag), for an element without children.</summary>
    private static int? ElementEnd(string content, BuildXmlElement element)
    {
        if (StartTagEnd(content, element) is not { } startEnd)
        {
            return null;
        }

        if (content[startEnd - 1] == '/')
        {
            return startEnd + 1;
        }

        if (CloseTagStart(content, element.Name, startEnd + 1, last: false) is not { } close)
        {
            return null;
        }

        var gt = content.IndexOf('>', close);
        return gt < 0 ? null : gt + 1;
    }

    /// <summary>The position after the last non-whitespace character before <paramref name="position"/>, not before <paramref name="minimum"/>.</summary>
    private static int TrimBack(string content, int position, int minimum)
    {
        while (position > minimum && char.IsWhiteSpace(content[position - 1]))
        {
            position--;
        }

        return position;
    }
}
