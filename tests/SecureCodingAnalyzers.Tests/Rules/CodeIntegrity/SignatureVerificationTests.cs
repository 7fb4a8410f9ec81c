using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.CodeIntegrity.SignatureVerificationAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>SCR4020 (CreateFromSignedFile as a signature check) and SCR4021 (CMS signature without a signer check).</summary>
public class SignatureVerificationTests
{
    private const string CmsUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Security.Cryptography.Pkcs;
        using System.Security.Cryptography.X509Certificates;

        """;

    // ---- Detect ----

    [Fact]
    public async Task Detect_CreateFromSignedFile_ClassicPublisherCheck()
    {
        // The check found in updaters: the certificate is valid, so the file "is signed by us". A tampered file keeps
        // its certificate and passes.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography.X509Certificates;
            class Updater
            {
                static bool IsValidUpdate(string path)
                {
                    var signer = {|#0:X509Certificate.CreateFromSignedFile(path)|};
                    var certificate = new X509Certificate2(signer);
                    return certificate.Verify() && certificate.Subject.Contains("CN=Contoso");
                }
            }
            """,
            VerifyCS.Diagnostic("SCR4020").WithLocation(0));
    }

    [Fact]
    public async Task Detect_CreateFromSignedFile_IsSignedByTryCatch()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;
            class PluginGate
            {
                static bool IsSigned(string path)
                {
                    try
                    {
                        {|SCR4020:X509Certificate.CreateFromSignedFile(path)|};
                        return true;
                    }
                    catch (CryptographicException)
                    {
                        return false;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_CreateFromSignedFile_ThroughX509Certificate2AndPinnedThumbprint()
    {
        // Pinning the thumbprint of an unverified signature pins nothing: the certificate is copied with the signature.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography.X509Certificates;
            class Installer
            {
                const string Publisher = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";
                static bool FromPublisher(string path)
                {
                    using var certificate = new X509Certificate2({|SCR4020:X509Certificate2.CreateFromSignedFile(path)|});
                    return certificate.Thumbprint == Publisher;
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_CreateFromSignedFile_PublisherShownToTheUser()
    {
        // Showing "Publisher: Contoso" for a file whose signature was never verified misleads the user the same way.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography.X509Certificates;
            class InstallDialog
            {
                public string PublisherOf(string path) => {|SCR4020:X509Certificate.CreateFromSignedFile(path)|}.Subject;
                public Func<string, X509Certificate> Reader = p => {|SCR4020:X509Certificate.CreateFromSignedFile(p)|};
            }
            """);
    }

    [Fact]
    public async Task Detect_CheckSignatureTrue_MessageNamesTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class UpdateVerifier
            {
                public static byte[] VerifyAndExtract(byte[] signedUpdate)
                {
                    var cms = new SignedCms();
                    cms.Decode(signedUpdate);
                    {|#0:cms.CheckSignature(true)|};
                    return cms.ContentInfo.Content;
                }
            }
            """,
            TestReferences.CodeIntegrity,
            VerifyCS.Diagnostic("SCR4021").WithLocation(0).WithArguments("SignedCms.CheckSignature(verifySignatureOnly: true)"));
    }

    [Fact]
    public async Task Detect_CheckSignatureTrue_NamedArgument_DetachedContent()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                public static void Verify(byte[] manifest, byte[] signature)
                {
                    var cms = new SignedCms(new ContentInfo(manifest), detached: true);
                    cms.Decode(signature);
                    {|SCR4021:cms.CheckSignature(verifySignatureOnly: true)|};
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Detect_ExtraStoreWithPinnedCertificate_DoesNotPinTheSigner()
    {
        // The certificates embedded in the message are searched first: an attacker embeds their own and signs with it.
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                public static void Verify(byte[] signed, X509Certificate2 pinned)
                {
                    var cms = new SignedCms();
                    cms.Decode(signed);
                    {|#0:cms.CheckSignature(new X509Certificate2Collection(pinned), true)|};
                }
            }
            """,
            TestReferences.CodeIntegrity,
            VerifyCS.Diagnostic("SCR4021").WithLocation(0).WithArguments("SignedCms.CheckSignature(extraStore, verifySignatureOnly: true)"));
    }

    [Fact]
    public async Task Detect_SignerInfoCheckSignatureTrue_InLoop()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                public static void Verify(SignedCms cms)
                {
                    foreach (var signer in cms.SignerInfos)
                    {
                        {|#0:signer.CheckSignature(true)|};
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity,
            VerifyCS.Diagnostic("SCR4021").WithLocation(0).WithArguments("SignerInfo.CheckSignature(verifySignatureOnly: true)"));
    }

    [Fact]
    public async Task Detect_SubjectAndIssuerNames_AreNotIdentity()
    {
        // Anyone can make a certificate with any subject, issuer or serial number.
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                public static void BySubject(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    if (cms.SignerInfos[0].Certificate!.Subject != "CN=Contoso Update Signing, O=Contoso")
                        throw new CryptographicException("Unexpected signer");
                }

                public static void ByIssuerAndSerial(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    var signer = cms.SignerInfos[0].Certificate!;
                    if (signer.Issuer != "CN=Contoso Root" || signer.SerialNumber != "0A1B2C")
                        throw new CryptographicException("Unexpected signer");
                }

                public static void ByNameString(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    var signer = cms.SignerInfos[0].Certificate!;
                    if (!string.Equals(signer.GetNameInfo(X509NameType.SimpleName, false), "Contoso", StringComparison.Ordinal))
                        throw new CryptographicException("Unexpected signer");
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Detect_CertificateEquals_ComparesIssuerAndSerialOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                public static bool Verify(SignedCms cms, X509Certificate2 pinned)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    return cms.SignerInfos[0].Certificate!.Equals(pinned);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Detect_SubjectKeyIdentifier_IsChosenByTheCertificateMaker()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                const string PinnedKeyId = "5A1F0C2E8D7B6A5948372615F4E3D2C1B0A99887";
                public static bool Verify(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    var ski = cms.SignerInfos[0].Certificate!.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
                    return ski.SubjectKeyIdentifier == PinnedKeyId;
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Detect_PresenceAndAlgorithmChecks_AreNotIdentity()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                public static void HasThumbprint(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    if (cms.SignerInfos[0].Certificate?.Thumbprint is null)
                        throw new CryptographicException("No signer");
                }

                public static void IsRsa(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    var signer = cms.SignerInfos[0].Certificate!;
                    if (signer.PublicKey.Oid.Value != "1.2.840.113549.1.1.1" || signer.GetRSAPublicKey()!.KeySize < 3072)
                        throw new CryptographicException("Weak key");
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Detect_ThumbprintOfAnotherCertificate()
    {
        // Finding the pinned certificate in a store proves nothing about who signed the message.
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                const string Pinned = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";
                public static void Verify(SignedCms cms, X509Store store)
                {
                    var extra = new X509Certificate2Collection();
                    foreach (var candidate in store.Certificates)
                    {
                        if (candidate.Thumbprint == Pinned)
                            extra.Add(candidate);
                    }

                    {|SCR4021:cms.CheckSignature(extra, true)|};
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Detect_SignerOnlyLoggedOrChainResultIgnored()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ManifestVerifier
            {
                public static void Logged(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    Console.WriteLine($"Signed by {cms.SignerInfos[0].Certificate!.Subject} ({cms.SignerInfos[0].Certificate!.Thumbprint})");
                }

                public static void ChainIgnored(SignedCms cms)
                {
                    {|SCR4021:cms.CheckSignature(true)|};
                    using var chain = new X509Chain();
                    chain.Build(cms.SignerInfos[0].Certificate!);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Detect_InLambdaAndAsync()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            using System.IO;
            using System.Threading.Tasks;
            class ManifestVerifier
            {
                public static async Task<byte[]> LoadAsync(string path)
                {
                    var cms = new SignedCms();
                    cms.Decode(await File.ReadAllBytesAsync(path));
                    {|SCR4021:cms.CheckSignature(true)|};
                    return cms.ContentInfo.Content;
                }

                public static Action<SignedCms> Check = m => {|SCR4021:m.CheckSignature(true)|};
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_CreateFromSignedFile_AfterWinVerifyTrust_SameClass()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime.InteropServices;
            using System.Security.Cryptography.X509Certificates;
            static class Authenticode
            {
                const string PinnedPublisher = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";

                [DllImport("wintrust.dll", CharSet = CharSet.Unicode)]
                static extern int WinVerifyTrust(IntPtr hwnd, ref Guid action, IntPtr data);

                public static bool IsTrusted(string path, IntPtr trustData)
                {
                    var action = new Guid("00AAC56B-CD44-11d0-8CC2-00C04FC295EE");
                    if (WinVerifyTrust(IntPtr.Zero, ref action, trustData) != 0)
                        return false;

                    using var publisher = new X509Certificate2(X509Certificate.CreateFromSignedFile(path));
                    return publisher.Thumbprint == PinnedPublisher;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_CreateFromSignedFile_ProjectVerifiesWithWinVerifyTrust()
    {
        // The publisher is read after a verification done elsewhere in the project.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime.InteropServices;
            using System.Security.Cryptography.X509Certificates;
            static class NativeMethods
            {
                [DllImport("wintrust.dll", CharSet = CharSet.Unicode)]
                internal static extern int WinVerifyTrust(IntPtr hwnd, ref Guid action, IntPtr data);
            }

            class PublisherInfo
            {
                public string PublisherOf(string verifiedFile) => X509Certificate.CreateFromSignedFile(verifiedFile).Subject;
            }
            """);
    }

    [Fact]
    public async Task Safe_OtherCertificateLoading()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography.X509Certificates;
            class Loader
            {
                X509Certificate2 FromCer(string path) => new X509Certificate2(path);
                X509Certificate FromCertFile(string path) => X509Certificate.CreateFromCertFile(path);
                static X509Certificate CreateFromSignedFile(string path) => new X509Certificate(path);
                X509Certificate Own(string path) => CreateFromSignedFile(path);
            }
            """);
    }

    [Fact]
    public async Task Safe_PinnedThumbprint_ConfiguredValue()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class UpdateVerifier
            {
                private readonly string _pinnedThumbprint;
                public UpdateVerifier(string pinnedThumbprint) => _pinnedThumbprint = pinnedThumbprint;

                public byte[] Verify(byte[] signedUpdate)
                {
                    var cms = new SignedCms();
                    cms.Decode(signedUpdate);
                    cms.CheckSignature(true);
                    var signer = cms.SignerInfos[0].Certificate
                        ?? throw new CryptographicException("No signer certificate");
                    if (!string.Equals(signer.Thumbprint, _pinnedThumbprint, StringComparison.OrdinalIgnoreCase))
                        throw new CryptographicException("Update not signed by the pinned publisher");
                    return cms.ContentInfo.Content;
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_PinnedThumbprint_ConstantAndOperator()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class UpdateVerifier
            {
                const string Pinned = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";
                public static void Verify(SignedCms cms)
                {
                    foreach (SignerInfo signer in cms.SignerInfos)
                    {
                        signer.CheckSignature(verifySignatureOnly: true);
                        if (signer.Certificate?.Thumbprint != Pinned)
                            throw new CryptographicException("Unexpected signer");
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_PinnedCertHash_FixedTimeEquals()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class UpdateVerifier
            {
                static readonly byte[] PinnedSha256 = Convert.FromHexString("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");
                public static bool Verify(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    var hash = cms.SignerInfos[0].Certificate!.GetCertHash(HashAlgorithmName.SHA256);
                    return CryptographicOperations.FixedTimeEquals(hash, PinnedSha256);
                }

                public static bool VerifyWithBuffer(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    Span<byte> hash = stackalloc byte[32];
                    if (!cms.SignerInfos[0].Certificate!.TryGetCertHash(HashAlgorithmName.SHA256, hash, out _))
                        return false;
                    return CryptographicOperations.FixedTimeEquals(hash, PinnedSha256);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_PinnedPublicKey()
    {
        // Pinning the key survives certificate renewal with the same key.
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class UpdateVerifier
            {
                static readonly byte[] PinnedSpki = new byte[] { 0x30, 0x82, 0x01, 0x22 };
                public static void Verify(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    var signer = cms.SignerInfos[0].Certificate!;
                    if (!signer.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(PinnedSpki))
                        throw new CryptographicException("Unexpected signing key");
                }

                public static bool VerifyRsa(SignerInfo signer)
                {
                    signer.CheckSignature(true);
                    using var key = signer.Certificate!.GetRSAPublicKey()!;
                    return key.ExportSubjectPublicKeyInfo().SequenceEqual(PinnedSpki);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_SetOfPinnedThumbprints_SwitchAndPatterns()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class UpdateVerifier
            {
                static readonly HashSet<string> Publishers = new(StringComparer.OrdinalIgnoreCase)
                {
                    "3B1EFD3A66EA28B16697394703A72CA340A05BD5",
                    "8F43288AD272F3103B6FB1428485EA3014C0BCFE",
                };

                public static bool InSet(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    return cms.SignerInfos.Cast<SignerInfo>().All(s => Publishers.Contains(s.Certificate!.Thumbprint));
                }

                public static string Switch(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    switch (cms.SignerInfos[0].Certificate!.Thumbprint)
                    {
                        case "3B1EFD3A66EA28B16697394703A72CA340A05BD5": return "stable";
                        case "8F43288AD272F3103B6FB1428485EA3014C0BCFE": return "beta";
                        default: throw new CryptographicException("Unknown signer");
                    }
                }

                public static bool Pattern(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    return cms.SignerInfos[0].Certificate is { Thumbprint: var thumbprint }
                        && thumbprint is "3B1EFD3A66EA28B16697394703A72CA340A05BD5" or "8F43288AD272F3103B6FB1428485EA3014C0BCFE";
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_FindByThumbprint()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class UpdateVerifier
            {
                public static void Verify(SignedCms cms, string pinned)
                {
                    cms.CheckSignature(true);
                    if (cms.Certificates.Find(X509FindType.FindByThumbprint, pinned, validOnly: false).Count == 0)
                        throw new CryptographicException("Unexpected signer");
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_CheckSignatureFalse_OrNotConstant()
    {
        // Full verification (chain to a trusted root, revocation, key usage) is not this rule's concern.
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class Verifier
            {
                public static void Full(SignedCms cms) => cms.CheckSignature(false);
                public static void FullNamed(SignedCms cms, X509Certificate2Collection intermediates) => cms.CheckSignature(intermediates, verifySignatureOnly: false);
                public static void Configured(SignedCms cms, bool signatureOnly) => cms.CheckSignature(signatureOnly);
                public static void Hash(SignerInfo signer) => signer.CheckHash();
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_OwnChainValidation()
    {
        // Signature first, then the signer's chain against a private root (or with a verification time: the
        // timestamped-signature workaround).
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class Verifier
            {
                public static void Verify(SignedCms cms, X509Certificate2 root)
                {
                    cms.CheckSignature(true);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    if (!chain.Build(cms.SignerInfos[0].Certificate!))
                        throw new CryptographicException("Untrusted signer");
                }

                public static bool VerifyDefault(SignerInfo signer)
                {
                    signer.CheckSignature(true);
                    return signer.Certificate!.Verify();
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_FallbackAfterFullVerification()
    {
        // Mail-client idiom: fully verify, and on a chain error still check integrity to show "signed, untrusted".
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class MailSignature
            {
                public static string Status(SignedCms cms)
                {
                    try
                    {
                        cms.CheckSignature(false);
                        return "trusted";
                    }
                    catch (CryptographicException)
                    {
                        cms.CheckSignature(true);
                        return "signed, untrusted";
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_RoundTripAfterSigning()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class ReleaseSigner
            {
                public static byte[] Sign(byte[] manifest, X509Certificate2 signingCertificate)
                {
                    var cms = new SignedCms(new ContentInfo(manifest), detached: true);
                    cms.ComputeSignature(new CmsSigner(signingCertificate));
                    var encoded = cms.Encode();

                    var check = new SignedCms(new ContentInfo(manifest), detached: true);
                    check.Decode(encoded);
                    check.CheckSignature(true);
                    return encoded;
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_SignerHandedOnToTheCaller()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class Verifier
            {
                public X509Certificate2? Signer { get; private set; }

                public static SignedCms Decode(byte[] data)
                {
                    var cms = new SignedCms();
                    cms.Decode(data);
                    cms.CheckSignature(true);
                    return cms;
                }

                public static X509Certificate2 SignerOf(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    return cms.SignerInfos[0].Certificate!;
                }

                public void Remember(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    Signer = cms.SignerInfos[0].Certificate;
                }

                public static void Delegated(SignedCms cms, IPublisherPolicy policy)
                {
                    cms.CheckSignature(true);
                    policy.EnsureTrusted(cms.SignerInfos[0].Certificate!);
                }

                public static void OwnHelper(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    EnsurePinned(cms.SignerInfos[0].Certificate!.Thumbprint);
                }

                static void EnsurePinned(string thumbprint) { }
            }

            interface IPublisherPolicy { void EnsureTrusted(X509Certificate2 signer); }

            sealed class VerifiedManifest
            {
                public byte[] Content { get; init; } = Array.Empty<byte>();
                public X509Certificate2? Signer { get; init; }

                public static VerifiedManifest Create(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    return new VerifiedManifest { Content = cms.ContentInfo.Content, Signer = cms.SignerInfos[0].Certificate };
                }

                public static (byte[] Content, X509Certificate2 Signer) Tuple(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    return (cms.ContentInfo.Content, cms.SignerInfos[0].Certificate!);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_IdentityCheckedInLocalFunctionAndThroughLocals()
    {
        await VerifyCS.VerifyAnalyzerAsync(CmsUsings + """
            class Verifier
            {
                const string Pinned = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";
                public static void Verify(SignedCms cms)
                {
                    cms.CheckSignature(true);
                    var signers = cms.SignerInfos;
                    var first = signers[0];
                    var certificate = first.Certificate;
                    var thumbprint = certificate?.Thumbprint;
                    EnsurePinned(thumbprint);

                    static void EnsurePinned(string? value)
                    {
                        if (value != Pinned) throw new CryptographicException("Unexpected signer");
                    }
                }

                public static void Hashed(SignedCms cms, byte[] pinnedCertSha256)
                {
                    cms.CheckSignature(true);
                    var raw = cms.SignerInfos[0].Certificate!.RawData;
                    var digest = SHA256.HashData(raw);
                    if (!CryptographicOperations.FixedTimeEquals(digest, pinnedCertSha256))
                        throw new CryptographicException("Unexpected signer");
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_UnrelatedCheckSignatureMethods()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            class SignedCms
            {
                public void CheckSignature(bool verifySignatureOnly) { }
            }

            class C
            {
                void M(SignedCms cms) => cms.CheckSignature(true);
            }
            """,
            TestReferences.CodeIntegrity);
    }
}
