using System.Collections.Immutable;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>An entry of <c>project.assets.json</c>: <c>"libraries": { "&lt;id&gt;/&lt;version&gt;": { "type": ... } }</c>.</summary>
internal readonly struct AssetsLibrary
{
    public AssetsLibrary(string id, string version, string? type, JsonProperty entry)
    {
        Id = id;
        Version = version;
        Type = type;
        Entry = entry;
    }

    /// <summary>The package or project id.</summary>
    public string Id { get; }

    /// <summary>The resolved version.</summary>
    public string Version { get; }

    /// <summary><c>package</c> or <c>project</c>.</summary>
    public string? Type { get; }

    /// <summary>The JSON entry (its name span locates findings in the assets file).</summary>
    public JsonProperty Entry { get; }

    /// <summary>True for a package (not a project reference).</summary>
    public bool IsPackage => Type == "package";
}

/// <summary>
/// The one reader of the assets file's libraries, shared by every rule that needs them and derived once per content.
/// </summary>
internal static class AssetsLibraries
{
    private static readonly DerivedKey<ImmutableArray<AssetsLibrary>> s_libraries = new("assets libraries");

    /// <summary>Every library of the assets file (empty when there is none or it is malformed).</summary>
    public static ImmutableArray<AssetsLibrary> Of(BuildFile? assets)
        => assets is { Kind: BuildFileKind.AssetsFile } ? assets.Derived(s_libraries, Read) : ImmutableArray<AssetsLibrary>.Empty;

    /// <summary>Splits a library key <c>&lt;id&gt;/&lt;version&gt;</c> (also the key of the entries under <c>targets</c>).</summary>
    public static bool TrySplitKey(string key, out string id, out string version)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0)
        {
            id = version = string.Empty;
            return false;
        }

        id = key.Substring(0, slash);
        version = key.Substring(slash + 1);
        return true;
    }

    private static ImmutableArray<AssetsLibrary> Read(BuildFile assets)
    {
        if (assets.Json.Root?["libraries"] is not { Kind: JsonKind.Object } libraries)
        {
            return ImmutableArray<AssetsLibrary>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<AssetsLibrary>(libraries.Properties.Count);
        foreach (var library in libraries.Properties)
        {
            if (TrySplitKey(library.Name, out var id, out var version))
            {
                result.Add(new AssetsLibrary(id, version, library.Value["type"]?.Text, library));
            }
        }

        return result.ToImmutable();
    }
}
