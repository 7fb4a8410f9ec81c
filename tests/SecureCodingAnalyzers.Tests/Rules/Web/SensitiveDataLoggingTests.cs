using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Web.SensitiveDataLoggingAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

public class SensitiveDataLoggingTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_HeadersAndCollections()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Linq;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Logging;
            using Microsoft.Net.Http.Headers;
            class AuthLogging
            {
                void M(HttpContext context, ILogger logger, System.Net.Http.HttpRequestMessage message)
                {
                    logger.LogInformation("Auth header: {Header}", {|#0:context.Request.Headers["Authorization"]|});
                    logger.LogDebug("Auth: {Header}", [|context.Request.Headers.Authorization|]);
                    logger.LogDebug([|$"Cookie: {context.Request.Headers[HeaderNames.Cookie]}"|]);
                    logger.LogTrace("Request headers {@Headers}", [|context.Request.Headers|]);
                    logger.LogTrace("Cookies {@Cookies}", [|context.Request.Cookies|]);
                    var auth = context.Request.Headers["Authorization"].FirstOrDefault();
                    logger.LogWarning("Rejected {Auth}", [|auth|]);
                    logger.LogInformation("Outgoing {Scheme} {Parameter}", message.Headers.Authorization?.Scheme, [|message.Headers.Authorization?.Parameter|]);
                }
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("LogInformation", "the Authorization header"));
    }

    [Fact]
    public async Task Detect_SecretsByNameAndConfiguration()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Logging;
            class Login
            {
                private readonly string _clientSecret = "";
                public string ApiKey { get; set; } = "";
                void M(ILogger<Login> logger, IConfiguration configuration, string userName, string password, NetworkCredential credential, string accessToken)
                {
                    logger.LogInformation("Login {User} with {Password}", userName, [|password|]);
                    logger.LogInformation("Credential {Password}", [|credential.Password|]);
                    logger.LogDebug([|"Token: " + accessToken|]);
                    logger.LogDebug("Secret {Secret} key {Key}", [|_clientSecret|], [|ApiKey|]);
                    logger.LogInformation("Connecting to {Db}", [|configuration.GetConnectionString("Default")|]);
                    logger.LogInformation("Smtp {Pwd}", [|configuration["Smtp:Password"]|]);
                    var connectionString = configuration.GetConnectionString("Default");
                    var message = $"Using {connectionString}";
                    logger.LogInformation([|message|]);
                    using (logger.BeginScope([|new System.Collections.Generic.Dictionary<string, object> { ["token"] = accessToken }|])) { }
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Detect_LoggerMessageAndOtherLibraries()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.Extensions.Logging;
            static partial class Log
            {
                [LoggerMessage(1, LogLevel.Information, "Issued {Token}")]
                public static partial void {|CS8795:Issued|}(ILogger logger, string token); // the logging generator writes the body
            }

            class Issuer
            {
                void M(ILogger logger, Serilog.ILogger serilog, NLog.Logger nlog, log4net.ILog log4, string refreshToken, string pwd)
                {
                    Log.Issued(logger, [|refreshToken|]);
                    serilog.Information("Refresh {Token}", [|refreshToken|]);
                    Serilog.Log.Warning("Password {Pwd}", [|pwd|]);
                    nlog.Info("Refresh {Token}", [|refreshToken|]);
                    log4.Info([|"pwd=" + pwd|]);
                }
            }
            """,
            TestReferences.Logging);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_PresenceLengthMaskAndNonSecrets()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Threading;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Logging;
            class Safe
            {
                static string Mask(string value) => value.Length <= 4 ? "****" : value[..4] + "****";
                static string Hash(string value) => value.GetHashCode().ToString();

                void M(HttpContext context, ILogger logger, IConfiguration configuration, string token, string userName, int tokenCount,
                       string passwordPolicy, string secretName, string keyId, DateTime tokenExpiry, CancellationToken cancellationToken, byte[] salt)
                {
                    logger.LogInformation("Token present: {Present}", !string.IsNullOrEmpty(token));
                    logger.LogInformation("Token length {Length}", token.Length);
                    logger.LogInformation("Token {Masked}", Mask(token));
                    logger.LogInformation("Token hash {Hash}", Hash(token));
                    logger.LogInformation("User {User} logged in", userName);
                    logger.LogInformation("{Count} tokens, policy {Policy}, secret {Name}, key {KeyId}", tokenCount, passwordPolicy, secretName, keyId);
                    logger.LogInformation("Token expires {Expiry}", tokenExpiry);
                    logger.LogInformation("Cancelled: {Cancelled}", cancellationToken.IsCancellationRequested);
                    logger.LogInformation("Salt {Salt}", Convert.ToBase64String(salt));
                    logger.LogInformation("Path {Path} agent {Agent}", context.Request.Path, context.Request.Headers["User-Agent"]);
                    logger.LogInformation("Has auth: {HasAuth}", context.Request.Headers.ContainsKey("Authorization"));
                    logger.LogInformation("Header count {Count}", context.Request.Headers.Count);
                    logger.LogInformation("Smtp host {Host}", configuration["Smtp:Host"]);
                    logger.LogInformation("Secret store {Name}", configuration["KeyVault:SecretName"]);
                    logger.LogError(new InvalidOperationException("x"), "Login failed for {User}", userName);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ConsoleAndNonLogSinks()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            class Tool
            {
                void M(string apiKey)
                {
                    // A CLI printing a newly created key to its user is the point of the command.
                    Console.WriteLine($"Your new API key: {apiKey}");
                    var length = apiKey.Length;
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_DevelopmentOnlyDiagnostics()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Hosting;
            using Microsoft.Extensions.Logging;
            class Startup
            {
                void M(ILogger logger, IConfiguration configuration, IHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        logger.LogDebug("Using {Db}", configuration.GetConnectionString("Default"));
                    }
                }
            }
            """,
            TestReferences.Web);
    }

    // ---- Fix ----

    [Fact]
    public void Fix_NoFixerIsOffered()
    {
        // Whether to drop the value, log its presence or a masked form is the author's choice.
        var fixers = typeof(SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.WeakHashAlgorithmCodeFixProvider).Assembly
            .GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .SelectMany(f => f.FixableDiagnosticIds);
        Assert.DoesNotContain("SCR7010", fixers);
    }
}
