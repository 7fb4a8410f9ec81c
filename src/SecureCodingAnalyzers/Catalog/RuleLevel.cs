namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// The severity rubric. Every rule picks exactly one level; the level decides the default severity and whether the
/// rule is on by default. The rubric is written out in CONTRIBUTING.md.
/// </summary>
public enum RuleLevel
{
    /// <summary>A definite vulnerability with no legitimate use and no known false positive (build error).</summary>
    Error,

    /// <summary>A weak or obsolete construct, detected precisely; legitimate uses are rare and need a justified suppression.</summary>
    Warning,

    /// <summary>A heuristic: useful signal with known imprecision. Reported as a suggestion (SARIF note).</summary>
    Heuristic,

    /// <summary>Off by default; the rule's page must say why. The audit profile turns these on as notes.</summary>
    OptIn,
}
