using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// One build file handed to the compiler as an additional file: its kind, text and parsed form. Parsing happens once
/// per distinct content (keyed by a checksum of the text) for the life of the process (compiler server, IDE), so an
/// unchanged file is never parsed again, whichever project or analyzer asks.
/// </summary>
public sealed class BuildFile
{
    private const int MaxCachedDocuments = 512;
    private static readonly ConcurrentDictionary<string, object> s_parsed = new(StringComparer.Ordinal);
    private static long s_parseCount;

    private readonly Lazy<object> _parsed;

    internal BuildFile(AdditionalText file, BuildFileKind kind, SourceText text)
    {
        AdditionalText = file;
        Kind = kind;
        Text = text;
        _parsed = new Lazy<object>(() => GetOrParse(text, IsJson), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>How many documents have been parsed in this process (for tests and the benchmark).</summary>
    public static long ParseCount => Interlocked.Read(ref s_parseCount);

    /// <summary>The additional file.</summary>
    public AdditionalText AdditionalText { get; }

    /// <summary>The file path.</summary>
    public string Path => AdditionalText.Path;

    /// <summary>What the file is.</summary>
    public BuildFileKind Kind { get; }

    /// <summary>The file's text.</summary>
    public SourceText Text { get; }

    /// <summary>True for the JSON kinds (lock and assets files).</summary>
    public bool IsJson => Kind is BuildFileKind.LockFile or BuildFileKind.AssetsFile;

    /// <summary>The parsed XML (for XML kinds; a malformed document has a null root).</summary>
    public BuildXml Xml => _parsed.Value as BuildXml ?? throw new InvalidOperationException(Kind + " is not an XML build file.");

    /// <summary>The parsed JSON (for lock and assets files; a malformed document has a null root).</summary>
    public BuildJson Json => _parsed.Value as BuildJson ?? throw new InvalidOperationException(Kind + " is not a JSON build file.");

    /// <summary>The error of a malformed file and where it is, or null when the file parsed.</summary>
    public (string Message, TextSpan Span)? Error
        => _parsed.Value switch
        {
            BuildXml { Error: { } message } xml => (message, xml.ErrorSpan),
            BuildJson { Error: { } message } json => (message, json.ErrorSpan),
            _ => null,
        };

    /// <summary>The file name without folders.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>A location in this file, for diagnostics the IDE and the build output show at the right line.</summary>
    public Location LocationOf(TextSpan span)
    {
        var bounded = TextSpan.FromBounds(Math.Min(span.Start, Text.Length), Math.Min(span.End, Text.Length));
        return Location.Create(Path, bounded, Text.Lines.GetLinePositionSpan(bounded));
    }

    private static object GetOrParse(SourceText text, bool json)
    {
        var key = (json ? "j:" : "x:") + Convert.ToBase64String(System.Linq.Enumerable.ToArray(text.GetChecksum())) + ":" + text.Length;
        if (s_parsed.TryGetValue(key, out var cached))
        {
            return cached;
        }

        Interlocked.Increment(ref s_parseCount);
        object parsed = json ? BuildJson.Parse(text) : BuildXml.Parse(text);
        if (s_parsed.Count >= MaxCachedDocuments)
        {
            s_parsed.Clear();
        }

        return s_parsed.GetOrAdd(key, parsed);
    }
}
