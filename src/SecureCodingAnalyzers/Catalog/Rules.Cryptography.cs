using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>The rule catalog. One partial file per family; every descriptor goes through <see cref="DescriptorFactory"/>.</summary>
public static partial class Rules
{
    /// <summary>SCR1001: MD5, SHA-1 or RIPEMD-160 used for hashing, signing or key derivation.</summary>
    public static readonly DiagnosticDescriptor WeakHashAlgorithm = DescriptorFactory.Create(
        "SCR1001",
        "Do not use broken hash algorithms (MD5, SHA-1, RIPEMD-160)",
        "{0} uses {1}, which is broken for integrity and signatures; use SHA-256 or stronger",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [328, 327],
        [Iec62443.SI2, Iec62443.SD4],
        "MD5 and SHA-1 have practical collision attacks and RIPEMD-160 offers too little security margin. A hash used to detect tampering, to sign or to derive keys must be collision resistant: use SHA-256, SHA-384 or SHA-512.");

    /// <summary>SCR1002: DES, TripleDES or RC2.</summary>
    public static readonly DiagnosticDescriptor WeakSymmetricCipher = DescriptorFactory.Create(
        "SCR1002",
        "Do not use weak symmetric ciphers (DES, TripleDES, RC2)",
        "{0} uses the weak cipher {1}; use AES (preferably AES-GCM)",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [327],
        [Iec62443.SI2, Iec62443.SD4],
        "DES and RC2 keys can be brute-forced and TripleDES has a 64-bit block that leaks plaintext after a few gigabytes (Sweet32); NIST disallows it for encryption after 2023. Use AES, ideally in an authenticated mode (AesGcm).");

    /// <summary>SCR1003: ECB cipher mode.</summary>
    public static readonly DiagnosticDescriptor EcbCipherMode = DescriptorFactory.Create(
        "SCR1003",
        "Do not encrypt with ECB mode",
        "{0} uses ECB mode, which reveals patterns of equal plaintext blocks; use AES-GCM or CBC with a random IV and a MAC",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [327],
        [Iec62443.SI2, Iec62443.SD4],
        "ECB encrypts equal plaintext blocks to equal ciphertext blocks, so structure leaks and blocks can be reordered or replayed. Use an authenticated mode (AesGcm) or CBC with a random IV plus a MAC.");

    /// <summary>SCR1004: constant or all-zero IV / nonce.</summary>
    public static readonly DiagnosticDescriptor StaticInitializationVector = DescriptorFactory.Create(
        "SCR1004",
        "Do not use a constant or all-zero initialization vector",
        "{0} uses {1} as initialization vector; generate a fresh random IV per message with RandomNumberGenerator",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [329, 1204],
        [Iec62443.SI2, Iec62443.SD4],
        "An IV or nonce must be unpredictable (CBC) or unique (GCM, CTR) for every message under the same key. A constant IV makes equal plaintexts encrypt equally and, for GCM, lets an attacker forge messages and recover the authentication key.");

    /// <summary>SCR1005: hard-coded symmetric key.</summary>
    public static readonly DiagnosticDescriptor HardcodedSymmetricKey = DescriptorFactory.Create(
        "SCR1005",
        "Do not hard-code cryptographic keys",
        "{0} uses {1} as key; load keys from a key store or protected configuration instead of embedding them in code",
        RuleCategory.Cryptography,
        RuleLevel.Error,
        [321, 798],
        [Iec62443.SI2, Iec62443.SD4],
        "A key written into the source is in every copy of the binary and in the repository history: anyone with either can decrypt or forge data, and it cannot be rotated without a release. Load keys from a key store, a hardware module or protected configuration.");

    /// <summary>SCR1006: RSA/DSA key below 2048 bits.</summary>
    public static readonly DiagnosticDescriptor InsufficientAsymmetricKeySize = DescriptorFactory.Create(
        "SCR1006",
        "Use asymmetric keys of at least 2048 bits",
        "{0} creates a {1}-bit {2} key; use at least 2048 bits (3072 for use beyond 2030)",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [326],
        [Iec62443.SI2, Iec62443.SD4],
        "RSA and DSA keys shorter than 2048 bits can be factored or broken with feasible effort. NIST SP 800-57 and BSI TR-02102 require at least 2048 bits now and 3072 bits for protection beyond 2030. Note that new RSACryptoServiceProvider() defaults to 1024 bits.");

    /// <summary>SCR1007: PBKDF2 with too few iterations.</summary>
    public static readonly DiagnosticDescriptor InsufficientPbkdf2Iterations = DescriptorFactory.Create(
        "SCR1007",
        "Use enough PBKDF2 iterations",
        "{0} runs PBKDF2-{1} with {2} iterations; use at least {3}",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [916],
        [Iec62443.SI2, Iec62443.SD4],
        "Password hashes and password-derived keys are attacked offline with GPUs; the iteration count is the only cost the attacker pays per guess. OWASP (2023) recommends 600,000 iterations for PBKDF2-HMAC-SHA256 and 210,000 for PBKDF2-HMAC-SHA512.");

    /// <summary>SCR1008: PBKDF2 with SHA-1, legacy Rfc2898DeriveBytes constructors, PasswordDeriveBytes.</summary>
    public static readonly DiagnosticDescriptor WeakPasswordKeyDerivation = DescriptorFactory.Create(
        "SCR1008",
        "Do not derive keys from passwords with SHA-1 or PasswordDeriveBytes",
        "{0} {1}; use Rfc2898DeriveBytes.Pbkdf2 with HashAlgorithmName.SHA256 and at least {2} iterations",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [916, 328],
        [Iec62443.SI2, Iec62443.SD4],
        "PasswordDeriveBytes implements an obsolete PBKDF1 variant; the Rfc2898DeriveBytes constructors without a hash algorithm use HMAC-SHA1 and, without an iteration count, only 1,000 iterations; PBKDF2 with HMAC-SHA1 is cheap on GPUs and wastes work on keys longer than 20 bytes. All make offline guessing cheap.");

    /// <summary>SCR1009: constant salt.</summary>
    public static readonly DiagnosticDescriptor ConstantSalt = DescriptorFactory.Create(
        "SCR1009",
        "Do not use a constant salt",
        "{0} uses {1} as salt; generate a random salt of at least 16 bytes per password with RandomNumberGenerator and store it with the hash",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [760],
        [Iec62443.SI2, Iec62443.SD4],
        "A salt must be unique per password so that equal passwords hash differently and precomputed tables are useless. A constant salt gives an attacker one table for every password.");

    /// <summary>SCR1010: System.Random used for security-sensitive values.</summary>
    public static readonly DiagnosticDescriptor InsecureRandomness = DescriptorFactory.Create(
        "SCR1010",
        "Do not use System.Random for security-sensitive values",
        "System.Random output flows into {0}; use System.Security.Cryptography.RandomNumberGenerator",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [338, 330],
        [Iec62443.SI2, Iec62443.SD4],
        "System.Random is predictable: its state can be recovered from a few outputs and seeds are guessable. Only flagged in a security context (key, IV, salt, nonce or other crypto input, or a value named or returned as a token, password, secret, key, salt, nonce, OTP or session id); jitter, shuffling, sampling and simulations are fine.");

    /// <summary>SCR1011: TLS server certificate validation disabled or weakened.</summary>
    public static readonly DiagnosticDescriptor CertificateValidationDisabled = DescriptorFactory.Create(
        "SCR1011",
        "Do not disable TLS certificate validation",
        "{0} {1}; return true only when sslPolicyErrors is SslPolicyErrors.None or the certificate matches a pinned one",
        RuleCategory.Cryptography,
        RuleLevel.Error,
        [295],
        [Iec62443.SI2, Iec62443.SD4],
        "A certificate validation callback that accepts any certificate, or certificates with chain or name errors, lets anyone on the network path impersonate the server and read or change the traffic (including updates and telemetry).");

    /// <summary>SCR1012: obsolete SSL/TLS protocol versions pinned in code.</summary>
    public static readonly DiagnosticDescriptor ObsoleteTlsProtocol = DescriptorFactory.Create(
        "SCR1012",
        "Do not pin obsolete SSL/TLS protocol versions",
        "{0} enables obsolete {1}; let the operating system choose the protocol version ({2})",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [326, 757],
        [Iec62443.SI2, Iec62443.SD4],
        "SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 are deprecated (RFC 8996) and have practical attacks (POODLE, BEAST). Pinning a version in code also blocks newer ones. Use SslProtocols.None / SecurityProtocolType.SystemDefault so the OS picks TLS 1.2 or 1.3.");

    /// <summary>SCR1013: X509ChainPolicy relaxations.</summary>
    public static readonly DiagnosticDescriptor RelaxedCertificateChainPolicy = DescriptorFactory.Create(
        "SCR1013",
        "Do not relax X.509 chain validation",
        "Setting {0} to {1} skips certificate checks; {2}",
        RuleCategory.Cryptography,
        RuleLevel.Warning,
        [295, 299],
        [Iec62443.SI2, Iec62443.SD4],
        "Chain policy flags that skip revocation, accept unknown roots or ignore validity, name or usage errors make certificate validation accept certificates it should reject (revoked, self-issued, expired or misused).");
}
