using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// One distinct build-file content, parsed once for the life of the process and shared by every compilation (and
/// every project) that sees the same content, with what the rules derive from it: each kind of derived data is
/// computed once per content (or per combination of contents) and is then a lookup, so a warm build does no more
/// than find its documents and report.
/// <para>
/// Thread-safe: concurrent callers may compute the same value twice (derivations are pure), the first stored result
/// wins. Bounded: at most <see cref="MaxDerived"/> entries per document (the table is cleared when full, as the parse
/// cache is), and entries are small, self-contained values (spans, strings, small lists) that never hold another
/// document, so a document's derived data lives exactly as long as the document.
/// </para>
/// </summary>
internal sealed class BuildDocument
{
    /// <summary>The most derived values one document keeps.</summary>
    internal const int MaxDerived = 64;

    private readonly ConcurrentDictionary<object, object?> _derived = new();
    private int[]? _lineStarts;

    public BuildDocument(string key, object parsed)
    {
        Key = key;
        Parsed = parsed;
    }

    /// <summary>The content key (see <see cref="BuildFile"/>): equal keys mean equal contents parsed the same way.</summary>
    public string Key { get; }

    /// <summary>The <see cref="BuildXml"/> or <see cref="BuildJson"/>.</summary>
    public object Parsed { get; }

    /// <summary>The value stored under <paramref name="key"/>, computed from <paramref name="file"/> (a file with this content) when absent.</summary>
    public T GetOrAdd<T>(object key, BuildFile file, Func<BuildFile, T> compute)
    {
        if (_derived.TryGetValue(key, out var cached))
        {
            return (T)cached!;
        }

        var value = compute(file);
        if (_derived.Count >= MaxDerived)
        {
            _derived.Clear();
        }

        return (T)_derived.GetOrAdd(key, value)!;
    }

    /// <summary>
    /// Line and column of a span of <paramref name="text"/> (a text with this content), from line starts computed once
    /// per content: each build hands the analyzers new text objects, and building a large file's line table anew for
    /// every build would cost more than the rules themselves.
    /// </summary>
    public LinePositionSpan LinePositionSpan(SourceText text, TextSpan span)
    {
        var starts = _lineStarts ??= LineStarts(text);
        return new LinePositionSpan(Position(starts, span.Start), Position(starts, span.End));
    }

    /// <summary>The start of every line as the compiler counts lines (its own line table, so line breaks agree).</summary>
    private static int[] LineStarts(SourceText text)
    {
        var lines = text.Lines;
        var starts = new int[lines.Count];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = lines[i].Start;
        }

        return starts;
    }

    private static LinePosition Position(int[] starts, int position)
    {
        // The last line that starts at or before the position (the first line starts at 0).
        int low = 0, high = starts.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (starts[middle] <= position)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return new LinePosition(low, position - starts[low]);
    }
}

/// <summary>
/// Names one kind of data derived from build-file contents and fixes its type. Keys compare by reference: declare
/// each as a <c>static readonly</c> field next to the code that computes the value.
/// </summary>
/// <typeparam name="T">The type of the derived value.</typeparam>
internal sealed class DerivedKey<T>
{
    public DerivedKey(string name) => Name = name;

    /// <summary>A name for debugging.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
