namespace SecureCodingAnalyzers.Catalog;

/// <summary>Rule categories, one per family. Ids are allocated per family in the ranges noted.</summary>
public static class RuleCategory
{
    /// <summary>SCR1xxx: cryptography and TLS.</summary>
    public const string Cryptography = "Security.Cryptography";

    /// <summary>SCR2xxx: injection (dataflow).</summary>
    public const string Injection = "Security.Injection";

    /// <summary>SCR3xxx: deserialization and XML.</summary>
    public const string Deserialization = "Security.Deserialization";

    /// <summary>SCR4xxx: code integrity (code loading, updates).</summary>
    public const string CodeIntegrity = "Security.CodeIntegrity";

    /// <summary>SCR5xxx: dependencies and package sources.</summary>
    public const string Dependencies = "Security.Dependencies";

    /// <summary>SCR6xxx: secrets.</summary>
    public const string Secrets = "Security.Secrets";

    /// <summary>SCR7xxx: web and ASP.NET Core.</summary>
    public const string Web = "Security.Web";

    /// <summary>SCR9xxx: governance (suppressions, configuration).</summary>
    public const string Governance = "Security.Governance";

    /// <summary>The id range (inclusive) each category owns.</summary>
    public static (int First, int Last) RangeOf(string category) => category switch
    {
        Cryptography => (1000, 1999),
        Injection => (2000, 2999),
        Deserialization => (3000, 3999),
        CodeIntegrity => (4000, 4999),
        Dependencies => (5000, 5999),
        Secrets => (6000, 6999),
        Web => (7000, 7999),
        Governance => (9000, 9999),
        _ => (-1, -1),
    };

    /// <summary>A short family name for docs and profiles.</summary>
    public static string FamilyName(string category) => category switch
    {
        Cryptography => "Cryptography & TLS",
        Injection => "Injection",
        Deserialization => "Deserialization & XML",
        CodeIntegrity => "Code integrity",
        Dependencies => "Dependencies & package sources",
        Secrets => "Secrets",
        Web => "Web & ASP.NET Core",
        Governance => "Governance",
        _ => category,
    };
}
