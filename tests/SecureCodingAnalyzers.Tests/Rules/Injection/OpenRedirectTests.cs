using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Injection.OpenRedirectCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2006, open redirect.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class OpenRedirectTests
{
    private const string Rule = "SCR2006";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ReturnUrlOfALoginAction_FullMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            public class AccountController : Controller
            {
                public IActionResult Login(string user, string {|#1:returnUrl|})
                {
                    return Redirect({|#0:returnUrl|});
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("untrusted HTTP input 'returnUrl' (line 4)", "a redirect target (line 6)"));
    }

    [Theory]
    [InlineData("Redirect(@@)")]
    [InlineData("RedirectPermanent(@@)")]
    [InlineData("RedirectPreserveMethod(@@)")]
    [InlineData("RedirectPermanentPreserveMethod(@@)")]
    [InlineData("new RedirectResult(@@, permanent: true)")]
    [InlineData("new RedirectResult(\"/\") { @@ }")]
    public async Task Detect_ControllerSinks(string sink)
    {
        var source = """
            using Microsoft.AspNetCore.Mvc;
            public class HomeController : ControllerBase
            {
                public IActionResult Go(string {|#1:to|}) => SINK;
            }
            """.Replace("SINK", sink.Replace("@@", sink.Contains('{') ? "{|#0:Url = to|}" : "{|#0:to|}"));
        await VerifyCS.VerifyAnalyzerAsync(source, TestReferences.Web, Finding.At(Rule, 0, 1));
    }

    [Theory]
    [InlineData("Redirect(@@)")]
    [InlineData("RedirectPermanent(@@)")]
    [InlineData("RedirectPreserveMethod(@@)")]
    [InlineData("RedirectPermanentPreserveMethod(@@)")]
    public async Task Detect_RazorPageModelAndPageSinks(string sink)
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            public class LoginModel : PageModel
            {
                public IActionResult OnPost(string {|#1:returnUrl|}) => SINK0;
            }
            public class InlinePage : Page
            {
                public override Task ExecuteAsync() => Task.CompletedTask;
                public IActionResult OnGet() => SINK2;
            }
            """.Replace("SINK0", sink.Replace("@@", "{|#0:returnUrl|}"))
               .Replace("SINK2", sink.Replace("@@", "{|#2:{|#3:HttpContext.Request.Query|}[\"returnUrl\"].ToString()|}"));
        await VerifyCS.VerifyAnalyzerAsync(source, TestReferences.Web, Finding.At(Rule, 0, 1), Finding.At(Rule, 2, 3));
    }

    [Fact]
    public async Task Detect_HttpResponseLocationHeaderAndMinimalApiResults()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string {|#1:next|}) => Results.Redirect({|#0:next|}));
                    app.MapGet("/b", (string {|#3:next|}) => TypedResults.Redirect({|#2:next|}, permanent: true));
                    app.MapGet("/c", (HttpContext context) =>
                    {
                        var next = {|#5:context.Request.Query|}["next"].ToString();
                        context.Response.Redirect({|#4:next|});
                    });
                    app.MapGet("/d", (HttpContext context) =>
                    {
                        {|#6:context.Response.Headers.Location = {|#7:context.Request.Headers|}["X-Next"]|};
                        context.Response.StatusCode = 302;
                    });
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 4, 5),
            Finding.At(Rule, 6, 7));
    }

    [Fact]
    public async Task Detect_CookieFormAndAsyncBody()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class CartController : Controller
            {
                public async Task<IActionResult> Checkout()
                {
                    var form = await {|#1:Request.ReadFormAsync()|};
                    string next = form["next"].ToString();
                    if (next.Length == 0)
                    {
                        next = {|#3:Request.Cookies|}["last"] ?? "/";
                    }

                    return Redirect({|#0:next|});
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_HelperInAnotherClass_AndFieldOfTheController()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            static class Navigation
            {
                public static IResult Back(string target) => Results.Redirect({|#2:target|});
                public static string Absolute(string path) => "https://" + path;
            }
            public class ShopController : Controller
            {
                private string _next = "/";
                public IResult Back(string {|#1:to|}) => Navigation.Back({|#0:to|});
                public IActionResult Remember(string {|#4:to|})
                {
                    {|#5:_next|} = Navigation.Absolute(to);
                    return Ok();
                }

                public IActionResult Continue() => Redirect({|#3:_next|});
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1, 2),
            Finding.At(Rule, 3, 4, 5));
    }

    [Fact]
    public async Task Detect_UntrustedHostInAnInterpolatedUrl_AndLoopOverCandidates()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            public class SsoController : Controller
            {
                public IActionResult Callback(string {|#1:tenant|}, string[] {|#3:candidates|})
                {
                    if (tenant.Length > 3)
                    {
                        return Redirect({|#0:$"https://{tenant}.example.com/"|});
                    }

                    foreach (var candidate in candidates.Where(c => c.Length > 0))
                    {
                        return Redirect({|#2:candidate|});
                    }

                    return NotFound();
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_LocalRedirectsAndRoutingResults()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class AccountController : Controller
            {
                public IActionResult A(string returnUrl) => LocalRedirect(returnUrl);
                public IActionResult B(string returnUrl) => LocalRedirectPermanent(returnUrl);
                public IActionResult C(string returnUrl) => LocalRedirectPreserveMethod(returnUrl);
                public IActionResult D(string returnUrl) => new LocalRedirectResult(returnUrl);
                public IActionResult E(string id) => RedirectToAction("Show", new { id });
                public IActionResult F(string id) => RedirectToRoute("orders", new { id });
                public IActionResult G(string page) => RedirectToPage(page);
                public static void Map(WebApplication app) => app.MapGet("/x", (string next) => Results.LocalRedirect(next));
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_IsLocalUrlGuards()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            public class AccountController : Controller
            {
                public IActionResult A(string returnUrl)
                {
                    if (Url.IsLocalUrl(returnUrl))
                    {
                        return Redirect(returnUrl);
                    }

                    return RedirectToAction("Index", "Home");
                }

                public IActionResult B(string returnUrl)
                {
                    if (!Url.IsLocalUrl(returnUrl))
                    {
                        returnUrl = "/";
                    }

                    return Redirect(returnUrl);
                }

                public IActionResult C(string returnUrl) => Url.IsLocalUrl(returnUrl) ? Redirect(returnUrl) : Redirect("/");
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_FixedHostOrLocalPrefix_EncodedValues_AndGeneratedUrls()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;
            public class SearchController : Controller
            {
                private readonly LinkGenerator _links = null!;
                public IActionResult A(string q) => Redirect("/search?q=" + q);
                public IActionResult B(string q) => Redirect($"https://search.contoso.com/?q={q}");
                public IActionResult C(string q) => Redirect(string.Format("https://contoso.com/find/{0}", q));
                public IActionResult D(string q) => Redirect("?q=" + WebUtility.UrlEncode(q));
                public IActionResult E(string q) => Redirect(Uri.EscapeDataString(q));
                public IActionResult F(string id) => Redirect(Url.Action("Show", "Orders", new { id })!);
                public IActionResult G(string id) => Redirect(Url.RouteUrl("orders", new { id })!);
                public IActionResult H(string id) => Redirect(Url.Page("/Orders/Show", new { id })!);
                public IActionResult I(string id) => Redirect(_links.GetPathByAction(HttpContext, "Show", "Orders", new { id })!);
                public IActionResult J(string id) => Redirect("~/orders/" + id);
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_AllowListEqualityHostCheckAndMapping()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;
            public class PartnerController : Controller
            {
                private static readonly HashSet<string> Partners = new(StringComparer.OrdinalIgnoreCase) { "https://a.example/", "https://b.example/" };
                public IActionResult A(string url)
                {
                    if (!Partners.Contains(url))
                    {
                        return BadRequest();
                    }

                    return Redirect(url);
                }

                public IActionResult B(string url) => url == "https://a.example/" ? Redirect(url) : NotFound();

                public IActionResult C(string url)
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "a.example")
                    {
                        return Redirect(uri.AbsoluteUri);
                    }

                    return BadRequest();
                }

                public IActionResult D(string partner) => Redirect(partner switch { "a" => "https://a.example/", _ => "/" });
                public IActionResult E(int id) => Redirect("https://a.example/" + id);
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ConfiguredSanitizerAndGuard()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            static class ReturnUrls
            {
                public static string Normalize(string url) => url;
                public static bool IsTrusted(string url) => url.Length < 10;
            }
            public class AccountController : Controller
            {
                public IActionResult A(string returnUrl) => Redirect(ReturnUrls.Normalize(returnUrl));
                public IActionResult B(string returnUrl) => ReturnUrls.IsTrusted(returnUrl) ? Redirect(returnUrl) : Redirect("/");
            }
            """,
            TestReferences.Web,
            "secure_coding.taint_sanitizers = M:ReturnUrls.Normalize(System.String), M:ReturnUrls.IsTrusted(System.String)");
    }

    // SQL-specific cleaning does not make a URL safe, and a URL check does not make SQL safe.
    [Fact]
    public async Task Detect_SanitizerOfAnotherKind()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using Microsoft.AspNetCore.Mvc;
            public class AccountController : Controller
            {
                private readonly DbCommandBuilder _quote = null!;
                private readonly DbCommand _cmd = null!;
                public IActionResult A(string {|#1:returnUrl|})
                {
                    if (Url.IsLocalUrl(returnUrl))
                    {
                        {|#2:_cmd.CommandText = "INSERT INTO visits VALUES ('" + returnUrl + "')"|};
                    }

                    return Redirect({|#0:_quote.QuoteIdentifier(returnUrl)|});
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At("SCR2001", 2, 1));
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_ControllerAndPageRedirects_BecomeLocalRedirects_FixAll()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            public class AccountController : Controller
            {
                public IActionResult A(string returnUrl) => Redirect({|SCR2006:returnUrl|});
                public IActionResult B(string returnUrl) => RedirectPermanent({|SCR2006:returnUrl|});
                public IActionResult C(string returnUrl) => this.RedirectPreserveMethod({|SCR2006:returnUrl|});
                public IActionResult D(string returnUrl) => RedirectPermanentPreserveMethod({|SCR2006:url: returnUrl|});
                public IActionResult E(string returnUrl) => new RedirectResult({|SCR2006:returnUrl|}, permanent: true);
            }
            public class LoginModel : PageModel
            {
                public IActionResult OnPost(string returnUrl) => Redirect({|SCR2006:returnUrl|});
            }
            """,
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            public class AccountController : Controller
            {
                public IActionResult A(string returnUrl) => LocalRedirect(returnUrl);
                public IActionResult B(string returnUrl) => LocalRedirectPermanent(returnUrl);
                public IActionResult C(string returnUrl) => this.LocalRedirectPreserveMethod(returnUrl);
                public IActionResult D(string returnUrl) => LocalRedirectPermanentPreserveMethod(localUrl: returnUrl);
                public IActionResult E(string returnUrl) => new LocalRedirectResult(returnUrl, permanent: true);
            }
            public class LoginModel : PageModel
            {
                public IActionResult OnPost(string returnUrl) => LocalRedirect(returnUrl);
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Fix_MinimalApiResults_BecomeLocalRedirect()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string next) => Results.Redirect({|SCR2006:next|}));
                    app.MapGet("/b", (string next) => TypedResults.Redirect({|SCR2006:next|}, permanent: true, preserveMethod: true));
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string next) => Results.LocalRedirect(next));
                    app.MapGet("/b", (string next) => TypedResults.LocalRedirect(next, permanent: true, preserveMethod: true));
                }
            }
            """,
            TestReferences.Web);
    }

    // HttpResponse.Redirect and the Location header have no local variant; a method declared to return RedirectResult
    // would not compile with LocalRedirect (SafeFix refuses it).
    [Fact]
    public async Task Fix_NotOffered_WithoutALocalVariantOrWhereTheResultTypeIsFixed()
    {
        var source = """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class AccountController : Controller
            {
                public void A(string returnUrl) => Response.Redirect({|SCR2006:returnUrl|});
                public void B(string returnUrl) => {|SCR2006:Response.Headers.Location = returnUrl|};
                public RedirectResult C(string returnUrl) => Redirect({|SCR2006:returnUrl|});
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(source, TestReferences.Web);
    }

    [Fact]
    public async Task Fix_NotOffered_AtTheCallOfAHelper()
    {
        var source = """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            static class Navigation
            {
                public static IResult Back(string url) => Results.Redirect(url);
            }
            public class ShopController : Controller
            {
                public IResult Back(string to) => Navigation.Back({|SCR2006:to|});
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(source, TestReferences.Web, CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }
}
