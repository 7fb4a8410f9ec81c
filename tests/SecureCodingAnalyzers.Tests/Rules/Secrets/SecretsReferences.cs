using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;

namespace SecureCodingAnalyzers.Tests.Rules.Secrets;

/// <summary>
/// The reference set of the secrets tests: the real packages whose signatures the rules match (no stubs), so a
/// parameter renamed or an overload added upstream shows up here.
/// </summary>
public static class SecretsReferences
{
    /// <summary>
    /// <see cref="TestReferences.SqlProviders"/> plus the EF Core SQL Server and PostgreSQL providers, MSAL,
    /// Azure.Identity, JWT.Net and <see cref="TestReferences.JwtPackages"/>.
    /// </summary>
    public static ReferenceAssemblies All { get; } = TestReferences.Resolved(TestReferences.SqlProviders.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.EntityFrameworkCore.SqlServer", "8.0.30"),
        new PackageIdentity("Npgsql.EntityFrameworkCore.PostgreSQL", "8.0.0"),
        new PackageIdentity("Microsoft.Identity.Client", "4.73.1"),
        new PackageIdentity("Azure.Identity", "1.14.2"),
        new PackageIdentity("JWT", "7.3.1"))).AddPackages(TestReferences.JwtPackages));
}
