using System.IO;
using System.Reflection;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// Data files embedded in the tool at build time (see the tool's project file): the package's generated profiles
/// (<c>profiles/&lt;name&gt;.globalconfig</c>), the rule pages (<c>rules/SCRnnnn.md</c>) and <c>data/taxonomies.json</c>. Embedding them means the tool always
/// describes the catalog it was built with, and needs nothing from the repository at run time.
/// </summary>
public static class EmbeddedData
{
    /// <summary>The text of an embedded file, or null when the tool has no such file.</summary>
    public static string? TryRead(string logicalName)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(logicalName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The text of an embedded file; a missing one is a broken build of the tool.</summary>
    public static string Read(string logicalName)
        => TryRead(logicalName) ?? throw new InvalidDataException($"The tool was built without its embedded '{logicalName}'.");

    /// <summary>The embedded <c>data/taxonomies.json</c>, read by the one parser of that file (shared with the documentation generator).</summary>
    /// <exception cref="InvalidDataException">The embedded data is missing or malformed (a broken build of the tool).</exception>
    public static SecureCodingAnalyzers.Catalog.TaxonomyData Taxonomies()
        => SecureCodingAnalyzers.Catalog.TaxonomyData.Parse(Read(SecureCodingAnalyzers.Catalog.TaxonomyData.RelativePath));

    /// <summary>The informational version of the analyzer assembly the tool was built with (e.g. <c>0.1.0+commit</c>).</summary>
    public static string AnalyzerVersion
    {
        get
        {
            var assembly = typeof(Catalog.Rules).Assembly;
            return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "unknown";
        }
    }
}
