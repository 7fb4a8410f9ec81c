using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// The package versions restore resolved, from the lock file (preferred) or the assets file. Derived once per pair of
/// lock and assets contents (<see cref="BuildFile.Derived{T}(DerivedKey{T}, string, Func{BuildFile, T})"/>): a warm
/// build looks them up.
/// </summary>
internal sealed class ResolvedPackages
{
    private static readonly DerivedKey<Dictionary<string, string>> s_versions = new("ResolvedPackages");
    private static readonly Dictionary<string, string> s_none = new(StringComparer.OrdinalIgnoreCase);

    private readonly Lazy<Dictionary<string, string>> _versions;

    public ResolvedPackages(BuildConfiguration build)
    {
        var lockFile = build.First(BuildFileKind.LockFile);
        var assetsFile = build.First(BuildFileKind.AssetsFile);
        _versions = new Lazy<Dictionary<string, string>>(() => Of(lockFile, assetsFile));
    }

    /// <summary>The resolved version of a package id (case-insensitive), or null.</summary>
    public string? VersionOf(string id) => _versions.Value.TryGetValue(id, out var version) ? version : null;

    /// <summary>The versions of a lock and an assets file (either may be missing); the dictionary is shared: do not change it.</summary>
    private static Dictionary<string, string> Of(BuildFile? lockFile, BuildFile? assetsFile)
        => (assetsFile ?? lockFile) is not { } owner
            ? s_none
            : owner.Derived(s_versions, BuildFile.ContentKeyOf(lockFile) + "|" + BuildFile.ContentKeyOf(assetsFile), _ => Load(lockFile, assetsFile));

    private static Dictionary<string, string> Load(BuildFile? lockFile, BuildFile? assetsFile)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // packages.lock.json: { "dependencies": { "<tfm>": { "<id>": { "resolved": "1.2.3", ... } } } }
        if (lockFile?.Json.Root?["dependencies"] is { Kind: JsonKind.Object } frameworks)
        {
            foreach (var framework in frameworks.Properties)
            {
                foreach (var package in framework.Value.Properties)
                {
                    if (package.Value["resolved"]?.Text is { Length: > 0 } resolved)
                    {
                        versions[package.Name] = resolved;
                    }
                }
            }
        }

        // project.assets.json: { "libraries": { "<id>/<version>": { "type": "package", ... } } }
        foreach (var library in AssetsLibraries.Of(assetsFile))
        {
            if (library.IsPackage && !versions.ContainsKey(library.Id))
            {
                versions[library.Id] = library.Version;
            }
        }

        return versions;
    }
}
