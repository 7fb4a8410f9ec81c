using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2001: untrusted data in SQL command text: ADO.NET commands (any provider, through <c>DbCommand</c> and
/// <c>IDbCommand</c>), provider constructors and data adapters, EF Core raw-SQL APIs and Dapper's <c>sql</c>
/// argument. Parameter values, <c>FromSql</c>/<c>FromSqlInterpolated</c> and <c>ExecuteSql</c>(interpolated) are
/// structurally safe and are not sinks (a <c>FormattableString</c> argument never is: its holes become parameters).
/// Identifiers quoted by <c>QuoteIdentifier</c> and strings escaped by MySQL's <c>MySqlHelper.EscapeString</c> are
/// clean. Parameter names are those of the providers' reference assemblies.
/// </summary>
internal static class SqlInjection
{
    private const string Text = "SQL command text";
    private const string Adapter = "SQL data adapter query";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.SqlInjection,
        SinkKind.Sql,
        ImmutableArray.Create(
            // ADO.NET: the command text of every provider, set through the property or a constructor.
            Sink(SinkKind.Sql, "System.Data.Common.DbCommand", "CommandText", Text),
            Sink(SinkKind.Sql, "System.Data.IDbCommand", "CommandText", Text),
            Sink(SinkKind.Sql, "System.Data.SqlClient.SqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "Microsoft.Data.SqlClient.SqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "Microsoft.Data.Sqlite.SqliteCommand", ".ctor", Text, "commandText"),
            Sink(SinkKind.Sql, "System.Data.SQLite.SQLiteCommand", ".ctor", Text, "commandText"),
            Sink(SinkKind.Sql, "Npgsql.NpgsqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "MySql.Data.MySqlClient.MySqlCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "MySqlConnector.MySqlCommand", ".ctor", Text, "commandText"),
            Sink(SinkKind.Sql, "System.Data.OleDb.OleDbCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "System.Data.Odbc.OdbcCommand", ".ctor", Text, "cmdText"),
            Sink(SinkKind.Sql, "MySql.Data.MySqlClient.MySqlHelper", "*", Text, "commandText"),

            // Data adapters built from a SELECT text.
            Sink(SinkKind.Sql, "System.Data.SqlClient.SqlDataAdapter", ".ctor", Adapter, "selectCommandText"),
            Sink(SinkKind.Sql, "Microsoft.Data.SqlClient.SqlDataAdapter", ".ctor", Adapter, "selectCommandText"),
            Sink(SinkKind.Sql, "System.Data.SQLite.SQLiteDataAdapter", ".ctor", Adapter, "commandText"),
            Sink(SinkKind.Sql, "Npgsql.NpgsqlDataAdapter", ".ctor", Adapter, "selectCommandText"),
            Sink(SinkKind.Sql, "MySql.Data.MySqlClient.MySqlDataAdapter", ".ctor", Adapter, "selectCommandText"),
            Sink(SinkKind.Sql, "MySqlConnector.MySqlDataAdapter", ".ctor", Adapter, "selectCommandText"),
            Sink(SinkKind.Sql, "System.Data.OleDb.OleDbDataAdapter", ".ctor", Adapter, "selectCommandText"),
            Sink(SinkKind.Sql, "System.Data.Odbc.OdbcDataAdapter", ".ctor", Adapter, "selectCommandText"),

            // EF Core raw SQL (the string overloads; FormattableString overloads are parameterized).
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSqlRaw", "EF Core raw SQL (FromSqlRaw)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSql", "EF Core raw SQL (FromSql)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRaw", "EF Core raw SQL (ExecuteSqlRaw)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRawAsync", "EF Core raw SQL (ExecuteSqlRawAsync)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "SqlQueryRaw", "EF Core raw SQL (SqlQueryRaw)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlCommand", "EF Core raw SQL (ExecuteSqlCommand)", "sql"),
            Sink(SinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlCommandAsync", "EF Core raw SQL (ExecuteSqlCommandAsync)", "sql"),

            // Dapper: every SqlMapper extension's sql argument, and the text of a CommandDefinition.
            Sink(SinkKind.Sql, "Dapper.SqlMapper", "*", "Dapper SQL text", "sql"),
            Sink(SinkKind.Sql, "Dapper.CommandDefinition", ".ctor", "Dapper SQL text", "commandText")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Sql, "System.Data.Common.DbCommandBuilder", "QuoteIdentifier"),
            Sanitizer(SinkKind.Sql, "MySql.Data.MySqlClient.MySqlHelper", "EscapeString"),
            Sanitizer(SinkKind.Sql, "MySqlConnector.MySqlHelper", "EscapeString")));
}
