using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>The metadata references a corpus is compiled against, and a human-readable account of where they came from.</summary>
internal sealed record ReferenceSet(string Source, ImmutableArray<MetadataReference> References);

/// <summary>
/// Finds the .NET and ASP.NET Core reference assemblies of the installed SDK (the targeting packs under
/// <c>&lt;dotnet root&gt;/packs</c>), preferring the running runtime's major version and the highest pack version.
/// Without packs (a runtime-only machine) it falls back to the running runtime's trusted platform assemblies plus the
/// ASP.NET Core shared framework when present.
/// </summary>
internal static class ReferenceAssemblies
{
    private const string NetCorePack = "Microsoft.NETCore.App.Ref";
    private const string AspNetCorePack = "Microsoft.AspNetCore.App.Ref";
    private const string AspNetCoreSharedFramework = "Microsoft.AspNetCore.App";

    public static ReferenceSet Load()
    {
        var major = Environment.Version.Major;
        var roots = CandidateDotnetRoots().ToList();

        foreach (var root in roots)
        {
            var netCore = FindPack(root, NetCorePack, major);
            if (netCore is null)
            {
                continue;
            }

            var aspNetCore = FindPack(root, AspNetCorePack, major);
            var files = DllsIn(netCore.Folder).ToList();
            var source = Describe(netCore);
            if (aspNetCore is not null)
            {
                files.AddRange(DllsIn(aspNetCore.Folder));
                source += " + " + Describe(aspNetCore);
            }

            var references = Create(files, checkManaged: false);
            return new ReferenceSet(Invariant($"{source}, {references.Length} assemblies, from {root}"), references);
        }

        return LoadTrustedPlatformAssemblies(roots, major);
    }

    private static ReferenceSet LoadTrustedPlatformAssemblies(IReadOnlyList<string> roots, int major)
    {
        var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        var files = tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var source = "trusted platform assemblies of the running runtime (no targeting pack found)";

        foreach (var root in roots)
        {
            var shared = FindVersionFolder(Path.Combine(root, "shared", AspNetCoreSharedFramework), major);
            if (shared is not null)
            {
                files.AddRange(DllsIn(shared.Value.Path));
                source += " + " + AspNetCoreSharedFramework + " " + shared.Value.Name + " shared framework";
                break;
            }
        }

        var references = Create(files, checkManaged: true);
        return new ReferenceSet(Invariant($"{source}, {references.Length} assemblies"), references);
    }

    /// <summary>DOTNET_ROOT, the host executable's folder when the host is <c>dotnet</c>, then the root above the running runtime.</summary>
    private static IEnumerable<string> CandidateDotnetRoots()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DOTNET_ROOT"),
        };

        var processPath = Environment.ProcessPath;
        if (processPath is not null
            && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            candidates.Add(Path.GetDirectoryName(processPath));
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (!string.IsNullOrEmpty(runtimeDirectory))
        {
            candidates.Add(Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "..")));
        }

        return candidates
            .Where(c => !string.IsNullOrEmpty(c) && Directory.Exists(c))
            .Select(c => Path.GetFullPath(c!))
            .Distinct(StringComparer.Ordinal);
    }

    private sealed record Pack(string Name, string Version, string TargetFramework, string Folder);

    /// <summary>packs/&lt;name&gt;/&lt;version&gt;/ref/&lt;tfm&gt;: the running major version first, then the highest version.</summary>
    private static Pack? FindPack(string root, string name, int major)
    {
        var version = FindVersionFolder(Path.Combine(root, "packs", name), major);
        if (version is null)
        {
            return null;
        }

        var refFolder = Path.Combine(version.Value.Path, "ref");
        if (!Directory.Exists(refFolder))
        {
            return null;
        }

        var preferred = Invariant($"net{major}.0");
        var tfm = Directory.EnumerateDirectories(refFolder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n.StartsWith("net", StringComparison.Ordinal))
            .OrderByDescending(n => n == preferred)
            .ThenByDescending(n => ParseVersion(n[3..]))
            .FirstOrDefault();
        return tfm is null ? null : new Pack(name, version.Value.Name, tfm, Path.Combine(refFolder, tfm));
    }

    private static (string Name, string Path)? FindVersionFolder(string folder, int major)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var best = Directory.EnumerateDirectories(folder)
            .Select(path => (Name: Path.GetFileName(path), Path: path))
            .Select(v => (v.Name, v.Path, Version: ParseVersion(v.Name), Prerelease: v.Name.Contains('-', StringComparison.Ordinal)))
            .Where(v => v.Version is not null)
            .OrderByDescending(v => v.Version!.Major == major)
            .ThenByDescending(v => v.Version)
            .ThenBy(v => v.Prerelease)
            .FirstOrDefault();
        return best.Name is null ? null : (best.Name, best.Path);
    }

    private static Version? ParseVersion(string text)
    {
        var numeric = text.Split('-', 2)[0];
        if (!numeric.Contains('.', StringComparison.Ordinal))
        {
            numeric += ".0";
        }

        return Version.TryParse(numeric, out var version) ? version : null;
    }

    /// <summary>One reference per assembly file name; the first folder wins (the .NET pack before ASP.NET Core).</summary>
    private static ImmutableArray<MetadataReference> Create(IEnumerable<string> files, bool checkManaged)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var file in files)
        {
            if (seen.Add(Path.GetFileName(file)) && (!checkManaged || IsManagedAssembly(file)))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return references.ToImmutable();
    }

    private static IEnumerable<string> DllsIn(string folder)
        => Directory.EnumerateFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal);

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Describe(Pack pack) => pack.Name + " " + pack.Version + " (" + pack.TargetFramework + ")";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
