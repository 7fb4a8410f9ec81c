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

    /// <summary>
    /// The project file of a <c>ProjectReference</c>. The metadata <c>SecureCodingHasLockFile</c> says whether a
    /// lock file (<c>packages.lock.json</c> or <c>packages.&lt;name&gt;.lock.json</c>) sits next to it.
    /// </summary>
    ReferencedProject,

    /// <summary>
    /// An application configuration file read by the .NET Framework runtime: <c>App.config</c> or <c>Web.config</c>
    /// and their transforms (<c>Web.Release.config</c>) in the project folder, <c>$(AppConfig)</c>, or any file the
    /// project passes with <c>SecureCodingKind="AppConfig"</c>.
    /// </summary>
    AppConfig,

    /// <summary>
    /// An analyzer configuration file the compiler reads (<c>.editorconfig</c>, <c>.globalconfig</c>, any
    /// <c>GlobalAnalyzerConfigFiles</c> item): the project's <c>@(EditorConfigFiles)</c> and
    /// <c>@(GlobalAnalyzerConfigFiles)</c>, without this package's profiles, the SDK's and other packages' own files and
    /// the generated MSBuild editorconfig. Plain text in INI format (see <see cref="BuildFile.IsPlainText"/>).
    /// </summary>
    AnalyzerConfig,

    /// <summary>
    /// An ASP.NET Core / .NET configuration file in the project folder: <c>appsettings.json</c> and
    /// <c>appsettings.&lt;Environment&gt;.json</c>, or any file the project passes with
    /// <c>SecureCodingKind="AppSettings"</c>. JSON read as the configuration provider reads it: comments and trailing
    /// commas allowed.
    /// </summary>
    AppSettings,
}
