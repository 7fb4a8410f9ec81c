using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Reference sets beyond the .NET 8 base library, resolved from their real packages by the testing library (so the
/// rules are tested against the real signatures of ASP.NET Core, Dapper, EF Core and the data providers).
/// </summary>
public static class TestReferences
{
    /// <summary>.NET 8 plus the ASP.NET Core 8 shared framework.</summary>
    public static ReferenceAssemblies Web { get; } = ReferenceAssemblies.Net.Net80.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0")));

    /// <summary><see cref="Web"/> plus data access (SQL Server provider, Dapper, EF Core relational), serial ports and LDAP.</summary>
    public static ReferenceAssemblies WebAndData { get; } = Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("System.Data.SqlClient", "4.9.1"),
        new PackageIdentity("Dapper", "2.1.66"),
        new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "8.0.30"),
        new PackageIdentity("System.IO.Ports", "9.0.23"),
        new PackageIdentity("System.DirectoryServices", "9.0.23")));

    /// <summary>
    /// <see cref="WebAndData"/> plus the other ADO.NET providers whose command and data-adapter constructors are SQL
    /// sinks (Microsoft.Data.SqlClient, SQLite, PostgreSQL, MySQL, ODBC, OLE DB).
    /// </summary>
    public static ReferenceAssemblies SqlProviders { get; } = WebAndData.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.Data.SqlClient", "6.1.1"),
        new PackageIdentity("Microsoft.Data.Sqlite.Core", "8.0.30"),
        new PackageIdentity("Npgsql", "8.0.5"),
        new PackageIdentity("MySqlConnector", "2.4.0"),
        new PackageIdentity("Stub.System.Data.SQLite.Core.NetStandard", "1.0.119"),
        new PackageIdentity("System.Data.Odbc", "10.0.14"),
        new PackageIdentity("System.Data.OleDb", "10.0.14")));

    /// <summary>.NET 8, ASP.NET Core 8 and EF Core 6 (before <c>FromSql(FormattableString)</c> and <c>ExecuteSql</c>).</summary>
    public static ReferenceAssemblies EfCore6 { get; } = Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "6.0.7")));
}
