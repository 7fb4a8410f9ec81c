namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// IEC 62443-4-1 (secure product development lifecycle) requirement ids that rules map to. Their titles live with
/// the CWE names in <c>data/taxonomies.json</c>.
/// </summary>
public static class Iec62443
{
    /// <summary>SI-1: security implementation review (static analysis of the implementation).</summary>
    public const string SI1 = "SI-1";

    /// <summary>SI-2: secure coding standards (banned functions, exploitable constructs).</summary>
    public const string SI2 = "SI-2";

    /// <summary>SD-4: secure design best practices (e.g. defense in depth, least privilege, strong cryptography).</summary>
    public const string SD4 = "SD-4";

    /// <summary>SM-9: security requirements for externally provided components.</summary>
    public const string SM9 = "SM-9";

    /// <summary>SM-10: assessing and addressing security-related issues of externally provided components.</summary>
    public const string SM10 = "SM-10";

    /// <summary>SUM-4: security update delivery (updates verifiable).</summary>
    public const string SUM4 = "SUM-4";

    /// <summary>DM-4: addressing security-related issues (every deferred finding justified).</summary>
    public const string DM4 = "DM-4";
}
