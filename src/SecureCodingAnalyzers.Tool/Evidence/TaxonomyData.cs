using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// The taxonomies of the embedded <c>data/taxonomies.json</c> (the repository's versioned mapping data): CWE names,
/// CWE Top 25 membership and IEC 62443-4-1 requirement titles.
/// </summary>
public sealed class TaxonomyData
{
    private TaxonomyData(string version, string cweVersion, IReadOnlyDictionary<int, string> cweNames, IReadOnlySet<int> top25, int top25Year, string iecEdition, IReadOnlyDictionary<string, string> iecTitles, IReadOnlyList<string> iecOrder)
    {
        Version = version;
        CweVersion = cweVersion;
        CweNames = cweNames;
        Top25 = top25;
        Top25Year = top25Year;
        IecEdition = iecEdition;
        IecTitles = iecTitles;
        IecOrder = iecOrder;
    }

    /// <summary>The data's own version (a date).</summary>
    public string Version { get; }

    /// <summary>The CWE list version the names come from.</summary>
    public string CweVersion { get; }

    /// <summary>CWE id to its name.</summary>
    public IReadOnlyDictionary<int, string> CweNames { get; }

    /// <summary>The CWE Top 25 of <see cref="Top25Year"/>.</summary>
    public IReadOnlySet<int> Top25 { get; }

    /// <summary>The year of the Top 25 list.</summary>
    public int Top25Year { get; }

    /// <summary>The IEC 62443-4-1 edition (e.g. <c>IEC 62443-4-1:2018</c>).</summary>
    public string IecEdition { get; }

    /// <summary>Requirement id to its title.</summary>
    public IReadOnlyDictionary<string, string> IecTitles { get; }

    /// <summary>The requirement ids in the data's order.</summary>
    public IReadOnlyList<string> IecOrder { get; }

    /// <summary>Parses the embedded data.</summary>
    public static TaxonomyData LoadEmbedded() => Parse(EmbeddedData.Read("data/taxonomies.json"));

    /// <summary>Parses the JSON text; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static TaxonomyData Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var cwe = root.GetProperty("cwe");
            var names = cwe.GetProperty("weaknesses").EnumerateArray()
                .ToDictionary(w => w.GetProperty("id").GetInt32(), w => w.GetProperty("name").GetString() ?? string.Empty);
            var top25 = cwe.GetProperty("top25");
            var iec = root.GetProperty("iec62443-4-1");
            var requirements = iec.GetProperty("requirements").EnumerateArray()
                .Select(r => (Id: r.GetProperty("id").GetString() ?? string.Empty, Title: r.GetProperty("title").GetString() ?? string.Empty))
                .ToList();
            return new TaxonomyData(
                root.GetProperty("version").GetString() ?? string.Empty,
                cwe.GetProperty("catalogVersion").GetString() ?? string.Empty,
                names,
                top25.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToHashSet(),
                top25.GetProperty("year").GetInt32(),
                iec.GetProperty("edition").GetString() ?? "IEC 62443-4-1",
                requirements.ToDictionary(r => r.Id, r => r.Title, StringComparer.Ordinal),
                requirements.Select(r => r.Id).ToList());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("data/taxonomies.json: " + ex.Message, ex);
        }
    }

    /// <summary>The name of a CWE, or null when the data has none.</summary>
    public string? CweName(int id) => CweNames.TryGetValue(id, out var name) ? name : null;

    /// <summary>The title of a requirement, or null when the data has none.</summary>
    public string? IecTitle(string requirement) => IecTitles.TryGetValue(requirement, out var title) ? title : null;
}
