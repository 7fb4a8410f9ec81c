using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Contoso.Gateway;

/// <summary>The gateway's maintenance web page: operators sign in and read the status from the plant's HMI panels.</summary>
public static class MaintenanceWeb
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.SecurePolicy = CookieSecurePolicy.None; // expect: SCR7001
                options.Cookie.HttpOnly = true;
            });
        builder.Services.AddCors(cors =>
        {
            // Non-compliant: every web site an operator visits may call the gateway with the operator's cookie.
            cors.AddPolicy("hmi", policy => policy.SetIsOriginAllowed(_ => true).AllowCredentials()); // expect: SCR7004
            // Compliant: only the plant's HMI panels.
            cors.AddPolicy("panels", policy => policy.WithOrigins("https://hmi.plant.example").AllowCredentials());
        });

        var app = builder.Build();
        app.UseDeveloperExceptionPage(); // expect: SCR7007
        if (app.Environment.IsDevelopment())
        {
            // Compliant: detailed errors only on a developer's machine.
            app.UseDeveloperExceptionPage();
        }

        app.UseCors("panels");
        app.UseAuthentication();
        app.MapGet("/status", () => Results.Ok(new { State = "running" }));
        return app;
    }
}
