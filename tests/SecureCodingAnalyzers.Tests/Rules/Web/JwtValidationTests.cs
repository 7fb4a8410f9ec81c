using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Web.JwtValidationAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Web.JwtValidationCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

public class JwtValidationTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_FlagsInJwtBearerOptions()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;
            class Startup
            {
                void ConfigureServices(IServiceCollection services, SecurityKey key)
                {
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            IssuerSigningKey = key,
                            {|#0:RequireSignedTokens = false|},
                            [|ValidateLifetime = false|],
                            [|RequireExpirationTime = false|],
                        };
                    });
                }
            }
            """,
            TestReferences.Jwt,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("RequireSignedTokens = false", "accepts unsigned tokens that anybody can forge"));
    }

    [Fact]
    public async Task Detect_PropertyAssignmentsAndValidators()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.IdentityModel.JsonWebTokens;
            using Microsoft.IdentityModel.Tokens;
            class Auth
            {
                void Configure(JwtBearerOptions options, TokenValidationParameters parameters)
                {
                    [|options.TokenValidationParameters.ValidateLifetime = false|];
                    [|parameters.SignatureValidator = (token, p) => new JwtSecurityToken(token)|];
                    [|parameters.SignatureValidator = delegate (string token, TokenValidationParameters p) { return new JsonWebToken(token); }|];
                    [|parameters.SignatureValidator = (token, p) => new JwtSecurityTokenHandler().ReadJwtToken(token)|];
                    [|parameters.LifetimeValidator = (notBefore, expires, token, p) => true|];
                }
            }
            """,
            TestReferences.Jwt);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_DefaultsAndDeliberateChoices()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.IdentityModel.Tokens;
            class Startup
            {
                bool _validate;
                void Configure(JwtBearerOptions options, SecurityKey key)
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidateIssuer = false,          // multi-tenant: issuers checked by IssuerValidator
                        ValidateAudience = false,
                        ValidateIssuerSigningKey = false, // the default: the signature is still checked
                        ValidateLifetime = true,
                        RequireSignedTokens = true,
                        RequireExpirationTime = _validate,
                        ClockSkew = TimeSpan.FromMinutes(1),
                        IssuerSigningKey = key,
                        IssuerValidator = (issuer, token, p) => issuer,
                        LifetimeValidator = (notBefore, expires, token, p) => expires > DateTime.UtcNow,
                    };
                }
            }
            """,
            TestReferences.Jwt);
    }

    [Fact]
    public async Task Safe_ValidatingSignatureValidatorAndRefreshFlows()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.Extensions.Hosting;
            using Microsoft.IdentityModel.Tokens;
            class Auth
            {
                SecurityToken Validate(string token, TokenValidationParameters p)
                {
                    new JwtSecurityTokenHandler().ValidateToken(token, p, out var validated);
                    return validated;
                }

                void Configure(TokenValidationParameters parameters, IHostEnvironment env)
                {
                    parameters.SignatureValidator = (token, p) => Validate(token, p);
                    parameters.SignatureValidator = (token, p) => token.Length > 0 ? new JwtSecurityToken(token) : Validate(token, p);

                    // Reading the principal from an expired access token to issue a new one (refresh flow):
                    // a separate parameters object, still signature-checked; reported unless guarded.
                    if (env.IsDevelopment())
                    {
                        parameters.ValidateLifetime = false;
                    }
                }
            }
            """,
            TestReferences.Jwt);
    }

    [Fact]
    public async Task Safe_OtherTypesWithTheSameNames()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class Settings { public bool ValidateLifetime { get; set; } public bool RequireSignedTokens { get; set; } }
            class C
            {
                void M(Settings s) { s.ValidateLifetime = false; s.RequireSignedTokens = false; }
            }
            """,
            TestReferences.Jwt);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_SetsFlagsToTrue()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.IdentityModel.Tokens;
            class Startup
            {
                void Configure(JwtBearerOptions options)
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        [|RequireSignedTokens = false|],
                        [|ValidateLifetime = false|], // for now
                    };
                    [|options.TokenValidationParameters.RequireExpirationTime = (false)|];
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.IdentityModel.Tokens;
            class Startup
            {
                void Configure(JwtBearerOptions options)
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        RequireSignedTokens = true,
                        ValidateLifetime = true, // for now
                    };
                    options.TokenValidationParameters.RequireExpirationTime = true;
                }
            }
            """,
            TestReferences.Jwt);
    }

    [Fact]
    public async Task Fix_NotOfferedForValidators()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.IdentityModel.Tokens;
            class Auth
            {
                void Configure(TokenValidationParameters parameters)
                {
                    [|parameters.SignatureValidator = (token, p) => new JwtSecurityToken(token)|];
                }
            }
            """,
            TestReferences.Jwt);
    }
}
