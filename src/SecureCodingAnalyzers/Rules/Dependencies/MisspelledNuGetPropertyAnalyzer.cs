using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5040: a property element in a PropertyGroup of the project file or a Directory.*.props file whose name is one
/// or two edits (case-insensitive Damerau-Levenshtein: insertion, deletion, substitution, transposition) away from a
/// NuGet restore, lock-file, audit or Central Package Management property, and is not itself a property MSBuild, the
/// .NET SDK or NuGet reads. MSBuild accepts any property name, so the misspelled setting silently does nothing.
/// Names that differ only in case are not reported: MSBuild property names are case-insensitive.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MisspelledNuGetPropertyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the NuGet property the name is closest to.</summary>
    public const string SuggestionProperty = "Suggestion";

    /// <summary>
    /// The NuGet properties a misspelling is matched against (NuGet's restore, lock-file, audit and Central Package
    /// Management properties, as read by NuGet.targets and documented with the restore target).
    /// </summary>
    internal static readonly ImmutableArray<string> NuGetProperties = ImmutableArray.Create(
        "RestorePackagesWithLockFile",
        "RestoreLockedMode",
        "NuGetLockFilePath",
        "RestoreForceEvaluate",
        "NuGetAudit",
        "NuGetAuditMode",
        "NuGetAuditLevel",
        "ManagePackageVersionsCentrally",
        "CentralPackageTransitivePinningEnabled",
        "CentralPackageFloatingVersionsEnabled",
        "CentralPackageVersionOverrideEnabled",
        "RestoreSources",
        "RestoreAdditionalProjectSources",
        "RestoreFallbackFolders",
        "RestoreAdditionalProjectFallbackFolders",
        "RestoreAdditionalProjectFallbackFoldersExcludes",
        "RestoreConfigFile",
        "RestoreRootConfigDirectory",
        "RestorePackagesPath",
        "RestoreIgnoreFailedSources",
        "DisableImplicitNuGetFallbackFolder",
        "RestoreNoCache",
        "RestoreNoHttpCache",
        "RestoreForce",
        "RestoreUseStaticGraphEvaluation",
        "RestoreEnablePackagePruning",
        "RestoreDisableParallel",
        "RestoreRecursive",
        "RestoreProjectStyle",
        "RestorePackagesConfig",
        "RestoreUseSkipNonexistentTargets",
        "RestoreOutputPath");

    /// <summary>
    /// Real properties that are never reported although they are close to a NuGet property (found by comparing every
    /// property the .NET SDK's props and targets set or read), plus the other properties NuGet.targets reads.
    /// </summary>
    internal static readonly ImmutableHashSet<string> OtherKnownProperties = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "DisableImplicit1xNuGetFallbackFolder",
        "DisableImplicitLibraryPacksFolder",
        "CentralPackageVersionsFileImported",
        "RestoreEnableGlobalPackageReference",
        "RestoreBuildInParallel",
        "RestoreContinueOnError",
        "RestoreDoNotWriteDependencyGraphSpec",
        "RestoreGraphOutputPath",
        "RestoreGraphProjectInput",
        "RestoreLegacyPackagesDirectory",
        "RestoreOutputAbsolutePath",
        "RestorePackagePruningDefault",
        "RestoreProjectFilterMode",
        "RestoreProjects",
        "RestoreRepositoryPath",
        "RestoreRepositoryPathOverride",
        "RestoreSerializeGlobalProperties",
        "RestoreSolutionDirectory",
        "RestoreTaskAssemblyFile",
        "RestoreUseCustomAfterTargets",
        "RestoreUseLegacyDependencyResolver",
        "RestoreCleanupAssetsForUnsupportedProjects",
        "NuGetInteractive",
        "NuGetPackageRoot",
        "NuGetTargetMoniker",
        "NuGetRestoreTargets",
        "NuGetPropsFile");

    private const int MaxCachedNames = 4096;
    private static readonly ConcurrentDictionary<string, string> s_suggestions = new(StringComparer.OrdinalIgnoreCase);
    private static readonly DerivedKey<ImmutableArray<BuildFinding>> s_findings = new("SCR5040 findings");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.MisspelledNuGetProperty);

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

            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { IsMSBuildFile: true } file)
                {
                    return;
                }

                foreach (var finding in file.Derived(s_findings, Findings))
                {
                    c.CancellationToken.ThrowIfCancellationRequested();
                    c.ReportDiagnostic(finding.ToDiagnostic(file));
                }
            });
        });
    }

    /// <summary>The misspelled property elements of a file (derived once per content).</summary>
    private static ImmutableArray<BuildFinding> Findings(BuildFile file)
    {
        var findings = ImmutableArray.CreateBuilder<BuildFinding>();
        foreach (var element in file.Xml.Elements)
        {
            if (element.Parent?.Is("PropertyGroup") != true || Suggestion(element.Name) is not { } suggestion)
            {
                continue;
            }

            findings.Add(new BuildFinding(
                Catalog.Rules.MisspelledNuGetProperty,
                element.NameSpan,
                ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, suggestion),
                element.Name,
                suggestion));
        }

        return findings.ToImmutable();
    }

    /// <summary>The NuGet property <paramref name="name"/> is a misspelling of, or null.</summary>
    internal static string? Suggestion(string name)
    {
        if (s_suggestions.TryGetValue(name, out var cached))
        {
            return cached.Length == 0 ? null : cached;
        }

        var suggestion = Compute(name);
        if (s_suggestions.Count >= MaxCachedNames)
        {
            s_suggestions.Clear();
        }

        s_suggestions[name] = suggestion ?? string.Empty;
        return suggestion;
    }

    private static string? Compute(string name)
    {
        if (OtherKnownProperties.Contains(name))
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var property in NuGetProperties)
        {
            if (string.Equals(name, property, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var max = MaxDistance(property);
            if (Math.Abs(name.Length - property.Length) > max)
            {
                continue;
            }

            var distance = Distance(name, property, max);
            if (distance <= max && distance < bestDistance)
            {
                best = property;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>One edit for names up to 11 characters (NuGetAudit), two for longer ones.</summary>
    internal static int MaxDistance(string property) => property.Length >= 12 ? 2 : 1;

    /// <summary>
    /// Case-insensitive optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), cut off
    /// above <paramref name="max"/> (any value above it means "too far").
    /// </summary>
    internal static int Distance(string a, string b, int max)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            var ai = char.ToUpperInvariant(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var bj = char.ToUpperInvariant(b[j - 1]);
                var cost = ai == bj ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ai == char.ToUpperInvariant(b[j - 2]) && char.ToUpperInvariant(a[i - 2]) == bj)
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > max)
            {
                return max + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
