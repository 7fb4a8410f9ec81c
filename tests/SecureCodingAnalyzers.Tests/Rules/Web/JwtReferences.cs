using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

/// <summary>
/// <see cref="TestReferences.Web"/> plus JWT bearer authentication and the token libraries it validates with
/// (Microsoft.IdentityModel 8, the current major, pinned explicitly so the bearer handler's older minimum resolves to
/// it). Resolved once, like the shared sets.
/// </summary>
public static class JwtReferences
{
    /// <summary>ASP.NET Core 8, JwtBearer 8 and Microsoft.IdentityModel 8 (TokenValidationParameters, JwtSecurityToken, JsonWebToken).</summary>
    public static ReferenceAssemblies Jwt { get; } = Resolved(TestReferences.Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.AspNetCore.Authentication.JwtBearer", "8.0.34"),
        new PackageIdentity("Microsoft.IdentityModel.Protocols.OpenIdConnect", "8.23.0"),
        new PackageIdentity("Microsoft.IdentityModel.Tokens", "8.23.0"),
        new PackageIdentity("Microsoft.IdentityModel.JsonWebTokens", "8.23.0"),
        new PackageIdentity("System.IdentityModel.Tokens.Jwt", "8.23.0"))));

    private static ReferenceAssemblies Resolved(ReferenceAssemblies references)
    {
        Task.Run(() => references.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult();
        return references;
    }
}
