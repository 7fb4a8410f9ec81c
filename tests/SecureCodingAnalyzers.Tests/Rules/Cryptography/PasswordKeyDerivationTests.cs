using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Cryptography.PasswordKeyDerivationAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.PasswordKeyDerivationCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Cryptography;

public class PasswordKeyDerivationTests
{
    /// <summary>ASP.NET Core's KeyDerivation API as declared in Microsoft.AspNetCore.Cryptography.KeyDerivation.</summary>
    private const string KeyDerivationStub = """

        namespace Microsoft.AspNetCore.Cryptography.KeyDerivation
        {
            public enum KeyDerivationPrf { HMACSHA1, HMACSHA256, HMACSHA512 }

            public static class KeyDerivation
            {
                public static byte[] Pbkdf2(string password, byte[] salt, KeyDerivationPrf prf, int iterationCount, int numBytesRequested) => new byte[numBytesRequested];
            }
        }
        """;

    // ---- Detect ----

    [Theory]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:10000|}, HashAlgorithmName.SHA256, 32)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:599_999|}, HashAlgorithmName.SHA256, 32)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:100000|}, HashAlgorithmName.SHA384, 48)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:100000|}, HashAlgorithmName.SHA512, 64)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(p), s, {|SCR1007:1000|}, HashAlgorithmName.SHA256, 32)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p.AsSpan(), s, {|SCR1007:1000|}, new HashAlgorithmName(\"SHA256\"), 32)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, hashAlgorithm: HashAlgorithmName.SHA256, outputLength: 32, iterations: {|SCR1007:5000|})")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:LowIterations|}, HashAlgorithmName.SHA256, 32)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:10 * 1000|}, HashAlgorithmName.SHA256, 32)")]
    [InlineData("Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:1000|}, hash, 32)")]
    [InlineData("new Rfc2898DeriveBytes(p, s, {|SCR1007:10000|}, HashAlgorithmName.SHA256).GetBytes(32)")]
    [InlineData("new Rfc2898DeriveBytes(p, 16, {|SCR1007:10000|}, HashAlgorithmName.SHA512).GetBytes(32)")]
    public async Task Detect_LowConstantIterations(string expression)
    {
        var source = $$"""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                const int LowIterations = 10_000;
                byte[] M(string p, byte[] s, HashAlgorithmName hash) => {{expression}};
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_SpanOverloadWithDestination()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                void M(ReadOnlySpan<char> p, ReadOnlySpan<byte> s, Span<byte> key)
                    => Rfc2898DeriveBytes.Pbkdf2(p, s, key, {|SCR1007:100_000|}, HashAlgorithmName.SHA256);
            }
            """);
    }

    [Fact]
    public async Task Detect_IterationCountProperty()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] Initializer(string p, byte[] s)
                {
                    using var kdf = new Rfc2898DeriveBytes(p, s, 600_000, HashAlgorithmName.SHA256) { IterationCount = {|SCR1007:50_000|} };
                    return kdf.GetBytes(32);
                }

                byte[] Local(string p, byte[] s)
                {
                    var kdf = new Rfc2898DeriveBytes(p, s, 210_000, HashAlgorithmName.SHA512);
                    kdf.IterationCount = {|SCR1007:100_000|};
                    return kdf.GetBytes(32);
                }

                void Unknown(Rfc2898DeriveBytes kdf) => kdf.IterationCount = {|SCR1007:1000|};
            }
            """);
    }

    [Fact]
    public async Task Detect_AspNetCoreKeyDerivation()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            class C
            {
                byte[] A(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA256, {|SCR1007:10000|}, 32);
                byte[] B(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA512, {|SCR1007:100_000|}, 64);
                byte[] D(string p, byte[] s) => {|SCR1008:KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA1, 600_000, 32)|};
            }
            """ + KeyDerivationStub);
    }

    [Fact]
    public async Task Detect_MessageForLowIterations()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|#0:10000|}, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|#1:100000|}, HashAlgorithmName.SHA512, 64);
            }
            """,
            VerifyCS.Diagnostic("SCR1007").WithLocation(0).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC-SHA256", "10,000", "600,000"),
            VerifyCS.Diagnostic("SCR1007").WithLocation(1).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC-SHA512", "100,000", "210,000"));
    }

    [Fact]
    public async Task Detect_PasswordDeriveBytes()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => {|#0:new PasswordDeriveBytes(p, s)|}.GetBytes(32);
                byte[] B(byte[] p, byte[] s) => {|SCR1008:new PasswordDeriveBytes(p, s, "SHA256", 600000)|}.GetBytes(32);
            }
            """,
            VerifyCS.Diagnostic("SCR1008").WithLocation(0).WithArguments(
                "new PasswordDeriveBytes(...)",
                "implements an obsolete, non-standard extension of PBKDF1 (SHA-1 and 100 iterations by default)",
                "600,000"));
    }

    [Fact]
    public async Task Detect_ConstructorsWithoutHashAlgorithm()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                Rfc2898DeriveBytes A(string p, byte[] s) => {|#0:new Rfc2898DeriveBytes(p, s)|};
                Rfc2898DeriveBytes B(string p) => {|SCR1008:new Rfc2898DeriveBytes(p, 16)|};
                Rfc2898DeriveBytes D(byte[] p, byte[] s, int n) => {|#1:new Rfc2898DeriveBytes(p, s, n)|};
                Rfc2898DeriveBytes E(string p, byte[] s) => {|SCR1008:new Rfc2898DeriveBytes(p, s) { IterationCount = 600_000 }|};
            }
            """,
            VerifyCS.Diagnostic("SCR1008").WithLocation(0).WithArguments(
                "new Rfc2898DeriveBytes(...)",
                "uses HMAC-SHA1 and only 1,000 iterations (the defaults of the constructors without a HashAlgorithmName)",
                "600,000"),
            VerifyCS.Diagnostic("SCR1008").WithLocation(1).WithArguments(
                "new Rfc2898DeriveBytes(...)",
                "uses HMAC-SHA1 (the default of the constructors without a HashAlgorithmName)",
                "600,000"));
    }

    [Fact]
    public async Task Detect_Sha1WithLowIterationsGetsBothRules()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => {|#0:Rfc2898DeriveBytes.Pbkdf2(p, s, {|#1:10000|}, {|#3:HashAlgorithmName.SHA1|}, 20)|};
                Rfc2898DeriveBytes B(string p, byte[] s) => {|#4:new Rfc2898DeriveBytes(p, s, {|#2:1000|})|};
            }
            """,
            // Additional locations (for the code fix): the SHA-1 argument, then the iteration count below the SHA-256 minimum.
            VerifyCS.Diagnostic("SCR1008").WithLocation(0).WithLocation(3).WithLocation(1).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "uses HMAC-SHA1 (HashAlgorithmName.SHA1)", "600,000"),
            VerifyCS.Diagnostic("SCR1008").WithLocation(4).WithLocation(2).WithArguments("new Rfc2898DeriveBytes(...)", "uses HMAC-SHA1 (the default of the constructors without a HashAlgorithmName)", "600,000"),
            VerifyCS.Diagnostic("SCR1007").WithLocation(1).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC-SHA1", "10,000", "600,000"),
            VerifyCS.Diagnostic("SCR1007").WithLocation(2).WithArguments("new Rfc2898DeriveBytes(...)", "HMAC-SHA1", "1,000", "600,000"));
    }

    [Fact]
    public async Task Detect_Sha1WithEnoughIterations()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => {|SCR1008:Rfc2898DeriveBytes.Pbkdf2(p, s, 1_300_000, HashAlgorithmName.SHA1, 20)|};
                Rfc2898DeriveBytes B(string p, byte[] s, int n) => {|SCR1008:new Rfc2898DeriveBytes(p, s, n, new HashAlgorithmName("SHA1"))|};
            }
            """);
    }

    [Fact]
    public async Task Detect_BaseConstructorCallOfDerivedClass()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class LegacyKdf : Rfc2898DeriveBytes
            {
                public LegacyKdf(string p, byte[] s) {|SCR1008:: base(p, s)|} { }
            }
            """);
    }

    [Fact]
    public async Task Detect_GeneratedCode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            // <auto-generated/>
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:1000|}, HashAlgorithmName.SHA256, 32);
            }
            """);
    }

    [Fact]
    public async Task Detect_RaisedMinimumViaRuleKey()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|#0:600_000|}, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|#1:210_000|}, HashAlgorithmName.SHA512, 64);
            }
            """,
            """
            dotnet_diagnostic.SCR1007.minimum_iterations = 1_000_000
            dotnet_diagnostic.SCR1007.minimum_iterations_sha512 = 300000
            """,
            VerifyCS.Diagnostic("SCR1007").WithLocation(0).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC-SHA256", "600,000", "1,000,000"),
            VerifyCS.Diagnostic("SCR1007").WithLocation(1).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC-SHA512", "210,000", "300,000"));
    }

    [Fact]
    public async Task Detect_InvalidOptionValuesFallBackToDefaults()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|#0:100_000|}, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|#1:100_000|}, HashAlgorithmName.SHA512, 64);
            }
            """,
            """
            dotnet_diagnostic.SCR1007.minimum_iterations = lots
            secure_coding.minimum_iterations_sha512 = 10
            """,
            VerifyCS.Diagnostic("SCR1007").WithLocation(0).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC-SHA256", "100,000", "600,000"),
            VerifyCS.Diagnostic("SCR1007").WithLocation(1).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC-SHA512", "100,000", "210,000"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_RecommendedParameters()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                const int Iterations = 600_000;
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600000, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 210000, HashAlgorithmName.SHA512, 64);
                byte[] D(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, Iterations, HashAlgorithmName.SHA384, 48);
                byte[] E(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 1_000_000, HashAlgorithmName.SHA256, 32);
                void F(ReadOnlySpan<byte> p, ReadOnlySpan<byte> s, Span<byte> key) => Rfc2898DeriveBytes.Pbkdf2(p, s, key, 600_000, HashAlgorithmName.SHA256);
                byte[] G(string p, byte[] s)
                {
                    using var kdf = new Rfc2898DeriveBytes(p, s, 600_000, HashAlgorithmName.SHA256);
                    return kdf.GetBytes(32);
                }
                byte[] H(string p, byte[] s)
                {
                    using var kdf = new Rfc2898DeriveBytes(p, s, 210_000, HashAlgorithmName.SHA512) { IterationCount = 250_000 };
                    return kdf.GetBytes(32);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_NonConstantIterations()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class Options { public int Iterations { get; set; } = 600_000; }
            class C
            {
                readonly Options _options = new();
                static readonly int s_iterations = int.Parse(Environment.GetEnvironmentVariable("KDF_ITERATIONS") ?? "600000");
                byte[] A(string p, byte[] s, int iterations) => Rfc2898DeriveBytes.Pbkdf2(p, s, iterations, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, _options.Iterations, HashAlgorithmName.SHA256, 32);
                byte[] D(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, s_iterations, HashAlgorithmName.SHA512, 64);
                byte[] E(string p, byte[] s, int stored) => Rfc2898DeriveBytes.Pbkdf2(p, s, Math.Max(stored, 600_000), HashAlgorithmName.SHA256, 32);
                void F(Rfc2898DeriveBytes kdf, int n) => kdf.IterationCount = n;
                Rfc2898DeriveBytes G(byte[] p, byte[] s, int n) => new Rfc2898DeriveBytes(p, s, n, HashAlgorithmName.SHA256);
                byte[] H(string p, byte[] s, (int Iterations, HashAlgorithmName Hash) stored) => Rfc2898DeriveBytes.Pbkdf2(p, s, stored.Iterations, stored.Hash, 32);
            }
            """);
    }

    [Fact]
    public async Task Safe_HashNotConstantIsOnlyReportedBelowTheLowestMinimum()
    {
        // Regression: the common "static readonly HashAlgorithmName = SHA512" helper with 350,000 iterations was
        // reported against the SHA-256 minimum because the hash is a field, not a constant.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class PasswordHasher
            {
                private const int KeySize = 64;
                private const int Iterations = 350_000;
                private static readonly HashAlgorithmName Algorithm = HashAlgorithmName.SHA512;

                byte[] Hash(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, Iterations, Algorithm, KeySize);

                byte[] Local(string p, byte[] s)
                {
                    var hashAlgorithm = HashAlgorithmName.SHA512;
                    return Rfc2898DeriveBytes.Pbkdf2(p, s, 210_000, hashAlgorithm, 64);
                }

                void Property(Rfc2898DeriveBytes kdf) => kdf.IterationCount = 250_000;
            }
            """);
    }

    [Fact]
    public async Task Detect_HashNotConstantBelowEveryMinimumAsksForTheSha256Minimum()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s, HashAlgorithmName hash) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|#0:100_000|}, hash, 32);
                void B(Rfc2898DeriveBytes kdf) => kdf.IterationCount = {|#1:200_000|};
            }
            """,
            VerifyCS.Diagnostic("SCR1007").WithLocation(0).WithArguments("Rfc2898DeriveBytes.Pbkdf2", "HMAC", "100,000", "600,000"),
            VerifyCS.Diagnostic("SCR1007").WithLocation(1).WithArguments("Rfc2898DeriveBytes.IterationCount", "HMAC", "200,000", "600,000"));
    }

    [Fact]
    public async Task Safe_AspNetCoreKeyDerivationWithStrongParameters()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            class C
            {
                byte[] A(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA256, 600_000, 32);
                byte[] B(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA512, 210_000, 64);
                byte[] D(string p, byte[] s, KeyDerivationPrf prf, int n) => KeyDerivation.Pbkdf2(p, s, prf, n, 32);
            }
            """ + KeyDerivationStub);
    }

    [Fact]
    public async Task Safe_ReadingAndPassingKdfObjects()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography;
            class C
            {
                int Count(Rfc2898DeriveBytes kdf) => kdf.IterationCount;
                HashAlgorithmName Hash(Rfc2898DeriveBytes kdf) => kdf.HashAlgorithm;
                byte[] Legacy(PasswordDeriveBytes existing) => existing.GetBytes(16);
                bool IsLegacy(HashAlgorithmName name) => name == HashAlgorithmName.SHA1;
                byte[] Totp(byte[] key, byte[] counter) => HMACSHA1.HashData(key, counter);
            }
            """);
    }

    [Fact]
    public async Task Safe_LoweredMinimumViaSharedKey()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 310_000, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 120_000, HashAlgorithmName.SHA512, 64);
            }
            """,
            """
            secure_coding.minimum_iterations = 310000
            secure_coding.minimum_iterations_sha512 = 120000
            """);
    }

    [Fact]
    public async Task Safe_RuleKeyWinsOverSharedKey()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 400_000, HashAlgorithmName.SHA256, 32);
            }
            """,
            """
            secure_coding.minimum_iterations = 1000000
            dotnet_diagnostic.SCR1007.minimum_iterations = 400000
            """);
    }

    [Fact]
    public async Task Safe_UnrelatedTypesWithTheSameNames()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace MyCompany.Crypto
            {
                public enum KeyDerivationPrf { HMACSHA1 }
                public class Rfc2898DeriveBytes { public Rfc2898DeriveBytes(string p, byte[] s, int iterations) { } public int IterationCount { get; set; } }
                public static class KeyDerivation { public static byte[] Pbkdf2(string p, byte[] s, KeyDerivationPrf prf, int iterationCount, int n) => new byte[n]; }
                class C
                {
                    object A(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, 1000) { IterationCount = 1 };
                    byte[] B(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA1, 1, 32);
                }
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
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2({|CS1503:p|}, s, {|CS1503:"many"|}, HashAlgorithmName.SHA256, 32);
                object B(string p) => new Rfc2898DeriveBytes({|CS1503:p|}, {|CS1503:p|}, {|CS1503:p|});
                void D(Rfc2898DeriveBytes kdf) => kdf.IterationCount = {|CS0029:"x"|};
                object E() => new {|CS0246:UnknownKdf|}(1000);
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_RaisesIterationsToTheMinimumForTheHash()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:10000|}, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, /* legacy */ {|SCR1007:100_000|}, HashAlgorithmName.SHA512, 64);
                Rfc2898DeriveBytes D(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, iterations: {|SCR1007:1000|}, hashAlgorithm: HashAlgorithmName.SHA384);
                void E(Rfc2898DeriveBytes kdf) => kdf.IterationCount = {|SCR1007:5000|};
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, /* legacy */ 210_000, HashAlgorithmName.SHA512, 64);
                Rfc2898DeriveBytes D(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, iterations: 600_000, hashAlgorithm: HashAlgorithmName.SHA384);
                void E(Rfc2898DeriveBytes kdf) => kdf.IterationCount = 600_000;
            }
            """);
    }

    [Fact]
    public async Task Fix_UsesTheConfiguredMinimum()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            class C
            {
                byte[] A(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA512, {|SCR1007:100_000|}, 64);
            }
            """ + KeyDerivationStub,
            """
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            class C
            {
                byte[] A(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA512, 250_000, 64);
            }
            """ + KeyDerivationStub,
            "dotnet_diagnostic.SCR1007.minimum_iterations_sha512 = 250000");
    }

    [Fact]
    public async Task Fix_LegacyConstructorsGetIterationsAndSha256()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                Rfc2898DeriveBytes A(string p, byte[] s) => {|SCR1008:new Rfc2898DeriveBytes(p, s)|};
                Rfc2898DeriveBytes B(string p) => {|SCR1008:new Rfc2898DeriveBytes(p, 16)|};
                Rfc2898DeriveBytes D(byte[] p, byte[] s, int n) => {|SCR1008:new Rfc2898DeriveBytes(p, s, n)|};
                Rfc2898DeriveBytes E(string p, byte[] s) => {|SCR1008:new Rfc2898DeriveBytes(p, s, 1_000_000)|};
                Rfc2898DeriveBytes F(string p, byte[] s) => {|SCR1008:new Rfc2898DeriveBytes(password: p, salt: s)|};
                Rfc2898DeriveBytes G(string p, byte[] s)
                {
                    Rfc2898DeriveBytes kdf = {|SCR1008:new(
                        p,
                        s)|};
                    return kdf;
                }
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                Rfc2898DeriveBytes A(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, 600_000, HashAlgorithmName.SHA256);
                Rfc2898DeriveBytes B(string p) => new Rfc2898DeriveBytes(p, 16, 600_000, HashAlgorithmName.SHA256);
                Rfc2898DeriveBytes D(byte[] p, byte[] s, int n) => new Rfc2898DeriveBytes(p, s, n, HashAlgorithmName.SHA256);
                Rfc2898DeriveBytes E(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, 1_000_000, HashAlgorithmName.SHA256);
                Rfc2898DeriveBytes F(string p, byte[] s) => new Rfc2898DeriveBytes(password: p, salt: s, iterations: 600_000, hashAlgorithm: HashAlgorithmName.SHA256);
                Rfc2898DeriveBytes G(string p, byte[] s)
                {
                    Rfc2898DeriveBytes kdf = new(
                        p,
                        s,
                        600_000,
                        HashAlgorithmName.SHA256);
                    return kdf;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_LegacyConstructorWithLowIterationsFixesBothRules()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                Rfc2898DeriveBytes A(string p, byte[] s) => {|SCR1008:new Rfc2898DeriveBytes(p, s, {|SCR1007:1000|})|};
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                Rfc2898DeriveBytes A(string p, byte[] s) => new Rfc2898DeriveBytes(p, s, 600_000, HashAlgorithmName.SHA256);
            }
            """);
    }

    [Fact]
    public async Task Fix_Sha1BecomesSha256()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => {|SCR1008:Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA1, 32)|};
                Rfc2898DeriveBytes B(string p, byte[] s, int n) => {|SCR1008:new Rfc2898DeriveBytes(p, s, n, new HashAlgorithmName("SHA1"))|};
                byte[] D(string p, byte[] s) => {|SCR1008:Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:10_000|}, HashAlgorithmName.SHA1, 32)|};
            }
            """,
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32);
                Rfc2898DeriveBytes B(string p, byte[] s, int n) => new Rfc2898DeriveBytes(p, s, n, HashAlgorithmName.SHA256);
                byte[] D(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 600_000, HashAlgorithmName.SHA256, 32);
            }
            """);
    }

    [Fact]
    public async Task Fix_KeyDerivationPrfHmacSha1BecomesHmacSha256()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            class C
            {
                byte[] A(string p, byte[] s) => {|SCR1008:KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA1, 600_000, 32)|};
            }
            """ + KeyDerivationStub,
            """
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            class C
            {
                byte[] A(string p, byte[] s) => KeyDerivation.Pbkdf2(p, s, KeyDerivationPrf.HMACSHA256, 600_000, 32);
            }
            """ + KeyDerivationStub);
    }

    [Fact]
    public async Task Fix_AddsUsingDirective()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            class C
            {
                System.Security.Cryptography.Rfc2898DeriveBytes A(string p, byte[] s) => {|SCR1008:new System.Security.Cryptography.Rfc2898DeriveBytes(p, s)|};
            }
            """,
            """
            using System.Security.Cryptography;

            class C
            {
                System.Security.Cryptography.Rfc2898DeriveBytes A(string p, byte[] s) => new System.Security.Cryptography.Rfc2898DeriveBytes(p, s, 600_000, HashAlgorithmName.SHA256);
            }
            """);
    }

    // The shape of the WellKnownFixAllProviders.BatchFixer bug (every fix adds the same using directive next to
    // existing ones; BatchFixer merged the text changes, dropped some as conflicts and left diagnostics behind). This
    // rule's fixes happened to merge cleanly; the test keeps it that way with the one-pass Fix All.
    [Fact]
    public async Task Fix_FixAll_AddsTheUsingOnce_WhenTheFileHasOtherUsings()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Text;

            class C
            {
                byte[] A(string p, byte[] s) => {|SCR1008:new System.Security.Cryptography.Rfc2898DeriveBytes(p, s)|}.GetBytes(32);
                byte[] B(string p, byte[] s) => {|SCR1008:System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(p), s, 600_000, System.Security.Cryptography.HashAlgorithmName.SHA1, 32)|};
                IDisposable D(string p) => {|SCR1008:new System.Security.Cryptography.Rfc2898DeriveBytes(p, 16)|};
            }
            """,
            """
            using System;
            using System.Security.Cryptography;
            using System.Text;

            class C
            {
                byte[] A(string p, byte[] s) => new System.Security.Cryptography.Rfc2898DeriveBytes(p, s, 600_000, HashAlgorithmName.SHA256).GetBytes(32);
                byte[] B(string p, byte[] s) => System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(p), s, 600_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
                IDisposable D(string p) => new System.Security.Cryptography.Rfc2898DeriveBytes(p, 16, 600_000, HashAlgorithmName.SHA256);
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedForNamedConstants()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Security.Cryptography;
            class C
            {
                const int Iterations = 10_000;
                byte[] A(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:Iterations|}, HashAlgorithmName.SHA256, 32);
                byte[] B(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, {|SCR1007:Iterations * 2|}, HashAlgorithmName.SHA256, 32);
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedForPasswordDeriveBytes()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Security.Cryptography;
            class C
            {
                byte[] A(string p, byte[] s) => {|SCR1008:new PasswordDeriveBytes(p, s)|}.GetBytes(32);
            }
            """);
    }

    [Fact]
    public async Task Fix_BaseConstructorCallOfDerivedClass()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography;
            class LegacyKdf : Rfc2898DeriveBytes
            {
                public LegacyKdf(string p, byte[] s) {|SCR1008:: base(p, s)|} { }
            }
            """,
            """
            using System.Security.Cryptography;
            class LegacyKdf : Rfc2898DeriveBytes
            {
                public LegacyKdf(string p, byte[] s) : base(p, s, 600_000, HashAlgorithmName.SHA256) { }
            }
            """);
    }
}
