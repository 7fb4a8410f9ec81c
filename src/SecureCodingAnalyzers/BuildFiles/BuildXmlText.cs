using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// Where an element's tags are in the raw text of a well-formed build file, found by scanning from the start tag's
/// name (<see cref="BuildXmlElement.NameSpan"/>): the whole element (to report on it or remove it) and the end tag's
/// name (to rename it). Used by analyzers and by fixes, which only have the text. Comments, CDATA, processing
/// instructions and quoted attribute values are skipped; nested elements of the same name are counted.
/// </summary>
public static class BuildXmlText
{
    /// <summary>
    /// The span from <c>&lt;</c> to the end of the element's end tag (or of its self-closing start tag), or null when
    /// the text at <paramref name="nameSpan"/> is not a start tag.
    /// </summary>
    public static TextSpan? ElementSpan(SourceText text, TextSpan nameSpan)
        => Scan(text, nameSpan) is { } tags ? TextSpan.FromBounds(nameSpan.Start - 1, tags.End) : null;

    /// <summary>
    /// The span of the end tag's name; an empty span at the start tag's end for a self-closing element; null when the
    /// text at <paramref name="nameSpan"/> is not a start tag or the end tag cannot be found.
    /// </summary>
    public static TextSpan? EndTagNameSpan(SourceText text, TextSpan nameSpan)
        => Scan(text, nameSpan)?.EndName;

    private static (TextSpan EndName, int End)? Scan(SourceText text, TextSpan nameSpan)
    {
        if (nameSpan.Start < 1 || nameSpan.IsEmpty || nameSpan.End > text.Length || text[nameSpan.Start - 1] != '<')
        {
            return null;
        }

        var name = text.ToString(nameSpan);
        if (TagEnd(text, nameSpan.End) is not { } startEnd)
        {
            return null;
        }

        if (text[startEnd - 2] == '/')
        {
            return (new TextSpan(startEnd, 0), startEnd);
        }

        var depth = 0;
        var i = startEnd;
        while (i < text.Length)
        {
            if (text[i] != '<')
            {
                i++;
                continue;
            }

            if (StartsWith(text, i, "<!--"))
            {
                i = After(text, i + 4, "-->");
            }
            else if (StartsWith(text, i, "<![CDATA["))
            {
                i = After(text, i + 9, "]]>");
            }
            else if (StartsWith(text, i, "<?"))
            {
                i = After(text, i + 2, "?>");
            }
            else if (StartsWith(text, i, "</"))
            {
                var close = After(text, i + 2, ">");
                if (depth == 0)
                {
                    var endName = new TextSpan(i + 2, name.Length);
                    return endName.End <= text.Length && text.ToString(endName) == name && close > endName.End
                        ? (endName, close)
                        : null;
                }

                depth--;
                i = close;
            }
            else if (TagEnd(text, i + 1) is { } nestedEnd)
            {
                if (text[nestedEnd - 2] != '/')
                {
                    depth++;
                }

                i = nestedEnd;
            }
            else
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The position after the <c>&gt;</c> that closes a start tag, skipping quoted attribute values.</summary>
    private static int? TagEnd(SourceText text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var close = i + 1;
                while (close < text.Length && text[close] != c)
                {
                    close++;
                }

                i = close;
            }
            else if (c == '>')
            {
                return i + 1;
            }
            else if (c == '<')
            {
                return null;
            }
        }

        return null;
    }

    private static bool StartsWith(SourceText text, int at, string value)
    {
        if (at + value.Length > text.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (text[at + i] != value[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int After(SourceText text, int from, string value)
    {
        for (var i = from; i + value.Length <= text.Length; i++)
        {
            if (StartsWith(text, i, value))
            {
                return i + value.Length;
            }
        }

        return text.Length;
    }
}
