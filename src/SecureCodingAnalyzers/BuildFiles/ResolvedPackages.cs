using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>The package versions restore resolved, from the lock file (preferred) or the assets file.</summary>
internal sealed class ResolvedPackages
{
    private readonly Lazy<Dictionary<string, string>> _versions;

    public ResolvedPackages(BuildConfiguration build) => _versions = new Lazy<Dictionary<string, string>>(() => Load(build));

    /// <summary>The resolved version of a package id (case-insensitive), or null.</summary>
    public string? VersionOf(string id) => _versions.Value.TryGetValue(id, out var version) ? version : null;

    private static Dictionary<string, string> Load(BuildConfiguration build)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // packages.lock.json: { "dependencies": { "<tfm>": { "<id>": { "resolved": "1.2.3", ... } } } }
        if (build.First(BuildFileKind.LockFile)?.Json.Root?["dependencies"] is { Kind: JsonKind.Object } frameworks)
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
        if (build.First(BuildFileKind.AssetsFile)?.Json.Root?["libraries"] is { Kind: JsonKind.Object } libraries)
        {
            foreach (var library in libraries.Properties)
            {
                var slash = library.Name.IndexOf('/');
                if (slash > 0 && library.Value["type"]?.Text == "package")
                {
                    var id = library.Name.Substring(0, slash);
                    if (!versions.ContainsKey(id))
                    {
                        versions[id] = library.Name.Substring(slash + 1);
                    }
                }
            }
        }

        return versions;
    }
}
