using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SecureCodingAnalyzers.DocGen;

/// <summary>
/// The taxonomies of <c>data/taxonomies.json</c>: CWE names and CWE Top 25 membership, IEC 62443-4-1 requirement
/// titles. Versioned data in the repository, not code: the documentation and the evidence read the same file.
/// </summary>
public sealed class Taxonomies
{
    /// <summary>Where the file lives, relative to the repository root.</summary>
    public const string RelativePath = "data/taxonomies.json";

    private Taxonomies(string version, IReadOnlyDictionary<int, string> cweNames, IReadOnlyCollection<int> top25, int top25Year, IReadOnlyDictionary<string, string> iecTitles)
    {
        Version = version;
        CweNames = cweNames;
        Top25 = top25;
        Top25Year = top25Year;
        IecTitles = iecTitles;
    }

    /// <summary>The data's own version (a date).</summary>
    public string Version { get; }

    /// <summary>CWE id to its name.</summary>
    public IReadOnlyDictionary<int, string> CweNames { get; }

    /// <summary>The CWE Top 25 of <see cref="Top25Year"/>.</summary>
    public IReadOnlyCollection<int> Top25 { get; }

    /// <summary>The year of the Top 25 list.</summary>
    public int Top25Year { get; }

    /// <summary>IEC 62443-4-1 requirement id (<c>SI-2</c>) to its title.</summary>
    public IReadOnlyDictionary<string, string> IecTitles { get; }

    /// <summary>Reads the file under <paramref name="repoRoot"/>; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static Taxonomies Load(string repoRoot)
    {
        var path = Path.Combine(repoRoot, RelativePath);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var cwe = root.GetProperty("cwe");
            var names = cwe.GetProperty("weaknesses").EnumerateArray().ToDictionary(w => w.GetProperty("id").GetInt32(), w => w.GetProperty("name").GetString() ?? string.Empty);
            var top25 = cwe.GetProperty("top25");
            var iec = root.GetProperty("iec62443-4-1").GetProperty("requirements").EnumerateArray()
                .ToDictionary(r => r.GetProperty("id").GetString() ?? string.Empty, r => r.GetProperty("title").GetString() ?? string.Empty, StringComparer.Ordinal);
            return new Taxonomies(
                root.GetProperty("version").GetString() ?? string.Empty,
                names,
                top25.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToHashSet(),
                top25.GetProperty("year").GetInt32(),
                iec);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IOException)
        {
            throw new InvalidDataException($"{RelativePath}: {ex.Message}", ex);
        }
    }

    /// <summary>The title of a requirement, or the id itself when the data has none.</summary>
    public string IecTitle(string requirement) => IecTitles.TryGetValue(requirement, out var title) ? title : requirement;
}
