using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// One build file handed to the compiler as an additional file: its kind, text and parsed form. Parsing happens once
/// per distinct content for the life of the process (compiler server, IDE), so an unchanged file is never parsed
/// again, whichever project or analyzer asks; what the rules derive from a content is cached with the parsed
/// document too (<see cref="Derived{T}(DerivedKey{T}, Func{BuildFile, T})"/>).
/// <para>
/// The content key is the text's own checksum with its algorithm, plus the length, the encoding and the reader (XML
/// or JSON). The checksum costs nothing in a build: the compiler computes it (SHA-256 by default) while it decodes an
/// additional file, from the file's bytes, for every file it reads; only a text made from a string (an editor buffer,
/// a test) hashes on first use, once per text object. A cheaper non-cryptographic hash would have to read every
/// character of every file on every build (more than the checksum the compiler already paid for), and its collisions
/// can be made on purpose: a crafted file that collides with a known one would be analyzed as that file, silently
/// hiding findings, which a security analyzer cannot accept. With a cryptographic checksum a wrong hit needs a
/// checksum collision (SHA-256 by default; a host that chose SHA-1, or a text made with SourceText.From's SHA-1
/// default, inherits SHA-1's known collision weakness). The encoding is part of the key because the checksum is taken
/// over bytes: the same bytes decoded with another code page are other characters.
/// </para>
/// </summary>
public sealed class BuildFile
{
    private const int MaxCachedDocuments = 512;
    private static readonly ConcurrentDictionary<string, BuildDocument> s_parsed = new(StringComparer.Ordinal);
    private static readonly object s_plainText = new();
    private static long s_parseCount;

    private readonly Lazy<BuildDocument> _document;

    internal BuildFile(AdditionalText file, BuildFileKind kind, SourceText text)
    {
        AdditionalText = file;
        Kind = kind;
        Text = text;
        _document = new Lazy<BuildDocument>(() => GetOrParse(text, Kind == BuildFileKind.AppSettings ? 'l' : IsJson ? 'j' : IsPlainText ? 't' : 'x'), LazyThreadSafetyMode.ExecutionAndPublication);
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

    /// <summary>True for the MSBuild files that declare packages and properties: the project and the Directory.*.props.</summary>
    public bool IsMSBuildFile => Kind is BuildFileKind.Project or BuildFileKind.DirectoryBuildProps or BuildFileKind.DirectoryPackagesProps;

    /// <summary>True for the JSON kinds (lock and assets files; appsettings files, read leniently as .NET configuration reads them).</summary>
    public bool IsJson => Kind is BuildFileKind.LockFile or BuildFileKind.AssetsFile or BuildFileKind.AppSettings;

    /// <summary>
    /// True for the kinds read as plain text by their rules (analyzer configuration files, INI format): they are not
    /// parsed here, have no <see cref="Error"/>, and <see cref="Xml"/>/<see cref="Json"/> throw.
    /// </summary>
    public bool IsPlainText => Kind is BuildFileKind.AnalyzerConfig;

    /// <summary>The parsed XML (for XML kinds; a malformed document has a null root).</summary>
    public BuildXml Xml => _document.Value.Parsed as BuildXml ?? throw new InvalidOperationException(Kind + " is not an XML build file.");

    /// <summary>The parsed JSON (for lock and assets files; a malformed document has a null root).</summary>
    public BuildJson Json => _document.Value.Parsed as BuildJson ?? throw new InvalidOperationException(Kind + " is not a JSON build file.");

    /// <summary>The error of a malformed file and where it is, or null when the file parsed.</summary>
    public (string Message, TextSpan Span)? Error
        => _document.Value.Parsed switch
        {
            BuildXml { Error: { } message } xml => (message, xml.ErrorSpan),
            BuildJson { Error: { } message } json => (message, json.ErrorSpan),
            _ => null,
        };

    /// <summary>The file name without folders.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>
    /// The content key: files with equal keys have equal contents (see the class summary), so they share the parsed
    /// document and everything derived from it. Use it to key data derived from several files.
    /// </summary>
    internal string ContentKey => _document.Value.Key;

    /// <summary>A location in this file, for diagnostics the IDE and the build output show at the right line.</summary>
    public Location LocationOf(TextSpan span)
    {
        var bounded = TextSpan.FromBounds(Math.Min(span.Start, Text.Length), Math.Min(span.End, Text.Length));
        return Location.Create(Path, bounded, _document.Value.LinePositionSpan(Text, bounded));
    }

    /// <summary>
    /// Data derived from this file's content alone, computed by <paramref name="compute"/> once per distinct content
    /// and kind of data for the life of the parsed document, then looked up. <paramref name="compute"/> must read only
    /// the content (<see cref="Xml"/>, <see cref="Json"/>, <see cref="Text"/>), never the path, the kind, the options
    /// or anything else of the compilation: another project with the same file content gets the same value. The value
    /// must not hold on to other files (see <see cref="BuildDocument"/>); spans, strings and small lists are fine.
    /// </summary>
    internal T Derived<T>(DerivedKey<T> key, Func<BuildFile, T> compute)
        => _document.Value.GetOrAdd(key, this, compute);

    /// <summary>
    /// Data derived from this file's content together with other <paramref name="inputs"/>: the
    /// <see cref="ContentKeyOf">content keys</see> of the other files it reads and any evaluated property values it
    /// depends on, joined into one string. The same rules as for a single file apply: <paramref name="compute"/> reads
    /// nothing that is not in the key.
    /// </summary>
    internal T Derived<T>(DerivedKey<T> key, string inputs, Func<BuildFile, T> compute)
        => _document.Value.GetOrAdd((key, inputs), this, compute);

    /// <summary>The content key of a file, or "-" when there is none (for <see cref="Derived{T}(DerivedKey{T}, string, Func{BuildFile, T})"/>).</summary>
    internal static string ContentKeyOf(BuildFile? file) => file?.ContentKey ?? "-";

    private static BuildDocument GetOrParse(SourceText text, char format)
    {
        var checksum = text.GetChecksum();
        var key = string.Concat(
            format + ":",
            text.ChecksumAlgorithm.ToString(),
            ":",
            Convert.ToBase64String(System.Linq.Enumerable.ToArray(checksum)),
            ":" + text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":",
            text.Encoding?.WebName);
        if (s_parsed.TryGetValue(key, out var cached))
        {
            return cached;
        }

        Interlocked.Increment(ref s_parseCount);
        object parsed = format switch
        {
            'j' => BuildJson.Parse(text),
            'l' => BuildJson.Parse(text, lenient: true),
            't' => s_plainText,
            _ => BuildXml.Parse(text),
        };
        if (s_parsed.Count >= MaxCachedDocuments)
        {
            s_parsed.Clear();
        }

        return s_parsed.GetOrAdd(key, new BuildDocument(key, parsed));
    }
}
