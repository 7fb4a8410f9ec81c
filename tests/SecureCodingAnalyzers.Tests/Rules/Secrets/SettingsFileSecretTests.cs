using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Unreadable = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.UnreadableBuildFileAnalyzer>;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Secrets.SettingsFileSecretAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Secrets;

/// <summary>SCR6006. Tokens are generated at test time (<see cref="SyntheticTokens"/>).</summary>
public class SettingsFileSecretTests
{
    private static BuildFileInput Settings(string text, string path = "/repo/App/appsettings.json") => new(path, BuildFileKind.AppSettings, text);

    // ---- Detect ----

    [Fact]
    public async Task Detect_ConnectionStringPassword_MessageNamesKeyAndFileNotTheValue()
    {
        await Verify.VerifyAsync(
            new[]
            {
                Settings("""
                    {
                      // comments and trailing commas are allowed, as the configuration provider allows them
                      "ConnectionStrings": {
                        "Orders": {|#0:"Server=db;Database=Orders;User Id=app;Password=Tr0ub4dor&3;"|},
                      },
                    }
                    """),
            },
            expected: Verify.Diagnostic().WithLocation(0).WithArguments("'ConnectionStrings:Orders' in appsettings.json", "a connection string with a password"));
    }

    [Fact]
    public async Task Detect_SecretNamedKeysAndTokens()
    {
        var token = SyntheticTokens.GitHub();
        var storage = SyntheticTokens.StorageConnectionString();
        await Verify.VerifyAsync(new[]
        {
            Settings($$"""
                {
                  "Smtp": { "Host": "smtp.contoso.com", "Password": {|SCR6006:"Tr0ub4dor&3"|} },
                  "Authentication": { "Microsoft": { "ClientId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "ClientSecret": {|SCR6006:"Xq8~fLw2.Zr-0pKd9sVb"|} } },
                  "Weather": { "ApiKey": {|SCR6006:"c2b1f0e9a8d7c6b5a4f3e2d1"|} },
                  "Jwt": { "SigningKey": {|SCR6006:"kJ8#mQ2$vX9!pL4&wR7*tY1^zN6@bH3%"|}, "Issuer": "contoso" },
                  "Deploy": { "Tokens": [ {|SCR6006:"{{token}}"|} ] },
                  "Storage": {|SCR6006:"{{storage}}"|},
                  "Proxy": { "Token": {|SCR6006:"https://svc:Tr0ub4dor&3@proxy.contoso.com"|} }
                }
                """, "/repo/App/appsettings.Development.json"),
        });
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_PlaceholdersKeyNamesAndNonSecrets()
    {
        await Verify.VerifyAsync(new[]
        {
            Settings("""
                {
                  "ConnectionStrings": {
                    "Orders": "Server=(localdb)\\mssqllocaldb;Database=Orders;Trusted_Connection=True;MultipleActiveResultSets=true",
                    "Cache": "Server=cache;Password=",
                    "Reports": "Server=db;User Id=app;Password=${REPORTS_PASSWORD}",
                    "Audit": "Server=db;Authentication=Active Directory Managed Identity;Password=Tr0ub4dor&3"
                  },
                  "Smtp": { "Password": "", "PasswordPolicy": "At least 12 characters", "PasswordLength": 12 },
                  "Authentication": { "Google": { "ClientSecret": "<client-secret>", "ClientId": "1234.apps.example" } },
                  "Api": { "ApiKey": "#{ApiKey}#", "ApiKeyHeader": "X-Api-Key", "TokenEndpoint": "https://login.contoso.com/token", "TokenLifetime": "00:30:00" },
                  "Secrets": { "VaultUri": "https://contoso.vault.azure.net/", "SecretName": "orders-db" },
                  "KeyVault": { "Password": "@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/db)" },
                  "Jwt": { "RequireToken": true, "SigningKey": "__JWT_SIGNING_KEY__", "TokenValidation": "strict" },
                  "Feature": { "Secret": "true", "Token": 42, "AccessKey": null, "Password": "********" },
                  "Logging": { "LogLevel": { "Default": "Information" } },
                  "AllowedHosts": "*"
                }
                """),
        });
    }

    [Fact]
    public async Task Safe_MalformedFileIsLeftToScr5000()
    {
        var file = Settings("""{ "Password": "Tr0ub4dor&3" """);
        await Verify.VerifyAsync(new[] { file });
        await Unreadable.VerifyAsync(new[] { Settings("""{ "Password": "Tr0ub4dor&3" {|#0:|}""") },
            expected: Unreadable.Diagnostic().WithLocation(0).WithArguments("appsettings.json", "expected ',' or '}'"));
    }

    [Fact]
    public async Task Safe_OtherKindsAreNotRead()
    {
        await Verify.VerifyAsync(new[]
        {
            new BuildFileInput("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, """{ "version": 3, "Password": "Tr0ub4dor&3" }"""),
        });
    }
}
