using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// The taxonomies of <c>data/taxonomies.json</c> (the repository's versioned mapping data): CWE names, CWE Top 25
/// membership and IEC 62443-4-1 requirement titles. The one parser of that file, for the documentation generator and
/// the evidence tool (which embeds the file); it parses text handed to it with the analyzer's own JSON reader
/// (<see cref="BuildJson"/>), so it adds no dependency, and the analyzers themselves never call it.
/// </summary>
public sealed class TaxonomyData
{
    /// <summary>Where the file lives, relative to the repository root (and its name inside the tool).</summary>
    public const string RelativePath = "data/taxonomies.json";

    private TaxonomyData(
        string version,
        string cweVersion,
        ImmutableDictionary<int, string> cweNames,
        ImmutableHashSet<int> top25,
        int top25Year,
        string iecEdition,
        ImmutableDictionary<string, string> iecTitles,
        ImmutableArray<string> iecOrder)
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
    public ImmutableDictionary<int, string> CweNames { get; }

    /// <summary>The CWE Top 25 of <see cref="Top25Year"/>.</summary>
    public ImmutableHashSet<int> Top25 { get; }

    /// <summary>The year of the Top 25 list.</summary>
    public int Top25Year { get; }

    /// <summary>The IEC 62443-4-1 edition (e.g. <c>IEC 62443-4-1:2018</c>).</summary>
    public string IecEdition { get; }

    /// <summary>Requirement id (<c>SI-2</c>) to its title.</summary>
    public ImmutableDictionary<string, string> IecTitles { get; }

    /// <summary>The requirement ids in the data's order.</summary>
    public ImmutableArray<string> IecOrder { get; }

    /// <summary>Parses the JSON text; throws <see cref="InvalidDataException"/> starting with <see cref="RelativePath"/> and naming what is wrong.</summary>
    public static TaxonomyData Parse(string json)
    {
        var parsed = BuildJson.Parse(SourceText.From(json ?? string.Empty));
        if (parsed.Root is not { Kind: JsonKind.Object } root)
        {
            throw Invalid(parsed.Error is { } error ? error + " at offset " + parsed.ErrorSpan.Start.ToString(CultureInfo.InvariantCulture) : "the top level is not an object");
        }

        var cwe = Object(root, "cwe");
        var names = ImmutableDictionary.CreateBuilder<int, string>();
        foreach (var weakness in Array(cwe, "weaknesses"))
        {
            var id = Int(weakness, "id");
            if (names.ContainsKey(id))
            {
                throw Invalid("CWE-" + id.ToString(CultureInfo.InvariantCulture) + " is listed twice");
            }

            names[id] = String(weakness, "name");
        }

        var top25 = Object(cwe, "top25");
        var ids = ImmutableHashSet.CreateBuilder<int>();
        foreach (var item in Array(top25, "ids"))
        {
            ids.Add(IntValue(item, "cwe.top25.ids"));
        }

        var iec = Object(root, "iec62443-4-1");
        var titles = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var order = ImmutableArray.CreateBuilder<string>();
        foreach (var requirement in Array(iec, "requirements"))
        {
            var id = String(requirement, "id");
            if (titles.ContainsKey(id))
            {
                throw Invalid(id + " is listed twice");
            }

            titles[id] = String(requirement, "title");
            order.Add(id);
        }

        return new TaxonomyData(
            String(root, "version"),
            String(cwe, "catalogVersion"),
            names.ToImmutable(),
            ids.ToImmutable(),
            Int(top25, "year"),
            iec["edition"]?.Text ?? "IEC 62443-4-1",
            titles.ToImmutable(),
            order.ToImmutable());
    }

    /// <summary>The name of a CWE, or null when the data has none.</summary>
    public string? CweName(int id) => CweNames.TryGetValue(id, out var name) ? name : null;

    /// <summary>The title of a requirement, or null when the data has none.</summary>
    public string? IecTitle(string requirement) => IecTitles.TryGetValue(requirement, out var title) ? title : null;

    private static JsonValue Object(JsonValue parent, string name)
        => parent[name] is { Kind: JsonKind.Object } value ? value : throw Invalid("'" + name + "' is missing or not an object");

    private static IReadOnlyList<JsonValue> Array(JsonValue parent, string name)
        => parent[name] is { Kind: JsonKind.Array } value ? value.Items : throw Invalid("'" + name + "' is missing or not an array");

    private static string String(JsonValue parent, string name)
        => parent[name] is { Kind: JsonKind.String, Text: { } text } ? text : throw Invalid("'" + name + "' is missing or not a string");

    private static int Int(JsonValue parent, string name)
        => parent[name] is { } value ? IntValue(value, name) : throw Invalid("'" + name + "' is missing");

    private static int IntValue(JsonValue value, string what)
        => value is { Kind: JsonKind.Number, Text: { } text } && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Invalid("'" + what + "' is not a whole number");

    private static InvalidDataException Invalid(string message) => new(RelativePath + ": " + message + ".");
}
