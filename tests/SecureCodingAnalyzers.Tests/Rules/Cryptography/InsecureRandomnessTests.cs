using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Rules.Cryptography;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Cryptography.InsecureRandomnessAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.InsecureRandomnessCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Cryptography;

/// <summary>
/// Markup: {|#0:...|} is the Random call (the diagnostic), {|#1:...|} the sink it flows into (additional location).
/// </summary>
public class InsecureRandomnessTests
{
    private static DiagnosticResult Flow(string description, int source = 0, int sink = 1)
        => VerifyCS.Diagnostic().WithLocation(source).WithLocation(sink).WithArguments(description);

    // ---- Detect ----

    [Fact]
    public async Task Detect_NextBytesIntoSymmetricKeyAndIv()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Security.Cryptography;
            class C
            {
                private readonly Random _random = new Random();

                Aes Create()
                {
                    var aes = Aes.Create();
                    var buffer = new byte[32];
                    {|#0:_random.NextBytes(buffer)|};
                    {|#1:aes.Key|} = buffer;
                    var block = new byte[16];
                    {|#2:_random.NextBytes(block)|};
                    {|#3:aes.IV|} = block;
                    return aes;
                }
            }
            """,
            Flow("the Key property of Aes"),
            Flow("the IV property of Aes", 2, 3));
    }

    [Fact]
    public async Task Detect_CryptoApiArguments()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Security.Cryptography;
            class C
            {
                byte[] Seal(AesGcm gcm, byte[] plaintext, byte[] tag)
                {
                    var bytes = new byte[12];
                    {|#0:Random.Shared.NextBytes(bytes)|};
                    var ciphertext = new byte[plaintext.Length];
                    gcm.Encrypt({|#1:bytes|}, plaintext, ciphertext, tag);
                    return ciphertext;
                }

                byte[] Derive(string pass)
                {
                    var rnd = new Random();
                    byte[] bytes = new byte[16];
                    {|#2:rnd.NextBytes(bytes)|};
                    return Rfc2898DeriveBytes.Pbkdf2(pass, {|#3:bytes|}, 600000, HashAlgorithmName.SHA256, 32);
                }

                HMAC Mac(Random rnd)
                {
                    var material = new byte[64];
                    {|#4:rnd.NextBytes(material.AsSpan())|};
                    return new HMACSHA256({|#5:material|});
                }

                ICryptoTransform Encryptor(Aes aes, Random rnd, byte[] k)
                {
                    var b = new byte[16];
                    {|#6:rnd.NextBytes(b)|};
                    return aes.CreateEncryptor(k, {|#7:b|});
                }
            }
            """,
            Flow("the 'nonce' argument of AesGcm.Encrypt"),
            Flow("the 'salt' argument of Rfc2898DeriveBytes.Pbkdf2", 2, 3),
            Flow("the 'key' argument of the HMACSHA256 constructor", 4, 5),
            Flow("the 'rgbIV' argument of Aes.CreateEncryptor", 6, 7));
    }

    [Fact]
    public async Task Detect_BufferNamedAsSecret()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class C
            {
                private readonly byte[] _hmacKey = new byte[32];

                void Init(Random rnd)
                {
                    var salt = new byte[16];
                    {|#0:rnd.NextBytes({|#1:salt|})|};
                    {|#2:rnd.NextBytes({|#3:_hmacKey|})|};
                    Span<byte> key = stackalloc byte[32];
                    {|#4:rnd.NextBytes({|#5:key|})|};
                }
            }
            """,
            Flow("the local 'salt'"),
            Flow("the field '_hmacKey'", 2, 3),
            Flow("the local 'key'", 4, 5));
    }

    [Fact]
    public async Task Detect_ClassicRandomStringOneLiner()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Linq;
            class TokenService
            {
                private static readonly Random random = new Random();

                public static string GenerateToken(int length)
                {
                    const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                    return {|#1:new string(Enumerable.Repeat(chars, length).Select(s => s[{|#0:random.Next(s.Length)|}]).ToArray())|};
                }
            }
            """,
            Flow("the return value of 'GenerateToken'"));
    }

    [Fact]
    public async Task Detect_PasswordBuiltInLoopWithStringBuilder()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text;
            class PasswordGenerator
            {
                private readonly Random _rng = new();

                public string Generate(int passwordLength)
                {
                    const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
                    var sb = new StringBuilder();
                    for (var i = 0; i < passwordLength; i++)
                    {
                        char c = alphabet[{|#0:_rng.Next(alphabet.Length)|}];
                        sb.Append(c);
                    }

                    var {|#1:password|} = sb.ToString();
                    return password;
                }
            }
            """,
            Flow("the local 'password'", 0, 1));
    }

    [Fact]
    public async Task Detect_CharArrayLoopReturnedFromPasswordMethod()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class C
            {
                static string CreateTemporaryPassword(Random random)
                {
                    const string pool = "abcdefghijklmnopqrstuvwxyz0123456789!?";
                    var chars = new char[12];
                    for (int i = 0; i < chars.Length; i++)
                    {
                        chars[i] = pool[{|#0:random.Next(pool.Length)|}];
                    }

                    return {|#1:new string(chars)|};
                }
            }
            """,
            Flow("the return value of 'CreateTemporaryPassword'"));
    }

    [Fact]
    public async Task Detect_OneTimeCodesAndSessionIds()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class Session { public string SessionId { get; set; } = ""; }
            class C
            {
                private readonly Random _random = new Random();

                void Send()
                {
                    int {|#1:otp|} = {|#0:_random.Next(100000, 1000000)|};
                    var {|#3:verificationCode|} = {|#2:_random.Next(0, 999999)|}.ToString("D6");
                    var session = new Session { {|#5:SessionId|} = $"{DateTime.UtcNow.Ticks:x}-{{|#4:_random.Next()|}:x8}" };
                    Console.WriteLine(otp + verificationCode + session.SessionId);
                }
            }
            """,
            Flow("the local 'otp'"),
            Flow("the local 'verificationCode'", 2, 3),
            Flow("the property 'SessionId'", 4, 5));
    }

    [Fact]
    public async Task Detect_EncodedBytesAsApiKeyAndResetToken()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class User { public string PasswordResetToken { get; set; } = ""; }
            class C
            {
                void Issue(User user, Random rnd)
                {
                    var bytes = new byte[32];
                    {|#0:rnd.NextBytes(bytes)|};
                    string {|#1:apiKey|} = Convert.ToBase64String(bytes);
                    var buffer = new byte[16];
                    {|#2:rnd.NextBytes(buffer)|};
                    var hex = Convert.ToHexString(buffer).ToLowerInvariant();
                    {|#3:user.PasswordResetToken|} = hex;
                    Console.WriteLine(apiKey);
                }
            }
            """,
            Flow("the local 'apiKey'"),
            Flow("the property 'PasswordResetToken'", 2, 3));
    }

    [Fact]
    public async Task Detect_ArgumentsOutParametersAndInitializers()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class Mailer { public void SendConfirmation(string email, string confirmationToken) { } }
            class C
            {
                private static readonly Random Rng = new Random(Environment.TickCount);
                private static readonly string {|#5:CsrfSecret|} = {|#4:Rng.Next()|}.ToString("x");
                public long {|#7:Nonce|} { get; } = {|#6:Random.Shared.NextInt64()|};

                void Register(Mailer mailer, string email)
                {
                    mailer.SendConfirmation(email, {|#1:"c" + {|#0:Rng.Next()|}|});
                }

                bool TryCreate(out string token)
                {
                    {|#3:token|} = {|#2:Rng.Next(1_000_000)|}.ToString();
                    return true;
                }
            }
            """,
            Flow("the 'confirmationToken' argument of Mailer.SendConfirmation"),
            Flow("the parameter 'token'", 2, 3),
            Flow("the field 'CsrfSecret'", 4, 5),
            Flow("the property 'Nonce'", 6, 7));
    }

    [Fact]
    public async Task Detect_ReturnedFromPropertyAndLocalFunction()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            class C
            {
                private readonly Random _r = new Random();
                public string CsrfToken => {|#1:{|#0:_r.Next()|}.ToString("x8")|};

                async Task<string> CreateSessionIdAsync()
                {
                    await Task.Yield();
                    return {|#3:Guid.NewGuid().ToString("N") + {|#2:_r.Next()|}|};
                }

                int M()
                {
                    return NewPin().Length;
                    string NewPin() => _r.Next(10000).ToString();
                }

                string N()
                {
                    return GenerateSecret();
                    string GenerateSecret() => {|#7:{|#6:_r.NextDouble()|}.ToString()|};
                }
            }
            """,
            Flow("the property 'CsrfToken'"),
            Flow("the return value of 'CreateSessionIdAsync'", 2, 3),
            Flow("the return value of 'GenerateSecret'", 6, 7));
    }

    [Fact]
    public async Task Detect_GetItemsSubclassAndSeededRandom()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class FastRandom : Random
            {
                public FastRandom(int seed) : base(seed) { }
                public override int Next(int maxValue) => base.Next(maxValue);
            }

            class C
            {
                static readonly char[] Alphabet = "abcdefghijklmnopqrstuvwxyz".ToCharArray();

                string A() { string {|#1:passphrase|} = new string({|#0:Random.Shared.GetItems(Alphabet, 20)|}); return passphrase; }
                string B(FastRandom fast) { var {|#3:nonce|} = {|#2:fast.Next(int.MaxValue)|}; return nonce.ToString(); }
                string C1() { var {|#5:secret|} = {|#4:new Random(42).Next()|}; return secret.ToString(); }
            }
            """,
            Flow("the local 'passphrase'"),
            Flow("the local 'nonce'", 2, 3),
            Flow("the local 'secret'", 4, 5));
    }

    [Fact]
    public async Task Detect_TwoHopsThroughLocals()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text;
            class C
            {
                string Build(Random rnd)
                {
                    var n = {|#0:rnd.Next()|};
                    var part = n.ToString("x8");
                    var sb = new StringBuilder("sess-");
                    sb.Append($"{part}");
                    var {|#1:sessionToken|} = sb.ToString();
                    return sessionToken;
                }
            }
            """,
            Flow("the local 'sessionToken'"));
    }

    [Fact]
    public async Task Detect_ThroughDelegatesHashesAndInterpolatedBuilders()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Security.Cryptography;
            using System.Text;
            class C
            {
                string Issue(Random rnd)
                {
                    Func<string> factory = () => {|#0:rnd.Next()|}.ToString("x8");
                    var {|#1:refreshToken|} = factory();
                    return refreshToken;
                }

                string CreateApiKey(Random rnd) => {|#3:Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes({|#2:rnd.Next()|})))|};

                string Link(Random rnd, string user)
                {
                    var sb = new StringBuilder("https://example.com/reset?u=").Append(user);
                    sb.Append($"&t={{|#4:rnd.Next()|}:x}");
                    string {|#5:resetLink_token|} = sb.ToString();
                    return resetLink_token;
                }
            }
            """,
            Flow("the local 'refreshToken'"),
            Flow("the return value of 'CreateApiKey'", 2, 3),
            Flow("the local 'resetLink_token'", 4, 5));
    }

    [Fact]
    public async Task Detect_SecretWordFollowedByItsFormOrAPrepositionalPhrase()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class C
            {
                private readonly Random _rnd = new Random();

                string Sign(string body)
                {
                    string {|#1:nonceStr|} = {|#0:_rnd.Next()|}.ToString("x8");
                    return body + nonceStr;
                }

                string GeneratePasswordForUser(string user) => {|#3:user + {|#2:_rnd.Next(100000)|}|};

                string[] Batch()
                {
                    var tokens = new string[4];
                    {|#5:tokens[0]|} = {|#4:_rnd.Next()|}.ToString();
                    return tokens;
                }
            }
            """,
            Flow("the local 'nonceStr'"),
            Flow("the return value of 'GeneratePasswordForUser'", 2, 3),
            Flow("the local 'tokens'", 4, 5));
    }

    [Fact]
    public async Task Detect_MethodNamedOnlyByAVerbIsNamedByItsClass()
    {
        // PasswordGenerator.Generate(), OtpService.Create(): the class says what the verb makes.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text;
            class PasswordGenerator
            {
                private const string Chars = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
                private readonly Random _rng = new Random();

                public string Generate(int length)
                {
                    var sb = new StringBuilder();
                    for (var i = 0; i < length; i++)
                    {
                        sb.Append(Chars[{|#0:_rng.Next(Chars.Length)|}]);
                    }

                    return {|#1:sb.ToString()|};
                }
            }

            class OtpService
            {
                public int Create() => {|#2:Random.Shared.Next(100000, 1000000)|};
            }
            """,
            Flow("the return value of 'PasswordGenerator.Generate'"),
            Flow("the return value of 'OtpService.Create'", 2, 2));
    }

    [Fact]
    public async Task Detect_MessageForDirectCryptoArgument()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Security.Cryptography;
            class C
            {
                byte[] Derive(string password, int iterations) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, {|#1:BitConverter.GetBytes({|#0:Random.Shared.NextInt64()|})|}, iterations, HashAlgorithmName.SHA256, 32);
            }
            """,
            Flow("the 'salt' argument of Rfc2898DeriveBytes.Pbkdf2"));
    }

    [Theory]
    [InlineData("token", "Secret")]
    [InlineData("GenerateToken", "Secret")]
    [InlineData("GenerateTokenAsync", "Secret")]
    [InlineData("_refreshToken", "Secret")]
    [InlineData("PASSWORD", "Secret")]
    [InlineData("tempPwd", "Secret")]
    [InlineData("m_passphrase", "Secret")]
    [InlineData("clientSecret", "Secret")]
    [InlineData("saltBytes", "Secret")]
    [InlineData("nonce", "Secret")]
    [InlineData("OTPCode", "Secret")]
    [InlineData("totp", "Secret")]
    [InlineData("aesIV", "Secret")]
    [InlineData("iv", "Secret")]
    [InlineData("csrf_value", "Secret")]
    [InlineData("XsrfToken", "Secret")]
    [InlineData("APIKey", "Secret")]
    [InlineData("apikey", "Secret")]
    [InlineData("api_key", "Secret")]
    [InlineData("signingKey", "Secret")]
    [InlineData("getHMACKey", "Secret")]
    [InlineData("encryptionKeys", "Secret")]
    [InlineData("sessionID", "Secret")]
    [InlineData("SessionId", "Secret")]
    [InlineData("sessionid", "Secret")]
    [InlineData("passwordResetCode", "Secret")]
    [InlineData("smsCode", "Secret")]
    [InlineData("key", "BareKey")]
    [InlineData("GenerateKey", "BareKey")]
    [InlineData("keyBytes", "BareKey")]
    [InlineData("newKeyMaterial", "BareKey")]
    [InlineData("nonceStr", "Secret")]
    [InlineData("tokenString", "Secret")]
    [InlineData("passwordChars", "Secret")]
    [InlineData("otpDigits", "Secret")]
    [InlineData("tokenBuilder", "Secret")]
    [InlineData("saltBase64", "Secret")]
    [InlineData("GeneratePasswordForUser", "Secret")]
    [InlineData("CreateTokenWithExpiryAsync", "Secret")]
    [InlineData("tokens", "Secret")]
    public void Detect_SecurityNames(string name, string expectedKind)
        => Assert.Equal(expectedKind, SecuritySensitiveNames.Classify(name).ToString());

    // ---- Safe ----

    [Theory]
    [InlineData("cacheKey")]
    [InlineData("partitionKey")]
    [InlineData("sortKey")]
    [InlineData("dictionaryKey")]
    [InlineData("primaryKey")]
    [InlineData("publicKey")]
    [InlineData("keyIndex")]
    [InlineData("keyboard")]
    [InlineData("monkey")]
    [InlineData("keyId")]
    [InlineData("passwordLength")]
    [InlineData("GetPasswordLengthAsync")]
    [InlineData("tokenCount")]
    [InlineData("SaltSize")]
    [InlineData("ivLength")]
    [InlineData("maxTokens")]
    [InlineData("numTokens")]
    [InlineData("tokensPerMinute")]
    [InlineData("tokenRefreshDelay")]
    [InlineData("sessionTimeout")]
    [InlineData("secretName")]
    [InlineData("tokenId")]
    [InlineData("cancellationToken")]
    [InlineData("tokenizer")]
    [InlineData("secretary")]
    [InlineData("division")]
    [InlineData("errorCode")]
    [InlineData("GetRandomDelay")]
    [InlineData("seed")]
    [InlineData("nonceCounter")]
    [InlineData("secretNumber")]
    [InlineData("secretDoor")]
    [InlineData("tokenEndpoint")]
    [InlineData("tokenBucket")]
    [InlineData("tokenExpiresAt")]
    [InlineData("tokenRefreshTime")]
    [InlineData("passwordHash")]
    [InlineData("lengthOfPassword")]
    [InlineData("")]
    [InlineData("_")]
    public void Safe_NonSecurityNames(string name)
        => Assert.Equal(SecuritySensitiveNames.NameKind.None, SecuritySensitiveNames.Classify(name));

    [Theory]
    [InlineData("tokens")]
    [InlineData("promptTokens")]
    [InlineData("availableTokens")]
    [InlineData("apiKeys")]
    [InlineData("passwords")]
    public void Safe_PluralSecretNameOfASingleNumberIsACount(string name)
    {
        Assert.Equal(SecuritySensitiveNames.NameKind.None, SecuritySensitiveNames.Classify(name, holdsOneNumber: true));
        Assert.Equal(SecuritySensitiveNames.NameKind.Secret, SecuritySensitiveNames.Classify(name, holdsOneNumber: false));
    }

    [Theory]
    [InlineData("key", true)]
    [InlineData("rgbKey", true)]
    [InlineData("rgbIV", true)]
    [InlineData("IV", true)]
    [InlineData("nonce", true)]
    [InlineData("salt", true)]
    [InlineData("password", true)]
    [InlineData("inputKeyMaterial", true)]
    [InlineData("ikm", true)]
    [InlineData("KeySize", false)]
    [InlineData("keyName", false)]
    [InlineData("plaintext", false)]
    [InlineData("associatedData", false)]
    [InlineData("tag", false)]
    [InlineData("source", false)]
    public void Safe_OnlySecretInputsOfCryptoApisAreSinks(string name, bool expected)
        => Assert.Equal(expected, SecuritySensitiveNames.IsCryptoInput(name));

    [Fact]
    public async Task Safe_JitterAndBackoff()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            class RetryPolicy
            {
                private readonly Random _jitterer = new Random();

                async Task RetryAsync(Func<Task> action, CancellationToken token)
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await action(); return; }
                        catch (TimeoutException)
                        {
                            var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(_jitterer.Next(0, 100));
                            await Task.Delay(delay, token);
                        }
                    }
                }

                TimeSpan GetRandomDelay() => TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250));
                int tokenRefreshDelayMs = Random.Shared.Next(1000, 5000);
                void Wait() => Thread.Sleep(_jitterer.Next(10, 50));
                Task DelayAsync(CancellationToken cancellationToken) => Task.Delay(_jitterer.Next(100), cancellationToken);
            }
            """);
    }

    [Fact]
    public async Task Safe_ShufflingAndSampling()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            class C
            {
                private readonly Random _rnd = new Random();

                void Shuffle(int[] deck) => Random.Shared.Shuffle(deck);
                List<string> Shuffled(IEnumerable<string> items) => items.OrderBy(_ => _rnd.Next()).ToList();

                void FisherYates<T>(IList<T> list)
                {
                    for (var i = list.Count - 1; i > 0; i--)
                    {
                        var j = _rnd.Next(i + 1);
                        (list[i], list[j]) = (list[j], list[i]);
                    }
                }

                T Sample<T>(IReadOnlyList<T> items) => items[_rnd.Next(items.Count)];
                bool ShouldTrace() => _rnd.NextDouble() < 0.01;
                IEnumerable<string> Subset(string[] tokens) => tokens.Where(_ => _rnd.Next(2) == 0);
            }
            """);
    }

    [Fact]
    public async Task Safe_SimulationsGamesAndTestData()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Drawing;
            class Customer { public string Name { get; set; } = ""; public int Age { get; set; } public string Email { get; set; } = ""; }
            class C
            {
                private readonly Random _random = new Random(12345);

                double EstimatePi(int samples)
                {
                    var inside = 0;
                    for (var i = 0; i < samples; i++)
                    {
                        double x = _random.NextDouble(), y = _random.NextDouble();
                        if (x * x + y * y <= 1) inside++;
                    }

                    return 4.0 * inside / samples;
                }

                int RollDice() => _random.Next(1, 7);

                Customer FakeCustomer(string[] names) => new Customer
                {
                    Name = names[_random.Next(names.Length)],
                    Age = _random.Next(18, 90),
                    Email = $"user{_random.Next(1000)}@example.com",
                };

                Color RandomColor() => Color.FromArgb(_random.Next(256), _random.Next(256), _random.Next(256));
                string PickServer(string[] servers) => servers[_random.Next(servers.Length)];
                int PickPort() => _random.Next(49152, 65535);
                float Noise() => _random.NextSingle() * 2 - 1;
                List<int> TestData() { var list = new List<int>(); for (var i = 0; i < 10; i++) list.Add(_random.Next()); return list; }
            }
            """);
    }

    [Fact]
    public async Task Safe_KeyNamesThatAreNotSecrets()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            class C
            {
                private readonly Random _rnd = new Random();
                private readonly Dictionary<int, string> _map = new();

                void M(string[] keys, Dictionary<string, int> cache)
                {
                    int keyIndex = _rnd.Next(keys.Length);
                    var cacheKey = "item" + _rnd.Next();
                    var partitionKey = $"p{_rnd.Next(16)}";
                    int key = _rnd.Next();
                    _map[key] = "x";
                    _map.Add(_rnd.Next(), "y");
                    cache[cacheKey] = keyIndex;
                    string sortKey = _rnd.Next(100).ToString("D3");
                    var keyboardLayout = _rnd.Next(3);
                    var monkey = _rnd.Next();
                    var primaryKey = _rnd.NextInt64();
                    Console.WriteLine(partitionKey + sortKey + keyboardLayout + monkey + primaryKey);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_LengthsCountsAndOtherPropertiesOfSecrets()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            class C
            {
                private readonly Random _rnd = new Random();

                void M()
                {
                    int passwordLength = _rnd.Next(12, 16);
                    int tokenCount = _rnd.Next(1, 5);
                    var saltSize = _rnd.Next(16, 32);
                    var maxTokens = _rnd.Next(100, 500);
                    var tokenLifetime = TimeSpan.FromMinutes(_rnd.Next(5, 15));
                    int sessionTimeout = _rnd.Next(600, 900);
                    var secretName = "db-" + _rnd.Next(3);
                    var tokensPerSecond = _rnd.Next(10);
                    Console.WriteLine(passwordLength + tokenCount + saltSize + maxTokens + sessionTimeout + secretName + tokensPerSecond + tokenLifetime);
                }

                int GetPasswordLength() => _rnd.Next(12, 20);
            }
            """);
    }

    [Fact]
    public async Task Safe_SecretWordFollowedByTheThingItDescribes()
    {
        // Regression: any secret word anywhere in a name used to count (secretNumber in guess-the-number games,
        // a nonce counter, an OAuth token endpoint with a random test port, token-bucket rate limiters).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            class C
            {
                private readonly Random _rnd = new Random();

                void M(int capacity)
                {
                    int secretNumber = _rnd.Next(1, 101);
                    int secretDoor = _rnd.Next(3);
                    int nonceCounter = _rnd.Next();
                    var port = _rnd.Next(5000, 6000);
                    var tokenEndpoint = $"http://localhost:{port}/connect/token";
                    var tokenBucket = _rnd.Next(capacity);
                    long tokenExpiresAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + _rnd.Next(60);
                    int tokenRefreshTime = 3000 + _rnd.Next(500);
                    var passwordHash = Convert.ToBase64String(BitConverter.GetBytes(_rnd.NextInt64()));
                    Console.WriteLine($"{secretNumber}{secretDoor}{nonceCounter}{tokenEndpoint}{tokenBucket}{tokenExpiresAt}{tokenRefreshTime}{passwordHash}");
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_PluralSecretWordOnASingleNumberIsACount()
    {
        // Regression: LLM token usage and rate-limiter tokens are counts, not secrets.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            class Usage { public int PromptTokens { get; set; } public int CompletionTokens { get; set; } }
            class Bucket { public bool TryConsume(int tokens) => true; }
            class C
            {
                private readonly Random _rnd = new Random();

                Usage FakeUsage() => new Usage { PromptTokens = _rnd.Next(10, 100), CompletionTokens = _rnd.Next(10, 200) };

                void M(Bucket bucket)
                {
                    int availableTokens = _rnd.Next(0, 10);
                    long tokens = _rnd.NextInt64(1, 20);
                    bucket.TryConsume(_rnd.Next(1, 5));
                    Console.WriteLine(availableTokens + tokens);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_VerbMethodsOfClassesThatDoNotMakeSecrets()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            class DiceRoller { private readonly Random _r = new Random(); public int Next() => _r.Next(1, 7); }
            class RandomNameGenerator { private readonly Random _r = new Random(); public string Generate(string[] n) => n[0] + _r.Next(100); }
            class BackoffService { public int Get() => Random.Shared.Next(100, 1000); }
            class TokenBucketFactory { public int Create() => Random.Shared.Next(10); }
            """);
    }

    [Fact]
    public async Task Safe_TokenNamesOfNonSecretTypes()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            enum TokenKind { Identifier, Number, Operator }
            record Token(TokenKind Kind, string Text);
            class LexerFuzzer
            {
                private readonly Random _rnd = new Random(7);

                TokenKind RandomTokenKind() => (TokenKind)_rnd.Next(3);
                Token NextToken() => new Token((TokenKind)_rnd.Next(3), "x");
                bool IsTokenValid() => _rnd.Next(2) == 0;
                string Token(string[] words) => words[_rnd.Next(words.Length)];
            }
            """);
    }

    [Fact]
    public async Task Safe_CryptoApisWithoutRandomInput()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                private readonly Random _rnd = new Random();

                byte[] Encrypt(byte[] plaintext)
                {
                    using var aes = Aes.Create();
                    aes.Key = RandomNumberGenerator.GetBytes(32);
                    aes.IV = RandomNumberGenerator.GetBytes(16);
                    var delay = _rnd.Next(100);
                    var padding = new byte[_rnd.Next(16)];
                    _rnd.NextBytes(padding);
                    var data = new byte[plaintext.Length + padding.Length];
                    return aes.EncryptCbc(data, aes.IV);
                }

                string Token() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                int Otp() => RandomNumberGenerator.GetInt32(1_000_000);
                byte[] Noise() { var noise = new byte[64]; _rnd.NextBytes(noise); return SHA256.HashData(noise); }
            }
            """);
    }

    [Fact]
    public async Task Safe_BufferReusedBeforeTheRandomCall()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Security.Cryptography;
            class C
            {
                void M(Aes aes, Random rnd)
                {
                    var buffer = RandomNumberGenerator.GetBytes(32);
                    aes.Key = buffer;
                    rnd.NextBytes(buffer);
                    Console.WriteLine(buffer.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_IdentifiersExperimentsAndFileNames()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            class C
            {
                private readonly Random _rnd = new Random();

                void M(string dir)
                {
                    bool inExperiment = _rnd.NextDouble() < 0.1;
                    var correlationId = $"{Environment.MachineName}-{_rnd.Next():x8}";
                    var requestId = _rnd.NextInt64();
                    var tempFile = Path.Combine(dir, "upload-" + _rnd.Next() + ".tmp");
                    var captchaText = _rnd.Next(1000, 9999).ToString();
                    string color = $"#{_rnd.Next(0x1000000):X6}";
                    var tokenId = _rnd.Next();
                    string paddingToken = new string(' ', _rnd.Next(4));
                    var maskedPassword = "".PadLeft(_rnd.Next(8, 12), '*');
                    Console.WriteLine($"{inExperiment}{correlationId}{requestId}{tempFile}{captchaText}{color}{tokenId}{paddingToken}{maskedPassword}");
                }

                string RandomName(string[] adjectives, string[] nouns)
                    => adjectives[_rnd.Next(adjectives.Length)] + "-" + nouns[_rnd.Next(nouns.Length)];
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCodeDoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            class C
            {
                string Token(Random rnd) => rnd.Next({|CS1503:"x"|}).ToString();
                string Password(Random rnd) => {|CS0103:Missing|}(rnd.Next());
                void M(Random rnd) { rnd.NextBytes({|CS0103:nothing|}); rnd.{|CS1061:NextToken|}(); }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_NextOverloadsNextBytesAndGetItemsFixAll()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            class C
            {
                private readonly Random _random = new Random();
                private static readonly char[] Alphabet = "abcdef0123456789".ToCharArray();

                int Otp() => [|_random.Next(100000, 1000000)|];
                string OtpText() => [|_random.Next(10000)|].ToString("D4");
                int SessionId() => [|Random.Shared.Next()|];
                byte[] NewKey() { var key = new byte[32]; [|_random.NextBytes(key)|]; return key; }
                string Token() => new string([|_random.GetItems(Alphabet, 24)|]);
                string Password(Random rnd) { var password = Alphabet[[|rnd.Next(maxValue: Alphabet.Length)|]].ToString(); return password; }
            }
            """,
            """
            using System;
            using System.Security.Cryptography;
            class C
            {
                private readonly Random _random = new Random();
                private static readonly char[] Alphabet = "abcdef0123456789".ToCharArray();

                int Otp() => RandomNumberGenerator.GetInt32(100000, 1000000);
                string OtpText() => RandomNumberGenerator.GetInt32(10000).ToString("D4");
                int SessionId() => RandomNumberGenerator.GetInt32(int.MaxValue);
                byte[] NewKey() { var key = new byte[32]; RandomNumberGenerator.Fill(key); return key; }
                string Token() => new string(RandomNumberGenerator.GetItems<char>(Alphabet, 24));
                string Password(Random rnd) { var password = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)].ToString(); return password; }
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
                void M(System.Security.Cryptography.Aes aes)
                {
                    var buffer = new byte[16];
                    [|System.Random.Shared.NextBytes(buffer)|];
                    aes.IV = buffer;
                }
            }
            """,
            """
            using System.Security.Cryptography;

            class C
            {
                void M(System.Security.Cryptography.Aes aes)
                {
                    var buffer = new byte[16];
                    RandomNumberGenerator.Fill(buffer);
                    aes.IV = buffer;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NamedArgumentsInAnyOrder()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Security.Cryptography;
            class C
            {
                int Otp(Random rnd) => [|rnd.Next(maxValue: 1000000, minValue: 100000)|];
            }
            """,
            """
            using System;
            using System.Security.Cryptography;
            class C
            {
                int Otp(Random rnd) => RandomNumberGenerator.GetInt32(100000, 1000000);
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedWithoutEquivalentOrWithSideEffectingReceiver()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System;
            class C
            {
                private Random CreateRandom() => new Random();

                string Secret(Random rnd) => [|rnd.NextDouble()|].ToString();
                long ApiKey(Random rnd) => [|rnd.NextInt64()|];
                int Nonce() => [|CreateRandom().Next()|];
                int Otp() => [|new Random().Next(1000000)|];
                int Token(Random? rnd) => rnd?[|.Next()|] ?? 0;
            }
            """);
    }
}
