using System;
using System.Linq;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>Where a web-app member goes: the startup class (services and pipeline) or the MVC controller.</summary>
internal enum WebAppPart
{
    Startup,
    Controller,
}

/// <summary>
/// The web front ends of the realistic corpus: a startup class (cookie authentication, sessions, CORS, error handling,
/// a middleware) and an MVC controller with views and form posts, for the web (SCR7xxx) and secrets (SCR6002, SCR6005)
/// rules. Safe members follow the documented compliant idioms (Secure/HttpOnly cookies, named CORS origins,
/// antiforgery validation, the developer exception page in development only, <c>ex.Message</c> and problem details in
/// responses, structured logging without secrets, regular expressions with a timeout or the non-backtracking engine,
/// secrets from configuration); each file carries one or two planted insecure members, round-robin over
/// <see cref="InsecureMembers"/>, whose reported line ends with a <see cref="PlantedFindings.Marker"/>.
/// No member registers a global antiforgery filter or middleware: that would silence SCR7005 for the whole compilation.
/// </summary>
internal static class WebAppTemplates
{
    public static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.Linq", "System.Security.Cryptography", "System.Text.RegularExpressions",
        "System.Threading", "System.Threading.Tasks", "Contoso.Core", "Microsoft.AspNetCore.Antiforgery",
        "Microsoft.AspNetCore.Authentication.Cookies", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Builder",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Identity", "Microsoft.AspNetCore.Mvc",
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Logging",
    ];

    /// <summary>A pattern with a nested quantifier (catastrophic backtracking); safe only with the non-backtracking engine or a timeout.</summary>
    private const string BacktrackingEmail = @"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}[a-z]{2,3}$";

    public static string ControllerHeader(MemberContext c) => $$"""
        private readonly IRepository<{{c.Entity}}> _repository;
        private readonly UserManager<{{c.Entity}}> _users;
        private readonly IAntiforgery _antiforgery;
        private readonly IConfiguration _configuration;
        private readonly ILogger<{{c.Class}}> _logger;

        public {{c.Class}}(IRepository<{{c.Entity}}> repository, UserManager<{{c.Entity}}> users, IAntiforgery antiforgery, IConfiguration configuration, ILogger<{{c.Class}}> logger)
        {
            _repository = repository;
            _users = users;
            _antiforgery = antiforgery;
            _configuration = configuration;
            _logger = logger;
        }
        """;

    /// <summary>Service registrations and pipeline steps, each a static method the host composes.</summary>
    public static readonly Func<MemberContext, string>[] SafeStartupMembers =
    [
        c => $$"""
            public static void AddCors{{c.M}}(IServiceCollection services, IConfiguration configuration)
            {
                var origins = configuration.GetSection("Cors:{{c.Entity}}Origins").Get<string[]>() ?? ["https://portal.contoso.example"];
                services.AddCors(options =>
                {
                    options.AddPolicy("{{c.Route}}-spa", policy => policy.WithOrigins(origins).AllowAnyHeader().AllowCredentials());
                    options.AddPolicy("{{c.Route}}-public", policy => policy.AllowAnyOrigin().WithMethods("GET"));
                });
            }
            """,
        c => $$"""
            public static void AddCookieAuthentication{{c.M}}(IServiceCollection services)
            {
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                    .AddCookie(options =>
                    {
                        options.Cookie.Name = "__Host-{{c.Route}}";
                        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                        options.Cookie.HttpOnly = true;
                        options.Cookie.SameSite = SameSiteMode.Lax;
                        options.LoginPath = "/{{c.Route}}/signin";
                        options.ExpireTimeSpan = TimeSpan.FromHours(8);
                        options.SlidingExpiration = true;
                    });
            }
            """,
        c => $$"""
            public static void AddSession{{c.M}}(IServiceCollection services)
            {
                services.AddDistributedMemoryCache();
                services.AddSession(options =>
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    options.Cookie.HttpOnly = true;
                    options.Cookie.IsEssential = true;
                    options.IdleTimeout = TimeSpan.FromMinutes(20);
                });
            }
            """,
        c => $$"""
            public static void UseErrorPages{{c.M}}(WebApplication app)
            {
                if (app.Environment.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }
                else
                {
                    app.UseExceptionHandler("/{{c.Route}}/error");
                    app.UseHsts();
                }

                app.UseHttpsRedirection();
                app.UseStatusCodePages();
            }
            """,
        c => $$"""
            public static void UseProblemDetails{{c.M}}(WebApplication app, ILogger logger)
            {
                app.UseExceptionHandler(error => error.Run(async context =>
                {
                    var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                    logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    await context.Response.WriteAsJsonAsync(new { title = "An error occurred.", traceId = context.TraceIdentifier }).ConfigureAwait(false);
                }));
            }
            """,
        c => $$"""
            public static void UseSecurityHeaders{{c.M}}(WebApplication app, ILogger logger)
            {
                app.Use(async (context, next) =>
                {
                    context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                    context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                    context.Response.Headers["Content-Security-Policy"] = "default-src 'self'";
                    logger.LogDebug("{Method} {Path}, authenticated: {HasAuthorization}", context.Request.Method, context.Request.Path, context.Request.Headers.ContainsKey("Authorization"));
                    await next(context).ConfigureAwait(false);
                });
            }
            """,
        c => $$"""
            public static void AddIdentityCookies{{c.M}}(IServiceCollection services)
            {
                services.ConfigureApplicationCookie(options =>
                {
                    options.Cookie.SameSite = SameSiteMode.Lax;
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    options.AccessDeniedPath = "/{{c.Route}}/denied";
                });
                services.AddAntiforgery(options =>
                {
                    options.HeaderName = "X-XSRF-TOKEN";
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                });
            }
            """,
        c => $$"""
            public static void AddPartnerSignIn{{c.M}}(IServiceCollection services, IConfiguration configuration)
            {
                services.AddAuthentication().AddOAuth("{{c.Route}}-partner", options =>
                {
                    options.ClientId = configuration["Partner:ClientId"] ?? "{{c.Route}}-portal";
                    options.ClientSecret = configuration["Partner:ClientSecret"]!;
                    options.AuthorizationEndpoint = "https://login.partner.example/oauth2/authorize";
                    options.TokenEndpoint = "https://login.partner.example/oauth2/token";
                    options.CallbackPath = "/{{c.Route}}/signin-partner";
                    options.UsePkce = true;
                });
            }
            """,
        c => $$"""
            public static void AddMvc{{c.M}}(IServiceCollection services)
            {
                services.AddControllersWithViews(options => options.MaxModelValidationErrors = 50);
                services.AddProblemDetails();
                services.AddHealthChecks();
            }
            """,
    ];

    /// <summary>Actions of a browser front end: views, form posts, sign-in, preferences.</summary>
    public static readonly Func<MemberContext, string>[] SafeControllerMembers =
    [
        c => $$"""
            [HttpGet("v{{c.M}}/{id:guid}")]
            public async Task<IActionResult> Details{{c.M}}(Guid id, CancellationToken cancellationToken)
            {
                var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                return entity is null ? NotFound() : View(entity);
            }
            """,
        c => $$"""
            [HttpPost("v{{c.M}}/{id:guid}/rename"), ValidateAntiForgeryToken]
            public async Task<IActionResult> Rename{{c.M}}(Guid id, [FromForm] string name, CancellationToken cancellationToken)
            {
                var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (entity is null)
                {
                    return NotFound();
                }

                entity.Name = name.Trim();
                entity.UpdatedAt = DateTimeOffset.UtcNow;
                await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Renamed {Id}", id);
                return RedirectToAction("Details", new { id });
            }
            """,
        c => $$"""
            [HttpPost("v{{c.M}}/signin"), ValidateAntiForgeryToken]
            public async Task<IActionResult> SignIn{{c.M}}([FromForm] string userName, [FromForm] string password)
            {
                var user = await _users.FindByNameAsync(userName).ConfigureAwait(false);
                if (user is null || !await _users.CheckPasswordAsync(user, password).ConfigureAwait(false))
                {
                    _logger.LogWarning("Sign-in rejected for {User}", userName);
                    return Unauthorized();
                }

                var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
                Response.Cookies.Append("session", session, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromHours(8) });
                return RedirectToAction("Details", new { id = user.Id });
            }
            """,
        c => $$"""
            [HttpPost("v{{c.M}}/theme"), ValidateAntiForgeryToken]
            public IActionResult SetTheme{{c.M}}([FromForm] string theme)
            {
                // A preference, not a credential: readable by scripts on purpose.
                Response.Cookies.Append("theme", theme == "dark" ? "dark" : "light");
                return NoContent();
            }
            """,
        c => $$"""
            [HttpGet("v{{c.M}}/xsrf")]
            public IActionResult RefreshToken{{c.M}}()
            {
                var tokens = _antiforgery.GetAndStoreTokens(HttpContext);
                Response.Cookies.Append("XSRF-TOKEN", tokens.RequestToken!, new CookieOptions { HttpOnly = false, Secure = true, SameSite = SameSiteMode.Strict });
                return NoContent();
            }
            """,
        c => $$"""
            [HttpGet("v{{c.M}}/search")]
            public async Task<IActionResult> Search{{c.M}}([FromQuery] string term, CancellationToken cancellationToken)
            {
                if (!Regex.IsMatch(term, @"^[\w .'-]{1,64}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)))
                {
                    return BadRequest();
                }

                var matches = await _repository.ListAsync(e => e.Name.Contains(term, StringComparison.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false);
                return View(matches);
            }
            """,
        c => $$"""
            [HttpPost("v{{c.M}}/contact"), ValidateAntiForgeryToken]
            public async Task<IActionResult> ChangeContact{{c.M}}(Guid id, [FromForm] string email, CancellationToken cancellationToken)
            {
                if (!Regex.IsMatch(email, @"{{BacktrackingEmail}}", RegexOptions.NonBacktracking))
                {
                    ModelState.AddModelError(nameof(email), "Enter a valid e-mail address.");
                    return View();
                }

                var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (entity is null)
                {
                    return NotFound();
                }

                entity.Email = email;
                await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                return RedirectToAction("Details", new { id });
            }
            """,
        c => $$"""
            [HttpPost("v{{c.M}}/{id:guid}/archive"), ValidateAntiForgeryToken]
            public async Task<IActionResult> Archive{{c.M}}(Guid id, CancellationToken cancellationToken)
            {
                try
                {
                    var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new DomainException("Unknown {{c.Camel}}.");
                    entity.Status = {{c.Entity}}Status.Archived;
                    await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                    return RedirectToAction("Details", new { id });
                }
                catch (DomainException ex)
                {
                    return BadRequest(ex.Message);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Archiving {Id} failed", id);
                    return Problem(detail: "The {{c.Camel}} could not be archived.", statusCode: StatusCodes.Status500InternalServerError);
                }
            }
            """,
        c => $$"""
            [HttpPost("v{{c.M}}/password"), ValidateAntiForgeryToken]
            public async Task<IActionResult> ChangePassword{{c.M}}([FromForm] string userName, [FromForm] string currentPassword, [FromForm] string newPassword)
            {
                var user = await _users.FindByNameAsync(userName).ConfigureAwait(false);
                if (user is null)
                {
                    return NotFound();
                }

                var result = await _users.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
                _logger.LogInformation("Password change for {User}: {Succeeded}", userName, result.Succeeded);
                return result.Succeeded ? RedirectToAction("Details", new { id = user.Id }) : View();
            }
            """,
        c => $$"""
            [HttpPost("v{{c.M}}/webhook"), IgnoreAntiforgeryToken, Authorize(AuthenticationSchemes = "Bearer")]
            public async Task<IActionResult> Webhook{{c.M}}([FromBody] Create{{c.Entity}}Request request, CancellationToken cancellationToken)
            {
                // A machine client with a bearer token: browsers do not attach it, so there is nothing to forge.
                var entity = new {{c.Entity}} { Name = request.Name, Email = request.Email, Region = request.Region, Amount = request.Amount };
                await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                _logger.LogDebug("Webhook accepted {Id}, authenticated: {HasAuthorization}", entity.Id, Request.Headers.ContainsKey("Authorization"));
                return Accepted();
            }
            """,
        c => $$"""
            [HttpGet("v{{c.M}}/export")]
            public async Task<IActionResult> Export{{c.M}}(string region, CancellationToken cancellationToken)
            {
                var rows = await _repository.ListAsync(e => e.Region == region, cancellationToken).ConfigureAwait(false);
                var endpoint = _configuration["Export:Endpoint"] ?? "https://export.contoso.example";
                _logger.LogInformation("Exporting {Count} rows to {Endpoint}", rows.Count, endpoint);
                return File(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows.Select(r => r.Name))), "text/csv", "{{c.Route}}.csv");
            }
            """,
    ];

    /// <summary>Planted insecure members, interleaved so that consecutive picks cycle through the rules.</summary>
    public static readonly (string RuleId, WebAppMember Member)[] InsecureMembers = CorpusTemplates.Interleave<WebAppMember>(
    [
        ("SCR7001",
        [
            Action(c => $$"""
                [HttpPost("v{{c.M}}/remember"), ValidateAntiForgeryToken]
                public IActionResult RememberDevice{{c.M}}()
                {
                    var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                    Response.Cookies.Append("auth_token", token); {{PlantedFindings.Marker("SCR7001", "SCR7002")}}
                    return NoContent();
                }
                """),
            Startup(c => $$"""
                public static void AddCookieAuthentication{{c.M}}(IServiceCollection services)
                {
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                        .AddCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.None); {{PlantedFindings.Marker("SCR7001")}}
                }
                """),
        ]),
        ("SCR7002",
        [
            Action(c => $$"""
                [HttpPost("v{{c.M}}/token"), ValidateAntiForgeryToken]
                public async Task<IActionResult> IssueToken{{c.M}}([FromForm] string userName, [FromForm] string password)
                {
                    var user = await _users.FindByNameAsync(userName).ConfigureAwait(false);
                    if (user is null || !await _users.CheckPasswordAsync(user, password).ConfigureAwait(false))
                    {
                        return Unauthorized();
                    }

                    var jwt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
                    Response.Cookies.Append("jwt", jwt, new CookieOptions { Secure = true, SameSite = SameSiteMode.Strict }); {{PlantedFindings.Marker("SCR7002")}}
                    return NoContent();
                }
                """),
            Startup(c => $$"""
                public static void AddSession{{c.M}}(IServiceCollection services)
                {
                    services.AddDistributedMemoryCache();
                    services.AddSession(options => options.Cookie.HttpOnly = false); {{PlantedFindings.Marker("SCR7002")}}
                }
                """),
        ]),
        ("SCR7003",
        [
            Startup(c => $$"""
                public static void AddIdentityCookies{{c.M}}(IServiceCollection services)
                {
                    // Set for an embedded partner page; sends the sign-in cookie with every cross-site request.
                    services.ConfigureApplicationCookie(options => options.Cookie.SameSite = SameSiteMode.None); {{PlantedFindings.Marker("SCR7003")}}
                }
                """),
            Action(c => $$"""
                [HttpPost("v{{c.M}}/resume"), ValidateAntiForgeryToken]
                public IActionResult ResumeSession{{c.M}}()
                {
                    var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
                    Response.Cookies.Append("session", session, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.None }); {{PlantedFindings.Marker("SCR7003")}}
                    return NoContent();
                }
                """),
        ]),
        ("SCR7004",
        [
            Startup(c => $$"""
                public static void AddCors{{c.M}}(IServiceCollection services)
                {
                    services.AddCors(options => options.AddPolicy("{{c.Route}}-partners", policy => policy.SetIsOriginAllowed(_ => true).AllowAnyHeader().AllowCredentials())); {{PlantedFindings.Marker("SCR7004")}}
                }
                """),
        ]),
        ("SCR7005",
        [
            Action(c => $$"""
                [HttpPost("v{{c.M}}/{id:guid}/suspend")]
                public async Task<IActionResult> Suspend{{c.M}}(Guid id, CancellationToken cancellationToken) {{PlantedFindings.Marker("SCR7005")}}
                {
                    var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                    if (entity is null)
                    {
                        return NotFound();
                    }

                    entity.Status = {{c.Entity}}Status.Suspended;
                    await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                    return RedirectToAction("Details", new { id });
                }
                """),
        ]),
        ("SCR7006",
        [
            Action(c => $$"""
                [HttpPost("v{{c.M}}/{id:guid}/delete"), IgnoreAntiforgeryToken] {{PlantedFindings.Marker("SCR7006")}}
                public async Task<IActionResult> Delete{{c.M}}(Guid id, CancellationToken cancellationToken)
                {
                    await _repository.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
                    return RedirectToAction("Details");
                }
                """),
        ]),
        ("SCR7007",
        [
            Startup(c => $$"""
                public static void UseErrorPages{{c.M}}(WebApplication app)
                {
                    app.UseDeveloperExceptionPage(); {{PlantedFindings.Marker("SCR7007")}}
                    app.UseHttpsRedirection();
                    app.UseStatusCodePages();
                }
                """),
        ]),
        ("SCR7008",
        [
            Action(c => $$"""
                [HttpPost("v{{c.M}}/{id:guid}/recalculate"), ValidateAntiForgeryToken]
                public async Task<IActionResult> Recalculate{{c.M}}(Guid id, CancellationToken cancellationToken)
                {
                    try
                    {
                        var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new DomainException("Unknown {{c.Camel}}.");
                        entity.Amount = Math.Round(entity.Amount * 1.19m, 2);
                        await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                        return RedirectToAction("Details", new { id });
                    }
                    catch (Exception ex)
                    {
                        return StatusCode(StatusCodes.Status500InternalServerError, ex.ToString()); {{PlantedFindings.Marker("SCR7008")}}
                    }
                }
                """),
            Startup(c => $$"""
                public static void UseProblemDetails{{c.M}}(WebApplication app)
                {
                    app.UseExceptionHandler(error => error.Run(async context =>
                    {
                        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                        await context.Response.WriteAsync(exception?.ToString() ?? "error").ConfigureAwait(false); {{PlantedFindings.Marker("SCR7008")}}
                    }));
                }
                """),
        ]),
        ("SCR7010",
        [
            Action(c => $$"""
                [HttpGet("v{{c.M}}/whoami")]
                public IActionResult WhoAmI{{c.M}}()
                {
                    _logger.LogDebug("Incoming request with {Authorization}", Request.Headers["Authorization"].ToString()); {{PlantedFindings.Marker("SCR7010")}}
                    return Ok(User.Identity?.Name);
                }
                """),
            Action(c => $$"""
                [HttpPost("v{{c.M}}/login"), ValidateAntiForgeryToken]
                public async Task<IActionResult> Login{{c.M}}([FromForm] string userName, [FromForm] string password)
                {
                    _logger.LogInformation("Login {User} with {Password}", userName, password); {{PlantedFindings.Marker("SCR7010")}}
                    var user = await _users.FindByNameAsync(userName).ConfigureAwait(false);
                    return user is not null && await _users.CheckPasswordAsync(user, password).ConfigureAwait(false) ? RedirectToAction("Details", new { id = user.Id }) : Unauthorized();
                }
                """),
        ]),
        ("SCR7011",
        [
            Action(c => $$"""
                [HttpPost("v{{c.M}}/register"), ValidateAntiForgeryToken]
                public IActionResult Register{{c.M}}([FromForm] string email)
                    => Regex.IsMatch(email, @"{{BacktrackingEmail}}") {{PlantedFindings.Marker("SCR7011")}}
                        ? RedirectToAction("Details")
                        : View();
                """),
        ]),
        ("SCR6005",
        [
            Action(c => $$"""
                [HttpPost("v{{c.M}}/maintenance"), ValidateAntiForgeryToken]
                public IActionResult Maintenance{{c.M}}([FromForm] string userName, [FromForm] string password)
                {
                    if (userName == "admin" && password == "Tr0ub4dor&3") {{PlantedFindings.Marker("SCR6005")}}
                    {
                        return View();
                    }

                    return Unauthorized();
                }
                """),
        ]),
        ("SCR6002",
        [
            Startup(c => $$"""
                public static void AddPartnerSignIn{{c.M}}(IServiceCollection services)
                {
                    services.AddAuthentication().AddOAuth("{{c.Route}}-partner", options =>
                    {
                        options.ClientId = "{{c.Route}}-portal";
                        options.ClientSecret = "Xq8~fLw2.Zr-0pKd9sVb"; {{PlantedFindings.Marker("SCR6002")}}
                        options.AuthorizationEndpoint = "https://login.partner.example/oauth2/authorize";
                        options.TokenEndpoint = "https://login.partner.example/oauth2/token";
                        options.CallbackPath = "/{{c.Route}}/signin-partner";
                    });
                }
                """),
        ]),
    ]);

    private static WebAppMember Startup(Func<MemberContext, string> template) => new(WebAppPart.Startup, template);

    private static WebAppMember Action(Func<MemberContext, string> template) => new(WebAppPart.Controller, template);
}

/// <summary>A web-app member template and the class it belongs in.</summary>
internal sealed record WebAppMember(WebAppPart Part, Func<MemberContext, string> Template);
