using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// SCR9xxx: governance. A secure coding standard is only as good as the record of where it was set aside: every
/// suppression of a security rule carries its justification, and every rule switched off or downgraded in
/// configuration is visible where it happens (IEC 62443-4-1 DM-4, SI-2).
/// </summary>
public static partial class Rules
{
    /// <summary>SCR9001: a security rule suppressed in code without a justification.</summary>
    public static readonly DiagnosticDescriptor UnjustifiedSuppression = DescriptorFactory.Create(
        "SCR9001",
        "Justify every suppression of a security rule",
        "{0} suppresses {1} without a justification; {2}",
        RuleCategory.Governance,
        RuleLevel.Warning,
        [710],
        [Iec62443.DM4, Iec62443.SI2],
        "A finding of a security rule that is suppressed without a reason is a deviation nobody can review: the evidence a supplier hands to a manufacturer must say why each one is acceptable. Give every #pragma warning disable a reason comment on the same line and every SuppressMessage a Justification.");

    /// <summary>SCR9002: a security rule switched off or downgraded in configuration.</summary>
    public static readonly DiagnosticDescriptor SecurityRuleDisabledInConfiguration = DescriptorFactory.Create(
        "SCR9002",
        "Record where security rules are switched off or downgraded",
        "{0} {1} {2}; {3}",
        RuleCategory.Governance,
        RuleLevel.Heuristic,
        [710],
        [Iec62443.DM4, Iec62443.SI2],
        "A security rule set to none, silent or suggestion in .editorconfig or .globalconfig, or listed in NoWarn, no longer protects the code it covers. That can be a justified deviation, but it must be visible where it happens, with its reason, so that the evidence shows which parts of the coding standard were not enforced and why.");
}
