using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// Text-level helpers for fixes on XML build files: the fixes edit the user's file in place (keeping its comments,
/// layout and line endings), so they work on the text around a diagnostic rather than on a rewritten document.
/// </summary>
internal static class BuildFileEdits
{
    /// <summary>The file's line break (<c>\r\n</c> when the file uses it, else <c>\n</c>).</summary>
    public static string NewLine(SourceText text)
    {
        foreach (var line in text.Lines)
        {
            var breakLength = line.EndIncludingLineBreak - line.End;
            if (breakLength > 0)
            {
                return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
            }
        }

        return "\n";
    }

    /// <summary>The whitespace before <paramref name="position"/> on its line, or null when other text precedes it.</summary>
    public static string? IndentBefore(SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        var before = text.ToString(TextSpan.FromBounds(line.Start, position));
        return before.Trim().Length == 0 ? before : null;
    }

    /// <summary>
    /// The span of the element whose text content contains <paramref name="position"/>, from the <c>&lt;</c> of its
    /// start tag to the <c>&gt;</c> of its end tag; widened to whole lines when the element is alone on its lines.
    /// Null when the text around the position is not an element with simple text content.
    /// </summary>
    public static TextSpan? ElementAround(SourceText text, int position)
    {
        var open = position - 1;
        while (open >= 0 && text[open] != '>' && text[open] != '<')
        {
            open--;
        }

        if (open < 0 || text[open] != '>' || (open > 0 && text[open - 1] == '/'))
        {
            return null;
        }

        var start = open;
        while (start >= 0 && text[start] != '<')
        {
            start--;
        }

        var close = position;
        while (close < text.Length && text[close] != '<')
        {
            close++;
        }

        if (start < 0 || close + 1 >= text.Length || text[close + 1] != '/')
        {
            return null;
        }

        var end = close;
        while (end < text.Length && text[end] != '>')
        {
            end++;
        }

        if (end >= text.Length)
        {
            return null;
        }

        return WholeLines(text, TextSpan.FromBounds(start, end + 1));
    }

    /// <summary>The position after the <c>&gt;</c> that ends the tag whose name ends at <paramref name="afterName"/> (quotes skipped).</summary>
    public static int? EndOfTag(SourceText text, int afterName)
    {
        var quote = '\0';
        for (var i = afterName; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
            }
            else if (ch == '>')
            {
                return i + 1;
            }
            else if (ch == '<')
            {
                return null;
            }
        }

        return null;
    }

    /// <summary><paramref name="span"/> widened to its whole lines (with the line break) when nothing else is on them.</summary>
    private static TextSpan WholeLines(SourceText text, TextSpan span)
    {
        var first = text.Lines.GetLineFromPosition(span.Start);
        var last = text.Lines.GetLineFromPosition(span.End);
        var before = text.ToString(TextSpan.FromBounds(first.Start, span.Start));
        var after = text.ToString(TextSpan.FromBounds(span.End, last.End));
        return before.Trim().Length == 0 && after.Trim().Length == 0
            ? TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak)
            : span;
    }
}
