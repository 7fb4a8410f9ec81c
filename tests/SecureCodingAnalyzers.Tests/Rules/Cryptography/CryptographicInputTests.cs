using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Rules.Cryptography;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Cryptography.CryptographicInputAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Cryptography;

public class CryptographicInputTests
{
    private const string Iv = "SCR1004";
    private const string Key = "SCR1005";
    private const string Salt = "SCR1009";

    // ---- Detect ----

    [Fact]
    public async Task Detect_AllZeroIvPropertyWithMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes) => aes.IV = {|#0:new byte[16]|};
            }
            """,
            VerifyCS.Diagnostic(Iv).WithLocation(0).WithArguments("Aes.IV", "an all-zero array"));
    }

    [Theory]
    [InlineData("aes.IV = {|SCR1004:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|};")]
    [InlineData("aes.IV = {|SCR1004:[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]|};")]
    [InlineData("aes.IV = {|SCR1004:\"0123456789abcdef\"u8.ToArray()|};")]
    [InlineData("aes.IV = {|SCR1004:Encoding.ASCII.GetBytes(\"0123456789abcdef\")|};")]
    [InlineData("aes.IV = {|SCR1004:(byte[])new byte[16].Clone()|};")]
    [InlineData("using var e = aes.CreateEncryptor(key, {|SCR1004:new byte[16]|});")]
    [InlineData("_ = aes.EncryptCbc(key, {|SCR1004:new byte[16]|});")]
    [InlineData("_ = aes.EncryptCfb(key, {|SCR1004:\"0123456789abcdef\"u8|});")]
    [InlineData("_ = aes.TryEncryptCbc(key, {|SCR1004:new byte[16]|}, new byte[64], out _);")]
    public async Task Detect_ConstantIvShapes(string statement)
    {
        var source = $$"""
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                void M(Aes aes, byte[] key)
                {
                    {{statement}}
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_ConstantNonceForAeadEncryption()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                void Gcm(AesGcm gcm, byte[] plaintext, byte[] ciphertext, byte[] tag)
                    => gcm.Encrypt({|SCR1004:new byte[12]|}, plaintext, ciphertext, tag);

                void Ccm(AesCcm ccm, byte[] plaintext, byte[] ciphertext, byte[] tag)
                    => ccm.Encrypt(nonce: {|SCR1004:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }|}, plaintext: plaintext, ciphertext: ciphertext, tag: tag);

                void ChaCha(ChaCha20Poly1305 chacha, byte[] plaintext, byte[] ciphertext, byte[] tag)
                    => chacha.Encrypt({|SCR1004:"twelve bytes"u8|}, plaintext, ciphertext, tag);
            }
            """);
    }

    [Fact]
    public async Task Detect_LocalHoldingAllZeroIvNamesLocalAndOrigin()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] M(Aes aes, byte[] data)
                {
                    var iv = {|#1:new byte[16]|};
                    if (iv.Length != 16) return data;
                    return aes.EncryptCbc(data, {|#0:iv|});
                }
            }
            """,
            VerifyCS.Diagnostic(Iv).WithLocation(0).WithLocation(1).WithArguments("Aes.EncryptCbc", "the local 'iv' (an all-zero array)"));
    }

    [Fact]
    public async Task Detect_IvLocalUsedAgainForDecryptionAndWrittenToStream()
    {
        // Writing the IV in front of the ciphertext, converting it to Base64 and decrypting with it only read the array.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Security.Cryptography;
            class C
            {
                string M(Aes aes, byte[] key, byte[] data, Stream output)
                {
                    byte[] iv = {|#1:[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]|};
                    using var encryptor = aes.CreateEncryptor(key, {|#0:iv|});
                    using var decryptor = aes.CreateDecryptor(key, iv);
                    output.Write(iv, 0, iv.Length);
                    return Convert.ToBase64String(iv);
                }
            }
            """,
            VerifyCS.Diagnostic(Iv).WithLocation(0).WithLocation(1).WithArguments("Aes.CreateEncryptor", "the local 'iv' (a constant byte array)"));
    }

    [Fact]
    public async Task Detect_HardcodedKeyWithMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                void M(Aes aes) => aes.Key = {|#0:Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef")|};
            }
            """,
            VerifyCS.Diagnostic(Key).WithLocation(0).WithArguments("Aes.Key", "the bytes of a string literal"));
    }

    [Fact]
    public async Task Detect_KeyInEncryptorAndDecryptorButIvOnlyInEncryptor()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                void M(SymmetricAlgorithm algorithm)
                {
                    using var encryptor = algorithm.CreateEncryptor({|SCR1005:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|}, {|SCR1004:new byte[16]|});
                    using var decryptor = algorithm.CreateDecryptor({|SCR1005:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|}, new byte[16]);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_KeyConstructorsAndStaticHelpers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                AesGcm A() => new AesGcm({|#0:Convert.FromBase64String("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")|}, 16);
                AesCcm B() => new AesCcm({|SCR1005:Convert.FromHexString("000102030405060708090a0b0c0d0e0f")|});
                ChaCha20Poly1305 D() => new ChaCha20Poly1305({|SCR1005:"0123456789abcdef0123456789abcdef"u8|});
                HMAC E() => new HMACSHA256({|SCR1005:Encoding.UTF8.GetBytes("webhook-signing-secret")|});
                byte[] F(byte[] data) => HMACSHA256.HashData({|SCR1005:Encoding.UTF8.GetBytes("webhook-signing-secret")|}, data);
                IncrementalHash G() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, {|SCR1005:"jwt-secret"u8.ToArray()|});
                HMAC H() => new HMACSHA512 { Key = {|SCR1005:Encoding.UTF8.GetBytes("jwt-secret")|} };
                byte[] I() => SP800108HmacCounterKdf.DeriveBytes({|SCR1005:"kdf-master-key"u8.ToArray()|}, HashAlgorithmName.SHA256, "label"u8.ToArray(), "context"u8.ToArray(), 32);
            }
            """,
            VerifyCS.Diagnostic(Key).WithLocation(0).WithArguments("new AesGcm(...)", "the Base64-decoded bytes of a string literal"));
    }

    [Fact]
    public async Task Detect_KeyDerivedByHashingAConstant()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                void M(Aes aes, TripleDES des)
                {
                    aes.Key = {|#0:SHA256.HashData(Encoding.UTF8.GetBytes("my passphrase"))|};
                    using var md5 = MD5.Create();
                    des.Key = {|SCR1005:md5.ComputeHash(Encoding.UTF8.GetBytes("legacy passphrase"))|};
                }
            }
            """,
            VerifyCS.Diagnostic(Key).WithLocation(0).WithArguments("Aes.Key", "a hash of the bytes of a string literal"));
    }

    [Fact]
    public async Task Detect_KeyInStaticReadonlyFieldAndProperty()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Security.Cryptography;
            class C
            {
                private static readonly byte[] Key = {|#1:{ 0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c }|};
                private static ReadOnlySpan<byte> Nonce => {|#3:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }|};

                void M(Aes aes, byte[] p, byte[] c, byte[] t)
                {
                    aes.Key = {|#0:Key|};
                    using var gcm = new AesGcm({|#4:Key|}, 16);
                    gcm.Encrypt({|#2:Nonce|}, p, c, t);
                }
            }
            """,
            VerifyCS.Diagnostic(Key).WithLocation(0).WithLocation(1).WithArguments("Aes.Key", "the static readonly field 'Key' (a constant byte array)"),
            VerifyCS.Diagnostic(Key).WithLocation(4).WithLocation(1).WithArguments("new AesGcm(...)", "the static readonly field 'Key' (a constant byte array)"),
            VerifyCS.Diagnostic(Iv).WithLocation(2).WithLocation(3).WithArguments("AesGcm.Encrypt", "the static property 'Nonce' (a constant byte array)"));
    }

    [Fact]
    public async Task Detect_ConstantStringsBehindConstAndReadonlyFields()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                private const string Secret = {|#1:"0123456789abcdef0123456789abcdef"|};
                private static readonly string Passphrase = {|#3:"correct horse battery staple 123"|};

                void M(Aes aes, HMAC hmac)
                {
                    aes.Key = {|#0:Encoding.UTF8.GetBytes(Secret)|};
                    hmac.Key = {|#2:Encoding.UTF8.GetBytes(Passphrase)|};
                }
            }
            """,
            VerifyCS.Diagnostic(Key).WithLocation(0).WithLocation(1).WithArguments("Aes.Key", "the bytes of the constant 'Secret' (a string literal)"),
            VerifyCS.Diagnostic(Key).WithLocation(2).WithLocation(3).WithArguments("HMAC.Key", "the bytes of the static readonly field 'Passphrase' (a string literal)"));
    }

    [Fact]
    public async Task Detect_PrivateFieldNeverReassignedAndInstanceReadonlyField()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                private static byte[] s_key = Encoding.UTF8.GetBytes({|#1:"0123456789abcdef"|});
                private readonly byte[] _iv = {|#3:new byte[16]|};

                void M(Aes aes)
                {
                    aes.Key = {|#0:s_key|};
                    aes.IV = {|#2:this._iv|};
                }
            }
            """,
            VerifyCS.Diagnostic(Key).WithLocation(0).WithLocation(1).WithArguments("Aes.Key", "the static field 's_key' (the bytes of a string literal)"),
            VerifyCS.Diagnostic(Iv).WithLocation(2).WithLocation(3).WithArguments("Aes.IV", "the readonly field '_iv' (an all-zero array)"));
    }

    [Fact]
    public async Task Detect_MoreHolderShapes()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                private static byte[] AutoKey { get; } = {|#1:[0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0, 0xff]|};
                private byte[] BodyIv { get { return {|#3:new byte[] { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9 }|}; } }
                private readonly byte[] salt = {|#7:"0123456789abcdef"u8|}.ToArray();

                void M(Aes aes, bool legacy, string password)
                {
                    aes.Key = {|#0:AutoKey|};
                    aes.IV = {|#2:BodyIv|};

                    var secret = {|#5:"s3cr3t-s3cr3t-s3cr3t-s3cr3t-1234"|};
                    aes.Key = {|#4:Encoding.UTF8.GetBytes(secret)|};

                    var iv = {|#9:new byte[16]|};
                    if (legacy) iv = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                    aes.IV = {|#8:iv|};

                    _ = Rfc2898DeriveBytes.Pbkdf2(password, salt: {|#6:salt|}, 600000, HashAlgorithmName.SHA256, 32);
                }
            }
            """,
            VerifyCS.Diagnostic(Key).WithLocation(0).WithLocation(1).WithArguments("Aes.Key", "the static property 'AutoKey' (a constant byte array)"),
            VerifyCS.Diagnostic(Iv).WithLocation(2).WithLocation(3).WithArguments("Aes.IV", "the property 'BodyIv' (a constant byte array)"),
            VerifyCS.Diagnostic(Key).WithLocation(4).WithLocation(5).WithArguments("Aes.Key", "the bytes of the local 'secret' (a string literal)"),
            VerifyCS.Diagnostic(Iv).WithLocation(8).WithLocation(9).WithArguments("Aes.IV", "the local 'iv' (constant data)"),
            VerifyCS.Diagnostic(Salt).WithLocation(6).WithLocation(7).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "the readonly field 'salt' (the bytes of a string literal)"));
    }

    [Fact]
    public async Task Detect_KeyFieldDeclaredInAnotherFile()
    {
        var test = new CSharpAnalyzerTest<CryptographicInputAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = VerifyCS.References,
            TestState =
            {
                Sources =
                {
                    """
                    using System.Security.Cryptography;
                    class C
                    {
                        void M(Aes aes)
                        {
                            aes.Key = {|#0:Secrets.Key|};
                            aes.IV = {|#2:Secrets.ZeroIv|};
                            aes.IV = Secrets.FilledElsewhere;
                        }
                    }
                    """,
                    """
                    using System.Text;
                    static class Secrets
                    {
                        public static readonly byte[] Key = Encoding.UTF8.GetBytes({|#1:"0123456789abcdef"|});
                        internal static readonly byte[] ZeroIv = {|#3:{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }|};
                        public static readonly byte[] FilledElsewhere = new byte[16];
                    }
                    """,
                },
            },
        };
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Key).WithLocation(0).WithLocation(1).WithArguments("Aes.Key", "the static readonly field 'Key' (the bytes of a string literal)"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Iv).WithLocation(2).WithLocation(3).WithArguments("Aes.IV", "the static readonly field 'ZeroIv' (an all-zero array)"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Detect_ConstantSaltWithMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                Rfc2898DeriveBytes M(string password)
                    => new Rfc2898DeriveBytes(password, {|#0:Encoding.UTF8.GetBytes("NaCl-NaCl-NaCl!!")|}, 600000, HashAlgorithmName.SHA256);
            }
            """,
            VerifyCS.Diagnostic(Salt).WithLocation(0).WithArguments("new Rfc2898DeriveBytes(...)", "the bytes of a string literal"));
    }

    [Fact]
    public async Task Detect_ConstantSaltShapes()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                private static readonly byte[] SaltBytes = {|#1:{ 0x49, 0x76, 0x61, 0x6e, 0x20, 0x4d, 0x65, 0x64, 0x76, 0x65, 0x64, 0x65, 0x76 }|};

                byte[] A(string password) => Rfc2898DeriveBytes.Pbkdf2(password, {|#0:SaltBytes|}, 600000, HashAlgorithmName.SHA256, 32);
                byte[] B(byte[] password) => Rfc2898DeriveBytes.Pbkdf2(password, {|SCR1009:new byte[16]|}, 600000, HashAlgorithmName.SHA256, 32);
                void D(Rfc2898DeriveBytes pbkdf2) => pbkdf2.Salt = {|SCR1009:"static salt"u8.ToArray()|};
                PasswordDeriveBytes E(string password) => new PasswordDeriveBytes(password, {|SCR1009:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }|});
                void F(PasswordDeriveBytes legacy) => legacy.Salt = {|SCR1009:new byte[8]|};
            }
            """,
            VerifyCS.Diagnostic(Salt).WithLocation(0).WithLocation(1).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "the static readonly field 'SaltBytes' (a constant byte array)"));
    }

    [Fact]
    public async Task Detect_AspNetCoreKeyDerivationWithConstantSalt()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text;
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            class C
            {
                byte[] Hash(string password)
                    => KeyDerivation.Pbkdf2(password, {|SCR1009:Encoding.UTF8.GetBytes("pepper")|}, KeyDerivationPrf.HMACSHA256, 600000, 32);
            }

            namespace Microsoft.AspNetCore.Cryptography.KeyDerivation
            {
                public enum KeyDerivationPrf { HMACSHA1, HMACSHA256, HMACSHA512 }
                public static class KeyDerivation
                {
                    public static byte[] Pbkdf2(string password, byte[] salt, KeyDerivationPrf prf, int iterationCount, int numBytesRequested) => new byte[numBytesRequested];
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ZeroIvWhenOnlyAnotherObjectIsInEcbMode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes, Aes other, byte[] key)
                {
                    other.Mode = CipherMode.ECB;
                    aes.Mode = CipherMode.CBC;
                    aes.IV = {|SCR1004:new byte[16]|};
                    using var encryptor = aes.CreateEncryptor(key, {|SCR1004:new byte[16]|});
                }

                SymmetricAlgorithm N() => new AesManaged { Mode = CipherMode.CBC, IV = {|SCR1004:new byte[16]|} };
            }
            """);
    }

    [Fact]
    public async Task Detect_IvPropertyOnAnObjectThatAlsoEncryptsOrLeaves()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                (ICryptoTransform, ICryptoTransform) Both(byte[] key)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    aes.IV = {|SCR1004:new byte[16]|};
                    return (aes.CreateEncryptor(), aes.CreateDecryptor());
                }

                Aes Returned()
                {
                    var aes = Aes.Create();
                    aes.IV = {|SCR1004:new byte[16]|};
                    _ = aes.CreateDecryptor();
                    return aes;
                }
            }
            """);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_KeysIvsAndSaltsFromParametersAndCalls()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                void Parameters(Aes aes, byte[] key, byte[] iv, string password, byte[] salt)
                {
                    aes.Key = key;
                    aes.IV = iv;
                    using var encryptor = aes.CreateEncryptor(key, iv);
                    _ = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);
                }

                void Random(Aes aes, byte[] data)
                {
                    aes.Key = RandomNumberGenerator.GetBytes(32);
                    aes.IV = RandomNumberGenerator.GetBytes(16);
                    aes.GenerateKey();
                    aes.GenerateIV();
                    _ = aes.EncryptCbc(data, RandomNumberGenerator.GetBytes(16));
                }

                void Environment_(Aes aes)
                    => aes.Key = Convert.FromBase64String(Environment.GetEnvironmentVariable("APP_KEY") ?? throw new InvalidOperationException());
            }
            """);
    }

    [Fact]
    public async Task Safe_BuffersFilledByRandomNumberGenerator()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                byte[] Fill(Aes aes, byte[] data)
                {
                    var iv = new byte[16];
                    RandomNumberGenerator.Fill(iv);
                    aes.IV = iv;
                    return aes.EncryptCbc(data, iv);
                }

                void Legacy(Aes aes)
                {
                    var key = new byte[32];
                    using var rng = RandomNumberGenerator.Create();
                    rng.GetBytes(key);
                    aes.Key = key;
                }

                void Gcm(AesGcm gcm, byte[] p, byte[] c, byte[] t)
                {
                    Span<byte> nonce = stackalloc byte[12];
                    RandomNumberGenerator.Fill(nonce);
                    gcm.Encrypt(nonce, p, c, t);
                }

                void Salt(string password)
                {
                    byte[] salt = new byte[16];
                    RandomNumberGenerator.Fill(salt.AsSpan());
                    _ = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600000, HashAlgorithmName.SHA256, 32);
                }

                void FilledInLambda(Aes aes)
                {
                    var iv = new byte[16];
                    Action refresh = () => RandomNumberGenerator.Fill(iv);
                    refresh();
                    aes.IV = iv;
                }

                void FilledThroughAlias(Aes aes)
                {
                    var iv = new byte[16];
                    var alias = iv;
                    RandomNumberGenerator.Fill(alias);
                    aes.IV = iv;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_BuffersFilledFromTheMessageOrADerivation()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Buffers.Binary;
            using System.IO;
            using System.Security.Cryptography;
            class C
            {
                byte[] DecryptStoredIv(Aes aes, byte[] message)
                {
                    var iv = new byte[16];
                    Array.Copy(message, iv, 16);
                    aes.IV = iv;
                    return aes.DecryptCbc(message.AsSpan(16), iv);
                }

                void ReadIv(Aes aes, Stream input)
                {
                    var iv = new byte[aes.BlockSize / 8];
                    input.ReadExactly(iv);
                    aes.IV = iv;
                }

                void BlockCopyIv(Aes aes, byte[] message)
                {
                    byte[] iv = new byte[16];
                    Buffer.BlockCopy(message, 0, iv, 0, iv.Length);
                    using var decryptor = aes.CreateDecryptor(aes.Key, iv);
                }

                void SpanCopyIv(Aes aes, byte[] message)
                {
                    var iv = new byte[16];
                    message.AsSpan(0, 16).CopyTo(iv);
                    aes.IV = iv;
                }

                void CounterNonce(AesGcm gcm, long counter, byte[] p, byte[] c, byte[] t)
                {
                    var nonce = new byte[12];
                    BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(4), counter);
                    gcm.Encrypt(nonce, p, c, t);
                }

                void IndexedNonce(ChaCha20Poly1305 chacha, int chunk, byte[] p, byte[] c, byte[] t)
                {
                    var nonce = new byte[12];
                    nonce[11] = (byte)chunk;
                    chacha.Encrypt(nonce, p, c, t);
                }

                void DerivedKey(Aes aes, string password, byte[] salt)
                {
                    var key = new byte[32];
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, key, 600000, HashAlgorithmName.SHA256);
                    aes.Key = key;
                }

                void Deconstructed(Aes aes)
                {
                    byte[] key = new byte[32], iv = new byte[16];
                    (key, iv) = Load();
                    using var encryptor = aes.CreateEncryptor(key, iv);
                }

                void OutParameter(Aes aes)
                {
                    var key = new byte[32];
                    TryLoad(out key);
                    aes.Key = key;
                }

                void Branch(Aes aes, byte[]? configured)
                {
                    var iv = new byte[16];
                    if (configured is not null) iv = configured;
                    aes.IV = iv;
                }

                static (byte[], byte[]) Load() => (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(16));
                static bool TryLoad(out byte[] key) { key = RandomNumberGenerator.GetBytes(32); return true; }
            }
            """);
    }

    [Fact]
    public async Task Safe_BufferAliasedByADeclarationPattern()
    {
        // Regression: an is-pattern counted as a plain read, but a declaration pattern names the same array again and
        // the fill through that name was not seen.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes)
                {
                    var iv = new byte[16];
                    if (iv is { Length: 16 } buffer) RandomNumberGenerator.Fill(buffer);
                    aes.IV = iv;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_IvPropertyOnAnObjectThatOnlyDecrypts()
    {
        // Regression: CreateDecryptor(key, new byte[16]) was not reported but the same legacy read through the IV
        // property was. When the object is created here, never leaves the method and only decrypts, it is not either.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] DecryptLegacy(byte[] key, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    aes.IV = new byte[16];
                    using var decryptor = aes.CreateDecryptor();
                    return decryptor.TransformFinalBlock(data, 0, data.Length);
                }

                byte[] OneShot(byte[] key, byte[] data)
                {
                    var aes = new AesManaged { Key = key, IV = new byte[16] };
                    return aes.DecryptCbc(data, aes.IV);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_IvOfAnObjectInEcbModeIsIgnored()
    {
        // Regression: hand-written CTR, CMAC and key wrap set Mode = ECB and pass a dummy zero IV, which ECB ignores.
        // SCR1003 reports the mode; reporting the IV as well named the wrong problem.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                ICryptoTransform CtrKeystream(byte[] key)
                {
                    using var aes = Aes.Create();
                    aes.Mode = CipherMode.ECB;
                    aes.Padding = PaddingMode.None;
                    return aes.CreateEncryptor(key, new byte[16]);
                }

                void Property(SymmetricAlgorithm alg)
                {
                    alg.Mode = CipherMode.ECB;
                    alg.IV = new byte[16];
                }

                SymmetricAlgorithm Initializer(byte[] key) => new AesManaged { Mode = CipherMode.ECB, Key = key, IV = new byte[16] };
            }
            """);
    }

    [Fact]
    public async Task Safe_DecryptionWithAStoredIvOrNonce()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] Cbc(Aes aes, byte[] ciphertext) => aes.DecryptCbc(ciphertext, new byte[16]);
                void Gcm(AesGcm gcm, byte[] c, byte[] t, byte[] p) => gcm.Decrypt(new byte[12], c, t, p);
                ICryptoTransform Legacy(Aes aes, byte[] key) => aes.CreateDecryptor(key, new byte[16]);
            }
            """);
    }

    [Fact]
    public async Task Safe_KeysFromStoresAndProtectedData()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            using Stubs;
            class C
            {
                private readonly IKeyVault _vault;
                C(IKeyVault vault) => _vault = vault;

                void Vault(Aes aes) => aes.Key = _vault.GetKey("orders-encryption");

                void Dpapi(Aes aes, string storedBlob)
                    => aes.Key = ProtectedData.Unprotect(Convert.FromBase64String(storedBlob), null, 0);

                void ProtectedLiteral(Aes aes)
                    => aes.Key = ProtectedData.Unprotect(Convert.FromBase64String("AQAAANCMnd8BFdERjHoAwE/Cl+s="), null, 0);
            }

            namespace Stubs
            {
                public interface IKeyVault { byte[] GetKey(string name); }
                public static class ProtectedData { public static byte[] Unprotect(byte[] data, byte[]? entropy, int scope) => data; }
            }
            """);
    }

    [Fact]
    public async Task Safe_FieldsAssignedFromConstructorsOrMutable()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            using System.Text;
            class FromConstructor
            {
                private readonly byte[] _key;
                private readonly byte[] _salt = Encoding.UTF8.GetBytes("default-salt-value");
                public FromConstructor(byte[] key, byte[] salt) { _key = key; _salt = salt; }
                void M(Aes aes, string password)
                {
                    aes.Key = _key;
                    _ = Rfc2898DeriveBytes.Pbkdf2(password, _salt, 600000, HashAlgorithmName.SHA256, 32);
                }
            }

            class Mutable
            {
                public static byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef");
                private static byte[] s_iv = new byte[16];
                public static byte[] SettableKey { get; set; } = Encoding.UTF8.GetBytes("0123456789abcdef");
                public static void Configure(byte[] iv) => s_iv = iv;
                void M(Aes aes)
                {
                    aes.Key = Key;
                    aes.Key = SettableKey;
                    aes.IV = s_iv;
                }
            }

            class FilledBuffer
            {
                private readonly byte[] _iv = new byte[16];
                public static readonly byte[] SharedIv = new byte[16];
                FilledBuffer() => RandomNumberGenerator.Fill(_iv);
                void M(Aes aes)
                {
                    aes.IV = _iv;
                    aes.IV = SharedIv;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_RandomSaltSizeAndHkdfSalt()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                Rfc2898DeriveBytes Random(string password) => new Rfc2898DeriveBytes(password, saltSize: 16, 600000, HashAlgorithmName.SHA256);

                byte[] Hkdf(byte[] sharedSecret)
                    => HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, salt: Encoding.UTF8.GetBytes("app-v1"), info: "encryption"u8.ToArray());

                byte[] HkdfExtract(byte[] ikm) => HKDF.Extract(HashAlgorithmName.SHA256, ikm, new byte[32]);
            }
            """);
    }

    [Fact]
    public async Task Safe_AllZeroHmacKeyIsHkdfExtract()
    {
        // RFC 5869: HKDF-Extract without salt is HMAC keyed with HashLen zero bytes; hand-written HKDF does exactly this.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] Extract(byte[] ikm, byte[]? salt)
                {
                    using var hmac = new HMACSHA256(salt ?? new byte[32]);
                    using var zero = new HMACSHA256(new byte[32]);
                    return HMACSHA256.HashData(new byte[32], ikm);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_NonConstantStringsAndUnrelatedApis()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                void M(Aes aes, string userSecret, RSA rsa)
                {
                    string secret = "placeholder";
                    secret = Environment.GetEnvironmentVariable("APP_SECRET") ?? secret;
                    aes.Key = Encoding.UTF8.GetBytes(secret);
                    aes.Key = SHA256.HashData(Encoding.UTF8.GetBytes(userSecret));
                    using var encryptor = aes.CreateEncryptor(aes.Key, null);
                    _ = rsa.Encrypt(Encoding.UTF8.GetBytes("hello"), RSAEncryptionPadding.OaepSHA256);
                    _ = SHA256.HashData(Encoding.UTF8.GetBytes("constant input is fine for plain hashing"));
                    var dictionary = new System.Collections.Generic.Dictionary<string, byte[]> { ["key"] = new byte[16] };
                    Use(key: new byte[16], iv: new byte[16], salt: new byte[16]);
                }

                static void Use(byte[] key, byte[] iv, byte[] salt) { }
            }
            """);
    }

    [Fact]
    public async Task Safe_HmacKeyedWithAHashOfASecret()
    {
        // The hash instance is keyed (HMAC), so its output is not constant data.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                void M(Aes aes, byte[] secret)
                {
                    using HashAlgorithm keyed = new HMACSHA256(secret);
                    aes.Key = keyed.ComputeHash(Encoding.UTF8.GetBytes("label"));
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_WeakKeyChecksOnlyInspectAKey()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                bool Weak() => TripleDES.IsWeakKey(new byte[24]) || DES.IsSemiWeakKey(new byte[] { 1, 1, 1, 1, 1, 1, 1, 1 });
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCodeDoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes)
                {
                    aes.Key = {|CS0103:Missing|};
                    aes.IV = {|CS0103:iv|};
                    using var gcm = new {|CS1729:AesGcm|}();
                    var local = {|CS0103:Unknown|}.Value;
                    aes.IV = local;
                    aes.{|CS1061:Nonce|} = new byte[12];
                    _ = aes.EncryptCbc({|CS1503:"plain"|}, new byte[16]);
                }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public void Fix_NoFixerIsOfferedForTheseRules()
    {
        // Keys must come from a store and IVs must be generated and transported: no automatic rewrite is safe.
        var fixers = typeof(SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.WeakHashAlgorithmCodeFixProvider).Assembly
            .GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .SelectMany(f => f.FixableDiagnosticIds);
        Assert.DoesNotContain(Iv, fixers);
        Assert.DoesNotContain(Key, fixers);
        Assert.DoesNotContain(Salt, fixers);
    }

    [Fact]
    public async Task Fix_SourceStaysAsItIs()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes) => aes.IV = {|#0:new byte[16]|};
            }
            """,
            VerifyCS.Diagnostic(Iv).WithLocation(0).WithArguments("Aes.IV", "an all-zero array"));
    }
}
