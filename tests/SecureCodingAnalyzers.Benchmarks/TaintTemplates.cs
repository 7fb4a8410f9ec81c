using System;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// What a SQL flow template needs: the flow id written into the ground-truth marker, a key that keeps local and helper
/// names unique within a class, the expression holding the untrusted value, and the class that takes cross-class calls.
/// </summary>
internal sealed record FlowContext(string Id, string Key, string Input, string Runner);

/// <summary>
/// A source-to-sink shape: statements (in a method of a controller that returns <c>IActionResult</c> and has a
/// <c>DbConnection _connection</c> field), optionally a private helper of the same class and a public static member of
/// the runner class. Every sink line carries a <see cref="GroundTruth"/> marker.
/// </summary>
internal sealed record FlowTemplate(
    string Name,
    bool Tainted,
    Func<FlowContext, string> Body,
    Func<FlowContext, string>? Helper = null,
    Func<FlowContext, string>? RunnerMember = null);

/// <summary>
/// The SQL injection shapes of the taint corpora: flows through concatenation, interpolation, locals, branches,
/// <c>string.Format</c>, <c>StringBuilder</c> and helpers in the same and in another class, next to safe look-alikes
/// (parameterized commands, <c>int.Parse</c>, an allow-list guard, <c>Guid.TryParse</c>, an overwritten variable).
/// The sink is <see cref="System.Data.Common.DbCommand.CommandText"/>: in the reference assemblies, and modelled by the
/// peers (CA3001 and Security Code Scan take any <c>IDbCommand</c>).
/// </summary>
internal static class TaintTemplates
{
    public static readonly FlowTemplate[] SqlFlows =
    [
        new("concatenation", true, f => $$"""
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = "SELECT id, name FROM customers WHERE name = '" + {{f.Input}} + "'"; {{Marker(f, "sql", true)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("parameterized command", false, f => $$"""
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = "SELECT id, name FROM customers WHERE name = @name"; {{Marker(f, "sql", false)}}
            var parameter{{f.Key}} = command{{f.Key}}.CreateParameter();
            parameter{{f.Key}}.ParameterName = "@name";
            parameter{{f.Key}}.Value = {{f.Input}};
            command{{f.Key}}.Parameters.Add(parameter{{f.Key}});
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("interpolation", true, f => $$"""
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = $"SELECT id FROM orders WHERE reference = '{{{f.Input}}}' AND deleted = 0"; {{Marker(f, "sql", true)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("int.Parse", false, f => $$"""
            var id{{f.Key}} = int.Parse({{f.Input}}, CultureInfo.InvariantCulture);
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = "SELECT name FROM orders WHERE id = " + id{{f.Key}}.ToString(CultureInfo.InvariantCulture); {{Marker(f, "sql", false)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("locals", true, f => $$"""
            var trimmed{{f.Key}} = {{f.Input}}.Trim();
            var filter{{f.Key}} = "region = '" + trimmed{{f.Key}} + "'";
            var sql{{f.Key}} = "SELECT id FROM sites WHERE " + filter{{f.Key}};
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = sql{{f.Key}}; {{Marker(f, "sql", true)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("allow-list guard", false, f => $$"""
            if (!SortColumns.Contains({{f.Input}}))
            {
                return BadRequest();
            }

            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = "SELECT id, name FROM customers ORDER BY " + {{f.Input}}; {{Marker(f, "sql", false)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("helper in the same class", true, f => $$"""
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = BuildFilter{{f.Key}}({{f.Input}}); {{Marker(f, "sql", true)}}
            command{{f.Key}}.ExecuteNonQuery();
            """,
            Helper: f => $$"""
                private static string BuildFilter{{f.Key}}(string value)
                {
                    var condition = "name LIKE '" + value + "%'";
                    return "SELECT id FROM products WHERE " + condition;
                }
                """),
        new("Guid.TryParse", false, f => $$"""
            if (!Guid.TryParse({{f.Input}}, out var key{{f.Key}}))
            {
                return BadRequest();
            }

            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = "SELECT name FROM devices WHERE key = '" + key{{f.Key}}.ToString("D") + "'"; {{Marker(f, "sql", false)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("helper in another class", true, f => $$"""
            {{f.Runner}}.Count{{f.Key}}(_connection, "SELECT COUNT(*) FROM tickets WHERE title = '" + {{f.Input}} + "'"); {{Marker(f, "sql", true)}}
            """,
            RunnerMember: f => $$"""
                public static object? Count{{f.Key}}(DbConnection connection, string sql)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = sql; {{Marker(f, "sql", true)}}
                    return command.ExecuteScalar();
                }
                """),
        new("overwritten", false, f => $$"""
            var sql{{f.Key}} = "SELECT id FROM meters WHERE serial = '" + {{f.Input}} + "'";
            sql{{f.Key}} = "SELECT id FROM meters";
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = sql{{f.Key}}; {{Marker(f, "sql", false)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("StringBuilder", true, f => $$"""
            var builder{{f.Key}} = new StringBuilder("SELECT id FROM invoices WHERE 1 = 1");
            builder{{f.Key}}.Append(" AND customer = '").Append({{f.Input}}).Append('\'');
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = builder{{f.Key}}.ToString(); {{Marker(f, "sql", true)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("string.Format", true, f => $$"""
            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = string.Format(CultureInfo.InvariantCulture, "SELECT id FROM alarms WHERE source = '{0}'", {{f.Input}}); {{Marker(f, "sql", true)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
        new("branch", true, f => $$"""
            var query{{f.Key}} = "SELECT id FROM shipments";
            if ({{f.Input}}.Length > 0)
            {
                query{{f.Key}} += " WHERE carrier = '" + {{f.Input}} + "'";
            }

            using var command{{f.Key}} = _connection.CreateCommand();
            command{{f.Key}}.CommandText = query{{f.Key}}; {{Marker(f, "sql", true)}}
            command{{f.Key}}.ExecuteNonQuery();
            """),
    ];

    /// <summary>How an action gets its untrusted value <c>name</c>: a bound parameter or an <c>HttpRequest</c> member.</summary>
    public static readonly (string Parameter, string Prologue, string Route)[] WebSources =
    [
        ("[FromQuery] string name", string.Empty, string.Empty),
        (string.Empty, "string name = Request.Query[\"name\"].ToString();", string.Empty),
        ("string name", string.Empty, "/{name}"),
        (string.Empty, "string name = Request.Headers[\"X-Filter\"].ToString();", string.Empty),
        ("[FromForm] string name", string.Empty, string.Empty),
        (string.Empty, "string name = Request.Cookies[\"filter\"] ?? string.Empty;", string.Empty),
    ];

    public const string ControllerUsings = "System System.Collections.Generic System.Data.Common System.Globalization System.Text Microsoft.AspNetCore.Mvc";

    public static string ControllerHeader(string className) => $$"""
        private static readonly HashSet<string> SortColumns = new(StringComparer.Ordinal) { "name", "created", "amount" };

        private readonly DbConnection _connection;

        public {{className}}(DbConnection connection) => _connection = connection;
        """;

    /// <summary>The ground-truth marker of a sink line, read back by <see cref="GroundTruth"/>.</summary>
    public static string Marker(FlowContext f, string kind, bool tainted) => GroundTruth.Marker(f.Id, kind, tainted);
}
