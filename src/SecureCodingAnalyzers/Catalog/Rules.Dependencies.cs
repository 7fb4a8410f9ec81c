using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

public static partial class Rules
{
    /// <summary>SCR5000: a build file the dependency rules need cannot be read.</summary>
    public static readonly DiagnosticDescriptor UnreadableBuildFile = DescriptorFactory.Create(
        "SCR5000",
        "Build file cannot be read",
        "{0} cannot be read ({1}); the dependency and package-source checks skipped it",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1104],
        [Iec62443.SM9, Iec62443.SI2],
        "A project file, props file, nuget.config, lock file or assets file that is not well-formed cannot be checked for floating versions, insecure sources or weakened verification. NuGet and MSBuild may also read such a file differently than intended.");

    /// <summary>SCR5001: floating package version.</summary>
    public static readonly DiagnosticDescriptor FloatingPackageVersion = DescriptorFactory.Create(
        "SCR5001",
        "Do not use floating package versions",
        "{0} '{1}' floats on version '{2}'; pin the version {3}",
        RuleCategory.Dependencies,
        RuleLevel.Warning,
        [1104, 829],
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
}
