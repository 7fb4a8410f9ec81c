using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Web.CorsPolicyAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

public class CorsPolicyTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Cors.Infrastructure;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    // ---- Detect ----

    [Fact]
    public async Task Detect_AnyOriginWithCredentials_InPolicyChains()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services, IApplicationBuilder app)
                {
                    services.AddCors(o => o.AddPolicy("spa", b => b.[|SetIsOriginAllowed(_ => true)|].AllowAnyHeader().AllowAnyMethod().AllowCredentials()));
                    services.AddCors(o => o.AddDefaultPolicy(b => b.AllowCredentials().AllowAnyHeader().[|SetIsOriginAllowed(origin => true)|]));
                    app.UseCors(b => b.[|SetIsOriginAllowed(o => { return true; })|].AllowCredentials());
                    var policy = new CorsPolicyBuilder().[|SetIsOriginAllowed(AnyOrigin)|].AllowCredentials().Build();
                }

                static bool AnyOrigin(string origin) => true;
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Detect_SeparateStatementsOnTheBuilder()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.AddCors(options => options.AddPolicy("api", policy =>
                    {
                        policy.AllowAnyHeader();
                        policy.AllowCredentials();
                        policy.[|SetIsOriginAllowed(_ => true)|];
                    }));

                    var builder = new CorsPolicyBuilder().[|SetIsOriginAllowed(_ => true)|];
                    builder.AllowCredentials();
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Detect_WildcardOriginsWithCredentials_WhichTheFrameworkRejects()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.AddCors(o => o.AddPolicy("a", b => b.{|#0:AllowAnyOrigin()|}.AllowCredentials()));
                    services.AddCors(o => o.AddPolicy("b", b => b.AllowCredentials().[|WithOrigins("*")|]));
                }
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                "AllowAnyOrigin()",
                "together with AllowCredentials() is rejected by ASP.NET Core when the policy is built; accepting every origin another way (SetIsOriginAllowed(_ => true)) would let every web site read responses made with the user's cookies"));
    }

    [Fact]
    public async Task Detect_MessageForAlwaysTrueOriginCheck()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services)
                    => services.AddCors(o => o.AddDefaultPolicy(b => b.{|#0:SetIsOriginAllowed(_ => true)|}.AllowCredentials()));
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                "SetIsOriginAllowed(_ => true)",
                "together with AllowCredentials() lets every web site send requests with the user's cookies and read the responses"));
    }

    [Fact]
    public async Task Detect_HandWrittenOriginReflection()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class CorsMiddleware
            {
                static void Use(IApplicationBuilder app)
                {
                    app.Use(async (context, next) =>
                    {
                        [|context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|];
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                        await next();
                    });
                }

                static void Handle(HttpContext context)
                {
                    var origin = context.Request.Headers.Origin.ToString();
                    [|context.Response.Headers.Append("Access-Control-Allow-Origin", origin)|];
                    context.Response.Headers.AccessControlAllowCredentials = "true";
                }
            }
            """, TestReferences.Web);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_RealWorldPolicies()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Startup
            {
                static readonly string[] Allowed = { "https://app.example.com", "https://admin.example.com" };

                static void Configure(IServiceCollection services, string[] configuredOrigins)
                {
                    // Listed origins with credentials.
                    services.AddCors(o => o.AddPolicy("spa", b => b.WithOrigins("https://app.example.com").AllowCredentials().AllowAnyHeader()));
                    services.AddCors(o => o.AddPolicy("cfg", b => b.WithOrigins(configuredOrigins).AllowCredentials()));
                    services.AddCors(o => o.AddPolicy("sub", b => b.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains().AllowCredentials()));
                    // Real origin checks.
                    services.AddCors(o => o.AddPolicy("chk", b => b.SetIsOriginAllowed(origin => Allowed.Contains(origin)).AllowCredentials()));
                    services.AddCors(o => o.AddPolicy("host", b => b.SetIsOriginAllowed(origin => new Uri(origin).Host == "localhost").AllowCredentials()));
                    // Any origin without credentials: a public API.
                    services.AddCors(o => o.AddPolicy("public", b => b.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
                    services.AddCors(o => o.AddPolicy("public2", b => b.SetIsOriginAllowed(_ => true).AllowAnyMethod()));
                    // Two different builders.
                    services.AddCors(o =>
                    {
                        o.AddPolicy("open", b => b.SetIsOriginAllowed(_ => true));
                        o.AddPolicy("creds", b => b.WithOrigins("https://app.example.com").AllowCredentials());
                    });
                }

                static void Development(WebApplicationBuilder builder)
                {
                    if (builder.Environment.IsDevelopment())
                    {
                        builder.Services.AddCors(o => o.AddPolicy("dev", b => b.SetIsOriginAllowed(_ => true).AllowCredentials()));
                    }
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_HandWrittenCorsWithAnOriginCheck()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class CorsMiddleware
            {
                static readonly string[] Allowed = { "https://app.example.com" };

                static void Handle(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (Allowed.Contains(origin))
                    {
                        context.Response.Headers["Access-Control-Allow-Origin"] = origin;
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    }
                }

                static void Guarded(HttpContext context)
                {
                    string origin = context.Request.Headers.Origin!;
                    if (!IsTrusted(origin))
                    {
                        return;
                    }

                    context.Response.Headers.Append("Access-Control-Allow-Origin", origin);
                    context.Response.Headers.Append("Access-Control-Allow-Credentials", "true");
                }

                static void NoCredentials(HttpContext context)
                    => context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];

                static void FixedOrigin(HttpContext context)
                {
                    context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com";
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                }

                static bool IsTrusted(string origin) => origin.EndsWith(".example.com", StringComparison.Ordinal);
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services, HttpContext context)
                {
                    services.AddCors(o => o.AddPolicy("x", b => b.SetIsOriginAllowed(null!).AllowCredentials().SetIsOriginAllowed({|CS1503:true|})));
                    services.AddCors(o => o.AddPolicy("y", b => b.{|CS7036:SetIsOriginAllowed|}().AllowCredentials()));
                    context.Response.Headers[{|CS0103:name|}] = context.Request.Headers["Origin"];
                }
            }
            """, TestReferences.Web);
    }
}
