using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Reference sets beyond the .NET 8 base library, resolved from their real packages by the testing library (so the
/// rules are tested against the real signatures of ASP.NET Core, Dapper, EF Core and the data providers). Each set is
/// resolved once, when the class initializes, and every class of sets is initialized by <see cref="ReferenceWarmUp"/>
/// before any test runs: tests run in parallel, and two tests downloading the same packages at once could read a
/// half-written package folder (seen as "namespace not found" on a fresh machine).
/// </summary>
public static class TestReferences
{
    /// <summary>.NET 8 plus the ASP.NET Core 8 shared framework.</summary>
    public static ReferenceAssemblies Web { get; } = Resolved(ReferenceAssemblies.Net.Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0"))));

    /// <summary><see cref="Web"/> plus data access (SQL Server provider, Dapper, EF Core relational), serial ports and LDAP.</summary>
    public static ReferenceAssemblies WebAndData { get; } = Resolved(Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("System.Data.SqlClient", "4.9.1"),
        new PackageIdentity("Dapper", "2.1.66"),
        new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "8.0.30"),
        new PackageIdentity("System.IO.Ports", "9.0.23"),
        new PackageIdentity("System.DirectoryServices", "9.0.23"))));

    /// <summary>
    /// <see cref="WebAndData"/> plus LDAP over <c>System.DirectoryServices.Protocols</c> and the CliWrap process
    /// library (the command, path, LDAP and XPath injection tests).
    /// </summary>
    public static ReferenceAssemblies WebDataAndTools { get; } = Resolved(WebAndData.AddPackages(ImmutableArray.Create(
        new PackageIdentity("System.DirectoryServices.Protocols", "9.0.23"),
        new PackageIdentity("CliWrap", "3.10.5"))));

    /// <summary><see cref="Web"/> plus the logging libraries besides Microsoft.Extensions.Logging: Serilog, NLog, log4net.</summary>
    public static ReferenceAssemblies Logging { get; } = Resolved(Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Serilog", "4.4.0"),
        new PackageIdentity("NLog", "6.2.2"),
        new PackageIdentity("log4net", "3.5.0"))));

    /// <summary><see cref="Web"/> plus the APIs that evaluate code: C# scripting, CodeDOM and Dynamic LINQ.</summary>
    public static ReferenceAssemblies CodeEvaluation { get; } = Resolved(Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.CodeAnalysis.CSharp.Scripting", "4.8.0"),
        new PackageIdentity("System.CodeDom", "8.0.0"),
        new PackageIdentity("System.Linq.Dynamic.Core", "1.7.4"))));

    /// <summary>
    /// <see cref="WebAndData"/> plus the other ADO.NET providers whose command and data-adapter constructors are SQL
    /// sinks (Microsoft.Data.SqlClient, SQLite, PostgreSQL, MySQL, ODBC, OLE DB).
    /// </summary>
    public static ReferenceAssemblies SqlProviders { get; } = Resolved(WebAndData.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.Data.SqlClient", "6.1.1"),
        new PackageIdentity("Microsoft.Data.Sqlite.Core", "8.0.30"),
        new PackageIdentity("Npgsql", "8.0.5"),
        new PackageIdentity("MySqlConnector", "2.4.0"),
        new PackageIdentity("Stub.System.Data.SQLite.Core.NetStandard", "1.0.119"),
        new PackageIdentity("System.Data.Odbc", "10.0.14"),
        new PackageIdentity("System.Data.OleDb", "10.0.14"))));

    /// <summary>.NET 8, ASP.NET Core 8 and EF Core 6 (before <c>FromSql(FormattableString)</c> and <c>ExecuteSql</c>).</summary>
    public static ReferenceAssemblies EfCore6 { get; } = Resolved(Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "6.0.7"))));

    /// <summary>
    /// <see cref="Web"/> plus the APIs of code loading and its verification: MEF, CMS/PKCS#7 signatures, NuGet package
    /// signatures, <c>MetadataLoadContext</c> and <c>ConfigurationManager</c> (the code-integrity tests).
    /// </summary>
    public static ReferenceAssemblies CodeIntegrity { get; } = Resolved(Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("System.ComponentModel.Composition", "8.0.0"),
        new PackageIdentity("System.Security.Cryptography.Pkcs", "8.0.1"),
        new PackageIdentity("System.Configuration.ConfigurationManager", "8.0.0"),
        new PackageIdentity("NuGet.Packaging", "6.7.0"),
        new PackageIdentity("NuGet.Frameworks", "6.7.0"),
        new PackageIdentity("System.Reflection.MetadataLoadContext", "9.0.23"))));

    /// <summary>
    /// JWT bearer authentication and the token libraries it validates with: Microsoft.IdentityModel 8 (the current
    /// major) pinned explicitly, since the bearer handler's own minimum is not served by the package source.
    /// </summary>
    public static ImmutableArray<PackageIdentity> JwtPackages { get; } = ImmutableArray.Create(
        new PackageIdentity("Microsoft.AspNetCore.Authentication.JwtBearer", "8.0.34"),
        new PackageIdentity("Microsoft.IdentityModel.Protocols.OpenIdConnect", "8.23.0"),
        new PackageIdentity("Microsoft.IdentityModel.Tokens", "8.23.0"),
        new PackageIdentity("Microsoft.IdentityModel.JsonWebTokens", "8.23.0"),
        new PackageIdentity("System.IdentityModel.Tokens.Jwt", "8.23.0"));

    /// <summary><see cref="Web"/> plus <see cref="JwtPackages"/> (TokenValidationParameters, JwtSecurityToken, JsonWebToken).</summary>
    public static ReferenceAssemblies Jwt { get; } = Resolved(Web.AddPackages(JwtPackages));

    /// <summary>
    /// .NET Framework 4.8 with the assemblies of its XML stack and legacy serializers (System.Xml, System.Data,
    /// System.Web, System.Web.Extensions, System.Runtime.Serialization, the SOAP formatter). Built by hand rather than
    /// from <c>ReferenceAssemblies.NetFramework.Net48.Default</c>, which names version 1.0.2 of the reference-assembly
    /// package; the package source serves only 1.0.3. A test that means an older .NET Framework writes the
    /// <c>TargetFrameworkAttribute</c> the SDK generates into its source (the assemblies are the same).
    /// </summary>
    public static ReferenceAssemblies NetFramework48 { get; } = Resolved(new ReferenceAssemblies(
            "net48",
            new PackageIdentity("Microsoft.NETFramework.ReferenceAssemblies.net48", "1.0.3"),
            System.IO.Path.Combine("build", ".NETFramework", "v4.8"))
        .AddAssemblies(ImmutableArray.Create(
            "mscorlib",
            "System",
            "System.Core",
            "System.Data",
            "System.Runtime.Serialization",
            "System.Runtime.Serialization.Formatters.Soap",
            "System.Web",
            "System.Web.Extensions",
            "System.Xml")));

    /// <summary>Resolves a set once (see the class summary); other test folders' sets go through it too.</summary>
    internal static ReferenceAssemblies Resolved(ReferenceAssemblies references)
    {
        Task.Run(() => references.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult();
        return references;
    }
}
