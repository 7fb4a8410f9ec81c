using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Cryptography.WeakHashAlgorithmAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.WeakHashAlgorithmCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Cryptography;

public class WeakHashAlgorithmTests
{
    // ---- Detect ----

    [Theory]
    [InlineData("MD5.Create()")]
    [InlineData("SHA1.Create()")]
    [InlineData("new MD5CryptoServiceProvider()")]
    [InlineData("new SHA1Managed()")]
    [InlineData("new SHA1CryptoServiceProvider()")]
    public async Task Detect_WeakHashInstances(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            class C
            {
                HashAlgorithm M() => [|{{expression}}|];
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_StaticHashData()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] M(byte[] data) => [|MD5.HashData(data)|];
                byte[] N(byte[] data) => [|SHA1.HashData(data)|];
            }
            """);
    }

    [Theory]
    [InlineData("CryptoConfig.CreateFromName([|\"MD5\"|])")]
    [InlineData("CryptoConfig.CreateFromName([|\"System.Security.Cryptography.SHA1\"|])")]
    [InlineData("HashAlgorithm.Create([|\"SHA1\"|])")]
    public async Task Detect_AlgorithmNameStrings(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            class C
            {
                object M() => {{expression}};
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_HashAlgorithmNameInSigningAndHashing()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] Sign(RSA rsa, byte[] data) => rsa.SignData(data, [|HashAlgorithmName.SHA1|], RSASignaturePadding.Pkcs1);
                bool Verify(ECDsa ecdsa, byte[] data, byte[] sig) => ecdsa.VerifyData(data, sig, [|HashAlgorithmName.MD5|]);
                IncrementalHash Incremental() => IncrementalHash.CreateHash([|HashAlgorithmName.SHA1|]);
                HashAlgorithmName Field = [|HashAlgorithmName.MD5|];
            }
            """);
    }

    [Fact]
    public async Task Detect_MessageNamesApiAndAlgorithm()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] M(byte[] data) => {|#0:SHA1.HashData(data)|};
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("SHA1.HashData", "SHA-1"));
    }

    [Fact]
    public async Task Detect_Pbkdf2WithMd5_WhichScr1008DoesNotCover()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] M(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600000, [|HashAlgorithmName.MD5|], 32);
            }
            """);
    }

    [Fact]
    public async Task Detect_LegacySignatureFormatterHashNames()
    {
        // The pre-.NET Core signing API names the hash by string.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] Sign(RSA rsa, byte[] hash)
                {
                    var formatter = new RSAPKCS1SignatureFormatter(rsa);
                    formatter.SetHashAlgorithm({|#0:"SHA1"|});
                    return formatter.CreateSignature(hash);
                }
                bool Verify(RSA rsa, byte[] hash, byte[] signature)
                {
                    var deformatter = new RSAPKCS1SignatureDeformatter(rsa);
                    deformatter.SetHashAlgorithm([|"MD5"|]);
                    return deformatter.VerifySignature(hash, signature);
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("RSAPKCS1SignatureFormatter.SetHashAlgorithm", "SHA-1"));
    }

    [Fact]
    public async Task Detect_HashAlgorithmNameBuiltFromAWeakName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] Sign(RSA rsa, byte[] data) => rsa.SignData(data, new HashAlgorithmName({|#0:"SHA1"|}), RSASignaturePadding.Pkcs1);
                HashAlgorithmName Legacy = new([|"MD5"|]);
                object ByName() => CryptoConfig.CreateFromName({|#1:HashAlgorithmName.SHA1|}.Name!)!;
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("RSA.SignData", "SHA-1"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("CryptoConfig.CreateFromName", "SHA-1"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_Sha2FamilyAndHmac()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] A(byte[] d) => SHA256.HashData(d);
                HashAlgorithm B() => SHA512.Create();
                byte[] C1(byte[] k, byte[] d) => HMACSHA1.HashData(k, d);
                HMAC D(byte[] k) => new HMACMD5(k);
                IncrementalHash E(byte[] k) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, k);
                object F() => CryptoConfig.CreateFromName("SHA256");
                byte[] G(RSA rsa, byte[] d) => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            }
            """);
    }

    [Fact]
    public async Task Safe_ComparingAlgorithmNames()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                bool IsLegacy(HashAlgorithmName name) => name == HashAlgorithmName.SHA1 || name.Equals(HashAlgorithmName.MD5) is false;
                void Check(HashAlgorithmName name)
                {
                    if (name == HashAlgorithmName.MD5) throw new NotSupportedException("MD5 is not accepted");
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_Pbkdf2WithSha1IsLeftToScr1008()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] M(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600000, HashAlgorithmName.SHA1, 32);
            }
            """);
    }

    [Fact]
    public async Task Safe_NameofAndComparisonsThroughNameAndEquals()
    {
        // Regression: nameof(HashAlgorithmName.SHA1), HashAlgorithmName.SHA1.Name compared with a string and
        // HashAlgorithmName.SHA1.Equals(x) were reported although none of them uses the algorithm.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                string Key() => nameof(HashAlgorithmName.SHA1);
                bool IsSha1(string name) => name switch { nameof(HashAlgorithmName.SHA1) => true, _ => false };
                bool ByName(HashAlgorithmName name) => name.Name == HashAlgorithmName.SHA1.Name;
                bool IgnoringCase(string name) => string.Equals(name, HashAlgorithmName.MD5.Name, StringComparison.OrdinalIgnoreCase);
                bool Reversed(HashAlgorithmName name) => HashAlgorithmName.SHA1.Equals(name);
                bool Constructed(HashAlgorithmName name) => name == new HashAlgorithmName("SHA1");
            }
            """);
    }

    [Fact]
    public async Task Safe_HmacBasedKeyDerivationAndOaepWithSha1()
    {
        // HKDF and the SP 800-108 KDF are HMAC constructions, and OAEP does not rely on collision resistance:
        // RSAEncryptionPadding.OaepSHA1 was never reported, CreateOaep(HashAlgorithmName.SHA1) now matches it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] Hkdf(byte[] ikm) => HKDF.DeriveKey(HashAlgorithmName.SHA1, ikm, 20);
                byte[] HkdfExtract(byte[] ikm) => HKDF.Extract(HashAlgorithmName.MD5, ikm);
                byte[] Kdf(byte[] key) => SP800108HmacCounterKdf.DeriveBytes(key, HashAlgorithmName.SHA1, "label", "context", 32);
                SP800108HmacCounterKdf KdfInstance(byte[] key) => new SP800108HmacCounterKdf(key, HashAlgorithmName.SHA1);
                RSAEncryptionPadding Oaep() => RSAEncryptionPadding.CreateOaep(HashAlgorithmName.SHA1);
                byte[] Legacy(RSA rsa, byte[] data) => rsa.Encrypt(data, RSAEncryptionPadding.OaepSHA1);
            }
            """);
    }

    [Fact]
    public async Task Safe_CertificateThumbprintsWithSha1()
    {
        // A thumbprint identifies a certificate (store lookup, the JWS x5t header); GetCertHash() and Thumbprint, which
        // are SHA-1 as well, were never reported, so naming the algorithm explicitly is not reported either.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                byte[] X5t(X509Certificate2 certificate) => certificate.GetCertHash(HashAlgorithmName.SHA1);
                string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA1);
                string Implicit(X509Certificate2 certificate) => certificate.Thumbprint + certificate.GetCertHashString();
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_CreateAndHashDataAndNames()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                HashAlgorithm A() => [|MD5.Create()|];
                byte[] B(byte[] d) => [|SHA1.HashData(d)|];
                HashAlgorithm C1() => [|new SHA1Managed()|];
                byte[] D(RSA rsa, byte[] d) => rsa.SignData(d, [|HashAlgorithmName.SHA1|], RSASignaturePadding.Pkcs1);
                object E() => CryptoConfig.CreateFromName([|"MD5"|]);
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                HashAlgorithm A() => SHA256.Create();
                byte[] B(byte[] d) => SHA256.HashData(d);
                HashAlgorithm C1() => SHA256.Create();
                byte[] D(RSA rsa, byte[] d) => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                object E() => CryptoConfig.CreateFromName("SHA256");
            }
            """);
    }

    [Fact]
    public async Task Fix_AddsUsingDirective()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            class C
            {
                byte[] B(byte[] d) => [|System.Security.Cryptography.MD5.HashData(d)|];
            }
            """,
            """
            using System.Security.Cryptography;

            class C
            {
                byte[] B(byte[] d) => SHA256.HashData(d);
            }
            """);
    }

    // Regression: with WellKnownFixAllProviders.BatchFixer every single fix added the same using directive next to
    // the existing ones; BatchFixer merged those overlapping text changes as conflicts, dropped fixes and left
    // diagnostics behind ("Expected 1 iteration, found 2").
    [Fact]
    public async Task Fix_FixAll_AddsTheUsingOnce_WhenTheFileHasOtherUsings()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Text;

            class C
            {
                byte[] A(byte[] d) => [|System.Security.Cryptography.MD5.HashData(d)|];
                byte[] B(string s) => [|System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(s))|];
                IDisposable C1() => [|System.Security.Cryptography.SHA1.Create()|];
            }
            """,
            """
            using System;
            using System.Security.Cryptography;
            using System.Text;

            class C
            {
                byte[] A(byte[] d) => SHA256.HashData(d);
                byte[] B(string s) => SHA256.HashData(Encoding.UTF8.GetBytes(s));
                IDisposable C1() => SHA256.Create();
            }
            """);
    }

    // Fix All checks the whole document first; when that adds an error it adds the fixes one at a time and keeps those
    // that still compile, so the refused fix of `md5` does not cost the others.
    [Fact]
    public async Task Fix_FixAll_SkipsOnlyTheFixThatWouldNotCompile()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Security.Cryptography;

            class C
            {
                byte[] A(byte[] d) => [|MD5.HashData(d)|];
                void B()
                {
                    MD5 md5 = [|MD5.Create()|];
                    md5.Dispose();
                }
                IDisposable C1() => [|SHA1.Create()|];
            }
            """,
            """
            using System;
            using System.Security.Cryptography;

            class C
            {
                byte[] A(byte[] d) => SHA256.HashData(d);
                void B()
                {
                    MD5 md5 = [|MD5.Create()|];
                    md5.Dispose();
                }
                IDisposable C1() => SHA256.Create();
            }
            """,
            VerifyCS.References,
            fixedMarkup: MarkupMode.Allow);
    }

    // Each fix compiles alone, both together make the call to Use ambiguous: Fix All keeps the first, as the light
    // bulb applied one after the other would. (BatchFixer never checked the merged result and applied both.)
    [Fact]
    public async Task Fix_FixAll_KeepsTheFirstOfTwoFixesThatOnlyCompileApart()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;

            class C
            {
                void M()
                {
                    var first = [|MD5.Create()|];
                    var second = [|SHA1.Create()|];
                    Use(first, second);
                }

                static void Use(SHA256 a, HashAlgorithm b) { }
                static void Use(HashAlgorithm a, SHA256 b) { }
                static void Use(HashAlgorithm a, HashAlgorithm b) { }
            }
            """,
            """
            using System.Security.Cryptography;

            class C
            {
                void M()
                {
                    var first = SHA256.Create();
                    var second = [|SHA1.Create()|];
                    Use(first, second);
                }

                static void Use(SHA256 a, HashAlgorithm b) { }
                static void Use(HashAlgorithm a, SHA256 b) { }
                static void Use(HashAlgorithm a, HashAlgorithm b) { }
            }
            """,
            VerifyCS.References,
            fixedMarkup: MarkupMode.Allow);
    }

    // Fix All checks the combined result: two fixes that only compile together (the variable's type follows the first
    // assignment) are applied although the light bulb offers neither alone.
    [Fact]
    public async Task Fix_FixAll_AppliesFixesThatOnlyCompileTogether()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;

            class C
            {
                byte[] A(byte[] d) => [|MD5.HashData(d)|];
                void B()
                {
                    var hash = [|MD5.Create()|];
                    hash.Dispose();
                    hash = [|MD5.Create()|];
                }
            }
            """,
            """
            using System.Security.Cryptography;

            class C
            {
                byte[] A(byte[] d) => SHA256.HashData(d);
                void B()
                {
                    var hash = [|MD5.Create()|];
                    hash.Dispose();
                    hash = [|MD5.Create()|];
                }
            }
            """,
            VerifyCS.References,
            fixedMarkup: MarkupMode.Allow,
            fixAllSource: """
            using System.Security.Cryptography;

            class C
            {
                byte[] A(byte[] d) => SHA256.HashData(d);
                void B()
                {
                    var hash = SHA256.Create();
                    hash.Dispose();
                    hash = SHA256.Create();
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NameStringsOfFormattersAndConstructedNames()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                void A(RSAPKCS1SignatureFormatter formatter) => formatter.SetHashAlgorithm([|"SHA1"|]);
                HashAlgorithmName B() => new HashAlgorithmName([|"MD5"|]);
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                void A(RSAPKCS1SignatureFormatter formatter) => formatter.SetHashAlgorithm("SHA256");
                HashAlgorithmName B() => new HashAlgorithmName("SHA256");
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedWhenTheVariableIsTypedAsTheWeakClass()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Security.Cryptography;
            class C
            {
                void M()
                {
                    MD5 md5 = [|MD5.Create()|];
                }
            }
            """);
    }
}
