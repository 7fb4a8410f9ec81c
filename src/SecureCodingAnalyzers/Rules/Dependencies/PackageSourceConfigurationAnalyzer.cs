using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// How nuget.config chooses package sources:
/// SCR5011 sources added without <c>&lt;clear/&gt;</c> (user and machine sources also apply), unless a cleared
/// <c>packageSourceMapping</c> decides every package's sources;
/// SCR5012 more than one effective source (folder feeds included) without package source mapping;
/// SCR5013 the <c>*</c> pattern mapped to several sources;
/// SCR5014 a config file whose name casing NuGet ignores on case-sensitive file systems.
/// The section semantics follow NuGet's settings reader: a section's items before its first <c>&lt;clear/&gt;</c> are
/// dropped (a second <c>&lt;clear/&gt;</c> is a duplicate item and ignored), keys compare case-insensitively, and a
/// key listed under <c>disabledPackageSources</c> (same case) is disabled whatever its value (NuGet/Home#10291).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PackageSourceConfigurationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// SCR5011 diagnostic property, <c>true</c> when inserting <c>&lt;clear/&gt;</c> cannot remove a source the last
    /// restore used: every source in the assets file is one this file defines.
    /// </summary>
    public const string ClearIsSafeProperty = "ClearIsSafe";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.PackageSourcesNotCleared,
        Catalog.Rules.UnmappedPackageSources,
        Catalog.Rules.WildcardMappedToSeveralSources,
        Catalog.Rules.IgnoredNuGetConfig);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);

            // Every file these rules read is shared by the projects under it: one inner build reports.
            if (!build.IsRestored || !build.ReportsSharedFiles
                || !build.Files.Any(f => f.Kind is BuildFileKind.NuGetConfig or BuildFileKind.IgnoredNuGetConfig))
            {
                return;
            }

            var chain = new Lazy<ConfigChain>(() => ConfigChain.Read(build), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterAdditionalFileAction(c =>
            {
                switch (build.ReportableFile(c.AdditionalFile))
                {
                    case { Kind: BuildFileKind.IgnoredNuGetConfig } ignored:
                        ReportIgnored(c, ignored);
                        break;

                    case { Kind: BuildFileKind.NuGetConfig } file when chain.Value.Configs.TryGetValue(file.Path, out var config):
                        Analyze(c, file, config, chain.Value);
                        break;
                }
            });
        });
    }

    private static void ReportIgnored(AdditionalFileAnalysisContext context, BuildFile file)
    {
        // The content does not matter (SCR5000 reports a malformed one): the name alone makes NuGet skip the file.
        var span = file.Xml.Root?.NameSpan ?? new TextSpan(0, 0);
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.IgnoredNuGetConfig, file.LocationOf(span), file.FileName));
    }

    private static void Analyze(AdditionalFileAnalysisContext context, BuildFile file, NuGetConfigSources config, ConfigChain chain)
    {
        if (config.PackageSources is { } packageSources)
        {
            // SCR5011: a <clear/> anywhere in the chain of configs, or a cleared mapping, keeps inherited sources out.
            if (config.AddsSources && !chain.AnyClearsSources && !chain.AnyDecidesEverySource)
            {
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (chain.RestoreSources is { } restored && restored.All(config.Defines))
                {
                    properties = properties.Add(ClearIsSafeProperty, "true");
                }

                context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.PackageSourcesNotCleared, file.LocationOf(packageSources.NameSpan), properties, file.FileName));
            }

            // SCR5012: what this file shows; a mapping in any config of the chain applies to all of them.
            if (config.EffectiveSources.Count > 1 && !chain.AnyMapping)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Catalog.Rules.UnmappedPackageSources,
                    file.LocationOf(packageSources.NameSpan),
                    file.FileName,
                    config.EffectiveSources.Count,
                    string.Join(", ", config.EffectiveSources)));
            }
        }

        // SCR5013: report each source after the first that also takes '*'.
        var wildcardKeys = config.Wildcards.Select(w => w.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wildcardKeys.Count > 1)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { config.Wildcards[0].Key };
            foreach (var (key, pattern) in config.Wildcards)
            {
                if (seen.Add(key))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Catalog.Rules.WildcardMappedToSeveralSources,
                        file.LocationOf(pattern.ValueSpan),
                        wildcardKeys.Count,
                        string.Join(", ", wildcardKeys)));
                }
            }
        }
    }

    /// <summary>What the accepted nuget.config files of the build say together, and what the last restore used.</summary>
    private sealed class ConfigChain
    {
        private static readonly DerivedKey<NuGetConfigSources?> s_sources = new("SCR5011-SCR5013 nuget.config sources");
        private static readonly DerivedKey<IReadOnlyList<string>?> s_restoreSources = new("SCR5011 restore sources");

        private ConfigChain(Dictionary<string, NuGetConfigSources> configs, IReadOnlyList<string>? restoreSources)
        {
            Configs = configs;
            RestoreSources = restoreSources;
            AnyClearsSources = configs.Values.Any(c => c.ClearsSources);
            AnyMapping = configs.Values.Any(c => c.MapsSources);
            AnyDecidesEverySource = configs.Values.Any(c => c.MapsSources && c.ClearsMapping);
        }

        /// <summary>The parsed configs by path (well-formed ones with a configuration root).</summary>
        public Dictionary<string, NuGetConfigSources> Configs { get; }

        /// <summary>
        /// Some config of the chain clears the sources: everything merged before it (farther configs, user and machine
        /// level) is dropped, so nothing inherited takes part.
        /// </summary>
        public bool AnyClearsSources { get; }

        /// <summary>Package source mapping is enabled (NuGet merges the mapping of every config).</summary>
        public bool AnyMapping { get; }

        /// <summary>
        /// A config clears packageSourceMapping and maps at least one source after it: NuGet then takes each package only
        /// from sources these files name, and a package that matches no pattern from no source (NU1100), so a user or
        /// machine source (and a user or machine mapping) can never serve a package.
        /// </summary>
        public bool AnyDecidesEverySource { get; }

        /// <summary>The sources of the last restore (assets file project.restore.sources), or null when unknown.</summary>
        public IReadOnlyList<string>? RestoreSources { get; }

        public static ConfigChain Read(BuildConfiguration build)
        {
            var configs = new Dictionary<string, NuGetConfigSources>(StringComparer.Ordinal);
            foreach (var file in build.Files)
            {
                // Derived once per content and folder (folder sources are resolved against the config's folder).
                if (file.Kind == BuildFileKind.NuGetConfig && file.Derived(s_sources, DirectoryOf(file.Path), ReadSources) is { } sources)
                {
                    configs[file.Path] = sources;
                }
            }

            return new ConfigChain(configs, build.First(BuildFileKind.AssetsFile)?.Derived(s_restoreSources, ReadRestoreSources));
        }

        private static NuGetConfigSources? ReadSources(BuildFile file)
            => file.Xml.Root is { } root && root.Is("configuration") ? new NuGetConfigSources(root, DirectoryOf(file.Path)) : null;

        private static IReadOnlyList<string>? ReadRestoreSources(BuildFile assets)
            => assets.Json.Root?["project"]?["restore"]?["sources"] is { Kind: JsonKind.Object } sources
                ? sources.Properties.Select(p => p.Name).ToList()
                : null;

        private static string DirectoryOf(string path)
        {
            var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash > 0 ? path.Substring(0, slash) : string.Empty;
        }
    }

    /// <summary>The source-related sections of one nuget.config.</summary>
    private sealed class NuGetConfigSources
    {
        private readonly string _directory;
        private readonly List<string> _definedValues = new();

        public NuGetConfigSources(BuildXmlElement root, string directory)
        {
            _directory = directory;
            PackageSources = root.Child("packageSources");
            if (PackageSources is not null)
            {
                AddsSources = PackageSources.Children.Any(c => c.Is("add") && c.Attribute("value") is not null);
                ClearsSources = PackageSources.Children.Any(c => c.Is("clear"));
                foreach (var add in PackageSources.Children)
                {
                    if (add.Is("add") && add.Attribute("value")?.Value is { } value)
                    {
                        _definedValues.Add(Normalize(value, directory));
                    }
                }

                // NuGet matches disabled keys ordinally (unlike source keys) and ignores the value.
                var disabled = new HashSet<string>(StringComparer.Ordinal);
                if (root.Child("disabledPackageSources") is { } disabledSection)
                {
                    foreach (var add in AfterClear(disabledSection, out _))
                    {
                        if (add.Is("add") && add.Attribute("key")?.Value is { } key)
                        {
                            disabled.Add(key.Trim());
                        }
                    }
                }

                var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var add in AfterClear(PackageSources, out _))
                {
                    if (add.Is("add")
                        && add.Attribute("key")?.Value.Trim() is { Length: > 0 } key
                        && add.Attribute("value")?.Value is { } value
                        && keys.Add(key)
                        && !disabled.Contains(key)
                        && values.Add(Normalize(value, directory)))
                    {
                        EffectiveSources.Add(key);
                    }
                }
            }

            if (root.Child("packageSourceMapping") is { } mapping)
            {
                foreach (var source in AfterClear(mapping, out var cleared))
                {
                    if (!source.Is("packageSource") || source.Attribute("key")?.Value.Trim() is not { Length: > 0 } key)
                    {
                        continue;
                    }

                    MapsSources = true;
                    ClearsMapping = cleared;
                    foreach (var package in source.Children)
                    {
                        if (package.Is("package") && package.Attribute("pattern") is { Value: "*" } pattern)
                        {
                            Wildcards.Add((key, pattern));
                        }
                    }
                }
            }
        }

        /// <summary>The packageSources element, or null.</summary>
        public BuildXmlElement? PackageSources { get; }

        /// <summary>The file adds at least one source.</summary>
        public bool AddsSources { get; }

        /// <summary>packageSources contains a clear.</summary>
        public bool ClearsSources { get; }

        /// <summary>Keys of the sources this file enables: after the first clear, one per key and per location, not disabled.</summary>
        public List<string> EffectiveSources { get; } = new();

        /// <summary>packageSourceMapping maps at least one source (NuGet enables mapping then).</summary>
        public bool MapsSources { get; private set; }

        /// <summary>packageSourceMapping clears before its first mapped source.</summary>
        public bool ClearsMapping { get; private set; }

        /// <summary>Every <c>pattern="*"</c> with the source key it is mapped to, in document order.</summary>
        public List<(string Key, BuildXmlAttribute Pattern)> Wildcards { get; } = new();

        /// <summary>True when <paramref name="source"/> (as restore recorded it) is a source this file defines.</summary>
        public bool Defines(string source) => _definedValues.Contains(Normalize(source, _directory), StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// A section's items as NuGet keeps them: those after its first clear (NuGet drops a repeated clear as a
        /// duplicate item), or all of them.
        /// </summary>
        private static IEnumerable<BuildXmlElement> AfterClear(BuildXmlElement section, out bool cleared)
        {
            var children = section.Children;
            for (var i = 0; i < children.Count; i++)
            {
                if (children[i].Is("clear"))
                {
                    cleared = true;
                    return children.Skip(i + 1).Where(c => !c.Is("clear"));
                }
            }

            cleared = false;
            return children;
        }

        /// <summary>
        /// A source as restore records it: URLs as written (without a trailing slash), folders as absolute paths with
        /// '/' separators and '.'/'..' resolved against the config's directory. Pure string work, no file access.
        /// </summary>
        private static string Normalize(string source, string directory)
        {
            var value = source.Trim();
            if (value.IndexOf("://", StringComparison.Ordinal) > 0 && !value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                return value.TrimEnd('/');
            }

            var path = value.Replace('\\', '/');
            var rooted = path.StartsWith("/", StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':');
            if (!rooted)
            {
                path = directory.Replace('\\', '/') + "/" + path;
            }

            var unc = path.StartsWith("//", StringComparison.Ordinal);
            var segments = new List<string>();
            foreach (var segment in path.Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == ".." && segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                    continue;
                }

                segments.Add(segment);
            }

            var joined = string.Join("/", segments);
            return unc ? "//" + joined : path.StartsWith("/", StringComparison.Ordinal) ? "/" + joined : joined;
        }
    }
}
