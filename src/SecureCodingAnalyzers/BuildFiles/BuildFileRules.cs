using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>NuGet and MSBuild facts the build-file rules share.</summary>
internal static class BuildFileRules
{
    /// <summary>Items that carry a package version.</summary>
    public static readonly IReadOnlyList<string> PackageItems = new[] { "PackageReference", "PackageVersion", "GlobalPackageReference", "PackageDownload" };

    /// <summary>Files that several projects or target frameworks read: report their findings once.</summary>
    public static bool IsShared(BuildFile file)
        => file.Kind is BuildFileKind.DirectoryBuildProps or BuildFileKind.DirectoryPackagesProps or BuildFileKind.NuGetConfig or BuildFileKind.IgnoredNuGetConfig or BuildFileKind.AnalyzerConfig;

    /// <summary>True for a NuGet floating version: <c>*</c> anywhere (<c>*</c>, <c>1.*</c>, <c>1.2.*-*</c>, <c>[1.*, )</c>).</summary>
    public static bool IsFloating(string version) => version.IndexOf('*') >= 0;

    /// <summary>True when the value contains an MSBuild property or item reference: its evaluated value is unknown here.</summary>
    public static bool IsUnevaluated(string value)
        => value.IndexOf("$(", StringComparison.Ordinal) >= 0 || value.IndexOf("@(", StringComparison.Ordinal) >= 0 || value.IndexOf("%(", StringComparison.Ordinal) >= 0;

    /// <summary>True for http URLs that do not point at this machine.</summary>
    public static bool IsCleartextRemote(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        return !uri.IsLoopback;
    }
}
