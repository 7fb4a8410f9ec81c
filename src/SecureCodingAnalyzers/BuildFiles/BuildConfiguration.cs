using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// What a compilation knows about its build: the build files the package's targets passed as additional files
/// (by kind) and the evaluated MSBuild properties exposed through <c>CompilerVisibleProperty</c>. Built once per
/// compilation's options and shared by every build-file analyzer.
/// </summary>
public sealed class BuildConfiguration
{
    /// <summary>The additional-file metadata that carries the kind.</summary>
    public const string KindMetadata = "build_metadata.AdditionalFiles.SecureCodingKind";

    private static readonly ConditionalWeakTable<AnalyzerOptions, BuildConfiguration> s_cache = new();

    private readonly AnalyzerConfigOptions _global;
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly Dictionary<string, BuildFile> _byPath;

    private BuildConfiguration(AnalyzerConfigOptionsProvider provider, ImmutableArray<BuildFile> files)
    {
        _provider = provider;
        _global = provider.GlobalOptions;
        Files = files;
        _byPath = new Dictionary<string, BuildFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            _byPath[file.Path] = file;
        }
    }

    /// <summary>Every build file of the compilation.</summary>
    public ImmutableArray<BuildFile> Files { get; }

    /// <summary>True when the package's targets ran (the project file is known).</summary>
    public bool IsAvailable => Project is not null;

    /// <summary>
    /// True once restore has run (the assets file exists). Before the first restore the build-file rules stay silent:
    /// the IDE evaluates projects before restoring them.
    /// </summary>
    public bool IsRestored => First(BuildFileKind.AssetsFile) is not null;

    /// <summary>The project file, or null when the package's targets did not run.</summary>
    public BuildFile? Project => First(BuildFileKind.Project);

    /// <summary>The configuration of a compilation's options (cached).</summary>
    public static BuildConfiguration For(AnalyzerOptions options, CancellationToken cancellationToken)
        => s_cache.GetValue(options, o => Create(o, cancellationToken));

    /// <summary>
    /// The build file this compilation reports into: one of ours, and a file shared by several projects or target
    /// frameworks (Directory.*.props, nuget.config) only when <see cref="ReportsSharedFiles"/>. Null otherwise.
    /// </summary>
    /// <remarks>
    /// A shared file is also left to another project of the solution when the package's targets proved that project
    /// reports it (metadata <c>SecureCodingReportedElsewhere</c>).
    /// </remarks>
    public BuildFile? ReportableFile(AdditionalText file)
        => Find(file) is { } buildFile
           && (!BuildFileRules.IsShared(buildFile)
               || (ReportsSharedFiles && !string.Equals(Metadata(buildFile, ReportedElsewhereMetadata), "true", StringComparison.OrdinalIgnoreCase)))
            ? buildFile
            : null;

    /// <summary>Item metadata the targets set on a shared file that another project of the solution reports.</summary>
    public const string ReportedElsewhereMetadata = "SecureCodingReportedElsewhere";

    /// <summary>The build file for an additional file, or null when it is not one of ours.</summary>
    public BuildFile? Find(AdditionalText file) => _byPath.TryGetValue(file.Path, out var buildFile) ? buildFile : null;

    /// <summary>The first file of a kind.</summary>
    public BuildFile? First(BuildFileKind kind)
    {
        foreach (var file in Files)
        {
            if (file.Kind == kind)
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>An evaluated MSBuild property (exposed by the package's targets), or null when absent or empty.</summary>
    public string? Property(string name)
        => _global.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>
    /// A metadata value of a build file's <c>AdditionalFiles</c> item (the targets declare it with
    /// <c>CompilerVisibleItemMetadata</c>), or null when absent or empty.
    /// </summary>
    public string? Metadata(BuildFile file, string metadataName)
        => _provider.GetOptions(file.AdditionalText).TryGetValue("build_metadata.AdditionalFiles." + metadataName, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

    /// <summary>
    /// The items of a list-valued MSBuild property (NoWarn, WarningsNotAsErrors, WarningsAsErrors, TargetFrameworks).
    /// The compiler reads a <c>build_property</c> value only up to its first ';' (editorconfig comment syntax), so the
    /// package's targets pass comma-separated copies named <c>SecureCoding&lt;Name&gt;</c>; the raw property is the
    /// fallback (its first item only) when the targets did not run.
    /// </summary>
    public ImmutableArray<string> PropertyList(string name)
    {
        var text = Property("SecureCoding" + name) ?? Property(name);
        if (text is null)
        {
            return ImmutableArray<string>.Empty;
        }

        var items = ImmutableArray.CreateBuilder<string>();
        foreach (var part in text.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var item = part.Trim();
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items.ToImmutable();
    }

    /// <summary>True when the property is <c>true</c> (case-insensitive).</summary>
    public bool IsTrue(string name) => string.Equals(Property(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when this compilation should report findings in files shared by several projects or target frameworks
    /// (Directory.*.props, nuget.config): the targets set <c>SecureCodingReportSharedFiles</c> for one inner build.
    /// </summary>
    public bool ReportsSharedFiles => !string.Equals(Property("SecureCodingReportSharedFiles"), "false", StringComparison.OrdinalIgnoreCase);

    private static BuildConfiguration Create(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var files = ImmutableArray.CreateBuilder<BuildFile>();
        foreach (var additional in options.AdditionalFiles)
        {
            if (!options.AnalyzerConfigOptionsProvider.GetOptions(additional).TryGetValue(KindMetadata, out var kindText)
                || !Enum.TryParse<BuildFileKind>(kindText, ignoreCase: true, out var kind)
                || kind == BuildFileKind.None)
            {
                continue;
            }

            var text = additional.GetText(cancellationToken);
            if (text is not null)
            {
                files.Add(new BuildFile(additional, kind, text));
            }
        }

        return new BuildConfiguration(options.AnalyzerConfigOptionsProvider, files.ToImmutable());
    }
}
