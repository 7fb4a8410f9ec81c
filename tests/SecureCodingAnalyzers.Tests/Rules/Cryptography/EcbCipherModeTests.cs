using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Cryptography.EcbCipherModeAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Cryptography;

public class EcbCipherModeTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_ModeAssignedEcb()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                const CipherMode Legacy = CipherMode.ECB;

                byte[] M(byte[] key, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    [|aes.Mode = CipherMode.ECB|];
                    using var encryptor = aes.CreateEncryptor();
                    return encryptor.TransformFinalBlock(data, 0, data.Length);
                }

                void N(SymmetricAlgorithm alg, TripleDES tdes)
                {
                    [|alg.Mode = (CipherMode.ECB)|];
                    [|tdes.Mode = Legacy|];
                    [|alg.Mode = (CipherMode)2|];
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ModeInObjectInitializer()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                SymmetricAlgorithm M(byte[] key) => new AesManaged { Key = key, [|Mode = CipherMode.ECB|], Padding = PaddingMode.PKCS7 };
            }
            """);
    }

    [Fact]
    public async Task Detect_OneShotEcbEncryption()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                byte[] A(Aes aes, byte[] data) => [|aes.EncryptEcb(data, PaddingMode.PKCS7)|];
                int B(SymmetricAlgorithm alg, ReadOnlySpan<byte> data, Span<byte> dest) => [|alg.EncryptEcb(data, dest, PaddingMode.None)|];
                bool D(Aes aes, ReadOnlySpan<byte> data, Span<byte> dest) => [|aes.TryEncryptEcb(data, dest, PaddingMode.PKCS7, out _)|];
            }
            """);
    }

    [Fact]
    public async Task Detect_MessageNamesTheApi()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes, byte[] data)
                {
                    {|#0:aes.Mode = CipherMode.ECB|};
                    _ = {|#1:aes.EncryptEcb(data, PaddingMode.PKCS7)|};
                }
                SymmetricAlgorithm N() => new AesCryptoServiceProvider { {|#2:Mode = CipherMode.ECB|} };
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("Aes.Mode = CipherMode.ECB"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("Aes.EncryptEcb"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("AesCryptoServiceProvider.Mode = CipherMode.ECB"));
    }

    [Fact]
    public async Task Detect_EcbObjectThatEncryptsOrLeavesTheMethod()
    {
        // Decrypt-only objects are not reported (see Safe_EcbModeOnAnObjectThatOnlyDecrypts); these may encrypt.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                private SymmetricAlgorithm? _cached;

                (ICryptoTransform, ICryptoTransform) Both(byte[] key)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    [|aes.Mode = CipherMode.ECB|];
                    return (aes.CreateEncryptor(), aes.CreateDecryptor());
                }

                Aes Returned()
                {
                    var aes = Aes.Create();
                    [|aes.Mode = CipherMode.ECB|];
                    _ = aes.CreateDecryptor();
                    return aes;
                }

                void Stored()
                {
                    var aes = new AesManaged { [|Mode = CipherMode.ECB|] };
                    _ = aes.CreateDecryptor();
                    _cached = aes;
                }

                ICryptoTransform FromElsewhere(Aes shared)
                {
                    var aes = shared;
                    [|aes.Mode = CipherMode.ECB|];
                    return aes.CreateDecryptor();
                }

                Func<ICryptoTransform> Captured()
                {
                    var aes = Aes.Create();
                    [|aes.Mode = CipherMode.ECB|];
                    _ = aes.CreateDecryptor();
                    return () => aes.CreateEncryptor();
                }

                ICryptoTransform DirectEncryptor() => new AesManaged { [|Mode = CipherMode.ECB|] }.CreateEncryptor();
            }
            """);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_OtherModes()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes, bool cfb)
                {
                    aes.Mode = CipherMode.CBC;
                    aes.Mode = cfb ? CipherMode.CFB : CipherMode.CBC;
                    var other = new AesManaged { Mode = CipherMode.CBC };
                }
                byte[] N(Aes aes, byte[] data, byte[] iv) => aes.EncryptCbc(data, iv);
            }
            """);
    }

    [Fact]
    public async Task Safe_ReadingAndComparingMode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                void Validate(SymmetricAlgorithm alg)
                {
                    if (alg.Mode == CipherMode.ECB) throw new CryptographicException("ECB is not accepted");
                    switch (alg.Mode)
                    {
                        case CipherMode.ECB: throw new NotSupportedException();
                    }
                }
                bool IsEcb(SymmetricAlgorithm alg) => alg.Mode is CipherMode.ECB;
                CipherMode Parse(string s) => s == "ECB" ? CipherMode.ECB : CipherMode.CBC;
            }
            """);
    }

    [Fact]
    public async Task Safe_DecryptingLegacyData()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                byte[] A(Aes aes, byte[] legacy) => aes.DecryptEcb(legacy, PaddingMode.PKCS7);
                bool B(Aes aes, ReadOnlySpan<byte> legacy, Span<byte> dest) => aes.TryDecryptEcb(legacy, dest, PaddingMode.PKCS7, out _);
                int D(Aes aes, int length) => aes.GetCiphertextLengthEcb(length, PaddingMode.PKCS7);
            }
            """);
    }

    [Fact]
    public async Task Safe_EcbModeOnAnObjectThatOnlyDecrypts()
    {
        // Regression: reading legacy ECB data through Mode + CreateDecryptor was reported while DecryptEcb was not.
        // The object is created in the method, never leaves it and only decrypts: it produces no ECB ciphertext.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Security.Cryptography;
            class C
            {
                byte[] DecryptLegacy(byte[] key, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    aes.Mode = CipherMode.ECB;
                    aes.Padding = PaddingMode.PKCS7;
                    using var decryptor = aes.CreateDecryptor();
                    return decryptor.TransformFinalBlock(data, 0, data.Length);
                }

                Stream DecryptStream(byte[] key, Stream input)
                {
                    using (var tdes = TripleDES.Create())
                    {
                        tdes.Mode = CipherMode.ECB;
                        return new CryptoStream(input, tdes.CreateDecryptor(key, null), CryptoStreamMode.Read);
                    }
                }

                ICryptoTransform Initializer(byte[] key)
                {
                    var aes = new AesManaged { Key = key, Mode = CipherMode.ECB };
                    return aes.CreateDecryptor();
                }

                ICryptoTransform Direct(byte[] key) => new AesManaged { Key = key, Mode = CipherMode.ECB }.CreateDecryptor();
            }
            """);
    }

    [Fact]
    public async Task Safe_ModePropertyOfUnrelatedType()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class CipherSettings
            {
                public CipherMode Mode { get; set; }
            }
            class C
            {
                // A settings object is not a cipher: only SymmetricAlgorithm.Mode is checked.
                CipherSettings M() => new CipherSettings { Mode = CipherMode.ECB };
            }
            """);
    }
}
