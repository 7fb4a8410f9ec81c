using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Cryptography.WeakSymmetricCipherAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.WeakSymmetricCipherCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Cryptography;

public class WeakSymmetricCipherTests
{
    // ---- Detect ----

    [Theory]
    [InlineData("DES.Create()")]
    [InlineData("TripleDES.Create()")]
    [InlineData("RC2.Create()")]
    [InlineData("new DESCryptoServiceProvider()")]
    [InlineData("new TripleDESCryptoServiceProvider()")]
    [InlineData("new TripleDESCng()")]
    [InlineData("new RC2CryptoServiceProvider()")]
    [InlineData("TripleDESCryptoServiceProvider.Create()")]
    public async Task Detect_WeakCipherInstances(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            class C
            {
                SymmetricAlgorithm M() => [|{{expression}}|];
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_CreationWithArgumentsInitializersAndUsing()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                SymmetricAlgorithm A() => [|new TripleDESCng("LegacyKey")|];
                SymmetricAlgorithm B(byte[] key, byte[] iv) => [|new DESCryptoServiceProvider { Key = key, IV = iv }|];
                byte[] E(byte[] key, byte[] iv, byte[] data)
                {
                    using (var tdes = [|TripleDES.Create()|])
                    {
                        tdes.Key = key;
                        return tdes.EncryptCbc(data, iv);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_UserClassDerivingFromWeakCipher()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            abstract class MyDes : DES { }
            sealed class MyDesImpl : MyDes
            {
                public override ICryptoTransform CreateDecryptor(byte[] k, byte[] iv) => throw null!;
                public override ICryptoTransform CreateEncryptor(byte[] k, byte[] iv) => throw null!;
                public override void GenerateIV() { }
                public override void GenerateKey() { }
            }
            class C
            {
                SymmetricAlgorithm M() => [|new MyDesImpl()|];
            }
            """);
    }

    [Theory]
    [InlineData("CryptoConfig.CreateFromName([|\"DES\"|])")]
    [InlineData("CryptoConfig.CreateFromName([|\"3DES\"|])")]
    [InlineData("CryptoConfig.CreateFromName([|\"Triple DES\"|])")]
    [InlineData("CryptoConfig.CreateFromName([|\"tripledes\"|])")]
    [InlineData("CryptoConfig.CreateFromName([|\"System.Security.Cryptography.TripleDES\"|])")]
    [InlineData("CryptoConfig.CreateFromName([|\"System.Security.Cryptography.DES\"|], new object[0])")]
    [InlineData("CryptoConfig.CreateFromName([|\"http://www.w3.org/2001/04/xmlenc#tripledes-cbc\"|])")]
    [InlineData("SymmetricAlgorithm.Create([|\"RC2\"|])")]
    [InlineData("SymmetricAlgorithm.Create([|\"System.Security.Cryptography.RC2\"|])")]
    [InlineData("SymmetricAlgorithm.Create([|Name|])")]
    public async Task Detect_AlgorithmNameStrings(string expression)
    {
        var source = $$"""
            using System.Security.Cryptography;
            class C
            {
                const string Name = "TripleDES";
                object M() => {{expression}};
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_MessageNamesApiAndCipher()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                SymmetricAlgorithm A() => {|#0:new TripleDESCryptoServiceProvider()|};
                SymmetricAlgorithm B() => {|#1:DES.Create()|};
                object D() => CryptoConfig.CreateFromName({|#2:"3DES"|});
                SymmetricAlgorithm E() => {|#3:new TripleDESCng("LegacyKey")|};
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("new TripleDESCryptoServiceProvider()", "TripleDES"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("DES.Create", "DES"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("CryptoConfig.CreateFromName", "TripleDES"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("new TripleDESCng(...)", "TripleDES"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_AesAndAuthenticatedCiphers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                SymmetricAlgorithm A() => Aes.Create();
                AesGcm B(byte[] key) => new AesGcm(key, 16);
                ChaCha20Poly1305 D(byte[] key) => new ChaCha20Poly1305(key);
                object E() => CryptoConfig.CreateFromName("AES");
                object F() => SymmetricAlgorithm.Create("AesManaged");
            }
            """);
    }

    [Fact]
    public async Task Safe_TypeTestsParametersAndKeyChecks()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                // Code that receives, inspects or rejects a weak cipher object creates none.
                void Reject(SymmetricAlgorithm alg)
                {
                    if (alg is DES or TripleDES or RC2) throw new NotSupportedException("Legacy ciphers are not accepted");
                }
                Type T() => typeof(TripleDES);
                string N() => nameof(DESCryptoServiceProvider);
                bool Weak(byte[] key) => DES.IsWeakKey(key) || DES.IsSemiWeakKey(key) || TripleDES.IsWeakKey(key);
                int Size(TripleDES tdes) => tdes.KeySize;
                TripleDES Field = null!;
            }
            """);
    }

    [Fact]
    public async Task Safe_NameStringsOutsideCryptoFactories()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                bool IsLegacy(string name) => name == "DES" || string.Equals(name, "3DES", StringComparison.OrdinalIgnoreCase);
                void Log() => Console.WriteLine("TripleDES is no longer supported");
                string Oid() => CryptoConfig.MapNameToOID("TripleDES")!;
                object Other() => CryptoConfig.CreateFromName("SHA256");
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_CreationsFactoriesAndNames()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                SymmetricAlgorithm A() => [|new TripleDESCryptoServiceProvider()|];
                SymmetricAlgorithm B() => [|DES.Create()|];
                object D() => CryptoConfig.CreateFromName([|"3DES"|]);
                byte[] E(byte[] key, byte[] iv, byte[] data)
                {
                    using var alg = [|RC2.Create()|]; // legacy
                    alg.Key = key;
                    return alg.EncryptCbc(data, iv);
                }
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                SymmetricAlgorithm A() => Aes.Create();
                SymmetricAlgorithm B() => Aes.Create();
                object D() => CryptoConfig.CreateFromName("AES");
                byte[] E(byte[] key, byte[] iv, byte[] data)
                {
                    using var alg = Aes.Create(); // legacy
                    alg.Key = key;
                    return alg.EncryptCbc(data, iv);
                }
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
                System.Security.Cryptography.SymmetricAlgorithm M() => [|System.Security.Cryptography.TripleDES.Create()|];
            }
            """,
            """
            using System.Security.Cryptography;

            class C
            {
                System.Security.Cryptography.SymmetricAlgorithm M() => Aes.Create();
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
            using System.IO;

            class C
            {
                IDisposable A() => [|System.Security.Cryptography.DES.Create()|];
                IDisposable B() => [|new System.Security.Cryptography.TripleDESCryptoServiceProvider()|];
                Stream D(Stream inner)
                {
                    var cipher = [|System.Security.Cryptography.TripleDES.Create()|];
                    return new System.Security.Cryptography.CryptoStream(inner, cipher.CreateEncryptor(), System.Security.Cryptography.CryptoStreamMode.Write);
                }
                object E() => System.Security.Cryptography.CryptoConfig.CreateFromName([|"3DES"|])!;
            }
            """,
            """
            using System;
            using System.IO;
            using System.Security.Cryptography;

            class C
            {
                IDisposable A() => Aes.Create();
                IDisposable B() => Aes.Create();
                Stream D(Stream inner)
                {
                    var cipher = Aes.Create();
                    return new System.Security.Cryptography.CryptoStream(inner, cipher.CreateEncryptor(), System.Security.Cryptography.CryptoStreamMode.Write);
                }
                object E() => System.Security.Cryptography.CryptoConfig.CreateFromName("AES")!;
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedWhereItWouldNotCompileOrWouldChangeMeaning()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Security.Cryptography;
            class C
            {
                void M(byte[] key, byte[] iv)
                {
                    TripleDES t = [|TripleDES.Create()|];
                    var d = [|new DESCryptoServiceProvider()|];
                    d.Key = key;
                    DES[] all = { d };
                    SymmetricAlgorithm n = [|new TripleDESCng("LegacyKey")|];
                    SymmetricAlgorithm i = [|new DESCryptoServiceProvider { Key = key, IV = iv }|];
                }
                object U() => CryptoConfig.CreateFromName([|"http://www.w3.org/2001/04/xmlenc#tripledes-cbc"|]);
            }
            """);
    }
}
