using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5002: NuGet version ranges on PackageReference, PackageVersion, GlobalPackageReference and PackageDownload
/// items (Version or VersionOverride, attribute or element form) in the project file and the Directory.*.props files.
/// A range without a lower bound (<c>(, 2.0)</c>, <c>[,1.0]</c>) is always reported; an explicit open or bounded range
/// (<c>[1.0, )</c>, <c>(1.0, )</c>, <c>[1.0, 2.0)</c>) only while no lock file pins the graph. Plain versions
/// (<c>1.2.3</c>, NuGet's minimum version) are left to the lock-file rule SCR5003, exact versions are pinned, floating
/// versions belong to SCR5001. The diagnostic carries the version restore resolved when it lies in the range.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnpinnedVersionRangeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the version restore resolved for the package, when known and in the range.</summary>
    public const string ResolvedVersionProperty = "ResolvedVersion";

    /// <summary>The reason reported for a range without a lower bound.</summary>
    public const string NoLowerBound = "has no lower bound";

    /// <summary>The reason reported for an open or bounded range without a lock file.</summary>
    public const string NotLocked = "is not pinned by a lock file";

    private static readonly DerivedKey<ImmutableArray<(PackageItem Item, NuGetVersionRange Range)>> s_rangedItems = new("SCR5002 ranged package items");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.UnpinnedVersionRange);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (!build.IsRestored)
            {
                return;
            }

            // NuGet uses packages.lock.json whenever it exists, and creates it when RestorePackagesWithLockFile is true.
            var locked = build.First(BuildFileKind.LockFile) is not null || build.IsTrue("RestorePackagesWithLockFile");
            var resolved = new ResolvedPackages(build);
            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { IsMSBuildFile: true } file)
                {
                    return;
                }

                foreach (var (item, range) in file.Derived(s_rangedItems, RangedItems))
                {
                    c.CancellationToken.ThrowIfCancellationRequested();
                    string reason;
                    if (range.MinVersion is null)
                    {
                        reason = NoLowerBound;
                    }
                    else if (!locked)
                    {
                        reason = NotLocked;
                    }
                    else
                    {
                        continue;
                    }

                    var version = resolved.VersionOf(item.Id);
                    var properties = version is not null && NuGetVersion.Parse(version) is { } resolvedVersion && range.Contains(resolvedVersion)
                        ? ImmutableDictionary<string, string?>.Empty.Add(ResolvedVersionProperty, version)
                        : ImmutableDictionary<string, string?>.Empty;
                    c.ReportDiagnostic(Diagnostic.Create(
                        Catalog.Rules.UnpinnedVersionRange,
                        file.LocationOf(item.VersionSpan),
                        properties,
                        item.ItemName,
                        item.Id,
                        item.Version,
                        reason));
                }
            });
        });
    }

    /// <summary>The package items of a file whose version is a range that is not exact (derived once per content).</summary>
    private static ImmutableArray<(PackageItem Item, NuGetVersionRange Range)> RangedItems(BuildFile file)
    {
        var items = ImmutableArray.CreateBuilder<(PackageItem, NuGetVersionRange)>();
        foreach (var item in PackageItem.All(file))
        {
            if (NuGetVersionRange.Parse(item.Version) is { IsBracketed: true, IsExact: false } range)
            {
                items.Add((item, range));
            }
        }

        return items.ToImmutable();
    }
}
