using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5001: floating versions (<c>*</c>, <c>1.*</c>, <c>1.2.*-*</c>, floating range bounds) on PackageReference,
/// PackageVersion, GlobalPackageReference and PackageDownload items, in <c>Version</c> or <c>VersionOverride</c>,
/// attribute or element form, with <c>Include</c> or <c>Update</c>, in the project file and the Directory.*.props
/// files. The diagnostic carries the version the lock or assets file resolved, for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloatingPackageVersionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the version restore resolved for the package, when known.</summary>
    public const string ResolvedVersionProperty = "ResolvedVersion";

    private static readonly DerivedKey<ImmutableArray<PackageItem>> s_floatingItems = new("SCR5001 floating package items");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.FloatingPackageVersion);

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

            var resolved = new ResolvedPackages(build);
            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { IsMSBuildFile: true } file)
                {
                    return;
                }

                foreach (var item in file.Derived(s_floatingItems, FloatingItems))
                {
                    c.CancellationToken.ThrowIfCancellationRequested();
                    var version = resolved.VersionOf(item.Id);
                    var properties = version is null
                        ? ImmutableDictionary<string, string?>.Empty
                        : ImmutableDictionary<string, string?>.Empty.Add(ResolvedVersionProperty, version);
                    c.ReportDiagnostic(Diagnostic.Create(
                        Catalog.Rules.FloatingPackageVersion,
                        file.LocationOf(item.VersionSpan),
                        properties,
                        item.ItemName,
                        item.Id,
                        item.Version,
                        version is null ? "(for example [1.2.3])" : $"to the version restore resolved, {version} or [{version}]"));
                }
            });
        });
    }

    /// <summary>The package items of a file whose version floats (derived once per content).</summary>
    private static ImmutableArray<PackageItem> FloatingItems(BuildFile file)
    {
        var items = ImmutableArray.CreateBuilder<PackageItem>();
        foreach (var item in PackageItem.All(file))
        {
            if (BuildFileRules.IsFloating(item.Version) && !BuildFileRules.IsUnevaluated(item.Version))
            {
                items.Add(item);
            }
        }

        return items.ToImmutable();
    }
}
