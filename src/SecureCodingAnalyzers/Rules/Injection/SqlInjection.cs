using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2001: untrusted data in SQL command text: ADO.NET commands (any provider, through <c>DbCommand</c> and
/// <c>IDbCommand</c>), provider constructors and data adapters, EF Core raw-SQL APIs and Dapper's <c>sql</c>
/// argument. Parameter values, <c>FromSql</c>/<c>FromSqlInterpolated</c> and <c>ExecuteSql</c>(interpolated) are
/// structurally safe and are not sinks. Identifiers quoted by <c>QuoteIdentifier</c> are clean.
/// </summary>
internal static class SqlInjection
{
    private const string Text = "SQL command text";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.SqlInjection,
        SinkKind.Sql,
        ImmutableArray.Create(
            Sink(SinkKind.Sql, "System.Data.Common.DbCommand", "CommandText", Text),
            Sink(SinkKind.Sql, "System.Data.IDbCommand", "CommandText", Text),
            Sink(SinkKind.Sql, "System.Data.SqlClient.SqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "Microsoft.Data.SqlClient.SqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "Microsoft.Data.Sqlite.SqliteCommand", ".ctor", Text, "commandText"),
            Sink(SinkKind.Sql, "Npgsql.NpgsqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "MySql.Data.MySqlClient.MySqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "MySqlConnector.MySqlCommand", ".ctor", Text, "commandText"),
            Sink(SinkKind.Sql, "System.Data.OleDb.OleDbCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "System.Data.Odbc.OdbcCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "System.Data.SqlClient.SqlDataAdapter", ".ctor", "SQL data adapter query", "selectCommandText"),
            Sink(SinkKind.Sql, "Microsoft.Data.SqlClient.SqlDataAdapter", ".ctor", "SQL data adapter query", "selectCommandText"),
            Sink(SinkKind.Sql, "Npgsql.NpgsqlDataAdapter", ".ctor", "SQL data adapter query", "selectCommandText"),
            Sink(SinkKind.Sql, "MySql.Data.MySqlClient.MySqlDataAdapter", ".ctor", "SQL data adapter query", "selectCommandText"),
            Sink(SinkKind.Sql, "System.Data.OleDb.OleDbDataAdapter", ".ctor", "SQL data adapter query", "selectCommandText"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSqlRaw", "EF Core raw SQL (FromSqlRaw)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRaw", "EF Core raw SQL (ExecuteSqlRaw)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRawAsync", "EF Core raw SQL (ExecuteSqlRawAsync)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "SqlQueryRaw", "EF Core raw SQL (SqlQueryRaw)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlCommand", "EF Core raw SQL (ExecuteSqlCommand)", "sql"),
            Sink(SinkKind.Sql, "Dapper.SqlMapper", "*", "Dapper SQL text", "sql")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Sql, "System.Data.Common.DbCommandBuilder", "QuoteIdentifier"),
            Sanitizer(SinkKind.Sql, "System.Data.SqlClient.SqlCommandBuilder", "QuoteIdentifier"),
            Sanitizer(SinkKind.Sql, "Microsoft.Data.SqlClient.SqlCommandBuilder", "QuoteIdentifier")));
}
