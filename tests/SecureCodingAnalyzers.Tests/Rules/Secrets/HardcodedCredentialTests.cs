using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Secrets.HardcodedCredentialAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Secrets;

/// <summary>SCR6001 (connection strings), SCR6002 (credentials), SCR6003 (key material), SCR6005 (password checks).</summary>
public class HardcodedCredentialTests
{
    // ---- Detect: SCR6001 ----

    [Fact]
    public async Task Detect_SqlConnectionWithPasswordLiteral_MessageNeverShowsThePassword()
    {
        var expected = VerifyCS.Diagnostic("SCR6001").WithLocation(0).WithArguments("a string literal", "SqlConnection");
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.Data.SqlClient;
            class Repository
            {
                SqlConnection Open() => new SqlConnection({|#0:"Server=db;Database=Orders;User Id=app;Password=Tr0ub4dor&3;"|});
            }
            """,
            TestReferences.SqlProviders,
            expected);
        Assert.DoesNotContain("Tr0ub4dor", SecureCodingAnalyzers.Catalog.Rules.HardcodedConnectionStringPassword.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("new NpgsqlConnection({|SCR6001:\"Host=db;Username=app;Pwd='Tr0ub;4dor'\"|})")]
    [InlineData("new MySqlConnector.MySqlConnection({|SCR6001:\"Server=db;Uid=app;PASSWORD=Tr0ub4dor&3\"|})")]
    [InlineData("new Microsoft.Data.Sqlite.SqliteConnection({|SCR6001:\"Data Source=app.db;Password=Tr0ub4dor&3\"|})")]
    [InlineData("new SqlConnectionStringBuilder({|SCR6001:\"Server=db;Password=Tr0ub4dor&3\"|})")]
    [InlineData("NpgsqlDataSource.Create({|SCR6001:\"Host=db;Password=Tr0ub4dor&3\"|})")]
    [InlineData("new SqlConnection({|SCR6001:$\"Server={host};Password=Tr0ub4dor&3\"|})")]
    [InlineData("new SqlConnection({|SCR6001:\"Server=\" + host + \";Password=Tr0ub4dor&3\"|})")]
    [InlineData("new SqlConnection({|SCR6001:string.Format(\"Server={0};Password=Tr0ub4dor&3\", host)|})")]
    [InlineData("new SqlConnection({|SCR6001:Db|})")]
    [InlineData("new SqlConnection({|SCR6001:ReadOnlyDb|})")]
    public async Task Detect_ConnectionStringShapes(string expression)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System.Data.Common;
            using Microsoft.Data.SqlClient;
            using Npgsql;
            class C
            {
                const string Db = "Server=db;Password=Tr0ub4dor&3";
                static readonly string ReadOnlyDb = "Server=db;Password=Tr0ub4dor&3";
                object M(string host) => {{expression}};
            }
            """,
            TestReferences.SqlProviders);
    }

    [Fact]
    public async Task Detect_ConnectionStringPropertyBuilderPasswordAndEfCore()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            class C
            {
                void M(DbConnection connection, DbContextOptionsBuilder options)
                {
                    var cs = "Server=db;Password=Tr0ub4dor&3";
                    connection.ConnectionString = {|SCR6001:cs|};
                    var builder = new SqlConnectionStringBuilder { DataSource = "db", Password = {|SCR6001:"Tr0ub4dor&3"|} };
                    options.UseSqlServer({|SCR6001:"Server=db;User Id=sa;Password=Tr0ub4dor&3"|});
                }
            }
            """,
            SecretsReferences.All);
    }

    // ---- Safe: SCR6001 ----

    [Theory]
    [InlineData("new SqlConnection(\"Server=db;Database=Orders;Integrated Security=true\")")]
    [InlineData("new SqlConnection(\"Server=db;Trusted_Connection=True;Password=Tr0ub4dor&3\")")]
    [InlineData("new SqlConnection(\"Server=db;Authentication=Active Directory Managed Identity\")")]
    [InlineData("new SqlConnection(\"Server=db;Authentication=Active Directory Default;Password=Tr0ub4dor&3\")")]
    [InlineData("new SqlConnection(\"Server=db;User Id=app;Password=\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=;\")")]
    [InlineData("new SqlConnection(\"Server=db;Password={0}\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=${DB_PASSWORD}\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=#{DbPassword}#\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=__DbPassword__\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=<password>\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=********\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=password\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=your_password\")")]
    [InlineData("new SqlConnection(string.Format(\"Server=db;Password={0}\", secret))")]
    [InlineData("new SqlConnection($\"Server=db;Password={secret}\")")]
    [InlineData("new SqlConnection(\"Server=db;Password=\" + secret)")]
    [InlineData("new SqlConnection(config.GetConnectionString(\"Orders\"))")]
    [InlineData("new SqlConnection(config[\"ConnectionStrings:Orders\"])")]
    [InlineData("new SqlConnection(System.Environment.GetEnvironmentVariable(\"ORDERS_DB\"))")]
    [InlineData("new SqlConnection(\"Server=db;Database=Orders\")")]
    [InlineData("new SqlConnection(ConnectionStringName)")]
    [InlineData("new SqlConnectionStringBuilder { Password = secret }")]
    [InlineData("new SqlConnectionStringBuilder { Password = \"\" }")]
    [InlineData("new System.Text.StringBuilder(\"Server=db;Password=Tr0ub4dor&3\")")]
    public async Task Safe_ConnectionStrings(string expression)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using Microsoft.Data.SqlClient;
            using Microsoft.Extensions.Configuration;
            class C
            {
                const string ConnectionStringName = "Orders";
                object M(IConfiguration config, string secret) => {{expression}};
            }
            """,
            TestReferences.SqlProviders);
    }

    [Fact]
    public async Task Safe_MutableFieldAndLocalAssignedFromConfiguration()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.Data.SqlClient;
            using Microsoft.Extensions.Configuration;
            class C
            {
                public static string Default = "Server=db;Password=Tr0ub4dor&3";
                SqlConnection M(IConfiguration config, bool production)
                {
                    var cs = "Server=localhost;Integrated Security=true";
                    if (production) cs = config.GetConnectionString("Orders");
                    new SqlConnection(Default).Dispose();
                    return new SqlConnection(cs);
                }
            }
            """,
            TestReferences.SqlProviders);
    }

    // ---- Detect: SCR6002 ----

    [Fact]
    public async Task Detect_NetworkCredentialPassword_WithMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net;
            class Mailer
            {
                ICredentialsByHost M() => new NetworkCredential("mailer", {|#0:"Tr0ub4dor&3"|});
            }
            """,
            VerifyCS.Diagnostic("SCR6002").WithLocation(0).WithArguments("NetworkCredential", "password"));
    }

    [Fact]
    public async Task Detect_AuthorizationHeadersAndClientSecrets()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            using Microsoft.AspNetCore.Authentication.OAuth;
            using Microsoft.Identity.Client;
            class C
            {
                const string ApiToken = "c2b1f0e9a8d7c6b5a4f3e2d1";
                void M(HttpClient client, string user, OAuthOptions options, NetworkCredential credential)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", {|SCR6002:Convert.ToBase64String(Encoding.ASCII.GetBytes("svc:Tr0ub4dor&3"))|});
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", {|SCR6002:Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:Tr0ub4dor&3"))|});
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", {|SCR6002:ApiToken|});
                    client.DefaultRequestHeaders.Add("Authorization", {|SCR6002:"Bearer c2b1f0e9a8d7c6b5a4f3e2d1"|});
                    client.DefaultRequestHeaders.TryAddWithoutValidation("authorization", {|SCR6002:"Basic c3ZjOlRyMHViNGRvciYz"|});
                    options.ClientSecret = {|SCR6002:"Xq8~fLw2.Zr-0pKd9sVb"|};
                    credential.Password = {|SCR6002:"Tr0ub4dor&3"|};
                    ConfidentialClientApplicationBuilder.Create("app").WithClientSecret({|SCR6002:"Xq8~fLw2.Zr-0pKd9sVb"|});
                }
            }
            """,
            SecretsReferences.All);
    }

    // ---- Safe: SCR6002 ----

    [Fact]
    public async Task Safe_CredentialsFromConfigurationEnvironmentAndPlaceholders()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            using Microsoft.AspNetCore.Authentication.OAuth;
            using Microsoft.Extensions.Configuration;
            class C
            {
                const string PasswordKey = "Smtp:Password";
                void M(HttpClient client, IConfiguration config, OAuthOptions options, string user, string password, string token)
                {
                    _ = new NetworkCredential("mailer", config[PasswordKey]);
                    _ = new NetworkCredential("mailer", Environment.GetEnvironmentVariable("SMTP_PASSWORD"));
                    _ = new NetworkCredential("mailer", "");
                    _ = new NetworkCredential("mailer", string.Empty);
                    _ = new NetworkCredential();
                    _ = new NetworkCredential("mailer", password, "CONTOSO");
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{user}:{password}")));
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(user + ":" + password)));
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config["Api:Token"]);
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Negotiate");
                    client.DefaultRequestHeaders.Add("Authorization", $"Bearer {token}");
                    client.DefaultRequestHeaders.Add("Authorization", "Bearer " + token);
                    client.DefaultRequestHeaders.Add("Accept", "application/json");
                    client.DefaultRequestHeaders.Add("X-Request-Id", "c2b1f0e9a8d7c6b5a4f3e2d1");
                    options.ClientSecret = config["Authentication:GitHub:ClientSecret"];
                    options.ClientSecret = "<client-secret>";
                    options.ClientId = "c2b1f0e9a8d7c6b5a4f3e2d1";
                }
            }
            """,
            TestReferences.Web);
    }

    // ---- Detect: SCR6003 ----

    [Fact]
    public async Task Detect_JwtSigningKeys_WithMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text;
            using Microsoft.IdentityModel.Tokens;
            class Tokens
            {
                private static readonly byte[] Secret = Encoding.UTF8.GetBytes("kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%");
                private const string Base64Key = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
                void M(TokenValidationParameters parameters)
                {
                    parameters.IssuerSigningKey = new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes("kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%")|});
                    _ = new SigningCredentials(new SymmetricSecurityKey({|SCR6003:Secret|}), "HS256");
                    _ = new SymmetricSecurityKey({|SCR6003:Convert.FromBase64String(Base64Key)|});
                    _ = new JsonWebKey { K = {|SCR6003:"q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80"|} };
                    new JWT.Builder.JwtBuilder().WithSecret({|SCR6003:"kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%"|});
                }
            }
            """,
            SecretsReferences.All,
            VerifyCS.Diagnostic("SCR6003").WithLocation(0).WithArguments("SymmetricSecurityKey", "the bytes of a string literal"));
    }

    // ---- Safe: SCR6003 ----

    [Fact]
    public async Task Safe_KeysFromConfigurationKeyStoresAndCryptographyApis()
    {
        // HMACSHA256 with a literal key is SCR1005's (System.Security.Cryptography): not reported twice.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.IdentityModel.Tokens;
            class Tokens
            {
                const string SigningKeyName = "Jwt:SigningKey";
                void M(Func<string, string> config, byte[] keyBytes)
                {
                    _ = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config(SigningKeyName)));
                    _ = new SymmetricSecurityKey(Convert.FromBase64String(Environment.GetEnvironmentVariable("JWT_KEY")));
                    _ = new SymmetricSecurityKey(keyBytes);
                    _ = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
                    var key = new byte[32];
                    RandomNumberGenerator.Fill(key);
                    _ = new SymmetricSecurityKey(key);
                    using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%"));
                    _ = new JsonWebKey { K = config("Jwt:K") };
                }
            }
            """,
            SecretsReferences.All);
    }

    // ---- Detect: SCR6005 ----

    [Fact]
    public async Task Detect_PasswordComparedWithConstant_WithMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class Auth
            {
                bool Login(string user, string password) => user == "admin" && {|#0:password == "Tr0ub4dor&3"|};
            }
            """,
            VerifyCS.Diagnostic("SCR6005").WithLocation(0).WithArguments("'Login'", "the parameter 'password'"));
    }

    [Fact]
    public async Task Detect_ComparisonShapes()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class LoginModel { public string UserName { get; set; } public string Password { get; set; } }
            class TextBox { public string Text { get; set; } }
            class Auth
            {
                const string MasterPassword = "Tr0ub4dor&3";
                TextBox txtPassword = new();
                bool M(LoginModel model, string pwd, string input, string pin)
                {
                    if ({|SCR6005:model.Password != "Tr0ub4dor&3"|}) return false;
                    if ({|SCR6005:string.Equals(pwd, "Tr0ub4dor&3", StringComparison.Ordinal)|}) return true;
                    if ({|SCR6005:"Tr0ub4dor&3".Equals(pwd)|}) return true;
                    if ({|SCR6005:pwd.Equals("Tr0ub4dor&3")|}) return true;
                    if ({|SCR6005:input == MasterPassword|}) return true;
                    if ({|SCR6005:txtPassword.Text.Trim() == "Tr0ub4dor&3"|}) return true;
                    if ({|SCR6005:pin is "4711"|}) return true;
                    switch (pwd)
                    {
                        case {|SCR6005:"Tr0ub4dor&3"|}: return true;
                    }

                    return pwd switch { {|SCR6005:"Tr0ub4dor&3"|} => true, _ => false };
                }
            }
            """);
    }

    // ---- Safe: SCR6005 ----

    [Fact]
    public async Task Safe_PasswordChecksThatAreNotBackdoors()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class Auth
            {
                const string PasswordPolicyText = "At least 12 characters";
                const string PasswordKey = "Password";
                bool M(string password, string confirmPassword, string passwordPolicy, string storedHash, string user, string key, Func<string, string> hash)
                {
                    if (password == null || password == "" || password == string.Empty) return false;
                    if (string.IsNullOrWhiteSpace(password) || password.Length < 12) return false;
                    if (password == "********") return true;
                    if (password == "changeme") return false;
                    if (password != confirmPassword) return false;
                    if (passwordPolicy == PasswordPolicyText) return true;
                    if (key == PasswordKey) return true;
                    if (user == "admin") return true;
                    if (hash(password) == storedHash) return true;
                    if (password == " ") return false;
                    return password.StartsWith("Tr0ub4dor", StringComparison.Ordinal);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCodeDoesNotThrow()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class C
            {
                bool M(string password) => password == {|CS0103:Missing|} || new System.Net.NetworkCredential("u", {|CS0103:Unknown|}) is null;
            }
            """);
    }
}
