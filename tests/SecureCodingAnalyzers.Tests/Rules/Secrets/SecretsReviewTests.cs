using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Settings = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Secrets.SettingsFileSecretAnalyzer>;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Secrets.HardcodedCredentialAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using VerifyTokens = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Secrets.EmbeddedSecretTokenAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Secrets;

/// <summary>
/// The precision review of SCR6001-SCR6006: code and settings as they are written in supplier projects (ASP.NET Core
/// start-up, EF Core contexts, HTTP clients, sample appsettings files), against the real packages. The expected result
/// of each case was decided before the rules were run on it; the regressions the review found name what they pin.
/// </summary>
public class SecretsReviewTests
{
    private static BuildFileInput AppSettings(string text, string path = "/repo/App/appsettings.json") => new(path, BuildFileKind.AppSettings, text);

    // ---- Detect: code ----

    [Fact]
    public async Task Detect_ProgramCs_AddJwtBearerWithLiteralSigningKey()
    {
        await VerifyCS.VerifyProgramAsync(
            """
            using System.Text;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options =>
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidateIssuerSigningKey = true,
                        IssuerSigningKey = new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes("kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%")|}),
                        ValidIssuer = "https://login.contoso.com",
                    };
                });
            builder.Build().Run();
            """,
            SecretsReferences.All,
            VerifyCS.Diagnostic("SCR6003").WithLocation(0).WithArguments("SymmetricSecurityKey", "the bytes of a string literal"));
    }

    [Fact]
    public async Task Detect_SigningKeyWithLiteralFallbackWhenConfigurationIsMissing()
    {
        // Regression (review): `configuration["Jwt:Key"] ?? "literal"` ships the literal as the key of every
        // installation whose configuration lacks it; the fallback was not followed.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text;
            using Microsoft.Extensions.Configuration;
            using Microsoft.IdentityModel.Tokens;
            class TokenService
            {
                private readonly IConfiguration _configuration;
                TokenService(IConfiguration configuration) => _configuration = configuration;
                SecurityKey Key() => new SymmetricSecurityKey({|SCR6003:Encoding.UTF8.GetBytes(_configuration["Jwt:Key"] ?? "kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%")|});
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_ScaffoldedDbContextOnConfiguringWithSaPassword()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.EntityFrameworkCore;
            public partial class OrdersContext : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
                    => optionsBuilder.UseSqlServer({|SCR6001:"Server=.;Database=Orders;User Id=sa;Password=Pass@word1;TrustServerCertificate=True"|});
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_EfCoreProvidersOnRealSignatures()
    {
        // Regression (review): AddSqlServer<TContext>(this IServiceCollection, string connectionString) and
        // library methods with a connectionString parameter outside EF Core's DbContextOptionsBuilder were missed.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;
            class AppDbContext : DbContext { }
            static class Registration
            {
                static void Add(IServiceCollection services, DbContextOptionsBuilder<AppDbContext> options)
                {
                    options.UseNpgsql({|SCR6001:"Host=pg;Username=app;Password=Tr0ub4dor&3"|});
                    services.AddDbContext<AppDbContext>(o => o.UseSqlServer({|SCR6001:"Server=db;User Id=app;Password=Tr0ub4dor&3"|}, sql => sql.EnableRetryOnFailure()));
                    services.AddSqlServer<AppDbContext>({|SCR6001:"Server=db;User Id=app;Password=Tr0ub4dor&3"|});
                    services.AddNpgsql<AppDbContext>({|SCR6001:"Host=pg;Username=app;Password=Tr0ub4dor&3"|});
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_ConnectionStringFallbackWithPassword()
    {
        // Regression (review): the fallback of `GetConnectionString(...) ?? "..."` was not followed.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.Data.SqlClient;
            using Microsoft.Extensions.Configuration;
            class Repository
            {
                SqlConnection Open(IConfiguration configuration)
                    => new SqlConnection(configuration.GetConnectionString("Default") ?? {|SCR6001:"Server=db;User Id=sa;Password=Pass@word1"|});
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_LiteralPasswordOnBuilderOverConfiguredConnectionString()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.Extensions.Configuration;
            using Npgsql;
            class Db
            {
                NpgsqlConnection Open(IConfiguration configuration)
                {
                    var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Orders")) { Password = {|SCR6001:"Tr0ub4dor&3"|} };
                    return new NpgsqlConnection(builder.ConnectionString);
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_BasicAuthorizationHeaderBuiltByConcatenation()
    {
        // Regression (review): "Basic " + Convert.ToBase64String(Encoding.X.GetBytes("user:password")) in a header
        // value was not decoded (only the AuthenticationHeaderValue form was).
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Text;
            class ErpClient
            {
                void Configure(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("Authorization", {|SCR6002:"Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("erp-sync:Tr0ub4dor&3"))|});
                    client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", {|SCR6002:$"Basic {Convert.ToBase64String(Encoding.ASCII.GetBytes("erp-sync:Tr0ub4dor&3"))}"|});
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_AzureIdentityAndJwtNetOnRealSignatures()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Azure.Identity;
            using JWT.Algorithms;
            using JWT.Builder;
            class Clients
            {
                void M()
                {
                    _ = new ClientSecretCredential("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "9b2c1d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", {|SCR6002:"Xq8~fLw2.Zr-0pKd9sVb"|});
                    _ = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret({|SCR6003:"kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%"|}).Encode();
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_JsonWebKeyParsedFromLiteralWithSymmetricOrPrivateMaterial()
    {
        // Regression (review): new JsonWebKey(json) / JsonWebKey.Create(json) with "k" or "d" in a literal was missed.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.IdentityModel.Tokens;
            class Keys
            {
                const string Jwk = "{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80\"}";
                void M()
                {
                    _ = new JsonWebKey({|SCR6003:Jwk|});
                    _ = JsonWebKey.Create({|SCR6003:"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\",\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}"|});
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_CertificatePasswordLiterals()
    {
        // Regression (review): the password of a PFX (X509Certificate2, Kestrel's UseHttps) was not a sink.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography.X509Certificates;
            using Microsoft.AspNetCore.Server.Kestrel.Core;
            using Microsoft.AspNetCore.Hosting;
            class Tls
            {
                void M(ListenOptions listen, byte[] pfx)
                {
                    _ = new X509Certificate2("server.pfx", {|SCR6002:"Tr0ub4dor&3"|});
                    _ = new X509Certificate2(pfx, {|SCR6002:"Tr0ub4dor&3"|}, X509KeyStorageFlags.EphemeralKeySet);
                    listen.UseHttps("server.pfx", {|SCR6002:"Tr0ub4dor&3"|});
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_NumericPinBackdoorAndDefaultAdminPassword()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class ServiceMenu
            {
                const string ServicePassword = "Sx9!vQ2#";
                bool Unlock(string pin, string input) => {|SCR6005:pin == "4711"|} || {|SCR6005:input == ServicePassword|};
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Detect_LocalDevelopmentDefaultsAreStillCredentials()
    {
        // Deliberate: "postgres"/"postgres" on localhost is a well-known default, but the string ships in the binary
        // and works against any server left at that default. Suppress in a disposable test fixture (see the page).
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Npgsql;
            static class DevDatabase
            {
                public static NpgsqlConnection Open() => new NpgsqlConnection({|SCR6001:"Host=localhost;Username=postgres;Password=postgres"|});
            }
            """,
            SecretsReferences.All);
    }

    // ---- Safe: code ----

    [Fact]
    public async Task Safe_ProgramCs_JwtBearerAndDbContextFromConfiguration()
    {
        await VerifyCS.VerifyProgramAsync(
            """
            using System;
            using System.Text;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            var builder = WebApplication.CreateBuilder(args);
            var jwtKey = builder.Configuration["Jwt:Key"] ?? throw new InvalidOperationException("Jwt:Key is not configured.");
            builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlServer(builder.Configuration.GetConnectionString("Default")));
            builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlServer(builder.Configuration.GetConnectionString("Default") ?? "Server=.;Database=App;Integrated Security=true;TrustServerCertificate=True"));
            builder.Services.AddDbContext<AppDbContext>(o => o.UseNpgsql(builder.Configuration.GetConnectionString("Pg") ?? "Host=localhost;Database=app"));
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options =>
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwtKey)),
                        TokenDecryptionKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:EncryptionKey"]!)),
                        ValidIssuer = builder.Configuration["Jwt:Issuer"],
                    };
                });
            builder.Build().Run();

            class AppDbContext : DbContext { }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_ConnectionStringTemplatesAndMasking()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.Data.SqlClient;
            using Npgsql;
            class Db
            {
                const string Template = "Host={host};Username={user};Password={password}";
                NpgsqlConnection Open(string host, string user, string password)
                    => new NpgsqlConnection(Template.Replace("{host}", host).Replace("{user}", user).Replace("{password}", password));
                SqlConnection Open2(string password) => new SqlConnection(string.Format("Server=db;User Id=app;Password={0}", password));
                SqlConnection Open3() => new SqlConnection("Server=db;User Id=app;Password={password}");
                string Mask(string cs) => Regex.Replace(cs, "(?i)(Password|Pwd)=[^;]*", "$1=*****");
                string Redacted(string cs) => new SqlConnectionStringBuilder(cs) { Password = "*****" }.ConnectionString;
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_ConstantsHoldingConfigurationKeyNames()
    {
        // Regression (review): `key == SmtpPassword` with const SmtpPassword = "Smtp:Password" was reported as a
        // password check: the constant is named like a password but holds the configuration key.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net;
            using Microsoft.Extensions.Configuration;
            static class ConfigKeys
            {
                public const string PasswordKey = "Db:Password";
                public const string SmtpPassword = "Smtp:Password";
                public const string SmtpPasswordVariable = "SMTP_PASSWORD";
                public const string AdminPasswordSetting = "Admin.Password";
            }
            class Mailer
            {
                NetworkCredential Credential(IConfiguration configuration, string user)
                    => new NetworkCredential(user, configuration[ConfigKeys.SmtpPassword] ?? System.Environment.GetEnvironmentVariable(ConfigKeys.SmtpPasswordVariable));
                bool IsSecretSetting(string key)
                    => key == ConfigKeys.SmtpPassword || key == ConfigKeys.PasswordKey || key == ConfigKeys.SmtpPasswordVariable || key == ConfigKeys.AdminPasswordSetting;
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_PasswordAsFieldHeaderOrFormName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Net.Http;
            class TokenClient
            {
                const string PasswordField = "password";
                HttpContent Form(string user, string password) => new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "password",
                    ["username"] = user,
                    [PasswordField] = password,
                });
                void Headers(HttpRequestMessage request, string password)
                {
                    request.Headers.Add("X-Password", password);
                    request.Headers.Add("X-Auth-Mode", "Password");
                }
                bool IsPasswordColumn(string column) => column == "Password" || column == "PasswordHash";
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_ErrorMessagesErrorCodesAndPasswordMetadata()
    {
        // Regression (review): constants named for a condition of a password (InvalidPassword, PasswordMismatch,
        // PasswordTooShort) and the hash algorithm of a stored password were reported as hard-coded passwords.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class Errors
            {
                public const string InvalidPassword = "Invalid password";
                public const string PasswordMismatch = "PasswordMismatch";
                public const string PasswordTooShort = "PasswordTooShort";
                public const string WrongPassword = "The user name or password is incorrect.";
            }
            class User { public string PasswordHashAlgorithm { get; set; } public string PasswordFormat { get; set; } }
            class Login
            {
                string Message(string code, string error, string result)
                {
                    if (code == Errors.PasswordMismatch || code == Errors.PasswordTooShort) return "mismatch";
                    if (error == Errors.InvalidPassword || error == Errors.WrongPassword) return "invalid";
                    if (result == "Invalid password") return "invalid";
                    return "";
                }
                bool Legacy(User user) => user.PasswordHashAlgorithm == "SHA1" || user.PasswordFormat == "Hashed";
                int Rehash(User user)
                {
                    switch (user.PasswordHashAlgorithm)
                    {
                        case "PBKDF2": return 0;
                        case "SHA256": return 1;
                        default: return 2;
                    }
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_GpioPinNamesAreNotPins()
    {
        // Regression (review): `pin == "A0"` (a board pin, as in device code) was reported; a PIN is numeric.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class Board
            {
                bool IsAnalog(string pin) => pin == "A0" || pin == "A1" || pin is "GPIO17";
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_BasicAuthAndClientSecretsFromOptions()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            using Azure.Identity;
            using Microsoft.Extensions.Options;
            using Microsoft.Identity.Client;
            public sealed class ErpOptions { public string User { get; set; } = ""; public string Password { get; set; } = ""; public string ApiKey { get; set; } = ""; public string ClientSecret { get; set; } = ""; }
            class ErpClient
            {
                private readonly ErpOptions _options;
                ErpClient(IOptions<ErpOptions> options) => _options = options.Value;
                void Configure(HttpClient client)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}")));
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(_options.ApiKey + ":")));
                    client.DefaultRequestHeaders.Add("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.User + ":" + _options.Password)));
                    _options.ClientSecret = "";
                    _ = ConfidentialClientApplicationBuilder.Create("3f2504e0-4f89-11d3-9a0c-0305e82c3301").WithClientSecret(_options.ClientSecret).Build();
                    _ = new ClientSecretCredential("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "9b2c1d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET"));
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_PublicKeysCertificatesAndPasswordlessPfx()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography.X509Certificates;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Server.Kestrel.Core;
            using Microsoft.Extensions.Configuration;
            using Microsoft.IdentityModel.Tokens;
            class Tls
            {
                void M(ListenOptions listen, IConfiguration configuration, byte[] der)
                {
                    _ = new X509Certificate2(der);
                    _ = new X509Certificate2("server.pfx", configuration["Kestrel:Certificates:Default:Password"]);
                    _ = new X509Certificate2("server.pfx", (string?)null);
                    _ = new X509Certificate2("server.pfx", "");
                    listen.UseHttps("server.pfx");
                    _ = new JsonWebKey("{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"1\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\"}");
                    _ = new JsonWebKey("{\"kty\":\"oct\",\"k\":\"\"}");
                }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_HashesGuidsAndBase64TestData()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Authentication.OAuth;
            class Fixtures
            {
                const string ExpectedSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
                const string ClientId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
                static readonly byte[] Payload = Convert.FromBase64String("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");
                bool Matches(string hash) => hash == ExpectedSha256 || string.Equals(hash, "da39a3ee5e6b4b0d3255bfef95601890afd80709", StringComparison.OrdinalIgnoreCase);
                void Configure(OAuthOptions options) { options.ClientId = ClientId; options.ClientSecret = null!; }
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_FakeUserStoreWithPlaceholderCredentials()
    {
        // Deliberate limit: placeholder words (test, password, changeme...) are not reported even in a comparison,
        // where `password == "test"` in a fake store would be a backdoor if it shipped enabled. See SCR6005's page.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net;
            class FakeUserStore
            {
                bool Validate(string user, string password) => user == "test" && password == "test";
                NetworkCredential Dummy() => new NetworkCredential("user", "pass");
            }
            """,
            SecretsReferences.All);
    }

    [Fact]
    public async Task Safe_DevelopmentOnlyBranchIsNotFollowed()
    {
        // Deliberate limit: a conditional (`env.IsDevelopment() ? "..." : configuration[...]`) is not constant and is
        // not followed; only `??` fallbacks are (the fallback is what runs when configuration is missing).
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.Data.SqlClient;
            using Microsoft.Extensions.Configuration;
            class Db
            {
                SqlConnection Open(IConfiguration configuration, bool development)
                    => new SqlConnection(development ? "Server=.;User Id=sa;Password=Dev!2024x" : configuration.GetConnectionString("Default"));
            }
            """,
            SecretsReferences.All);
    }

    // ---- Detect and safe: SCR6004 in code ----

    [Fact]
    public async Task Detect_PrivateKeyPemForImportFromPem()
    {
        var pem = SyntheticTokens.PrivateKeyPem().Replace("\n", "\\n").Replace("PRIVATE KEY", "RSA PRIVATE KEY");
        await VerifyTokens.VerifyAnalyzerAsync(
            $$"""
            using System.Security.Cryptography;
            class Signer
            {
                RSA Load() { var rsa = RSA.Create(); rsa.ImportFromPem({|SCR6004:"{{pem}}"|}); return rsa; }
            }
            """);
    }

    [Fact]
    public async Task Safe_PublicKeyAndCertificatePemAndPemMarkers()
    {
        var body = SyntheticTokens.Random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 256, 21);
        var awsExample = "AK" + "IAIOSFODNN7EXAMPLE";
        await VerifyTokens.VerifyAnalyzerAsync(
            $$"""
            using System.Security.Cryptography;
            class Verifier
            {
                const string PublicKey = "-----BEGIN PUBLIC KEY-----\n{{body}}\n-----END PUBLIC KEY-----";
                const string Certificate = "-----BEGIN CERTIFICATE-----\n{{body}}\n-----END CERTIFICATE-----";
                RSA Load() { var rsa = RSA.Create(); rsa.ImportFromPem(PublicKey); return rsa; }
                string Strip(string pem) => pem.Replace("-----BEGIN PRIVATE KEY-----", "").Replace("-----END PRIVATE KEY-----", "");
                const string AwsDocsExample = "{{awsExample}}";
            }
            """);
    }

    // ---- Detect: appsettings ----

    [Fact]
    public async Task Detect_DefaultConnectionStringWithSaPassword()
    {
        await Settings.VerifyAsync(
            new[]
            {
                AppSettings("""
                    {
                      "ConnectionStrings": {
                        "Default": {|#0:"Server=.;Database=App;User Id=sa;Password=Pass@word1;TrustServerCertificate=True"|}
                      }
                    }
                    """),
            },
            expected: Settings.Diagnostic().WithLocation(0).WithArguments("'ConnectionStrings:Default' in appsettings.json", "a connection string with a password"));
    }

    [Fact]
    public async Task Detect_SeqApiKeyJwtKeyRedisAndUrlCredentials()
    {
        // Regressions (review): "Jwt": { "Key": ... } (the key of nearly every JWT tutorial) was not a secret name;
        // StackExchange.Redis (comma-separated) and URL connection strings (mongodb://user:password@host) were missed.
        await Settings.VerifyAsync(new[]
        {
            AppSettings("""
                {
                  "Serilog": {
                    "WriteTo": [ { "Name": "Seq", "Args": { "serverUrl": "http://seq:5341", "apiKey": {|SCR6006:"Ab3xK9pQ2mZ7vR4tL8wN"|} } } ]
                  },
                  "Jwt": { "Issuer": "https://api.contoso.com", "Audience": "contoso", "Key": {|SCR6006:"ThisIsMySuperSecretSigningKey12345!"|} },
                  "JwtSettings": { "Secret": {|SCR6006:"c2b1f0e9a8d7c6b5a4f3e2d1c0b9a8f7"|}, "ExpiryMinutes": 60 },
                  "ConnectionStrings": {
                    "Redis": {|SCR6006:"contoso.redis.cache.windows.net:6380,password=Xq8fLw2Zr0pKd9sVbT1u,ssl=True,abortConnect=False"|},
                    "Mongo": {|SCR6006:"mongodb://orders:Tr0ub4dor3@mongo:27017/orders?authSource=admin"|},
                    "Bus": {|SCR6006:"amqp://svc:Tr0ub4dor3@rabbit:5672/"|}
                  }
                }
                """),
        });
    }

    // ---- Safe: appsettings ----

    [Fact]
    public async Task Safe_SampleAppSettingsWithEmptyValuesKeyVaultAndSecretNames()
    {
        // Regressions (review): a list of secret *names* under "Secrets" and a TimeSpan under a token key were reported.
        await Settings.VerifyAsync(new[]
        {
            AppSettings("""
                {
                  // Copy to appsettings.Development.json and fill in; production values come from Key Vault.
                  "ConnectionStrings": {
                    "Default": "Server=(localdb)\\mssqllocaldb;Database=App;Trusted_Connection=True;MultipleActiveResultSets=true",
                    "Redis": "localhost:6379,abortConnect=false",
                    "Mongo": "mongodb://localhost:27017/orders",
                    "Bus": "amqp://{user}:{password}@rabbit:5672/",
                    "Secure": "@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db/)",
                  },
                  "Smtp": { "Host": "smtp.contoso.com", "User": "", "Password": "" },
                  "KeyVault": { "KeyVaultName": "contoso-kv", "Secrets": [ "db-password", "jwt-signing-key", "smtp-password" ] },
                  "Identity": { "PasswordResetTokenLifespan": "01:00:00", "Password": { "RequiredLength": 12, "RequireDigit": true } },
                  "Jwt": { "Issuer": "https://api.contoso.com", "Key": "", "KeyId": "2024-01", "TokenLifetime": "00:15:00" },
                  "Serilog": { "WriteTo": [ { "Name": "Seq", "Args": { "serverUrl": "http://localhost:5341", "apiKey": "" } } ] },
                  "ApplicationInsights": { "InstrumentationKey": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "ConnectionString": "InstrumentationKey=3f2504e0-4f89-11d3-9a0c-0305e82c3301;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/" },
                  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientId": "9b2c1d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", "ClientCredentials": [ { "SourceType": "KeyVault", "KeyVaultCertificateName": "app-cert" } ] },
                  "Recaptcha": { "SiteKey": "6LcR4xUaAAAAAP2bq9X1m8Jd0nVtE7zyQk5hLw3s" },
                  "Update": { "PublicKey": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0", "Sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
                  "Kestrel": { "Certificates": { "Default": { "Path": "server.pfx", "Password": "" } } },
                }
                """),
        });
    }

    [Fact]
    public async Task Safe_PasswordInCommentsIsNotAValue()
    {
        await Settings.VerifyAsync(new[]
        {
            AppSettings("""
                {
                  /* "Password": "Tr0ub4dor&3" was the old value; it now comes from user secrets */
                  // "ConnectionStrings": { "Default": "Server=db;Password=Tr0ub4dor&3" }
                  "Logging": { "LogLevel": { "Default": "Information", }, },
                }
                """, "/repo/App/appsettings.Production.json"),
        });
    }
}
