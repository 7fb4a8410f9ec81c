using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// SCR4xxx: code integrity. SCR4001–SCR4006 are found by the shared dataflow engine (loading and execution as sinks,
/// verification as the sanitizer); the others are local checks of code and configuration files.
/// </summary>
public static partial class Rules
{
    /// <summary>SCR4001: plugins loaded from a listed folder without verification.</summary>
    public static readonly DiagnosticDescriptor UnverifiedPluginLoading = DescriptorFactory.Create(
        "SCR4001",
        "Verify plugins before loading them",
        "{0} reaches {1} without integrity verification; compare its SHA-256 with a pinned value or verify a pinned signature first",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [494, 829],
        [Iec62443.SM9, Iec62443.SI2],
        "Loading every assembly or native library found in a folder runs whatever anyone who can write to that folder put there: one planted DLL runs with the privileges of the product. Verify each file before loading it: compare its SHA-256 digest with a pinned value (CryptographicOperations.FixedTimeEquals) or check a signature with a pinned key, or load a fixed list of plugins from the application directory.");

    /// <summary>SCR4002: code loaded from a writable location, configuration or input without verification.</summary>
    public static readonly DiagnosticDescriptor UntrustedCodeLoading = DescriptorFactory.Create(
        "SCR4002",
        "Do not load code from user-writable locations, configuration or input without verification",
        "{0} reaches {1} without integrity verification; load from the application directory or verify a pinned SHA-256 or signature first",
        RuleCategory.CodeIntegrity,
        RuleLevel.Error,
        [494, 426],
        [Iec62443.SM9, Iec62443.SI2],
        "An assembly or native library loaded from the temp folder, a user profile, the current directory, a path taken from configuration or from input can be replaced by any local user or by whoever controls that input, and runs with the privileges of the product. Load code only from the application directory, or verify it against a pinned SHA-256 digest or a pinned signing key before loading it.");

    /// <summary>SCR4003: downloaded code run or loaded without verification.</summary>
    public static readonly DiagnosticDescriptor DownloadedCodeExecution = DescriptorFactory.Create(
        "SCR4003",
        "Do not run or load downloaded code without verification",
        "{0} reaches {1} without integrity verification; verify a pinned SHA-256 digest or a signature with a pinned key before running it",
        RuleCategory.CodeIntegrity,
        RuleLevel.Error,
        [494],
        [Iec62443.SUM4, Iec62443.SM9, Iec62443.SI2],
        "Code downloaded and then started, loaded as an assembly or extracted and run, with no check of where it came from, is how update channels become attack channels (SolarWinds, Kaseya, 3CX): whoever controls the server, the network path or DNS runs code on every installation. Verify each download against a pinned SHA-256 digest or a signature made with a pinned key before writing it where it will run.");

    /// <summary>SCR4004: code downloaded over cleartext HTTP.</summary>
    public static readonly DiagnosticDescriptor CleartextCodeDownload = DescriptorFactory.Create(
        "SCR4004",
        "Download updates and plugins over HTTPS",
        "{0} is fetched over cleartext HTTP and reaches {1}; use an https:// endpoint",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [319, 494],
        [Iec62443.SUM4, Iec62443.SI2],
        "An update or plugin fetched over http:// can be replaced or held back by anyone on the network path. Even with a signature check, cleartext lets an attacker serve an old, vulnerable version or block updates unnoticed. Use https:// for every endpoint whose content is run or loaded.");

    /// <summary>SCR4005: types chosen by untrusted input instantiated or invoked.</summary>
    public static readonly DiagnosticDescriptor UntrustedTypeInstantiation = DescriptorFactory.Create(
        "SCR4005",
        "Do not create or invoke types named by untrusted input",
        "{0} reaches {1}; map the input to a fixed set of types instead",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [470],
        [Iec62443.SI2, Iec62443.SD4],
        "A type or member name taken from a request, a socket or a file and passed to Activator.CreateInstance or reflection lets the sender instantiate any type the process can load and run its constructor or methods (gadget chains, file writes, process starts). Map input values to a fixed dictionary of allowed types.");

    /// <summary>SCR4006: a download checked against a digest fetched from the same place.</summary>
    public static readonly DiagnosticDescriptor SameOriginIntegrityCheck = DescriptorFactory.Create(
        "SCR4006",
        "Do not verify a download against a digest from the same origin",
        "The expected digest in '{0}' comes from the network like the data it checks; pin the digest in the product or verify a signature over it with a pinned key",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [345, 494],
        [Iec62443.SUM4, Iec62443.SI2],
        "A hash downloaded next to the file it protects is replaced together with the file by whoever controls the server or the connection: the check only detects transmission errors. Compare with a digest pinned in the product, or verify a signature over the digest with a pinned public key.");

    /// <summary>SCR4010: assembly resolution handlers that load from writable or foreign directories.</summary>
    public static readonly DiagnosticDescriptor UnsafeAssemblyResolution = DescriptorFactory.Create(
        "SCR4010",
        "Resolve assemblies only from the application directory",
        "This {0} handler loads code from {1}; resolve only from the application directory or verify the file before loading it",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [427, 494],
        [Iec62443.SM9, Iec62443.SI2],
        "An AssemblyResolve or Resolving handler (or an AssemblyLoadContext.Load override) runs whenever a dependency is missing. One that probes the temp folder, a user profile, ProgramData, the current directory or another folder outside the application lets anyone who can write there supply the missing assembly or native library, which then runs inside the product. Resolve from the application directory (AppContext.BaseDirectory, AssemblyDependencyResolver), or verify the candidate against a pinned SHA-256 digest or signature before loading it.");

    /// <summary>SCR4011: programs and native libraries found through the search path.</summary>
    public static readonly DiagnosticDescriptor SearchPathExecution = DescriptorFactory.Create(
        "SCR4011",
        "Start programs and load native libraries by full path",
        "{0} '{1}' is looked up in the current directory and the search path; give its full path",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [426, 427],
        [Iec62443.SI2, Iec62443.SD4],
        "A program or native library named without a full path is looked up in several directories: the application's directory, the current directory, the system directories and PATH. A file with that name planted earlier in the search order, for example in a current directory chosen by the user or by whoever started the product, runs instead of the intended one (binary planting), with the privileges of the product. Use an absolute path built from a trusted directory such as Environment.SystemDirectory or AppContext.BaseDirectory.");

    /// <summary>SCR4020: X509Certificate.CreateFromSignedFile used as a signature check.</summary>
    public static readonly DiagnosticDescriptor SignedFileCertificateCheck = DescriptorFactory.Create(
        "SCR4020",
        "Do not use CreateFromSignedFile as a signature check",
        "X509Certificate.CreateFromSignedFile does not verify the file's signature; verify the signature (WinVerifyTrust or a signature over the file with a pinned key) instead",
        RuleCategory.CodeIntegrity,
        RuleLevel.Error,
        [347],
        [Iec62443.SUM4, Iec62443.SI2],
        "CreateFromSignedFile only extracts the signer certificate from an Authenticode signature: it does not check that the signature matches the file, that the certificate chains to a trusted root or that it is not revoked. A tampered file keeps its certificate, and the call throws on Linux and macOS even for validly signed files. Verify the signature itself and pin the expected publisher.");

    /// <summary>SCR4021: SignedCms.CheckSignature(true) without a signer identity check.</summary>
    public static readonly DiagnosticDescriptor SignatureWithoutSignerCheck = DescriptorFactory.Create(
        "SCR4021",
        "Check who signed the content, not only that it is signed",
        "{0} verifies the signature only; also check the signer certificate against a pinned thumbprint or public key",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [347, 295],
        [Iec62443.SUM4, Iec62443.SI2],
        "SignedCms.CheckSignature(true) proves that the content was signed by the certificate embedded in the message, but anyone can embed their own certificate. Without a chain check or a comparison of the signer with a pinned thumbprint or public key, an attacker signs a malicious update with a self-made certificate and it passes. Subject and issuer names, serial numbers and X509Certificate.Equals (issuer and serial number) do not identify a signer: anyone can put any of them in a certificate.");

    /// <summary>SCR4022: strong names or public key tokens used as identity.</summary>
    public static readonly DiagnosticDescriptor StrongNameAsIdentity = DescriptorFactory.Create(
        "SCR4022",
        "Do not trust assemblies because of their strong name",
        "{0} is used to decide whether to trust an assembly; strong names are not a security boundary: verify a signature or a pinned hash",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [290, 347],
        [Iec62443.SM9, Iec62443.SI2],
        "Strong-name signatures are not validated by .NET (Core) and public key tokens are public: anyone can build an assembly with the same name and token. A trust decision based on them accepts an attacker's assembly. Verify an Authenticode or detached signature with a pinned key, or compare a pinned SHA-256 digest.");

    /// <summary>SCR4030: configuration files that weaken code loading.</summary>
    public static readonly DiagnosticDescriptor InsecureCodeLoadingConfiguration = DescriptorFactory.Create(
        "SCR4030",
        "Do not weaken code loading in configuration files",
        "{0} in {1}; {2}",
        RuleCategory.CodeIntegrity,
        RuleLevel.Warning,
        [494, 829],
        [Iec62443.SM9, Iec62443.SI2],
        "In a .NET Framework application configuration file, <loadFromRemoteSources enabled=\"true\"> runs assemblies loaded from network shares and other remote locations with full trust, <bypassTrustedAppStrongNames enabled=\"true\"> skips strong-name signature validation of full-trust assemblies (the runtime's default since 3.5 SP1; false turns validation on), and a <codeBase> with an http:// href makes the runtime download an assembly over cleartext at run time. Each lets code from outside the installation, or altered on its way, run inside the product. Ship the assemblies with the application and switch these settings off.");
}
