using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Cryptography.AsymmetricKeySizeAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.AsymmetricKeySizeCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Cryptography;

public class AsymmetricKeySizeTests
{
    // ---- Detect ----

    [Theory]
    [InlineData("RSA.Create(1024)")]
    [InlineData("RSA.Create(keySizeInBits: 512)")]
    [InlineData("DSA.Create(1024)")]
    [InlineData("new RSACryptoServiceProvider(1024)")]
    [InlineData("new RSACryptoServiceProvider(1024, new CspParameters())")]
    [InlineData("new RSACng(1024)")]
    [InlineData("new DSACryptoServiceProvider(1024)")]
    [InlineData("new DSACng(1024)")]
    [InlineData("RSA.Create(2047)")]
    [InlineData("RSA.Create(Bits)")]
    [InlineData("RSA.Create(Bits * 2)")]
    public async Task Detect_SmallConstantSizes(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            class C
            {
                const int Bits = 512;
                AsymmetricAlgorithm M() => [|{{expression}}|];
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_KeySizeAssignments()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] M()
                {
                    using var rsa = RSA.Create();
                    [|rsa.KeySize = 1024|];
                    return rsa.ExportRSAPrivateKey();
                }
                void N(DSA dsa, RSACng cng)
                {
                    [|dsa.KeySize = 1024|];
                    [|cng.KeySize = 1536|];
                }
                RSA P() => new RSACng { [|KeySize = 1024|] };
            }
            """);
    }

    [Fact]
    public async Task Detect_ParameterlessLegacyProvidersThatGenerateKeys()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                string NewKeyPair()
                {
                    using var rsa = [|new RSACryptoServiceProvider()|];
                    rsa.PersistKeyInCsp = false;
                    return rsa.ToXmlString(includePrivateParameters: true);
                }
                byte[] Sign(byte[] data)
                {
                    using (var dsa = [|new DSACryptoServiceProvider()|])
                    {
                        return dsa.SignData(data);
                    }
                }
                RSAParameters Direct() => [|new RSACryptoServiceProvider()|].ExportParameters(true);
                string? Conditional()
                {
                    RSA rsa;
                    rsa = [|new RSACryptoServiceProvider()|];
                    return rsa?.ToXmlString(false);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ParameterlessProviderEvenWhenKeySizeIsSetAfterwards()
    {
        // RSACryptoServiceProvider takes its key size from the constructor only; the inherited KeySize setter is ignored.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                RSAParameters M()
                {
                    using var rsa = [|new RSACryptoServiceProvider()|];
                    rsa.KeySize = 4096;
                    return rsa.ExportParameters(true);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_MessageNamesApiSizeAndAlgorithm()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                RSA A() => {|#0:RSA.Create({|#1:1024|})|};
                DSA B() => {|#2:new DSACryptoServiceProvider({|#3:512|})|};
                string D()
                {
                    var rsa = {|#4:new RSACryptoServiceProvider()|};
                    return rsa.ToXmlString(true);
                }
                void E(RSA rsa) => {|#5:rsa.KeySize = {|#6:1024|}|};
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("RSA.Create", "1024", "RSA"),
            VerifyCS.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("new DSACryptoServiceProvider(...)", "512", "DSA"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("new RSACryptoServiceProvider()", "1024", "RSA"),
            VerifyCS.Diagnostic().WithLocation(5).WithLocation(6).WithArguments("RSA.KeySize", "1024", "RSA"));
    }

    // ---- Safe ----

    [Theory]
    [InlineData("RSA.Create(2048)")]
    [InlineData("RSA.Create(3072)")]
    [InlineData("RSA.Create(4096)")]
    [InlineData("RSA.Create()")]
    [InlineData("DSA.Create(2048)")]
    [InlineData("new RSACryptoServiceProvider(2048)")]
    [InlineData("new RSACryptoServiceProvider(4096, new CspParameters())")]
    [InlineData("new RSACng()")]
    [InlineData("new RSACng(3072)")]
    [InlineData("new DSACng(2048)")]
    [InlineData("RSA.Create(bits)")]
    [InlineData("new RSACng(bits)")]
    [InlineData("new RSACryptoServiceProvider(new CspParameters { KeyContainerName = \"app\" })")]
    public async Task Safe_LargeOrNonConstantSizes(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            class C
            {
                AsymmetricAlgorithm M(int bits) => {{expression}};
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Safe_KeySizeAssignmentsAndReads()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                void M(RSA rsa, DSA dsa, int configured)
                {
                    rsa.KeySize = 2048;
                    rsa.KeySize = 4096;
                    rsa.KeySize = configured;
                    dsa.KeySize = 3072;
                    if (rsa.KeySize < 2048) throw new CryptographicException("RSA key too small");
                    var isLegacy = rsa.KeySize == 1024;
                }
                // Not an RSA/DSA object: the size of a generic asymmetric algorithm may mean anything.
                void N(AsymmetricAlgorithm alg) => alg.KeySize = 1024;
            }
            """);
    }

    [Fact]
    public async Task Safe_EllipticCurveIsNotAffected()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                ECDsa A() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
                ECDsa B() => new ECDsaCng(256);
                ECDiffieHellman D() => new ECDiffieHellmanCng(384);
                void E(ECDsa ecdsa) => ecdsa.KeySize = 256;
            }
            """);
    }

    [Fact]
    public async Task Safe_ProviderThatImportsAKey()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                byte[] FromXml(string xml, byte[] data)
                {
                    using var rsa = new RSACryptoServiceProvider();
                    rsa.FromXmlString(xml);
                    return rsa.Encrypt(data, RSAEncryptionPadding.OaepSHA256);
                }
                bool FromParameters(RSAParameters p, byte[] data, byte[] sig)
                {
                    using (var rsa = new RSACryptoServiceProvider())
                    {
                        rsa.ImportParameters(p);
                        return rsa.VerifyData(data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    }
                }
                DSA FromBlob(byte[] blob)
                {
                    var dsa = new DSACryptoServiceProvider();
                    dsa.ImportCspBlob(blob);
                    return dsa;
                }
                RSA FromPem(string pem)
                {
                    RSA rsa = new RSACryptoServiceProvider();
                    rsa.ImportFromPem(pem.AsSpan());
                    return rsa;
                }
                // Legacy code that states a size and then imports a key never generates a key of that size.
                RSA Sized(RSAParameters p)
                {
                    var rsa = new RSACryptoServiceProvider(1024);
                    rsa.ImportParameters(p);
                    return rsa;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_StatedSizeWithAnImportThroughConditionalAccessOrAfterKeySize()
    {
        // Regression: an import through ?. was not seen, and KeySize set on an object that then imports a key was
        // reported although no key of that size is ever generated (the creation rule already skipped both).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                RSA Conditional(string pem)
                {
                    var rsa = new RSACryptoServiceProvider(1024);
                    rsa?.ImportFromPem(pem);
                    return rsa!;
                }
                RSA KeySizeThenImport(RSAParameters p)
                {
                    var rsa = RSA.Create();
                    rsa.KeySize = 1024;
                    rsa.ImportParameters(p);
                    return rsa;
                }
                RSA InitializerThenImport(string xml)
                {
                    var rsa = new RSACng { KeySize = 1024 };
                    rsa.FromXmlString(xml);
                    return rsa;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ProviderWhoseKeyMayBeImportedElsewhere()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            static class KeyLoader
            {
                public static void Load(RSA rsa, string xml) => rsa.FromXmlString(xml);
            }
            class C
            {
                private readonly RSACryptoServiceProvider _rsa = new RSACryptoServiceProvider();
                private RSA? _other;
                public void LoadKey(string xml) => _rsa.FromXmlString(xml);
                RSA Factory() => new RSACryptoServiceProvider();
                void Field() => _other = new RSACryptoServiceProvider();
                RSA Passed(string xml)
                {
                    var rsa = new RSACryptoServiceProvider();
                    KeyLoader.Load(rsa, xml);
                    return rsa;
                }
                void Unused()
                {
                    // The provider generates its key lazily: an unused instance creates none.
                    using var rsa = new RSACryptoServiceProvider();
                }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_LiteralSizesBecome3072()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                RSA A() => [|RSA.Create(1024)|];
                RSA B() => [|new RSACryptoServiceProvider(1024, new CspParameters())|];
                RSA D() => [|new RSACng(keySize: 512)|];
                void E(RSA rsa) => [|rsa.KeySize = 1024|];
                RSA F() => new RSACng { [|KeySize = 1024|] };
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                RSA A() => RSA.Create(3072);
                RSA B() => new RSACryptoServiceProvider(3072, new CspParameters());
                RSA D() => new RSACng(keySize: 3072);
                void E(RSA rsa) => rsa.KeySize = 3072;
                RSA F() => new RSACng { KeySize = 3072 };
            }
            """);
    }

    [Fact]
    public async Task Fix_ParameterlessProviderGetsSize()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                string A()
                {
                    using var rsa = [|new RSACryptoServiceProvider()|];
                    return rsa.ToXmlString(true);
                }
                string B()
                {
                    using var rsa = [|new RSACryptoServiceProvider { PersistKeyInCsp = false }|];
                    return rsa.ToXmlString(true);
                }
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                string A()
                {
                    using var rsa = new RSACryptoServiceProvider(3072);
                    return rsa.ToXmlString(true);
                }
                string B()
                {
                    using var rsa = new RSACryptoServiceProvider(3072) { PersistKeyInCsp = false };
                    return rsa.ToXmlString(true);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedForDsaOrNamedConstants()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Security.Cryptography;
            class C
            {
                const int LegacyBits = 1024;
                DSA A() => [|DSA.Create(1024)|];
                DSA B() => [|new DSACryptoServiceProvider(1024)|];
                RSA D() => [|RSA.Create(LegacyBits)|];
                RSA E() => [|RSA.Create(512 * 2)|];
                byte[] F(byte[] data)
                {
                    using var dsa = [|new DSACryptoServiceProvider()|];
                    return dsa.SignData(data);
                }
            }
            """);
    }
}
