using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5003: a project with package references restores without a lock file. SCR5004: the lock file is written but
/// no CI build restores in locked mode. SCR5005: this project locks its packages but a project it references has
/// package references and no lock file of its own.
/// <para>
/// Package references are the <c>PackageReference</c> items of the project file and Directory.Build.props, the
/// <c>GlobalPackageReference</c> items of Directory.Packages.props (under Central Package Management) and the
/// explicit (not SDK-implied) dependencies restore recorded in the assets file, which also sees imported files. The
/// lock file counts as enabled when <c>RestorePackagesWithLockFile</c> evaluates to true or a lock file exists
/// (NuGet then uses it). Locked mode counts as enforced when <c>RestoreLockedMode</c> is true in this build or an
/// element setting it in the project file or Directory.Build.props is conditioned on a CI variable.
/// </para>
/// <para>
/// For SCR5005 the package's targets pass each referenced project file as an additional file of kind
/// <see cref="BuildFileKind.ReferencedProject"/> with the metadata <c>SecureCodingHasLockFile</c> (computed at
/// evaluation from the files next to it). A referenced project is reported when that metadata is false and the
/// project file has <c>PackageReference</c> items or the assets file lists package dependencies for it; not when it
/// sets <c>NuGetLockFilePath</c> or <c>RestorePackagesWithLockFile</c> itself (its lock file may live elsewhere or
/// appear at its next restore), nor when it lies below this project's Directory.Build.props and that file sets
/// <c>NuGetLockFilePath</c> (every project's lock file lives elsewhere then).
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockFileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: which edit the fix makes (<see cref="AddFix"/>, <see cref="SetTrueFix"/>, <see cref="AfterElementFix"/>).</summary>
    public const string FixProperty = "Fix";

    /// <summary>Diagnostic property: the path of the build file the fix edits, when it is not the diagnostic's own file.</summary>
    public const string FixFileProperty = "FixFile";

    /// <summary>Add the property to the first unconditioned PropertyGroup of the fix file (or to a new one).</summary>
    public const string AddFix = "Add";

    /// <summary>Set the single <c>RestorePackagesWithLockFile</c> element of the fix file to true.</summary>
    public const string SetTrueFix = "SetTrue";

    /// <summary>Insert the CI-conditioned <c>RestoreLockedMode</c> after the reported <c>RestorePackagesWithLockFile</c> element.</summary>
    public const string AfterElementFix = "AfterElement";

    /// <summary>The additional-file metadata that says whether a referenced project has a lock file next to it.</summary>
    public const string HasLockFileMetadata = "SecureCodingHasLockFile";

    /// <summary>What a condition must mention (case-insensitive) to count as "in CI builds".</summary>
    internal static readonly ImmutableArray<string> CiMarkers = ImmutableArray.Create(
        "ContinuousIntegrationBuild", "$(CI)", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "BUILD_BUILDID",
        "TEAMCITY_VERSION", "APPVEYOR", "CIRCLECI", "BITBUCKET_BUILD_NUMBER");

    private const string LockProperty = "RestorePackagesWithLockFile";
    private const string LockedModeProperty = "RestoreLockedMode";

    // What the rules need from each file, derived once per content.
    private static readonly DerivedKey<(int Count, TextSpan? FirstNameSpan)> s_packageReferences = new("SCR5003 PackageReference items");
    private static readonly DerivedKey<(int Count, TextSpan? FirstNameSpan)> s_globalPackageReferences = new("SCR5003 GlobalPackageReference items");
    private static readonly DerivedKey<bool> s_assetsListsExplicitPackages = new("SCR5003 explicit package dependencies");
    private static readonly DerivedKey<bool> s_lockFileHasEntries = new("SCR5004 lock file entries");
    private static readonly DerivedKey<bool> s_lockedModeConditionedOnCi = new("SCR5004 locked mode in CI");
    private static readonly DerivedKey<bool> s_configuresItsOwnLockFile = new("SCR5005 own lock file");
    private static readonly DerivedKey<bool> s_hasPackageReferenceItems = new("SCR5005 PackageReference items");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.LockFileNotEnabled,
        Catalog.Rules.LockedRestoreNotEnforced,
        Catalog.Rules.ReferencedProjectWithoutLockFile);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (!build.IsRestored || build.Project is null)
            {
                return;
            }

            // Computed once per compilation, on the first build file analyzed; each file then reports its share.
            var findings = new Lazy<List<(BuildFile File, Diagnostic Diagnostic)>>(() => Analyze(build), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { Kind: BuildFileKind.Project or BuildFileKind.DirectoryBuildProps } file)
                {
                    return;
                }

                foreach (var finding in findings.Value)
                {
                    if (ReferenceEquals(finding.File, file))
                    {
                        c.ReportDiagnostic(finding.Diagnostic);
                    }
                }
            });
        });
    }

    private static List<(BuildFile File, Diagnostic Diagnostic)> Analyze(BuildConfiguration build)
    {
        var findings = new List<(BuildFile, Diagnostic)>();
        if (build.Project is not { Xml.Root: { } projectRoot } project)
        {
            return findings;
        }

        var props = build.First(BuildFileKind.DirectoryBuildProps) is { Xml.Root: not null } p ? p : null;
        var lockFile = build.First(BuildFileKind.LockFile);
        // The package references of the project file, Directory.Build.props and (under Central Package Management)
        // Directory.Packages.props, counted per file once per content.
        var projectReferences = project.Derived(s_packageReferences, PackageReferences);
        var referenceCount = projectReferences.Count
            + (props?.Derived(s_packageReferences, PackageReferences).Count ?? 0)
            + (build.IsTrue("ManagePackageVersionsCentrally") && build.First(BuildFileKind.DirectoryPackagesProps) is { } central ? central.Derived(s_globalPackageReferences, GlobalPackageReferences).Count : 0);
        var hasPackages = referenceCount > 0 || (build.First(BuildFileKind.AssetsFile)?.Derived(s_assetsListsExplicitPackages, AssetsListsExplicitPackages) ?? false);
        var lockTrue = build.IsTrue(LockProperty);
        var lockFalse = string.Equals(build.Property(LockProperty), "false", StringComparison.OrdinalIgnoreCase);
        var lockEnabled = lockTrue || (lockFile is not null && !lockFalse);

        // SCR5003
        if (hasPackages && !lockTrue && lockFile is null)
        {
            findings.Add((project, Diagnostic.Create(
                Catalog.Rules.LockFileNotEnabled,
                project.LocationOf(projectReferences.FirstNameSpan ?? projectRoot.NameSpan),
                EnableLockFileFix(project, props),
                project.FileName)));
        }

        // SCR5004
        if (lockEnabled
            && (hasPackages || (lockFile?.Derived(s_lockFileHasEntries, LockFileHasEntries) ?? false))
            && !build.IsTrue(LockedModeProperty)
            && !project.Derived(s_lockedModeConditionedOnCi, IsLockedModeConditionedOnCi)
            && !(props is not null && props.Derived(s_lockedModeConditionedOnCi, IsLockedModeConditionedOnCi)))
        {
            var (file, element) = PropertyElement(project, LockProperty) is { } inProject
                ? (project, inProject)
                : props is not null && PropertyElement(props, LockProperty) is { } inProps ? (props, inProps) : (project, null);
            var properties = element is not null
                ? ImmutableDictionary<string, string?>.Empty.Add(FixProperty, AfterElementFix)
                : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, AddFix).Add(FixFileProperty, (props ?? project).Path);
            findings.Add((file, Diagnostic.Create(
                Catalog.Rules.LockedRestoreNotEnforced,
                file.LocationOf(element?.NameSpan ?? projectRoot.NameSpan),
                properties,
                file.FileName)));
        }

        // SCR5005
        if (lockEnabled)
        {
            // A NuGetLockFilePath in Directory.Build.props moves the lock file of every project below it.
            var propsSetsLockFilePath = props is not null && PropertyElement(props, "NuGetLockFilePath") is not null;
            HashSet<string>? withPackages = null;
            foreach (var referenced in build.Files)
            {
                if (referenced.Kind != BuildFileKind.ReferencedProject
                    || BuildPaths.Same(referenced.Path, project.Path)
                    || !string.Equals(build.Metadata(referenced, HasLockFileMetadata), "false", StringComparison.OrdinalIgnoreCase)
                    || referenced.Derived(s_configuresItsOwnLockFile, ConfiguresItsOwnLockFile)
                    || (propsSetsLockFilePath && IsUnder(referenced.Path, props!.Path)))
                {
                    continue;
                }

                withPackages ??= AssetsProjectsWithPackages(build, project);
                if (!referenced.Derived(s_hasPackageReferenceItems, HasPackageReferenceItems) && !withPackages.Contains(BuildPaths.Normalize(referenced.Path)))
                {
                    continue;
                }

                var (file, span) = FindProjectReference(project, project, referenced) is { } inProject
                    ? (project, inProject.Attribute("Include")!.ValueSpan)
                    : props is not null && FindProjectReference(props, project, referenced) is { } inProps
                        ? (props, inProps.Attribute("Include")!.ValueSpan)
                        : (project, projectRoot.NameSpan);
                findings.Add((file, Diagnostic.Create(
                    Catalog.Rules.ReferencedProjectWithoutLockFile,
                    file.LocationOf(span),
                    referenced.FileName)));
            }
        }

        return findings;
    }

    /// <summary>
    /// The direct references (<see cref="DirectPackageReference.Collect(BuildFile?, BuildFile?, BuildFile?, bool, out HashSet{string})"/>)
    /// that the <c>PackageReference</c> items of a project file or Directory.Build.props make, and where the first is.
    /// </summary>
    private static (int Count, TextSpan? FirstNameSpan) PackageReferences(BuildFile file)
    {
        var references = DirectPackageReference.Collect(file, null, null, managesVersionsCentrally: false, out _);
        return (references.Count, references.Count > 0 ? references[0].Element.NameSpan : null);
    }

    /// <summary>The direct references the <c>GlobalPackageReference</c> items of Directory.Packages.props make.</summary>
    private static (int Count, TextSpan? FirstNameSpan) GlobalPackageReferences(BuildFile file)
    {
        var references = DirectPackageReference.Collect(null, null, file, managesVersionsCentrally: true, out _);
        return (references.Count, references.Count > 0 ? references[0].Element.NameSpan : null);
    }

    /// <summary>The SCR5003 fix: set the one existing element to true, or add the property where there is none.</summary>
    private static ImmutableDictionary<string, string?> EnableLockFileFix(BuildFile project, BuildFile? props)
    {
        var existing = new List<(BuildFile File, BuildXmlElement Element)>();
        foreach (var file in props is null ? new[] { project } : new[] { project, props })
        {
            foreach (var element in file.Xml.Elements)
            {
                if (element.Is(LockProperty) && element.Parent?.Is("PropertyGroup") == true)
                {
                    existing.Add((file, element));
                }
            }
        }

        if (existing.Count == 0)
        {
            return ImmutableDictionary<string, string?>.Empty.Add(FixProperty, AddFix).Add(FixFileProperty, (props ?? project).Path);
        }

        return existing.Count == 1 && existing[0].Element.Text is not null && !DirectPackageReference.IsConditional(existing[0].Element)
            ? ImmutableDictionary<string, string?>.Empty.Add(FixProperty, SetTrueFix).Add(FixFileProperty, existing[0].File.Path)
            : ImmutableDictionary<string, string?>.Empty;
    }

    /// <summary>True when a RestoreLockedMode element turns locked mode on under a CI condition (or from a CI variable).</summary>
    private static bool IsLockedModeConditionedOnCi(BuildFile file)
    {
        foreach (var element in file.Xml.Elements)
        {
            if (!element.Is(LockedModeProperty) || element.Parent?.Is("PropertyGroup") != true || element.Text is not { } value)
            {
                continue;
            }

            if (MentionsCi(value))
            {
                return true;
            }

            if (!string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            for (var current = element; current is not null; current = current.Parent)
            {
                if (current.Attribute("Condition") is { } condition && MentionsCi(condition.Value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when the text names a CI variable or property (case-insensitive).</summary>
    internal static bool MentionsCi(string text)
    {
        foreach (var marker in CiMarkers)
        {
            if (text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first element setting the property (in a PropertyGroup), or null.</summary>
    private static BuildXmlElement? PropertyElement(BuildFile file, string name)
    {
        foreach (var element in file.Xml.Elements)
        {
            if (element.Is(name) && element.Parent?.Is("PropertyGroup") == true)
            {
                return element;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="path"/> lies in the folder of <paramref name="file"/> or below it.</summary>
    private static bool IsUnder(string path, string file)
    {
        var folder = BuildPaths.Normalize(BuildPaths.DirectoryOf(file));
        return folder.Length > 0 && BuildPaths.Normalize(path).StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when a referenced project sets its own lock file path or turns the lock file on itself.</summary>
    private static bool ConfiguresItsOwnLockFile(BuildFile referenced)
    {
        foreach (var element in referenced.Xml.Elements)
        {
            if (element.Parent?.Is("PropertyGroup") != true)
            {
                continue;
            }

            if (element.Is("NuGetLockFilePath")
                || (element.Is(LockProperty) && !string.Equals(element.Text, "false", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPackageReferenceItems(BuildFile referenced)
    {
        foreach (var element in referenced.Xml.Elements)
        {
            if (element.Is("PackageReference") && element.Parent?.Is("ItemGroup") == true && element.Attribute("Include") is { Value.Length: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The ProjectReference item of a file that names the referenced project: by path (MSBuild resolves item paths
    /// against the project's folder, also in imported files), else by a unique file name.
    /// </summary>
    private static BuildXmlElement? FindProjectReference(BuildFile file, BuildFile project, BuildFile referenced)
    {
        var projectDirectory = BuildPaths.DirectoryOf(project.Path);
        BuildXmlElement? byName = null;
        var names = 0;
        foreach (var element in file.Xml.Elements)
        {
            if (!element.Is("ProjectReference") || element.Parent?.Is("ItemGroup") != true || element.Attribute("Include") is not { } include)
            {
                continue;
            }

            foreach (var part in include.Value.Split(';'))
            {
                if (part.Trim().Length == 0)
                {
                    continue;
                }

                if (!BuildFileRules.IsUnevaluated(part) && BuildPaths.Same(BuildPaths.Resolve(projectDirectory, part), referenced.Path))
                {
                    return element;
                }

                if (string.Equals(BuildPaths.FileNameOf(part.Trim()), referenced.FileName, StringComparison.OrdinalIgnoreCase))
                {
                    byName = element;
                    names++;
                }
            }
        }

        return names == 1 ? byName : null;
    }

    /// <summary>True when the assets file lists a package dependency the project asked for (not one the SDK implies).</summary>
    private static bool AssetsListsExplicitPackages(BuildFile assets)
    {
        if (assets.Json.Root?["project"]?["frameworks"] is not { Kind: JsonKind.Object } frameworks)
        {
            return false;
        }

        foreach (var framework in frameworks.Properties)
        {
            foreach (var dependency in framework.Value["dependencies"]?.Properties ?? Array.Empty<JsonProperty>())
            {
                var target = dependency.Value["target"]?.Text;
                if (dependency.Value["autoReferenced"]?.Text != "true"
                    && (target is null || string.Equals(target, "Package", StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The (normalized) paths of the referenced projects for which the assets file lists package dependencies:
    /// <c>libraries</c> maps a project library to its project file, <c>targets</c> lists its dependencies.
    /// </summary>
    private static HashSet<string> AssetsProjectsWithPackages(BuildConfiguration build, BuildFile project)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var assets = build.First(BuildFileKind.AssetsFile);
        if (assets?.Json.Root?["targets"] is not { Kind: JsonKind.Object } targets)
        {
            return result;
        }

        var packages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var projects = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var directory = BuildPaths.DirectoryOf(project.Path);
        foreach (var library in AssetsLibraries.Of(assets))
        {
            if (library.IsPackage)
            {
                packages.Add(library.Id);
            }
            else if (library.Type == "project" && (library.Entry.Value["msbuildProject"] ?? library.Entry.Value["path"])?.Text is { Length: > 0 } path)
            {
                projects[library.Entry.Name] = BuildPaths.Resolve(directory, path);
            }
        }

        if (projects.Count == 0)
        {
            return result;
        }

        foreach (var target in targets.Properties)
        {
            foreach (var entry in target.Value.Properties)
            {
                if (!projects.TryGetValue(entry.Name, out var path) || result.Contains(path))
                {
                    continue;
                }

                foreach (var dependency in entry.Value["dependencies"]?.Properties ?? Array.Empty<JsonProperty>())
                {
                    if (packages.Contains(dependency.Name))
                    {
                        result.Add(path);
                        break;
                    }
                }
            }
        }

        return result;
    }

    private static bool LockFileHasEntries(BuildFile lockFile)
    {
        if (lockFile.Json.Root?["dependencies"] is not { Kind: JsonKind.Object } frameworks)
        {
            return false;
        }

        foreach (var framework in frameworks.Properties)
        {
            if (framework.Value.Properties.Count > 0)
            {
                return true;
            }
        }

        return false;
    }
}
