using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Web.ExceptionDetailsResponseAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

public class ExceptionDetailsResponseTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerResults()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController : ControllerBase
            {
                public IActionResult A()
                {
                    try { return Ok(); }
                    catch (Exception ex) { return StatusCode(500, {|#0:ex.ToString()|}); }
                }

                public IActionResult B()
                {
                    try { return Ok(); }
                    catch (Exception ex) { return BadRequest([|ex.StackTrace|]); }
                }

                public IActionResult C()
                {
                    try { return Ok(); }
                    catch (Exception ex) { return Problem(detail: [|ex.ToString()|], statusCode: 500); }
                }

                public IActionResult D()
                {
                    try { return Ok(); }
                    catch (InvalidOperationException ex) { return StatusCode(500, [|ex|]); }
                }

                public IActionResult E()
                {
                    try { return Ok(); }
                    catch (Exception ex) { return Content([|$"Failed: {ex}"|]); }
                }

                public IActionResult F()
                {
                    try { return Ok(); }
                    catch (Exception ex) { return Ok([|new { error = ex.Message, trace = ex.StackTrace }|]); }
                }

                public IActionResult G()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        var details = "Error: " + ex.InnerException?.ToString();
                        return new ObjectResult([|details|]) { StatusCode = 500 };
                    }
                }

                public IActionResult H()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        var problem = new ProblemDetails { Title = "Error", Detail = [|ex.ToString()|] };
                        problem.Extensions["trace"] = [|ex.StackTrace|];
                        return new ObjectResult(problem);
                    }
                }
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("StatusCode", "the exception text with its stack trace"));
    }

    [Fact]
    public async Task Detect_MinimalApiAndMiddleware()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Diagnostics;
            using Microsoft.AspNetCore.Http;
            static class Errors
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/x", () =>
                    {
                        try { return Results.Ok(); }
                        catch (Exception ex) { return Results.Problem([|ex.ToString()|]); }
                    });

                    app.UseExceptionHandler(builder => builder.Run(async context =>
                    {
                        var feature = context.Features.Get<IExceptionHandlerFeature>();
                        context.Response.StatusCode = 500;
                        await context.Response.WriteAsync([|feature!.Error.ToString()|]);
                    }));

                    app.UseExceptionHandler(builder => builder.Run(async context =>
                    {
                        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                        await context.Response.WriteAsJsonAsync([|new { message = "failed", error }|]);
                    }));
                }
            }
            """,
            TestReferences.Web);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_GenericMessagesLoggingAndMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Hosting;
            using Microsoft.Extensions.Logging;
            public class OrdersController : ControllerBase
            {
                private readonly ILogger<OrdersController> _logger;
                private readonly IWebHostEnvironment _env;
                public OrdersController(ILogger<OrdersController> logger, IWebHostEnvironment env) { _logger = logger; _env = env; }

                public IActionResult A()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Order failed: {Details}", ex.ToString());
                        return StatusCode(500, "An unexpected error occurred.");
                    }
                }

                public IActionResult B()
                {
                    try { return Ok(); }
                    catch (ArgumentException ex) { return BadRequest(ex.Message); }
                    catch (InvalidOperationException ex) { return Problem(detail: ex.Message, title: ex.GetType().Name); }
                }

                public IActionResult C()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        return Problem(detail: _env.IsDevelopment() ? ex.ToString() : "See the server log.", statusCode: 500);
                    }
                }

                public IActionResult D()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        if (_env.IsDevelopment())
                        {
                            return StatusCode(500, ex.ToString());
                        }

                        _logger.LogError(ex, "failed");
                        return Problem(detail: "Correlation id " + Activity.Current?.Id);
                    }
                }

                public IActionResult E()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        var text = ex.ToString();
                        _logger.LogError(text);
                        return StatusCode(500, Describe(ex));
                    }
                }

                private static string Describe(Exception ex) => ex is TimeoutException ? "Timed out" : "Failed";
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_NonResponseUsesOfExceptionText()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            class Worker
            {
                public string Report(Exception ex) => ex.ToString();
                public void Write(TextWriter writer, Exception ex) => writer.WriteLine(ex.StackTrace);
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Mvc;
            public class C : ControllerBase
            {
                public IActionResult A()
                {
                    try { return Ok(); }
                    catch (Exception ex) { return {|CS1501:StatusCode|}(500, ex.ToString(), 3); }
                }
            }
            """,
            TestReferences.Web);
    }

    // ---- Fix ----

    [Fact]
    public void Fix_NoFixerIsOffered()
    {
        // What a client may see instead (a generic message, a correlation id, a problem type) is the application's choice.
        var fixers = typeof(SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.WeakHashAlgorithmCodeFixProvider).Assembly
            .GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .SelectMany(f => f.FixableDiagnosticIds);
        Assert.DoesNotContain("SCR7008", fixers);
    }
}
