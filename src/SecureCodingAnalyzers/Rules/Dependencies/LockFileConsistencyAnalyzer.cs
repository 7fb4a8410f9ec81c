using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5006: packages.lock.json does not match the project any more. Checked, per target framework section of the
/// lock file (runtime-specific sections aside):
/// <list type="bullet">
/// <item>a direct package reference has no entry, or only a transitive one;</item>
/// <item>the requested range of a direct entry differs from the project's version (compared by meaning:
/// <c>1.2.3</c> in the project is <c>[1.2.3, )</c> in the lock file), under Central Package Management from the
/// <c>PackageVersion</c> or <c>VersionOverride</c>; a <c>CentralTransitive</c> pin differs from its <c>PackageVersion</c>;</item>
/// <item>an id is listed as a dependency of an entry but has no entry of its own, although restore resolved it for
/// that framework (assets file);</item>
/// <item>the lock file's target frameworks differ from the project's <c>TargetFramework(s)</c>.</item>
/// </list>
/// Findings are reported in the lock file, on the name of the offending entry (or framework section), once per
/// problem: the lock file is what restore must regenerate. Only references that apply in every build are compared
/// (no condition on them or around them, one package per item, no <c>Update</c>/<c>Remove</c> of the id, no
/// MSBuild reference in the version); floating versions are left to SCR5001.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockFileConsistencyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DerivedKey<ImmutableArray<(TextSpan Span, string Problem)>> s_findings = new("SCR5006 findings");
    private static readonly DerivedKey<ImmutableArray<(TextSpan Span, string Problem)>> s_dependencyFindings = new("SCR5006 dangling dependencies");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.LockFileOutOfDate);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);

            // The lock file is shared by the inner builds of a multi-targeting project: report it from one of them.
            if (!build.IsRestored
                || build.First(BuildFileKind.LockFile) is not { } lockFile
                || !build.ReportsSharedFiles
                || string.Equals(build.Property("RestorePackagesWithLockFile"), "false", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            start.RegisterAdditionalFileAction(c =>
            {
                if (!ReferenceEquals(build.Find(c.AdditionalFile), lockFile))
                {
                    return;
                }

                // The findings depend on these files' contents and two evaluated facts, nothing else: derived once
                // per combination, a warm build only reports them.
                var inputs = new Inputs(
                    lockFile,
                    build.First(BuildFileKind.AssetsFile),
                    build.Project,
                    build.First(BuildFileKind.DirectoryBuildProps),
                    build.First(BuildFileKind.DirectoryPackagesProps),
                    build.IsTrue("ManagePackageVersionsCentrally"),
                    WrittenFrameworks(build));
                foreach (var (span, problem) in lockFile.Derived(s_findings, inputs.Key, _ => Analyze(inputs)))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.LockFileOutOfDate, lockFile.LocationOf(span), problem));
                }
            });
        });
    }

    /// <summary>The target frameworks the project writes, as evaluated (empty when they are not known here).</summary>
    private static List<string> WrittenFrameworks(BuildConfiguration build)
    {
        // Without the targets' comma-separated copy a multi-targeting project's frameworks are not known here.
        var list = build.Property("SecureCodingTargetFrameworks") is not null ? build.PropertyList("TargetFrameworks")
            : build.Property("TargetFrameworks") is null && build.Property("TargetFramework") is { } single ? ImmutableArray.Create(single)
            : ImmutableArray<string>.Empty;
        return list.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static ImmutableArray<(TextSpan Span, string Problem)> Analyze(Inputs inputs)
    {
        var findings = ImmutableArray.CreateBuilder<(TextSpan, string)>();
        if (inputs.LockFile.Json.Root is not { Kind: JsonKind.Object } root
            || root.Properties.FirstOrDefault(p => p.Name == "dependencies") is not { Value.Kind: JsonKind.Object } dependencies)
        {
            return findings.ToImmutable();
        }

        var sections = dependencies.Value.Properties.Where(p => p.Name.IndexOf('/') < 0 && p.Value.Kind == JsonKind.Object).ToList();
        if (sections.Count == 0)
        {
            return findings.ToImmutable();
        }

        void Report(TextSpan span, string problem) => findings.Add((span, problem));

        CheckFrameworks(inputs.WrittenFrameworks, inputs.AssetsFile, dependencies, sections, Report);
        CheckDirectReferences(inputs, sections, Report);

        // Depends on the lock and assets files only: kept apart, so that editing the project does not redo it.
        findings.AddRange(inputs.LockFile.Derived(s_dependencyFindings, BuildFile.ContentKeyOf(inputs.AssetsFile), _ => DependencyFindings(sections, inputs.AssetsFile)));
        return findings.ToImmutable();
    }

    private static ImmutableArray<(TextSpan Span, string Problem)> DependencyFindings(List<JsonProperty> sections, BuildFile? assetsFile)
    {
        var findings = ImmutableArray.CreateBuilder<(TextSpan, string)>();
        var resolved = ResolvedPackageIds(assetsFile);
        var resolvedByFramework = ResolvedPackageIdsByFramework(assetsFile);
        CheckDependencies(
            sections,
            section => ShortFrameworkName(section) is { } name && resolvedByFramework.TryGetValue(name, out var ids) ? ids : resolved,
            (span, problem) => findings.Add((span, problem)));
        return findings.ToImmutable();
    }

    private static void CheckFrameworks(List<string> written, BuildFile? assetsFile, JsonProperty dependencies, List<JsonProperty> sections, Action<TextSpan, string> report)
    {
        if (written.Count == 0 || written.Any(BuildFileRules.IsUnevaluated))
        {
            return;
        }

        // The assets file maps each alias the project writes to the framework restore used (net8.0-windows -> net8.0-windows7.0).
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (assetsFile?.Json.Root?["project"]?["frameworks"] is { Kind: JsonKind.Object } frameworks)
        {
            foreach (var framework in frameworks.Properties)
            {
                if (framework.Value["framework"]?.Text is { Length: > 0 } name)
                {
                    aliases[framework.Name] = name;
                }
            }
        }

        var project = written.Select(t => aliases.TryGetValue(t, out var name) ? name : t).ToList();
        var locked = new List<string>();
        foreach (var section in sections)
        {
            if (ShortFrameworkName(section.Name) is not { } name)
            {
                return; // a framework this rule cannot name: do not guess
            }

            locked.Add(name);
        }

        var extra = sections.Where((_, i) => !project.Any(p => FrameworkMatches(p, locked[i]))).ToList();
        var missing = project.Where(p => !locked.Any(l => FrameworkMatches(p, l))).ToList();
        if ((extra.Count == 0 && missing.Count == 0) || missing.Any(m => !LooksLikeFramework(m)))
        {
            return;
        }

        report(
            extra.Count > 0 ? extra[0].NameSpan : dependencies.NameSpan,
            $"covers the target frameworks {string.Join(", ", locked)}, but the project targets {string.Join(", ", written)}");
    }

    private static void CheckDirectReferences(Inputs inputs, List<JsonProperty> sections, Action<TextSpan, string> report)
    {
        var references = DirectPackageReference.Collect(inputs.Project, inputs.DirectoryBuildProps, inputs.DirectoryPackagesProps, inputs.ManagesVersionsCentrally, out var changed);
        var central = inputs.ManagesVersionsCentrally ? CentralVersions(inputs.DirectoryPackagesProps) : null;
        var counts = references.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = sections.Select(s => Entries(s.Value)).ToList();
        foreach (var reference in references)
        {
            direct.Add(reference.Id);
            if (!reference.IsExact || changed.Contains(reference.Id) || counts[reference.Id] > 1)
            {
                continue;
            }

            var expected = NuGetVersionRange.Parse(ExpectedVersion(reference, central));
            var missing = new List<JsonProperty>();
            var transitive = new List<JsonProperty>();
            var differs = new List<(JsonProperty Section, JsonProperty Entry, NuGetVersionRange Requested)>();
            for (var i = 0; i < sections.Count; i++)
            {
                var section = sections[i];
                if (!entries[i].TryGetValue(reference.Id, out var entry))
                {
                    missing.Add(section);
                    continue;
                }

                switch (entry.Value["type"]?.Text)
                {
                    case "Project":
                        break;
                    case "Direct":
                        if (expected is not null && NuGetVersionRange.Parse(entry.Value["requested"]?.Text) is { } requested && !requested.Equals(expected))
                        {
                            differs.Add((section, entry, requested));
                        }

                        break;
                    default:
                        transitive.Add(entry);
                        break;
                }
            }

            if (missing.Count > 0)
            {
                report(missing[0].NameSpan, $"has no entry for '{reference.Id}' in {Names(missing)}, although the project references it directly");
            }

            if (transitive.Count > 0)
            {
                report(transitive[0].NameSpan, $"lists '{reference.Id}' only as a transitive dependency, although the project references it directly");
            }

            foreach (var group in differs.GroupBy(d => d.Requested))
            {
                var first = group.First();
                report(first.Entry.NameSpan, $"requests '{reference.Id}' {group.Key} in {Names(group.Select(d => d.Section))}, but the project references {expected}");
            }
        }

        if (central is null)
        {
            return;
        }

        // Central transitive pinning: the pin recorded for a package must be the PackageVersion of Directory.Packages.props.
        var pins = new Dictionary<string, List<(JsonProperty Section, JsonProperty Entry, NuGetVersionRange Requested, NuGetVersionRange Expected)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            foreach (var entry in section.Value.Properties)
            {
                if (entry.Value["type"]?.Text == "CentralTransitive"
                    && !direct.Contains(entry.Name)
                    && central.TryGetValue(entry.Name, out var version)
                    && NuGetVersionRange.Parse(version) is { } expected
                    && NuGetVersionRange.Parse(entry.Value["requested"]?.Text) is { } requested
                    && !requested.Equals(expected))
                {
                    if (!pins.TryGetValue(entry.Name, out var list))
                    {
                        pins[entry.Name] = list = new();
                    }

                    list.Add((section, entry, requested, expected));
                }
            }
        }

        foreach (var pin in pins)
        {
            var first = pin.Value[0];
            report(first.Entry.NameSpan, $"pins '{pin.Key}' to {first.Requested} in {Names(pin.Value.Select(p => p.Section))}, but Directory.Packages.props sets {first.Expected}");
        }
    }

    /// <summary>
    /// The package ids restore resolved (assets file). NuGet legitimately writes dependencies without an entry of their
    /// own when the graph excludes them (PrivateAssets through a project reference, packages pruned because the
    /// framework provides them); only an id that restore did resolve but the lock file lacks is an inconsistency.
    /// </summary>
    private static HashSet<string> ResolvedPackageIds(BuildFile? assetsFile)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in AssetsLibraries.Of(assetsFile))
        {
            if (library.IsPackage)
            {
                ids.Add(library.Id);
            }
        }

        return ids;
    }

    /// <summary>
    /// The package ids restore resolved per target framework (assets file <c>targets</c>, by short framework name;
    /// runtime-specific targets and targets without packages aside). A multi-targeting project may resolve a package
    /// for one framework and prune it for another, where the lock file then lists it as a dependency without an entry.
    /// </summary>
    private static Dictionary<string, HashSet<string>> ResolvedPackageIdsByFramework(BuildFile? assetsFile)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        if (assetsFile?.Json.Root?["targets"] is not { Kind: JsonKind.Object } targets)
        {
            return result;
        }

        foreach (var target in targets.Properties)
        {
            if (target.Name.IndexOf('/') >= 0 || target.Value.Kind != JsonKind.Object || ShortFrameworkName(target.Name) is not { } name)
            {
                continue;
            }

            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Value.Properties)
            {
                if (library.Value["type"]?.Text == "package" && AssetsLibraries.TrySplitKey(library.Name, out var id, out _))
                {
                    ids.Add(id);
                }
            }

            if (ids.Count > 0 && !result.ContainsKey(name))
            {
                result.Add(name, ids);
            }
        }

        return result;
    }

    private static void CheckDependencies(List<JsonProperty> sections, Func<string, HashSet<string>> resolvedFor, Action<TextSpan, string> report)
    {
        var dangling = new Dictionary<string, List<(JsonProperty Section, JsonProperty Parent, JsonProperty Dependency)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            var resolved = resolvedFor(section.Name);
            var ids = new HashSet<string>(section.Value.Properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var entry in section.Value.Properties)
            {
                foreach (var dependency in entry.Value["dependencies"]?.Properties ?? Array.Empty<JsonProperty>())
                {
                    if (ids.Contains(dependency.Name) || !resolved.Contains(dependency.Name))
                    {
                        continue;
                    }

                    if (!dangling.TryGetValue(dependency.Name, out var list))
                    {
                        dangling[dependency.Name] = list = new();
                    }

                    list.Add((section, entry, dependency));
                }
            }
        }

        foreach (var item in dangling)
        {
            var first = item.Value[0];
            var sectionsWithIt = item.Value.Select(v => v.Section).Distinct().ToList();
            report(first.Dependency.NameSpan, $"lists '{first.Dependency.Name}' as a dependency of '{first.Parent.Name}' in {Names(sectionsWithIt)} but has no entry for it");
        }
    }

    /// <summary>The version the lock file must have requested for a direct reference, or null when it is not known here.</summary>
    private static string? ExpectedVersion(DirectPackageReference reference, Dictionary<string, string?>? central)
    {
        if (reference.IsGlobal || central is null)
        {
            return reference.Version;
        }

        // Central Package Management: VersionOverride, else the PackageVersion (a Version on the item is NU1008).
        if (reference.Version is not null)
        {
            return null;
        }

        return reference.VersionOverride ?? (central.TryGetValue(reference.Id, out var version) ? version : null);
    }

    /// <summary>PackageVersion items of Directory.Packages.props that apply in every build (ids set twice map to null).</summary>
    private static Dictionary<string, string?> CentralVersions(BuildFile? directoryPackagesProps)
    {
        var versions = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (directoryPackagesProps is not { Xml.Root: not null } file)
        {
            return versions;
        }

        foreach (var element in file.Xml.Elements)
        {
            if (!element.Is("PackageVersion") || element.Parent?.Is("ItemGroup") != true)
            {
                continue;
            }

            var id = (element.Attribute("Include") ?? element.Attribute("Update"))?.Value.Trim();
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            var version = DirectPackageReference.IsConditional(element) || element.Attribute("Update") is not null || versions.ContainsKey(id!)
                ? null
                : DirectPackageReference.ValueOf(element, "Version");
            versions[id!] = version;
        }

        return versions;
    }

    /// <summary>A section's entries by package id (case-insensitive; the first entry of an id, as a search in document order finds it).</summary>
    private static Dictionary<string, JsonProperty> Entries(JsonValue section)
    {
        var entries = new Dictionary<string, JsonProperty>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in section.Properties)
        {
            if (!entries.ContainsKey(entry.Name))
            {
                entries.Add(entry.Name, entry);
            }
        }

        return entries;
    }

    private static string Names(IEnumerable<JsonProperty> sections) => string.Join(", ", sections.Select(s => ShortFrameworkName(s.Name) ?? s.Name));

    /// <summary>
    /// The short name of a lock file section: net5.0 and later are written short (net8.0-windows7.0), older frameworks
    /// by their full name (.NETStandard,Version=v2.0, .NETFramework,Version=v4.7.2). Null for anything else.
    /// </summary>
    internal static string? ShortFrameworkName(string section)
    {
        if (section.IndexOf(',') < 0)
        {
            return section.Trim().ToLowerInvariant();
        }

        var parts = section.Split(',');
        string? version = null;
        for (var i = 1; i < parts.Length; i++)
        {
            var pair = parts[i].Split(new[] { '=' }, 2);
            if (pair.Length != 2 || !string.Equals(pair[0].Trim(), "Version", StringComparison.OrdinalIgnoreCase))
            {
                return null; // a profile or an unknown part
            }

            version = pair[1].Trim().TrimStart('v', 'V');
        }

        if (version is null || version.Length == 0 || version.Any(c => !char.IsDigit(c) && c != '.'))
        {
            return null;
        }

        switch (parts[0].Trim().ToUpperInvariant())
        {
            case ".NETSTANDARD":
                return "netstandard" + version;
            case ".NETCOREAPP":
                return (int.TryParse(version.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major >= 5 ? "net" : "netcoreapp") + version;
            case ".NETFRAMEWORK":
                return "net" + version.Replace(".", string.Empty);
            default:
                return null;
        }
    }

    /// <summary>
    /// True when a project framework (alias resolved through the assets file when known) is the lock file's: equal,
    /// or equal up to the platform version, which restore completes with the SDK's default when the project omits it
    /// (net8.0-windows is net8.0-windows7.0) and writes without trailing zeros (windows10.0.19041.0 is windows10.0.19041).
    /// </summary>
    internal static bool FrameworkMatches(string project, string locked)
    {
        if (string.Equals(project, locked, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var projectDash = project.IndexOf('-');
        var lockedDash = locked.IndexOf('-');
        if (projectDash < 0 || lockedDash < 0
            || !string.Equals(project.Substring(0, projectDash), locked.Substring(0, lockedDash), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var (projectPlatform, projectVersion) = SplitPlatform(project.Substring(projectDash + 1));
        var (lockedPlatform, lockedVersion) = SplitPlatform(locked.Substring(lockedDash + 1));
        return string.Equals(projectPlatform, lockedPlatform, StringComparison.OrdinalIgnoreCase)
            && (projectVersion.Length == 0 || SameNumbers(projectVersion, lockedVersion));
    }

    private static (string Name, string Version) SplitPlatform(string platform)
    {
        var digit = 0;
        while (digit < platform.Length && !char.IsDigit(platform[digit]))
        {
            digit++;
        }

        return (platform.Substring(0, digit), platform.Substring(digit));
    }

    /// <summary>Dotted numbers compared by value, missing parts being zero.</summary>
    private static bool SameNumbers(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "0";
            var y = i < b.Length ? b[i] : "0";
            if (!int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || !int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
            }

            if (m != n)
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeFramework(string name)
    {
        foreach (var prefix in new[] { "netstandard", "netcoreapp", "net" })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length && char.IsDigit(name[prefix.Length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Everything the findings depend on: the lock file, the assets file, the three XML files package references and
    /// versions are written in, and two evaluated facts. <see cref="Key"/> names them all (the lock file's content is
    /// the document the findings are kept with).
    /// </summary>
    private sealed class Inputs
    {
        public Inputs(BuildFile lockFile, BuildFile? assetsFile, BuildFile? project, BuildFile? directoryBuildProps, BuildFile? directoryPackagesProps, bool managesVersionsCentrally, List<string> writtenFrameworks)
        {
            LockFile = lockFile;
            AssetsFile = assetsFile;
            Project = project;
            DirectoryBuildProps = directoryBuildProps;
            DirectoryPackagesProps = directoryPackagesProps;
            ManagesVersionsCentrally = managesVersionsCentrally;
            WrittenFrameworks = writtenFrameworks;

            // Content keys contain no '|'; the frameworks (split on ',' and ';') come last, so the key is unambiguous.
            Key = string.Join(
                "|",
                BuildFile.ContentKeyOf(assetsFile),
                BuildFile.ContentKeyOf(project),
                BuildFile.ContentKeyOf(directoryBuildProps),
                BuildFile.ContentKeyOf(directoryPackagesProps),
                managesVersionsCentrally ? "central" : "-",
                string.Join(";", writtenFrameworks));
        }

        public BuildFile LockFile { get; }

        public BuildFile? AssetsFile { get; }

        public BuildFile? Project { get; }

        public BuildFile? DirectoryBuildProps { get; }

        public BuildFile? DirectoryPackagesProps { get; }

        public bool ManagesVersionsCentrally { get; }

        public List<string> WrittenFrameworks { get; }

        public string Key { get; }
    }
}
