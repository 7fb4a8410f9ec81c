using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Web.DeveloperExceptionPageAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Web.DeveloperExceptionPageCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

public class DeveloperExceptionPageTests
{
    /// <summary>The EF Core diagnostics extensions, declared as in Microsoft.AspNetCore.Diagnostics.EntityFrameworkCore.</summary>
    private const string EfDiagnostics = """

        namespace Microsoft.AspNetCore.Builder
        {
            public static class DatabaseErrorPageExtensions
            {
                public static IApplicationBuilder UseDatabaseErrorPage(this IApplicationBuilder app) => app;
            }

            public static class MigrationsEndPointExtensions
            {
                public static IApplicationBuilder UseMigrationsEndPoint(this IApplicationBuilder app) => app;
            }
        }
        """;

    // ---- Detect ----

    [Fact]
    public async Task Detect_UnconditionalCallOnWebApplication()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            class Program
            {
                static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    {|#0:app.UseDeveloperExceptionPage()|};
                    app.Run();
                }
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("UseDeveloperExceptionPage", "the developer exception page"));
    }

    [Fact]
    public async Task Detect_InStartupConfigureAndEfPages()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    [|app.UseDeveloperExceptionPage()|];
                    [|app.UseDatabaseErrorPage()|];
                    [|app.UseMigrationsEndPoint()|];
                    if (env.IsProduction())
                    {
                        app.UseHsts();
                    }
                }
            }
            """ + EfDiagnostics,
            TestReferences.Web);
    }

    [Fact]
    public async Task Detect_WrongBranchesAndWeakConditions()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            class Startup
            {
                public bool ShowErrors { get; set; }
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseMigrationsEndPoint();
                    }
                    else
                    {
                        [|app.UseDeveloperExceptionPage()|];
                    }

                    if (env.IsDevelopment() || ShowErrors)
                    {
                        [|app.UseDeveloperExceptionPage()|];
                    }

                    if (env.IsEnvironment("Production"))
                    {
                        [|app.UseDeveloperExceptionPage()|];
                    }

                    if (env.EnvironmentName != "Development")
                    {
                        [|app.UseDeveloperExceptionPage()|];
                    }
                }
            }
            """ + EfDiagnostics,
            TestReferences.Web);
    }

    [Fact]
    public async Task Detect_HelperAlsoCalledWithoutCheck()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        UseDiagnostics(app);
                    }

                    UseDiagnostics(app);
                }

                private static void UseDiagnostics(IApplicationBuilder app) => [|app.UseDeveloperExceptionPage()|];

                // Never called: nothing shows it is development-only.
                private static void Unused(IApplicationBuilder app) => [|app.UseDeveloperExceptionPage()|];
            }
            """,
            TestReferences.Web);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_TemplateIdioms()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            class Program
            {
                static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    if (app.Environment.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                        app.UseMigrationsEndPoint();
                    }
                    else
                    {
                        app.UseExceptionHandler("/Error");
                        app.UseHsts();
                    }

                    if (!app.Environment.IsDevelopment())
                    {
                        app.UseExceptionHandler("/Error");
                    }
                    else
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    if (app.Environment.IsDevelopment() && args.Length > 0)
                        app.UseDatabaseErrorPage();

                    _ = app.Environment.IsDevelopment() ? app.UseDeveloperExceptionPage() : app.UseExceptionHandler("/Error");
                    app.Run();
                }
            }
            """ + EfDiagnostics,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_OtherEnvironmentChecks()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            class Startup
            {
                private readonly bool _isDevelopment;
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsEnvironment("Local")) app.UseDeveloperExceptionPage();
                    if (!env.IsProduction()) app.UseDeveloperExceptionPage();
                    if (env.EnvironmentName == "Development") app.UseDeveloperExceptionPage();
                    if (env.EnvironmentName == Environments.Development) app.UseDeveloperExceptionPage();
                    if (string.Equals(env.EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase)) app.UseDeveloperExceptionPage();
                    if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") == "Development") app.UseDeveloperExceptionPage();
                    if (_isDevelopment) app.UseDeveloperExceptionPage();
                    var isDev = env.IsDevelopment();
                    if (isDev) app.UseDeveloperExceptionPage();
                    if (env.IsDevelopment())
                    {
                        if (isDev)
                        {
                            app.UseDeveloperExceptionPage();
                        }
                    }
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_EarlyReturnAndConventions()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            static class DevTools
            {
                public static void UseDevTools(this IApplicationBuilder app, IHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        return;
                    }

                    app.UseDeveloperExceptionPage();
                }

                public static void UseDevTools2(this IApplicationBuilder app, IHostEnvironment env)
                {
                    if (env.IsProduction()) throw new InvalidOperationException();
                    app.UseDeveloperExceptionPage();
                }
            }

            class Startup
            {
                public void ConfigureDevelopment(IApplicationBuilder app) => app.UseDeveloperExceptionPage();
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        ConfigureDiagnostics(app);
                        Local(app);
                    }

                    void Local(IApplicationBuilder b) => b.UseDeveloperExceptionPage();
                }

                private static void ConfigureDiagnostics(IApplicationBuilder app) => app.UseDeveloperExceptionPage();
            }

            class StartupDevelopment
            {
                public void Configure(IApplicationBuilder app) => app.UseDeveloperExceptionPage();
            }

            class DebugOnly
            {
                public void Configure(IApplicationBuilder app)
                {
            #if DEBUG
                    app.UseDeveloperExceptionPage();
            #endif
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_UnrelatedMethodsWithTheSameName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class Pipeline
            {
                public Pipeline UseDeveloperExceptionPage() => this;
                void M() => UseDeveloperExceptionPage();
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Builder;
            class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    if ({|CS0103:missing|}.IsDevelopment()) [|app.UseDeveloperExceptionPage()|];
                    if ({|CS0103:missing|}.IsProduction()) [|app.UseDeveloperExceptionPage()|];
                    app.{|CS1061:UseDeveloperExceptionPages|}();
                }
            }
            """,
            TestReferences.Web);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_WrapsWebApplicationCall()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            class Program
            {
                static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    // Show errors.
                    [|app.UseDeveloperExceptionPage()|];
                    app.Run();
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            class Program
            {
                static void Main(string[] args)
                {
                    var app = WebApplication.CreateBuilder(args).Build();
                    // Show errors.
                    if (app.Environment.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    app.Run();
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Fix_UsesEnvironmentParameterAndAddsImport()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    [|app.UseDeveloperExceptionPage()|];
                    app.UseRouting();
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    app.UseRouting();
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Fix_NotOfferedWithoutEnvironmentOrInsideExpression()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using Microsoft.AspNetCore.Builder;

            class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    [|app.UseDeveloperExceptionPage()|];
                }

                public IApplicationBuilder Chain(IApplicationBuilder app, Microsoft.AspNetCore.Hosting.IWebHostEnvironment env)
                    => [|app.UseDeveloperExceptionPage()|].UseRouting();
            }
            """,
            TestReferences.Web);
    }
}
