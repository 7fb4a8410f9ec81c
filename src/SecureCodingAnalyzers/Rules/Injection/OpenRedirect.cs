using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2006: untrusted URLs given to redirects (MVC and Razor Pages <c>Redirect*</c>, <c>RedirectResult</c>,
/// <c>HttpResponse.Redirect</c>, minimal-API <c>Results.Redirect</c>). <c>LocalRedirect</c> is safe; a dominating
/// <c>Url.IsLocalUrl</c> check, a host check against constants, URL encoding and a constant prefix that fixes the
/// host or a local path clean the value.
/// </summary>
internal static class OpenRedirect
{
    private const string Target = "a redirect target";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.OpenRedirect,
        SinkKind.Redirect,
        ImmutableArray.Create(
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Mvc.ControllerBase", "Redirect", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Mvc.ControllerBase", "RedirectPermanent", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Mvc.ControllerBase", "RedirectPreserveMethod", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Mvc.ControllerBase", "RedirectPermanentPreserveMethod", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "Redirect", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "RedirectPermanent", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Mvc.RedirectResult", ".ctor", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Http.HttpResponse", "Redirect", Target, "location"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Http.Results", "Redirect", Target, "url"),
            Sink(SinkKind.Redirect, "Microsoft.AspNetCore.Http.TypedResults", "Redirect", Target, "url")),
        ImmutableArray<ApiSpec>.Empty);
}
