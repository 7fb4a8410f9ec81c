using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Web.AntiforgeryAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Web.AntiforgeryCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

public class AntiforgeryTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Antiforgery;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private const string CookieApp = """
        static class Startup
        {
            static void Configure(IServiceCollection services) => services.AddAuthentication("Cookies").AddCookie();
        }

        """;

    private const string Model = """
        public class Order { public int Id { get; set; } }

        """;

    // ---- Detect: SCR7005 ----

    [Fact]
    public async Task Detect_StateChangingActionsWithoutValidation()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + Model + """
            public class OrdersController : Controller
            {
                public IActionResult Index() => View();

                [HttpPost]
                public IActionResult {|SCR7005:Create|}(Order order) => RedirectToAction(nameof(Index));

                [HttpDelete("orders/{id}")]
                public IActionResult {|SCR7005:Delete|}(int id) => NoContent();

                [AcceptVerbs("GET", "POST")]
                public IActionResult {|SCR7005:Edit|}(Order order) => View(order);

                [HttpPut, HttpPatch]
                public Task<IActionResult> {|SCR7005:UpdateAsync|}(Order order) => Task.FromResult<IActionResult>(Ok());

                [HttpPost, AllowAnonymous]
                public IActionResult {|SCR7005:Login|}(string user, string password) => Redirect("/");
            }

            public abstract class AppController : Controller { }

            public class AccountController : AppController
            {
                [HttpPost]
                public IActionResult {|SCR7005:Logout|}() => Redirect("/");
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Detect_MessageNamesActionAndVerbs()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """
            public class HomeController : Controller
            {
                [HttpPut, HttpPost]
                public IActionResult {|#0:Save|}(string value) => Ok();
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic("SCR7005").WithLocation(0).WithArguments("HomeController.Save", "POST, PUT"));
    }

    [Fact]
    public async Task Detect_IgnoreOnClassOverriddenOnlyForSomeActions()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            [ValidateAntiForgeryToken]
            public class ProfileController : Controller
            {
                [HttpPost]
                public IActionResult Update(string name) => Ok();

                [HttpPost]
                [{|SCR7006:IgnoreAntiforgeryToken|}]
                public IActionResult Avatar(IFormFile file) => Ok();
            }
            """ + CookieApp, TestReferences.Web);
    }

    // ---- Detect: SCR7006 ----

    [Fact]
    public async Task Detect_IgnoredTokenInCookieAuthenticatedApp()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """
            [{|#0:IgnoreAntiforgeryToken|}]
            public class WebhookController : Controller
            {
                [HttpPost]
                public IActionResult Receive(string payload) => Ok();

                [HttpDelete]
                public IActionResult Remove(int id) => Ok();

                public IActionResult Index() => View();
            }

            public class CartController : Controller
            {
                [HttpPost, {|#1:IgnoreAntiforgeryToken|}]
                public IActionResult Add(int id) => Ok();

                [HttpPost, {|#2:RequireAntiforgeryToken(false)|}]
                public IActionResult Remove(int id) => Ok();
            }

            [ApiController, Route("api/files")]
            public class FilesController : ControllerBase
            {
                [HttpPost, {|#3:IgnoreAntiforgeryToken|}]
                public IActionResult Upload([FromForm] string name, IFormFile file) => Ok();
            }

            [{|#4:IgnoreAntiforgeryToken|}]
            public class ContactModel : PageModel
            {
                public void OnGet() { }
                public Task<IActionResult> OnPostAsync() => Task.FromResult<IActionResult>(Page());
            }

            static class Endpoints
            {
                static void Map(WebApplication app)
                {
                    app.MapPost("/upload", (IFormFile file) => Results.Ok()).{|#5:DisableAntiforgery()|};
                    app.MapPut("/profile", ([FromForm] string name) => Results.Ok()).WithName("profile").{|#6:DisableAntiforgery()|};
                }
            }

            static class Startup
            {
                static void Configure(IServiceCollection services) => services.AddIdentity<IdentityUserStub, IdentityRoleStub>();
            }

            public class IdentityUserStub { }
            public class IdentityRoleStub { }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic("SCR7006").WithLocation(0).WithArguments("[IgnoreAntiforgeryToken] on WebhookController", "DELETE, POST"),
            VerifyCS.Diagnostic("SCR7006").WithLocation(1).WithArguments("[IgnoreAntiforgeryToken] on CartController.Add", "POST"),
            VerifyCS.Diagnostic("SCR7006").WithLocation(2).WithArguments("[RequireAntiforgeryToken(false)] on CartController.Remove", "POST"),
            VerifyCS.Diagnostic("SCR7006").WithLocation(3).WithArguments("[IgnoreAntiforgeryToken] on FilesController.Upload", "POST"),
            VerifyCS.Diagnostic("SCR7006").WithLocation(4).WithArguments("[IgnoreAntiforgeryToken] on ContactModel", "POST"),
            VerifyCS.Diagnostic("SCR7006").WithLocation(5).WithArguments("DisableAntiforgery() on MapPost(\"/upload\")", "POST"),
            VerifyCS.Diagnostic("SCR7006").WithLocation(6).WithArguments("DisableAntiforgery() on MapPut(\"/profile\")", "PUT"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ValidatedActionsAndControllers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + Model + """
            public class OrdersController : Controller
            {
                [HttpPost, ValidateAntiForgeryToken]
                public IActionResult Create(Order order) => Ok();

                [HttpPost]
                [RequireAntiforgeryToken]
                public IActionResult Update(Order order) => Ok();

                [HttpPost]
                public async Task<IActionResult> Manual([FromServices] IAntiforgery antiforgery)
                {
                    await antiforgery.ValidateRequestAsync(HttpContext);
                    return Ok();
                }

                [HttpPost, ValidateAntiforgeryHeader]
                public IActionResult Custom() => Ok();

                [HttpPost, TypeFilter(typeof(CsrfCheck))]
                public IActionResult Filtered() => Ok();

                // Not state-changing, not actions.
                public IActionResult Index() => View();
                [HttpGet] public IActionResult Details(int id) => View();
                [HttpPost, NonAction] public void Helper() { }
                [HttpPost] internal void Internal() { }
                [HttpPost] public static void Static() { }
            }

            [AutoValidateAntiforgeryToken]
            public abstract class SecureController : Controller { }

            public class SettingsController : SecureController
            {
                [HttpPost] public IActionResult Save(string value) => Ok();
            }

            [IgnoreAntiforgeryToken]
            public class MixedController : Controller
            {
                [HttpPost, ValidateAntiForgeryToken] public IActionResult Save(string value) => Ok();
            }

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class ValidateAntiforgeryHeaderAttribute : System.Attribute { }

            public sealed class CsrfCheck : IAsyncAuthorizationFilter
            {
                private readonly IAntiforgery _antiforgery;
                public CsrfCheck(IAntiforgery antiforgery) => _antiforgery = antiforgery;
                public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
                {
                    if (!await _antiforgery.IsRequestValidAsync(context.HttpContext)) context.Result = new BadRequestResult();
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ApisAndTokenAuthenticatedControllers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + Model + """
            [ApiController, Route("api/orders")]
            public class OrdersApiController : Controller
            {
                [HttpPost] public IActionResult Create(Order order) => Ok();
            }

            public class LegacyApiController : ControllerBase
            {
                [HttpPost] public IActionResult Create(Order order) => Ok();
            }

            [Authorize(AuthenticationSchemes = "Bearer")]
            public class TokenController : Controller
            {
                [HttpPost] public IActionResult Refresh(string token) => Ok();
            }

            public class MixedSchemesController : Controller
            {
                [HttpPost, Authorize(AuthenticationSchemes = "Bearer,ApiKey")] public IActionResult Sync() => Ok();
            }

            public class ContactModel : PageModel
            {
                public IActionResult OnPost() => Page();
            }

            static class Endpoints
            {
                static void Map(WebApplication app)
                {
                    app.MapPost("/orders", (Order order) => Results.Ok());
                    app.MapPost("/upload", (IFormFile file) => Results.Ok());
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_AssemblyWideApiController()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            [assembly: ApiController]
            public class OrdersController : Controller
            {
                [HttpPost] public IActionResult Create(string name) => Ok();
            }
            """, TestReferences.Web);
    }

    [Theory]
    [InlineData("services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));")]
    [InlineData("services.AddControllersWithViews(o => o.Filters.Add<AutoValidateAntiforgeryTokenAttribute>());")]
    [InlineData("services.AddMvc(o => o.Filters.Add(typeof(ValidateAntiForgeryTokenAttribute)));")]
    [InlineData("services.Configure<MvcOptions>(o => o.Filters.Add(typeof(AutoValidateAntiforgeryTokenAttribute), order: 0));")]
    [InlineData("services.AddControllersWithViews(o => o.Filters.Add<CsrfGuard>());")]
    [InlineData("services.AddAuthentication().AddBearerToken();")]
    public async Task Safe_GlobalValidationOrTokenOnlyApplication(string registration)
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + $$"""
            public class OrdersController : Controller
            {
                [HttpPost] public IActionResult Create(string name) => Ok();
                [HttpDelete] public IActionResult Delete(int id) => Ok();
            }

            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    {{registration}}
                }
            }

            public sealed class CsrfGuard : IAsyncAuthorizationFilter
            {
                private readonly IAntiforgery _antiforgery;
                public CsrfGuard(IAntiforgery antiforgery) => _antiforgery = antiforgery;
                public Task OnAuthorizationAsync(AuthorizationFilterContext context) => _antiforgery.ValidateRequestAsync(context.HttpContext);
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ValidationMiddleware()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class OrdersController : Controller
            {
                [HttpPost] public IActionResult Create(string name) => Ok();
            }

            static class Pipeline
            {
                static void Use(WebApplication app, IAntiforgery antiforgery)
                {
                    app.Use(async (context, next) =>
                    {
                        if (HttpMethods.IsPost(context.Request.Method)) await antiforgery.ValidateRequestAsync(context);
                        await next(context);
                    });
                }
            }
            """, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_IgnoredTokenWithoutCookieAuthenticationOrWithTokens()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            [AutoValidateAntiforgeryToken]
            public class HooksController : Controller
            {
                [HttpPost, IgnoreAntiforgeryToken]
                public IActionResult Receive(string payload) => Ok();
            }

            static class Startup
            {
                static void Configure(IServiceCollection services) => services.AddAuthentication().AddBearerToken();
            }
            """, TestReferences.Web);

        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            [AutoValidateAntiforgeryToken]
            public class HooksController : Controller
            {
                [HttpPost, IgnoreAntiforgeryToken, Authorize(AuthenticationSchemes = "Bearer")]
                public IActionResult Receive(string payload) => Ok();

                [HttpGet, IgnoreAntiforgeryToken]
                public IActionResult Status() => Ok();
            }

            [ApiController, Route("api/items"), IgnoreAntiforgeryToken]
            public class ItemsController : ControllerBase
            {
                [HttpPost] public IActionResult Create([FromBody] string name) => Ok();
            }

            static class Endpoints
            {
                static void Map(WebApplication app)
                    => app.MapPost("/items", (string item) => Results.Ok()).DisableAntiforgery();
            }
            """ + CookieApp, TestReferences.Web);
    }

    [Fact]
    public async Task Safe_WithoutMvc()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            class HttpPostAttribute : System.Attribute { }
            class Controller { }
            class HomeController : Controller { [HttpPost] public void Save() { } }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class OrdersController : {|CS0246:Missing|}
            {
                [HttpPost] public IActionResult Create(string name) => {|CS0103:Ok|}();
                [{|CS0246:{|CS0246:Bogus|}|}, HttpPost, IgnoreAntiforgeryToken] public void Broken() { }
            }
            static class Endpoints
            {
                static void Map(WebApplication app) => app.MapPost("/x", (IFormFile file) => {|CS0103:undefined|}).DisableAntiforgery();
            }
            """, TestReferences.Web);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_AddsValidateAntiForgeryToken()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : Controller
            {
                /// <summary>Creates an order.</summary>
                [HttpPost]
                public IActionResult {|SCR7005:Create|}(string name) => Ok();

                [HttpDelete]
                [Route("orders/{id}")]
                public IActionResult {|SCR7005:Delete|}(int id) => Ok();
            }
            """,
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : Controller
            {
                /// <summary>Creates an order.</summary>
                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Create(string name) => Ok();

                [HttpDelete]
                [Route("orders/{id}")]
                [ValidateAntiForgeryToken]
                public IActionResult Delete(int id) => Ok();
            }
            """,
            TestReferences.Web,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_AddsTheUsing()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            public class OrdersController : Microsoft.AspNetCore.Mvc.Controller
            {
                [Microsoft.AspNetCore.Mvc.AcceptVerbs("POST")]
                public void {|SCR7005:Create|}(string name) { }
            }
            """,
            """
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : Microsoft.AspNetCore.Mvc.Controller
            {
                [Microsoft.AspNetCore.Mvc.AcceptVerbs("POST")]
                [ValidateAntiForgeryToken]
                public void Create(string name) { }
            }
            """,
            TestReferences.Web,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_NotOfferedForIgnoredTokens()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            Usings + """
            public class CartController : Controller
            {
                [HttpPost, {|SCR7006:IgnoreAntiforgeryToken|}]
                public IActionResult Add(int id) => Ok();
            }
            """ + CookieApp,
            TestReferences.Web,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }
}
