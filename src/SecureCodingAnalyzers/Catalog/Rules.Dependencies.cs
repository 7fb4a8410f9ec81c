using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

public static partial class Rules
{
    /// <summary>SCR5000: a build file the dependency rules need cannot be read.</summary>
    public static readonly DiagnosticDescriptor UnreadableBuildFile = DescriptorFactory.Create(
        "SCR5000",
        "Build file cannot be read",
        "{0} cannot be read ({1}); the build-file checks (dependencies, package sources, application configuration) skipped it",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357],
        [Iec62443.SM9, Iec62443.SI2],
        "A project file, props file, nuget.config, lock file or assets file that is not well-formed cannot be checked for floating versions, insecure sources or weakened verification. NuGet and MSBuild may also read such a file differently than intended.");

    /// <summary>SCR5001: floating package version.</summary>
    public static readonly DiagnosticDescriptor FloatingPackageVersion = DescriptorFactory.Create(
        "SCR5001",
        "Do not use floating package versions",
        "{0} '{1}' floats on version '{2}'; pin the version {3}",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 829],
        [Iec62443.SM9, Iec62443.SM10],
        "A floating version (*, 1.*, 1.2.*-*) makes every restore take the newest matching release: a compromised or malicious new release of a dependency, or of a name squatted on another feed, enters the product without review.");

    /// <summary>SCR5010: package source over plain http or with insecure connections allowed.</summary>
    public static readonly DiagnosticDescriptor InsecurePackageSource = DescriptorFactory.Create(
        "SCR5010",
        "Do not use insecure package sources",
        "Package source '{0}' {1}; use an https source",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [319, 494],
        [Iec62443.SM9, Iec62443.SM10],
        "Packages fetched over plain http (or with allowInsecureConnections) can be replaced in transit by anyone on the network path; package signatures are only checked when signature validation is required.");

    /// <summary>SCR5002: Do not use version ranges that restore cannot pin.</summary>
    public static readonly DiagnosticDescriptor UnpinnedVersionRange = DescriptorFactory.Create(
        "SCR5002",
        "Do not use version ranges that restore cannot pin",
        "{0} '{1}' uses the version range '{2}', which {3}; use an exact version or a lower bound with a lock file",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 829],
        [Iec62443.SM9, Iec62443.SM10],
        "A range without a lower bound lets restore pick any old (possibly vulnerable) version; an open or bounded range changes with what the feed offers unless a lock file pins the result.");

    /// <summary>SCR5003: Enable a NuGet lock file.</summary>
    public static readonly DiagnosticDescriptor LockFileNotEnabled = DescriptorFactory.Create(
        "SCR5003",
        "Enable a NuGet lock file",
        "{0} has package references but no lock file; set RestorePackagesWithLockFile to true so restore records exact versions and content hashes",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 494],
        [Iec62443.SM9, Iec62443.SM10],
        "Without packages.lock.json, what a restore resolves is not recorded: transitive versions drift with the feed and a package whose content changed under the same version is not noticed.");

    /// <summary>SCR5004: Enforce the lock file in CI builds.</summary>
    public static readonly DiagnosticDescriptor LockedRestoreNotEnforced = DescriptorFactory.Create(
        "SCR5004",
        "Enforce the lock file in CI builds",
        "{0} enables the lock file but no CI build restores in locked mode; set RestoreLockedMode to true when ContinuousIntegrationBuild (or CI) is true",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 494],
        [Iec62443.SM9, Iec62443.SM10],
        "A lock file that CI does not enforce is only documentation: restore silently rewrites it when the dependency graph or a package hash changes. Locked mode makes such a change fail the build.");

    /// <summary>SCR5005: Referenced projects must pin their packages too.</summary>
    public static readonly DiagnosticDescriptor ReferencedProjectWithoutLockFile = DescriptorFactory.Create(
        "SCR5005",
        "Referenced projects must pin their packages too",
        "Referenced project '{0}' has package references but no lock file; its dependencies float even though this project locks its own",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357],
        [Iec62443.SM9, Iec62443.SM10],
        "A lock file pins the graph of its own project. A referenced project without one restores whatever the feed offers when it is built on its own (tests, packing, other consumers).");

    /// <summary>SCR5006: Keep the lock file consistent with the project.</summary>
    public static readonly DiagnosticDescriptor LockFileOutOfDate = DescriptorFactory.Create(
        "SCR5006",
        "Keep the lock file consistent with the project",
        "The lock file {0}; restore with --force-evaluate and review the change",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357],
        [Iec62443.SM9, Iec62443.SM10],
        "A lock file whose requested versions, entries or target frameworks no longer match the project does not describe what is built; in locked mode restore fails, otherwise it is silently rewritten.");

    /// <summary>SCR5007: Do not enable floating versions under Central Package Management.</summary>
    public static readonly DiagnosticDescriptor CentralFloatingVersionsEnabled = DescriptorFactory.Create(
        "SCR5007",
        "Do not enable floating versions under Central Package Management",
        "CentralPackageFloatingVersionsEnabled is true; floating versions defeat the central pinning, remove the property",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 829],
        [Iec62443.SM9, Iec62443.SM10],
        "Central Package Management rejects floating versions (NU1011) unless CentralPackageFloatingVersionsEnabled is set. Setting it re-opens every central version to whatever the feed offers.");

    /// <summary>SCR5011: Clear inherited package sources.</summary>
    public static readonly DiagnosticDescriptor PackageSourcesNotCleared = DescriptorFactory.Create(
        "SCR5011",
        "Clear inherited package sources",
        "{0} adds package sources without <clear/>; sources from user and machine configuration also apply to this build",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 427],
        [Iec62443.SM9, Iec62443.SM10],
        "Without <clear/>, NuGet merges the package sources of every nuget.config up to the user and machine level: a build machine's extra or compromised feed silently takes part in restore. A packageSourceMapping that starts with <clear/> also keeps inherited sources out and is accepted instead.");

    /// <summary>SCR5012: Map packages to sources when several sources are used.</summary>
    public static readonly DiagnosticDescriptor UnmappedPackageSources = DescriptorFactory.Create(
        "SCR5012",
        "Map packages to sources when several sources are used",
        "{0} uses {1} package sources ({2}) without package source mapping; map each package pattern to one source",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 427],
        [Iec62443.SM9, Iec62443.SM10],
        "With several sources and no packageSourceMapping, NuGet takes a package from whichever source answers: an attacker who publishes an internal package name on a public feed wins (dependency confusion). Local and UNC folder feeds count as sources.");

    /// <summary>SCR5013: Map the * pattern to one source only.</summary>
    public static readonly DiagnosticDescriptor WildcardMappedToSeveralSources = DescriptorFactory.Create(
        "SCR5013",
        "Map the * pattern to one source only",
        "The package pattern '*' is mapped to {0} sources ({1}); any package may come from any of them",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 427],
        [Iec62443.SM9, Iec62443.SM10],
        "Mapping the catch-all pattern to several sources brings dependency confusion back: unmapped package names are resolved from every source listed.");

    /// <summary>SCR5014: Name nuget.config so NuGet reads it.</summary>
    public static readonly DiagnosticDescriptor IgnoredNuGetConfig = DescriptorFactory.Create(
        "SCR5014",
        "Name nuget.config so NuGet reads it",
        "NuGet ignores '{0}' on case-sensitive file systems; rename it to nuget.config",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357],
        [Iec62443.SM9, Iec62443.SM10],
        "On case-sensitive file systems (Linux build agents and containers) NuGet only reads nuget.config, NuGet.config and NuGet.Config. A config named otherwise (Nuget.config, NUGET.CONFIG) works on Windows and is silently skipped there: its sources, clear, mapping and signature settings do not apply.");

    /// <summary>SCR5020: Require signed packages.</summary>
    public static readonly DiagnosticDescriptor SignatureValidationNotRequired = DescriptorFactory.Create(
        "SCR5020",
        "Require signed packages",
        "{0} does not set signatureValidationMode to require; packages are accepted without a trusted signature",
        RuleCategory.Dependencies,
        RuleLevel.Heuristic,
        [494, 347],
        [Iec62443.SM9, Iec62443.SM10],
        "In the default accept mode NuGet installs unsigned packages and packages signed by anyone. Require mode with trustedSigners makes restore reject a package that was not signed by an author or repository you trust. Info by default; the strict profile makes it an error.");

    /// <summary>SCR5021: Do not weaken trusted signer checks.</summary>
    public static readonly DiagnosticDescriptor WeakTrustedSigners = DescriptorFactory.Create(
        "SCR5021",
        "Do not weaken trusted signer checks",
        "{0}: {1}",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [494, 347],
        [Iec62443.SM9, Iec62443.SM10],
        "trustedSigners decide which signatures restore accepts in require mode. A missing list, allowUntrustedRoot or SHA-1 certificate fingerprints let packages signed by an untrusted or forgeable certificate in.");

    /// <summary>SCR5022: Do not restore unsigned packages.</summary>
    public static readonly DiagnosticDescriptor UnsignedPackage = DescriptorFactory.Create(
        "SCR5022",
        "Do not restore unsigned packages",
        "Package '{0}' {1} was restored without a signature; use a signed package, or list it in allowed_unsigned_packages if it is built in-house",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [494, 347],
        [Iec62443.SM9, Iec62443.SM10],
        "A package without a signature cannot be traced to its author or repository, and any copy with the same id and version is accepted. Internal packages can be allow-listed.");

    /// <summary>SCR5023: Do not switch off package signature verification.</summary>
    public static readonly DiagnosticDescriptor SignatureVerificationDisabled = DescriptorFactory.Create(
        "SCR5023",
        "Do not switch off package signature verification",
        "DOTNET_NUGET_SIGNATURE_VERIFICATION is '{0}'; NuGet does not verify package signatures on this machine",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [494, 347],
        [Iec62443.SM9, Iec62443.SM10],
        "The environment variable DOTNET_NUGET_SIGNATURE_VERIFICATION=false turns off signature verification of restored packages on Linux and macOS.");

    /// <summary>SCR5030: Do not weaken NuGet audit.</summary>
    public static readonly DiagnosticDescriptor NuGetAuditWeakened = DescriptorFactory.Create(
        "SCR5030",
        "Do not weaken NuGet audit",
        "{0}; {1} are not reported at restore",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357, 1395],
        [Iec62443.SM9, Iec62443.SM10],
        "NuGet audit reports packages with known vulnerabilities at restore. Turning it off, limiting it to direct dependencies or raising its level hides vulnerable transitive and low-severity findings.");

    /// <summary>SCR5031: Do not suppress NuGet supply-chain warnings.</summary>
    public static readonly DiagnosticDescriptor SupplyChainWarningSuppressed = DescriptorFactory.Create(
        "SCR5031",
        "Do not suppress NuGet supply-chain warnings",
        "{0} {1} {2}; this NuGet check reports a supply-chain risk, fix its cause instead",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357],
        [Iec62443.SM9, Iec62443.SM10],
        "NuGet's warnings about vulnerable packages (NU190x), missing or mismatched versions (NU1603-NU1608), unmapped or insecure sources (NU1507, NU1803, NU1302), lock files (NU1004, NU1403) and signatures (NU3xxx) are the build's own supply-chain checks; suppressing or downgrading them hides the risk.");

    /// <summary>SCR5040: Fix misspelled NuGet properties.</summary>
    public static readonly DiagnosticDescriptor MisspelledNuGetProperty = DescriptorFactory.Create(
        "SCR5040",
        "Fix misspelled NuGet properties",
        "'{0}' is not a NuGet property; did you mean '{1}'? MSBuild ignores unknown properties silently",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1357],
        [Iec62443.SM9, Iec62443.SM10],
        "MSBuild accepts any property name, so a misspelled RestorePackagesWithLockFile or NuGetAudit silently leaves the protection off.");

    /// <summary>SCR5041: MSBuild SDKs from a feed are not covered by lock files.</summary>
    public static readonly DiagnosticDescriptor SdkResolvedFromFeed = DescriptorFactory.Create(
        "SCR5041",
        "MSBuild SDKs from a feed are not covered by lock files",
        "The MSBuild SDK '{0}' version {1} is downloaded from a package feed when the project is evaluated; no lock file records or verifies it, so review its updates and the feed it comes from",
        RuleCategory.Dependencies,
        RuleLevel.Heuristic,
        [1357, 829],
        [Iec62443.SM9, Iec62443.SM10],
        "MSBuild project SDKs referenced with a version (Sdk=\"Name/1.2.3\", <Sdk Name Version>, <Import Sdk Version>) are downloaded by MSBuild's NuGet-based SDK resolver when the project is evaluated, before restore: packages.lock.json neither lists them nor checks their content hash, and their build logic runs in every build.");
}
