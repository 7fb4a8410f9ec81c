using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// SCR6xxx: secrets. A credential in source code or in a checked-in settings file is known to everyone who can read
/// the repository, a build artifact or a decompiled binary, and cannot be rotated without a release. Rules look at
/// where a value goes (a connection, a credential, a signing key) and at recognizable token formats, not at variable
/// names alone, and never print the secret they find.
/// </summary>
public static partial class Rules
{
    /// <summary>SCR6001: a password written into a connection string.</summary>
    public static readonly DiagnosticDescriptor HardcodedConnectionStringPassword = DescriptorFactory.Create(
        "SCR6001",
        "Do not hard-code passwords in connection strings",
        "{1} receives a hard-coded database password from {0}; read the connection string from configuration or a secret store, or use integrated authentication",
        RuleCategory.Secrets,
        RuleLevel.Warning,
        [259, 798],
        [Iec62443.SI2, Iec62443.SD4],
        "A connection string with Password= or Pwd= in code puts the database credential into the repository and every binary. Read connection strings from configuration backed by a secret store (user secrets in development, a vault or protected configuration in production), or use integrated or managed-identity authentication.");

    /// <summary>SCR6002: credentials built from literals.</summary>
    public static readonly DiagnosticDescriptor HardcodedCredential = DescriptorFactory.Create(
        "SCR6002",
        "Do not hard-code credentials",
        "{0} uses a hard-coded {1}; read credentials from configuration or a secret store",
        RuleCategory.Secrets,
        RuleLevel.Warning,
        [798],
        [Iec62443.SI2, Iec62443.SD4],
        "A password or token passed to NetworkCredential, a Basic or Bearer authorization header or a client secret option is known to everyone who can read the code or decompile the binary, and it cannot be changed without a release. Load credentials at run time from configuration, environment or a secret store.");

    /// <summary>SCR6003: signing and encryption keys from literals outside System.Security.Cryptography.</summary>
    public static readonly DiagnosticDescriptor HardcodedSigningKey = DescriptorFactory.Create(
        "SCR6003",
        "Do not hard-code token signing keys",
        "{0} uses {1} as key material; load the key from a key store or protected configuration",
        RuleCategory.Secrets,
        RuleLevel.Warning,
        [321, 798],
        [Iec62443.SI2, Iec62443.SD4],
        "Whoever knows a JWT signing key or a data protection key can mint valid tokens for any user and role. A key in source code is known to everyone with access to the repository or a binary. Load keys from a key vault, a certificate store or protected configuration.");

    /// <summary>SCR6004: a token with a recognizable format in a string literal.</summary>
    public static readonly DiagnosticDescriptor EmbeddedSecretToken = DescriptorFactory.Create(
        "SCR6004",
        "Do not embed access tokens or private keys in code",
        "{0} contains {1}; revoke it and load it from a secret store",
        RuleCategory.Secrets,
        RuleLevel.Warning,
        [798],
        [Iec62443.SI2, Iec62443.SD4],
        "Cloud access keys, Git hosting and package registry tokens, storage account keys and private keys have formats that attackers scan public and leaked repositories for within minutes. A token that was ever committed must be treated as compromised: revoke it and load its replacement from a secret store.");

    /// <summary>SCR6005: a password compared with a constant.</summary>
    public static readonly DiagnosticDescriptor HardcodedPasswordCheck = DescriptorFactory.Create(
        "SCR6005",
        "Do not compare passwords with constants",
        "{0} compares {1} with a hard-coded value; verify passwords against salted hashes kept outside the code",
        RuleCategory.Secrets,
        RuleLevel.Warning,
        [259],
        [Iec62443.SI2, Iec62443.SD4],
        "A login check that compares the entered password with a constant is a backdoor: the password is in every binary, is the same on every device and cannot be changed by the operator. Store a salted password hash (PBKDF2, Argon2) per account outside the code and compare in constant time.");

    /// <summary>SCR6006: a secret in a checked-in settings file.</summary>
    public static readonly DiagnosticDescriptor SecretInSettingsFile = DescriptorFactory.Create(
        "SCR6006",
        "Do not store secrets in appsettings files",
        "{0} holds {1}; keep secrets in user secrets, environment variables or a vault and leave a placeholder here",
        RuleCategory.Secrets,
        RuleLevel.Warning,
        [798, 522],
        [Iec62443.SI2, Iec62443.SD4],
        "appsettings.json files are committed and copied next to the application. A password, client secret, API key or token in them is known to everyone with the repository or an installation. Keep the setting's name with an empty or placeholder value and supply the secret from user secrets, environment variables or a vault.");
}
