namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// What a build file is. The package's targets add each file as an <c>AdditionalFiles</c> item with the metadata
/// <c>SecureCodingKind</c> set to one of these names; analyzers never look for files themselves.
/// </summary>
public enum BuildFileKind
{
    /// <summary>Not a build file of ours.</summary>
    None,

    /// <summary>The project file.</summary>
    Project,

    /// <summary><c>Directory.Build.props</c>.</summary>
    DirectoryBuildProps,

    /// <summary><c>Directory.Packages.props</c> (Central Package Management).</summary>
    DirectoryPackagesProps,

    /// <summary>The nearest <c>nuget.config</c> in a spelling NuGet reads on case-sensitive file systems.</summary>
    NuGetConfig,

    /// <summary>A NuGet config whose file-name casing NuGet ignores on case-sensitive file systems.</summary>
    IgnoredNuGetConfig,

    /// <summary><c>packages.lock.json</c>.</summary>
    LockFile,

    /// <summary><c>obj/project.assets.json</c>.</summary>
    AssetsFile,
}
