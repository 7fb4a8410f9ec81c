using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Web.CookieSecurityAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Web.CookieSecurityCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

public class CookieSecurityTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.CookiePolicy;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        """;

    // ---- Detect ----

    [Fact]
    public async Task Detect_CookieAuthenticationOptionsWeakened()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                        .AddCookie(options =>
                        {
                            {|SCR7001:options.Cookie.SecurePolicy = CookieSecurePolicy.None|};
                            {|SCR7002:options.Cookie.HttpOnly = false|};
                            {|SCR7003:options.Cookie.SameSite = SameSiteMode.None|};
                        });
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Detect_SessionAntiforgeryAndIdentityCookies()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.AddSession(o => o.Cookie = new CookieBuilder { Name = ".app.session", {|SCR7002:HttpOnly = false|} });
                    services.AddAntiforgery(o => {|SCR7001:o.Cookie.SecurePolicy = CookieSecurePolicy.None|});
                    services.ConfigureApplicationCookie(o => {|SCR7003:o.Cookie.SameSite = SameSiteMode.None|});
                    services.Configure<CookieAuthenticationOptions>("Cookies", o => { var x = new CookieAuthenticationOptions { Cookie = { {|SCR7002:HttpOnly = false|} } }; });
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Detect_AppendedSessionCookieWithDefaults()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class AccountController : Controller
            {
                private const string SessionCookie = "app_session";
                public IActionResult SignIn(string accessToken)
                {
                    {|SCR7001:{|SCR7002:Response.Cookies.Append("auth_token", accessToken)|}|};
                    {|SCR7001:{|SCR7002:Response.Cookies.Append(SessionCookie, Guid.NewGuid().ToString(), new CookieOptions { Expires = DateTimeOffset.UtcNow.AddHours(1) })|}|};
                    {|SCR7001:{|SCR7002:Response.Cookies.Append("a", accessToken, new CookieOptions())|}|};
                    return Ok();
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Detect_AppendedSessionCookieWithExplicitInsecureSettings()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class AccountController : Controller
            {
                public void SignIn(string jwt)
                {
                    Response.Cookies.Append("JwtToken", jwt, new CookieOptions { {|SCR7001:Secure = false|}, {|SCR7002:HttpOnly = false|}, {|SCR7003:SameSite = SameSiteMode.None|} });
                    var options = new CookieOptions { HttpOnly = true };
                    options.Secure = true;
                    {|SCR7003:options.SameSite = SameSiteMode.None|};
                    Response.Cookies.Append("sid", jwt, options);
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Detect_MessageNamesCookieAndProblem()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """
            public class AccountController : Controller
            {
                public void SignIn(string value) => {|#0:Response.Cookies.Append("RefreshToken", value, new CookieOptions { HttpOnly = true })|};
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic("SCR7001").WithLocation(0).WithArguments("The cookie \"RefreshToken\"", "is appended without Secure (CookieOptions.Secure defaults to false)"));
    }

    [Fact]
    public async Task Detect_FrameworkCookieMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services)
                    => services.AddSession(o => {|#0:o.Cookie.HttpOnly = false|});
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic("SCR7002").WithLocation(0).WithArguments("SessionOptions.Cookie.HttpOnly", "is false, so scripts can read the cookie"));
    }

    [Fact]
    public async Task Detect_ConfiguredWords()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """
            public class C : Controller
            {
                public void M(string v) => {|SCR7002:Response.Cookies.Append("portal_ctx", v, new CookieOptions { Secure = true })|};
            }
            """,
            TestReferences.Web,
            "dotnet_diagnostic.SCR7002.session_cookie_words = ctx\nsecure_coding.session_cookie_words = ctx");
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_FrameworkDefaultsAndSecureSettings()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Startup
            {
                static void Configure(IServiceCollection services, bool isDevelopment)
                {
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                        o.Cookie.HttpOnly = true;
                        o.Cookie.SameSite = SameSiteMode.Lax;
                        o.Cookie.Name = "__Host-auth";
                    });
                    services.AddSession(o =>
                    {
                        o.Cookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                        o.Cookie.SameSite = SameSiteMode.Strict;
                        o.Cookie.IsEssential = true;
                    });
                    services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_CookiesThatAreNotSessionCookies()
    {
        // Preferences, consent and the JavaScript-readable antiforgery request token (Angular's XSRF-TOKEN) are not
        // session cookies; OpenID Connect correlation cookies (not set through these options) need SameSite=None.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Antiforgery;
            public class HomeController : Controller
            {
                public void Prefs(string theme, IAntiforgery antiforgery)
                {
                    Response.Cookies.Append("theme", theme);
                    Response.Cookies.Append("sidebar_state", "collapsed");
                    Response.Cookies.Append("culture", "de-DE", new CookieOptions { HttpOnly = false });
                    var tokens = antiforgery.GetAndStoreTokens(HttpContext);
                    Response.Cookies.Append("XSRF-TOKEN", tokens.RequestToken!, new CookieOptions { HttpOnly = false });
                    Response.Cookies.Append("x", tokens.RequestToken!, new CookieOptions { HttpOnly = false, Secure = true });
                }
            }
            static class Startup
            {
                static void Configure(IServiceCollection services)
                    => services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.HttpOnly = false);
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_AppendedSessionCookieDoneRight()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class AccountController : Controller
            {
                public void SignIn(string token, CookieOptions configured)
                {
                    Response.Cookies.Append("auth", token, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
                    Response.Cookies.Append("session", token, new CookieOptions { Secure = Request.IsHttps, HttpOnly = true });
                    Response.Cookies.Append("session", token, configured);
                    Response.Cookies.Append("session", token, Options());
                    var options = new CookieOptions();
                    options.Secure = true;
                    options.HttpOnly = true;
                    Response.Cookies.Append("sid", token, options);
                }

                private static CookieOptions Options() => new() { Secure = true, HttpOnly = true };
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_CookiePolicyEnforcesSettingsOnEveryCookie()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class AccountController : Controller
            {
                public void SignIn(string token) => Response.Cookies.Append("auth_token", token, new CookieOptions { SameSite = SameSiteMode.None });
            }
            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.Configure<CookiePolicyOptions>(o =>
                    {
                        o.Secure = CookieSecurePolicy.Always;
                        o.HttpOnly = HttpOnlyPolicy.Always;
                    });
                }
                static void Use(IApplicationBuilder app)
                    => app.UseCookiePolicy(new CookiePolicyOptions { MinimumSameSitePolicy = SameSiteMode.Lax });
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_WithoutAspNetCore()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            class Cookies { public void Append(string name, string value) { } }
            class C { void M(Cookies c) => c.Append("session", "x"); }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class C : Controller
            {
                public void M()
                {
                    Response.Cookies.Append("session", {|CS1525:)|};
                    var o = new CookieOptions { {|CS0117:Bogus|} = false };
                    Response.Cookies.Append({|CS0103:unknown|}, "v", o);
                }
            }
            """, TestReferences.Web);
    }

    // ---- Fix ----

    [Theory]
    [InlineData("SCR7001", "SecurePolicy = CookieSecurePolicy.None", "SecurePolicy = CookieSecurePolicy.Always")]
    [InlineData("SCR7002", "HttpOnly = false", "HttpOnly = true")]
    [InlineData("SCR7003", "SameSite = SameSiteMode.None", "SameSite = SameSiteMode.Lax")]
    public async Task Fix_FrameworkCookieSettings(string id, string insecure, string secure)
    {
        await VerifyCS.VerifyCodeFixAsync(
            Usings + $$"""
            static class Startup
            {
                static void Configure(IServiceCollection services)
                    => services.AddAuthentication().AddCookie(options =>
                    {
                        {|{{id}}:options.Cookie.{{insecure}}|};
                        options.Cookie.Name = "auth";
                    });
            }
            """,
            Usings + $$"""
            static class Startup
            {
                static void Configure(IServiceCollection services)
                    => services.AddAuthentication().AddCookie(options =>
                    {
                        options.Cookie.{{secure}};
                        options.Cookie.Name = "auth";
                    });
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Fix_AddsTheEnumsNamespace()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            static class Startup
            {
                static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                    => Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions.AddSession(services, o => {|SCR7001:o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.None|});
            }
            """,
            """
            using Microsoft.AspNetCore.Http;

            static class Startup
            {
                static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                    => Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions.AddSession(services, o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Fix_AppendedCookieOptions()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Usings + """
            public class C : Controller
            {
                public void M(string token)
                {
                    {|SCR7001:Response.Cookies.Append("auth", token, new CookieOptions { HttpOnly = true })|};
                    Response.Cookies.Append("jwt", token, new CookieOptions { {|SCR7001:Secure = false|}, HttpOnly = true });
                }
            }
            """,
            Usings + """
            public class C : Controller
            {
                public void M(string token)
                {
                    Response.Cookies.Append("auth", token, new CookieOptions { HttpOnly = true, Secure = true });
                    Response.Cookies.Append("jwt", token, new CookieOptions { Secure = true, HttpOnly = true });
                }
            }
            """,
            TestReferences.Web,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_AppendWithoutOptionsGetsOptions()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            public class C : Controller
            {
                public void N(string token) => {|SCR7001:Response.Cookies.Append("sid", token)|};
                static Microsoft.AspNetCore.Builder.CookiePolicyOptions Policy()
                    => new() { HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always };
            }
            """,
            """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class C : Controller
            {
                public void N(string token) => Response.Cookies.Append("sid", token, new CookieOptions { Secure = true });
                static Microsoft.AspNetCore.Builder.CookiePolicyOptions Policy()
                    => new() { HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always };
            }
            """,
            TestReferences.Web,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_NotOfferedForOptionsInAVariable()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            Usings + """
            public class C : Controller
            {
                public void M(string token)
                {
                    var options = new CookieOptions { HttpOnly = true };
                    {|SCR7001:Response.Cookies.Append("session", token, options)|};
                }
            }
            """,
            TestReferences.Web,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }
}
