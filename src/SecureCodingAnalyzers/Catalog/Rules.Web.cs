using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// SCR7xxx: web and ASP.NET Core. Rules know the framework's defaults and conventions (API controllers, global
/// filters, token authentication, environment checks) so that they report what an attacker can use, not every
/// setting that differs from a checklist.
/// </summary>
public static partial class Rules
{
    /// <summary>SCR7001: a session or authentication cookie without Secure.</summary>
    public static readonly DiagnosticDescriptor CookieWithoutSecure = DescriptorFactory.Create(
        "SCR7001",
        "Mark session and authentication cookies Secure",
        "{0} {1}; set Secure = true (CookieSecurePolicy.Always)",
        RuleCategory.Web,
        RuleLevel.Warning,
        [614],
        [Iec62443.SI2, Iec62443.SD4],
        "A cookie without the Secure attribute is also sent over plain HTTP, where anyone on the network path can read it and take over the session. Session, authentication and antiforgery cookies must be sent over HTTPS only.");

    /// <summary>SCR7002: a session or authentication cookie without HttpOnly.</summary>
    public static readonly DiagnosticDescriptor CookieWithoutHttpOnly = DescriptorFactory.Create(
        "SCR7002",
        "Mark session and authentication cookies HttpOnly",
        "{0} {1}; set HttpOnly = true",
        RuleCategory.Web,
        RuleLevel.Warning,
        [1004],
        [Iec62443.SI2, Iec62443.SD4],
        "A session or authentication cookie readable from JavaScript turns any cross-site scripting flaw into a session takeover. Scripts never need to read these cookies: mark them HttpOnly.");

    /// <summary>SCR7003: a session or authentication cookie with SameSite=None.</summary>
    public static readonly DiagnosticDescriptor CookieSameSiteNone = DescriptorFactory.Create(
        "SCR7003",
        "Do not send session and authentication cookies with cross-site requests",
        "{0} {1}; use SameSite Lax or Strict",
        RuleCategory.Web,
        RuleLevel.Warning,
        [1275, 352],
        [Iec62443.SI2, Iec62443.SD4],
        "SameSite=None sends the cookie with requests that other sites trigger, which re-opens cross-site request forgery and cross-site leaks. Use Lax (or Strict) for session and authentication cookies; only cookies of flows that really cross sites (external sign-in correlation) need None, together with Secure.");

    /// <summary>SCR7004: CORS allowing any origin with credentials.</summary>
    public static readonly DiagnosticDescriptor PermissiveCorsWithCredentials = DescriptorFactory.Create(
        "SCR7004",
        "Do not allow credentialed cross-origin requests from any origin",
        "{0} {1}; list the trusted origins with WithOrigins",
        RuleCategory.Web,
        RuleLevel.Warning,
        [942],
        [Iec62443.SI2, Iec62443.SD4],
        "A CORS policy that accepts every origin and allows credentials lets any web site a user visits call the API with the user's cookies and read the answers. ASP.NET Core refuses AllowAnyOrigin with AllowCredentials, but SetIsOriginAllowed(_ => true) or reflecting the request's Origin header does the same. Allow credentials only for an explicit list of origins.");

    /// <summary>SCR7005: an MVC form post without antiforgery validation.</summary>
    public static readonly DiagnosticDescriptor MissingAntiforgeryValidation = DescriptorFactory.Create(
        "SCR7005",
        "Validate antiforgery tokens on state-changing MVC actions",
        "{0} handles HTTP {1} without antiforgery validation; add [ValidateAntiForgeryToken] or register AutoValidateAntiforgeryTokenAttribute globally",
        RuleCategory.Web,
        RuleLevel.Warning,
        [352],
        [Iec62443.SI2, Iec62443.SD4],
        "A browser sends the user's cookies with a form post that another site triggers. An MVC action that changes state on a cookie-authenticated request without checking an antiforgery token can be invoked by any page the user visits. API controllers ([ApiController]) authenticated by tokens, Razor Pages and applications with a global antiforgery filter are protected already and are not reported.");

    /// <summary>SCR7006: antiforgery validation switched off on a cookie-authenticated post.</summary>
    public static readonly DiagnosticDescriptor IgnoredAntiforgeryToken = DescriptorFactory.Create(
        "SCR7006",
        "Do not switch off antiforgery validation on cookie-authenticated posts",
        "{0} turns off antiforgery validation for HTTP {1} on a cookie-authenticated endpoint; remove [IgnoreAntiforgeryToken] or authenticate the endpoint with tokens",
        RuleCategory.Web,
        RuleLevel.Warning,
        [352],
        [Iec62443.SI2, Iec62443.SD4],
        "[IgnoreAntiforgeryToken] or DisableAntiforgery on a state-changing endpoint that browsers reach with cookies reopens cross-site request forgery. Keep validation on; endpoints meant for machine clients should authenticate with bearer tokens instead of cookies.");

    /// <summary>SCR7007: the developer exception page outside a development check.</summary>
    public static readonly DiagnosticDescriptor DeveloperExceptionPage = DescriptorFactory.Create(
        "SCR7007",
        "Show the developer exception page only in development",
        "{0} enables {1} outside a development-environment check; wrap it in if (app.Environment.IsDevelopment())",
        RuleCategory.Web,
        RuleLevel.Warning,
        [489, 209],
        [Iec62443.SI2, Iec62443.SD4],
        "The developer exception page and database error page show stack traces, source lines, configuration and query text to whoever triggers an error. Enable them only inside an IsDevelopment() check and use UseExceptionHandler in production.");

    /// <summary>SCR7008: exception details returned in a response.</summary>
    public static readonly DiagnosticDescriptor ExceptionDetailsInResponse = DescriptorFactory.Create(
        "SCR7008",
        "Do not return exception details to clients",
        "{0} returns {1} to the client; log it and return a generic message with a correlation id",
        RuleCategory.Web,
        RuleLevel.Warning,
        [209],
        [Iec62443.SI2, Iec62443.SD4],
        "Stack traces and exception text reveal file paths, library versions, SQL statements and internal host names that help an attacker aim the next request. Log the exception on the server and return a generic error with a correlation id.");

    /// <summary>SCR7009: JWT validation switched off.</summary>
    public static readonly DiagnosticDescriptor JwtValidationDisabled = DescriptorFactory.Create(
        "SCR7009",
        "Do not switch off JWT signature or lifetime validation",
        "{0} {1}; keep token validation on",
        RuleCategory.Web,
        RuleLevel.Warning,
        [347, 287],
        [Iec62443.SI2, Iec62443.SD4],
        "A bearer token is only as trustworthy as its validation. Switching off signature validation (RequireSignedTokens = false, a SignatureValidator that returns the token unchecked) accepts tokens anybody can forge, and switching off lifetime validation (ValidateLifetime, RequireExpirationTime, a LifetimeValidator that accepts everything) accepts stolen tokens forever. ValidateIssuerSigningKey = false is the default and does not skip the signature check.");

    /// <summary>SCR7010: secrets or authorization headers written to logs.</summary>
    public static readonly DiagnosticDescriptor SensitiveDataInLog = DescriptorFactory.Create(
        "SCR7010",
        "Do not write secrets or authorization headers to logs",
        "{0} writes {1} to a log; log that it was present, never its value",
        RuleCategory.Web,
        RuleLevel.Warning,
        [532],
        [Iec62443.SI2, Iec62443.SD4],
        "Logs are kept long, shipped to many systems and read by many people. A password, token, API key or Authorization header written to a log lets anyone with log access impersonate the user or the service.");

    /// <summary>SCR7011: regular expressions on request data without a timeout.</summary>
    public static readonly DiagnosticDescriptor RegexWithoutTimeout = DescriptorFactory.Create(
        "SCR7011",
        "Match request data only with regular expressions that cannot backtrack without limit",
        "{0} flows into {1} with a pattern that can backtrack catastrophically and no timeout; pass a match timeout or use RegexOptions.NonBacktracking",
        RuleCategory.Web,
        RuleLevel.Warning,
        [1333],
        [Iec62443.SI2, Iec62443.SD4],
        "A pattern with nested or overlapping quantifiers can take exponential time on a crafted input. Matched against request data without a timeout, one request can occupy a CPU for minutes (ReDoS). Pass a match timeout, use RegexOptions.NonBacktracking, or rewrite the pattern.");
}
