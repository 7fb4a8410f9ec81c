using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Injection.SqlInjectionCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2001, SQL injection.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class SqlInjectionTests
{
    private const string Rule = "SCR2001";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerParameterConcatenatedIntoCommandText()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController : ControllerBase
            {
                private readonly DbConnection _db;
                public OrdersController(DbConnection db) => _db = db;
                public IActionResult Get(string {|#1:id|})
                {
                    using var cmd = _db.CreateCommand();
                    {|#0:cmd.CommandText = "SELECT * FROM Orders WHERE Id = '" + id + "'"|};
                    return Ok(cmd.ExecuteScalar());
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("untrusted HTTP input 'id' (line 7)", "SQL command text (line 10)"));
    }

    [Fact]
    public async Task Detect_SerialPortInputThroughLocalsAndStringBuilder()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using System.IO.Ports;
            using System.Text;
            class Gateway
            {
                void Store(SerialPort port, DbConnection db)
                {
                    var line = {|#1:port.ReadLine()|};
                    var parts = line.Split(';');
                    var sb = new StringBuilder("INSERT INTO Readings VALUES ('");
                    sb.Append(parts[0]).Append("')");
                    var cmd = db.CreateCommand();
                    {|#0:cmd.CommandText = sb.ToString()|};
                    cmd.ExecuteNonQuery();
                }
            }
            """,
            TestReferences.WebAndData,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("serial-port input (SerialPort.ReadLine) (line 8)", "SQL command text (line 13)"));
    }

    [Fact]
    public async Task Detect_ConsoleInputIntoHelperInSameClass_ReportedAtTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            class Tool
            {
                private readonly DbConnection _db = null!;
                void Run()
                {
                    var name = {|#1:Console.ReadLine()|};
                    Delete({|#0:name|});
                }
                void Delete(string table)
                {
                    var cmd = _db.CreateCommand();
                    {|#2:cmd.CommandText = $"DROP TABLE {table}"|};
                    cmd.ExecuteNonQuery();
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1, 2).WithArguments("console input (Console.ReadLine) (line 8)", "SQL command text in Tool.Delete (line 14)"));
    }

    [Theory]
    [InlineData("new System.Data.SqlClient.SqlCommand(@@, null)")]
    [InlineData("new Microsoft.Data.SqlClient.SqlCommand(@@)")]
    [InlineData("new Microsoft.Data.Sqlite.SqliteCommand(@@)")]
    [InlineData("new System.Data.SQLite.SQLiteCommand(@@)")]
    [InlineData("new Npgsql.NpgsqlCommand(@@)")]
    [InlineData("new MySqlConnector.MySqlCommand(@@)")]
    [InlineData("new System.Data.OleDb.OleDbCommand(@@)")]
    [InlineData("new System.Data.Odbc.OdbcCommand(@@)")]
    [InlineData("new System.Data.SqlClient.SqlDataAdapter(@@, \"Server=.\")")]
    [InlineData("new Microsoft.Data.SqlClient.SqlDataAdapter(@@, \"Server=.\")")]
    [InlineData("new System.Data.SQLite.SQLiteDataAdapter(@@, \"Data Source=x.db\")")]
    [InlineData("new Npgsql.NpgsqlDataAdapter(@@, \"Host=db\")")]
    [InlineData("new MySqlConnector.MySqlDataAdapter(@@, \"Server=db\")")]
    [InlineData("new System.Data.OleDb.OleDbDataAdapter(@@, \"Provider=x\")")]
    [InlineData("new System.Data.Odbc.OdbcDataAdapter(@@, \"Dsn=x\")")]
    [InlineData("new Dapper.CommandDefinition(@@)")]
    public async Task Detect_ProviderConstructors(string creation)
    {
        var source = """
            using System;
            class Job
            {
                object Run()
                {
                    var name = {|#1:Console.ReadLine()|};
                    return CREATION;
                }
            }
            """.Replace("CREATION", creation.Replace("@@", "{|#0:\"SELECT * FROM t WHERE name = '\" + name + \"'\"|}"));
        await VerifyCS.VerifyAnalyzerAsync(source, TestReferences.SqlProviders, Finding.At(Rule, 0, 1));
    }

    [Theory]
    [InlineData("db.Orders.FromSqlRaw(@@).ToList()", "EF Core raw SQL (FromSqlRaw)")]
    [InlineData("db.Database.ExecuteSqlRaw(@@)", "EF Core raw SQL (ExecuteSqlRaw)")]
    [InlineData("db.Database.ExecuteSqlRawAsync(@@).Result", "EF Core raw SQL (ExecuteSqlRawAsync)")]
    [InlineData("db.Database.SqlQueryRaw<int>(@@).ToList()", "EF Core raw SQL (SqlQueryRaw)")]
    [InlineData("db.Database.GetDbConnection().Query<Order>(@@)", "Dapper SQL text")]
    [InlineData("db.Database.GetDbConnection().QueryAsync<Order>(@@)", "Dapper SQL text")]
    [InlineData("db.Database.GetDbConnection().QueryFirstOrDefault<Order>(@@)", "Dapper SQL text")]
    [InlineData("db.Database.GetDbConnection().Execute(@@)", "Dapper SQL text")]
    [InlineData("db.Database.GetDbConnection().ExecuteAsync(@@)", "Dapper SQL text")]
    [InlineData("db.Database.GetDbConnection().ExecuteScalar<int>(@@)", "Dapper SQL text")]
    [InlineData("db.Database.GetDbConnection().ExecuteReader(@@)", "Dapper SQL text")]
    [InlineData("db.Database.GetDbConnection().QueryMultiple(@@)", "Dapper SQL text")]
    public async Task Detect_EfCoreAndDapper(string call, string sink)
    {
        var source = """
            using System.Linq;
            using Dapper;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            public class Order { public int Id { get; set; } }
            public class Shop : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class OrdersController : ControllerBase
            {
                private readonly Shop db;
                public OrdersController(Shop db) => this.db = db;
                public object Find(string {|#1:customer|}) => CALL;
            }
            """.Replace("CALL", call.Replace("@@", "{|#0:$\"SELECT * FROM Orders WHERE Customer = '{customer}'\"|}"));
        await VerifyCS.VerifyAnalyzerAsync(source, TestReferences.WebAndData,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("untrusted HTTP input 'customer' (line 11)", sink + " (line 11)"));
    }

    // EF Core 2.x/3.x: FromSql and ExecuteSqlCommand take a RawSqlString (a sink) or a FormattableString (parameterized).
    [Fact]
    public async Task Detect_EfCoreLegacyRawSqlString_ButNotTheFormattableStringOverloads()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Linq;
            namespace Microsoft.EntityFrameworkCore
            {
                public struct RawSqlString
                {
                    public RawSqlString(string s) { }
                    public static implicit operator RawSqlString(string s) => new(s);
                    public static implicit operator RawSqlString(FormattableString s) => new(s.Format);
                }
                public class DatabaseFacade { }
                public static class RelationalQueryableExtensions
                {
                    public static IQueryable<T> FromSql<T>(this IQueryable<T> source, RawSqlString sql, params object[] parameters) => source;
                    public static IQueryable<T> FromSql<T>(this IQueryable<T> source, FormattableString sql) => source;
                }
                public static class RelationalDatabaseFacadeExtensions
                {
                    public static int ExecuteSqlCommand(this DatabaseFacade db, RawSqlString sql, params object[] parameters) => 0;
                    public static int ExecuteSqlCommand(this DatabaseFacade db, FormattableString sql) => 0;
                    public static System.Threading.Tasks.Task<int> ExecuteSqlCommandAsync(this DatabaseFacade db, RawSqlString sql, params object[] parameters) => null!;
                }
            }
            namespace App
            {
                using Microsoft.EntityFrameworkCore;
                class Legacy
                {
                    void Run(IQueryable<string> rows, DatabaseFacade db)
                    {
                        var name = {|#1:Console.ReadLine()|};
                        rows.FromSql({|#0:"SELECT * FROM t WHERE n = '" + name + "'"|});
                        db.ExecuteSqlCommand({|#2:"DELETE FROM t WHERE n = '" + name + "'"|});
                        db.ExecuteSqlCommandAsync({|#3:"DELETE FROM t WHERE n = '" + name + "'"|});
                        rows.FromSql($"SELECT * FROM t WHERE n = {name}");
                        db.ExecuteSqlCommand($"DELETE FROM t WHERE n = {name}");
                    }
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1),
            Finding.At(Rule, 3, 1));
    }

    // MySql.Data (Oracle's connector) does not restore with all its dependencies in the test sources; these stubs have
    // the real metadata names and parameter names (checked against MySql.Data's reference assembly).
    [Fact]
    public async Task Detect_MySqlData()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            namespace MySql.Data.MySqlClient
            {
                public class MySqlCommand { public MySqlCommand(string cmdText) { } }
                public class MySqlDataAdapter { public MySqlDataAdapter(string selectCommandText, string selectConnString) { } }
                public static class MySqlHelper
                {
                    public static object ExecuteDataset(string connectionString, string commandText) => null!;
                    public static string EscapeString(string value) => value;
                }
            }
            namespace App
            {
                using MySql.Data.MySqlClient;
                class Legacy
                {
                    void Run()
                    {
                        var name = {|#1:Console.ReadLine()|};
                        new MySqlCommand({|#0:"SELECT * FROM t WHERE n = '" + name + "'"|});
                        new MySqlDataAdapter({|#2:"SELECT * FROM t WHERE n = '" + name + "'"|}, "Server=db");
                        MySqlHelper.ExecuteDataset("Server=db", {|#3:"SELECT * FROM t WHERE n = '" + name + "'"|});
                        MySqlHelper.ExecuteDataset("Server=db", "SELECT * FROM t WHERE n = '" + MySqlHelper.EscapeString(name) + "'");
                    }
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1),
            Finding.At(Rule, 3, 1));
    }

    [Fact]
    public async Task Detect_IDbCommandText_AndObjectInitializer()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data;
            using System.Data.SqlClient;
            class Job
            {
                void Run(IDbConnection connection, SqlConnection sql)
                {
                    var table = {|#1:Environment.GetEnvironmentVariable("TABLE")|};
                    IDbCommand command = connection.CreateCommand();
                    {|#0:command.CommandText = "TRUNCATE TABLE " + table|};
                    command.ExecuteNonQuery();
                    var other = new SqlCommand { Connection = sql, {|#2:CommandText = "DROP TABLE " + table|} };
                    other.ExecuteNonQuery();
                }
            }
            """,
            TestReferences.WebAndData,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("an environment variable (line 8)", "SQL command text (line 10)"),
            Finding.At(Rule, 2, 1));
    }

    [Fact]
    public async Task Detect_WebSources_QueryFormHeadersCookiesBoundPropertyAndRazorPage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            public class ReportsController : Controller
            {
                private readonly DbConnection _db;
                public ReportsController(DbConnection db) => _db = db;
                [BindProperty] public string? {|#9:Region|} { get; set; }
                public IActionResult Index()
                {
                    var cmd = _db.CreateCommand();
                    {|#0:cmd.CommandText = "SELECT * FROM r WHERE a = '" + {|#1:Request.Query|}["a"] + "'"|};
                    {|#2:cmd.CommandText = "SELECT * FROM r WHERE b = '" + {|#3:Request.Form|}["b"] + "'"|};
                    {|#4:cmd.CommandText = "SELECT * FROM r WHERE c = '" + {|#5:Request.Headers|}["X-C"] + "'"|};
                    {|#6:cmd.CommandText = "SELECT * FROM r WHERE d = '" + {|#7:Request.Cookies|}["d"] + "'"|};
                    {|#8:cmd.CommandText = "SELECT * FROM r WHERE e = '" + Region + "'"|};
                    return Ok(cmd.ExecuteScalar());
                }
            }
            public class SearchModel : PageModel
            {
                private readonly DbConnection _db;
                public SearchModel(DbConnection db) => _db = db;
                public void OnGet(string {|#11:term|})
                {
                    var cmd = _db.CreateCommand();
                    {|#10:cmd.CommandText = $"SELECT * FROM p WHERE t LIKE '%{term}%'"|};
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 4, 5),
            Finding.At(Rule, 6, 7),
            Finding.WithMessageAt(Rule, 8, 9).WithArguments("bound request property 'Region' (line 8)", "SQL command text (line 16)"),
            Finding.At(Rule, 10, 11));
    }

    [Fact]
    public async Task Detect_MinimalApiHandler_AndMainArgs()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using Microsoft.AspNetCore.Builder;
            using Dapper;
            static class Program
            {
                static void Main(string[] {|#3:args|})
                {
                    var app = WebApplication.Create(args);
                    app.MapGet("/items", (string {|#1:q|}, DbConnection db) => db.Query<int>({|#0:"SELECT id FROM items WHERE name = '" + q + "'"|}));
                    DbConnection conn = null!;
                    conn.Execute({|#2:"DELETE FROM items WHERE name = '" + args[0] + "'"|});
                    app.Run();
                }
            }
            """,
            TestReferences.WebAndData,
            Finding.At(Rule, 0, 1),
            Finding.WithMessageAt(Rule, 2, 3).WithArguments("command-line argument 'args' (line 6)", "Dapper SQL text (line 11)"));
    }

    [Fact]
    public async Task Detect_FileNetworkAndAsyncSources()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using System.IO;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            class Importer
            {
                private readonly DbConnection _db = null!;
                async Task Import(string path, TcpClient client, HttpClient http)
                {
                    var cmd = _db.CreateCommand();
                    var fromFile = {|#1:File.ReadAllText(path)|};
                    {|#0:cmd.CommandText = fromFile|};
                    using var reader = new StreamReader({|#3:client.GetStream()|});
                    var line = await reader.ReadLineAsync();
                    {|#2:cmd.CommandText = "INSERT INTO log VALUES ('" + line + "')"|};
                    var remote = await {|#5:http.GetStringAsync("https://example.com/tags")|};
                    {|#4:cmd.CommandText = "UPDATE tags SET v = '" + remote + "'"|};
                    await cmd.ExecuteNonQueryAsync();
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("file contents (line 12)", "SQL command text (line 13)"),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 4, 5));
    }

    [Fact]
    public async Task Detect_HelperInAnotherClass_ReturningAndSinking()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            static class SqlText
            {
                public static string Where(string column, string value) => " WHERE " + column + " = '" + value + "'";
                public static int Run(DbConnection db, string sql)
                {
                    var cmd = db.CreateCommand();
                    {|#3:cmd.CommandText = sql|};
                    return cmd.ExecuteNonQuery();
                }
            }
            class Tool
            {
                void Go(DbConnection db)
                {
                    var name = {|#1:Console.ReadLine()|};
                    var cmd = db.CreateCommand();
                    {|#0:cmd.CommandText = "SELECT * FROM users" + SqlText.Where("name", name)|};
                    SqlText.Run(db, {|#2:"DELETE FROM users" + SqlText.Where("name", name)|});
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.WithMessageAt(Rule, 2, 1, 3).WithArguments("console input (Console.ReadLine) (line 17)", "SQL command text in SqlText.Run (line 9)"));
    }

    [Fact]
    public async Task Detect_FieldWrittenInOneMethodReadInAnother()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            class Session
            {
                private string _filter = "";
                private readonly DbConnection _db = null!;
                public void Read() => {|#2:_filter|} = {|#1:Console.ReadLine()|} ?? "";
                public void Query()
                {
                    var cmd = _db.CreateCommand();
                    {|#0:cmd.CommandText = "SELECT * FROM t WHERE " + _filter|};
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_CollectionsLinqLoopsAndBranches()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            using System.Linq;
            class Filters
            {
                void Run(DbConnection db, bool strict)
                {
                    var input = {|#1:Console.ReadLine()|}!;
                    var names = new List<string>();
                    foreach (var part in input.Split(','))
                    {
                        names.Add(part.Trim());
                    }

                    var cmd = db.CreateCommand();
                    {|#0:cmd.CommandText = "SELECT * FROM t WHERE n IN (" + string.Join(",", names.Select(n => "'" + n + "'")) + ")"|};
                    var where = strict ? " WHERE n = '" + input + "'" : "";
                    {|#2:cmd.CommandText = "SELECT * FROM t" + where|};
                    var map = new Dictionary<string, string> { ["q"] = input };
                    {|#3:cmd.CommandText = string.Format("SELECT * FROM t WHERE n = '{0}'", map["q"])|};
                    var sql = "SELECT * FROM t";
                    for (var i = 0; i < 3; i++)
                    {
                        if (i == 2)
                        {
                            sql = string.Concat(sql, " WHERE n = '", input, "'");
                        }
                    }

                    {|#4:cmd.CommandText = sql|};
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1),
            Finding.At(Rule, 3, 1),
            Finding.At(Rule, 4, 1));
    }

    [Fact]
    public async Task Detect_TuplesPatternsTryCatchAndLocalFunctions()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            class Shapes
            {
                void Run(DbConnection db, object boxed)
                {
                    var (name, _) = ({|#1:Console.ReadLine()|}, 1);
                    var cmd = db.CreateCommand();
                    {|#0:cmd.CommandText = Build(name)|};
                    if ({|#3:Environment.GetEnvironmentVariable("X")|} is string x)
                    {
                        try
                        {
                            {|#2:cmd.CommandText = "SELECT " + x|};
                        }
                        catch (InvalidOperationException)
                        {
                        }
                    }

                    string Build(string n) => $"SELECT * FROM t WHERE n = '{n}'";
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3));
    }

    // A sanitizer of another rule does not make text safe SQL.
    [Fact]
    public async Task Detect_SanitizedForAnotherKindOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            using System.Text.RegularExpressions;
            class C
            {
                void Run(DbConnection db)
                {
                    var name = {|#1:Console.ReadLine()|}!;
                    var cmd = db.CreateCommand();
                    {|#0:cmd.CommandText = "SELECT * FROM t WHERE n = '" + Uri.EscapeDataString(Regex.Escape(name)) + "'"|};
                    {|#2:cmd.CommandText = "SELECT * FROM t WHERE n = '" + name.Replace("'", "''") + "'"|};
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1));
    }

    [Fact]
    public async Task Detect_ConfiguredSourceAndSink()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            namespace Plc
            {
                public class Tags { public string Read(string tag) => tag; }
                public class Historian { public void Query(string sql) { } }
                class Job
                {
                    void Run(Tags tags, Historian historian, System.Data.Common.DbCommand cmd)
                    {
                        var value = {|#1:tags.Read("T1")|};
                        {|#0:cmd.CommandText = "SELECT * FROM h WHERE v = '" + value + "'"|};
                        historian.Query({|#2:"SELECT * FROM h WHERE v = '" + value + "'"|});
                    }
                }
            }
            """,
            TestReferences.Web,
            """
            dotnet_diagnostic.SCR2001.taint_sources = M:Plc.Tags.Read(System.String)
            secure_coding.taint_sinks = M:Plc.Historian.Query(System.String)
            """,
            Finding.At(Rule, 0, 1),
            Finding.WithMessageAt(Rule, 2, 1).WithArguments("the configured source Read (line 9)", "the configured sink Query (line 11)"));
    }

    // Regression: when the assigned value has control flow (??, ?:), the graph captures the assignment's target first
    // and the assignment writes through the capture; the sink property and the field write were both missed.
    [Fact]
    public async Task Detect_Regression_TargetCapturedBeforeAConditionalValue()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            class Session
            {
                private string _filter = "";
                private readonly DbConnection _db = null!;
                void Read(bool all)
                {
                    var cmd = _db.CreateCommand();
                    {|#0:cmd.CommandText = {|#1:Console.ReadLine()|} ?? "SELECT 1"|};
                    {|#2:_filter|} = all ? "" : {|#3:Console.ReadLine()|} ?? "";
                }

                void Query()
                {
                    var cmd = _db.CreateCommand();
                    {|#4:cmd.CommandText = "SELECT * FROM t WHERE " + _filter|};
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 4, 3, 2));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ParameterizedCommand_AndConvertedNumber_AndAllowList()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController : ControllerBase
            {
                private static readonly HashSet<string> Columns = new() { "Date", "Total" };
                private readonly DbConnection _db;
                public OrdersController(DbConnection db) => _db = db;
                public IActionResult Get(string id, string sort, string page)
                {
                    using var cmd = _db.CreateCommand();
                    cmd.CommandText = "SELECT * FROM Orders WHERE Id = @id";
                    var p = cmd.CreateParameter();
                    p.ParameterName = "@id";
                    p.Value = id;
                    cmd.Parameters.Add(p);
                    var n = int.Parse(page);
                    if (!Columns.Contains(sort))
                    {
                        return BadRequest();
                    }

                    cmd.CommandText += " ORDER BY " + sort + " OFFSET " + n * 20;
                    return Ok(cmd.ExecuteScalar());
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ParameterizedAcrossProviders_AndSqlClientAddWithValue()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data;
            using System.Data.SqlClient;
            using Microsoft.AspNetCore.Mvc;
            public class UsersController : ControllerBase
            {
                private readonly SqlConnection _db = null!;
                public IActionResult Get(string name, int page, System.Guid tenant, System.DateTime since)
                {
                    using var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = @name AND Tenant = @tenant", _db);
                    cmd.Parameters.AddWithValue("@name", name);
                    cmd.Parameters.Add("@tenant", SqlDbType.UniqueIdentifier).Value = tenant;
                    cmd.CommandText += " AND Created > '" + since.ToString("s") + "' ORDER BY Name OFFSET " + page * 20 + " ROWS";
                    using var adapter = new SqlDataAdapter(cmd);
                    return Ok(cmd.ExecuteScalar());
                }
            }
            """,
            TestReferences.WebAndData);
    }

    [Fact]
    public async Task Safe_EfCoreInterpolatedApis_AndRawWithParameters()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            public class Order { public int Id { get; set; } }
            public class Shop : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class OrdersController : ControllerBase
            {
                private readonly Shop db;
                public OrdersController(Shop db) => this.db = db;
                public async Task<IActionResult> Find(string customer)
                {
                    var a = db.Orders.FromSql($"SELECT * FROM Orders WHERE Customer = {customer}").ToList();
                    var b = db.Orders.FromSqlInterpolated($"SELECT * FROM Orders WHERE Customer = {customer}").ToList();
                    var c = db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Customer = {0}", customer).ToList();
                    db.Database.ExecuteSql($"DELETE FROM Orders WHERE Customer = {customer}");
                    db.Database.ExecuteSqlInterpolated($"DELETE FROM Orders WHERE Customer = {customer}");
                    await db.Database.ExecuteSqlAsync($"DELETE FROM Orders WHERE Customer = {customer}");
                    await db.Database.ExecuteSqlRawAsync("DELETE FROM Orders WHERE Customer = {0}", customer);
                    var ids = db.Database.SqlQuery<int>($"SELECT Id FROM Orders WHERE Customer = {customer}").ToList();
                    return Ok(a.Count + b.Count + c.Count + ids.Count);
                }
            }
            """,
            TestReferences.WebAndData);
    }

    [Fact]
    public async Task Safe_DapperParameterObjects()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data;
            using System.Threading;
            using Dapper;
            using Microsoft.AspNetCore.Mvc;
            public class ItemsController : ControllerBase
            {
                private readonly IDbConnection _db = null!;
                public IActionResult Get(string name, CancellationToken ct)
                {
                    var a = _db.Query<int>("SELECT id FROM items WHERE name = @name", new { name });
                    var p = new DynamicParameters();
                    p.Add("name", name);
                    var b = _db.ExecuteScalar<int>("SELECT COUNT(*) FROM items WHERE name = @name", p);
                    var c = _db.QueryAsync<int>(new CommandDefinition("SELECT id FROM items WHERE name = @name", new { name }, cancellationToken: ct));
                    return Ok(a);
                }
            }
            """,
            TestReferences.WebAndData);
    }

    [Fact]
    public async Task Safe_Guards_TryParseEqualityRegexCharacterClassAndEnum()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            using System.Linq;
            using System.Text.RegularExpressions;
            enum Sort { Name, Date }
            class Guards
            {
                void Run(DbConnection db)
                {
                    var cmd = db.CreateCommand();
                    var a = Console.ReadLine()!;
                    if (int.TryParse(a, out var id))
                    {
                        cmd.CommandText = "SELECT * FROM t WHERE id = " + a;
                    }

                    var b = Console.ReadLine();
                    if (b == "asc" || b == "desc")
                    {
                        cmd.CommandText = "SELECT * FROM t ORDER BY n " + b;
                    }

                    var c = Console.ReadLine()!;
                    if (Regex.IsMatch(c, "^[A-Za-z0-9_]{1,32}$"))
                    {
                        cmd.CommandText = "SELECT * FROM " + c;
                    }

                    var d = Console.ReadLine()!;
                    if (!d.All(char.IsLetterOrDigit))
                    {
                        return;
                    }

                    cmd.CommandText = "SELECT * FROM " + d;
                    var e = Console.ReadLine()!;
                    if (Enum.IsDefined(typeof(Sort), e))
                    {
                        cmd.CommandText = "SELECT * FROM t ORDER BY " + e;
                    }

                    var f = Enum.Parse<Sort>(Console.ReadLine()!);
                    cmd.CommandText = "SELECT * FROM t ORDER BY " + f;
                    var g = Console.ReadLine() switch { "n" => "Name", "d" => "Date", _ => "Id" };
                    cmd.CommandText = "SELECT * FROM t ORDER BY " + g;
                    if (Guid.TryParse(Console.ReadLine(), out var key))
                    {
                        cmd.CommandText = $"SELECT * FROM t WHERE k = '{key}'";
                    }

                    var n = long.Parse(Console.ReadLine()!);
                    cmd.CommandText = $"SELECT * FROM t WHERE id = {n}";
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_QuotedIdentifier_ConstantMaps_AndOverwrittenText()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            using System.Data.SqlClient;
            class Identifiers
            {
                private static readonly Dictionary<string, string> Columns = new() { ["n"] = "Name", ["d"] = "Created" };
                private const string Table = "Orders";
                void Run(DbConnection db)
                {
                    var cmd = db.CreateCommand();
                    var table = Console.ReadLine()!;
                    var builder = new SqlCommandBuilder();
                    cmd.CommandText = "SELECT * FROM " + builder.QuoteIdentifier(table);
                    var key = Console.ReadLine()!;
                    if (Columns.TryGetValue(key, out var column))
                    {
                        cmd.CommandText = $"SELECT * FROM {Table} ORDER BY {column}";
                    }

                    var sql = "SELECT * FROM t WHERE n = '" + Console.ReadLine() + "'";
                    sql = "SELECT * FROM " + nameof(Identifiers);
                    cmd.CommandText = sql;
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.WebAndData);
    }

    [Fact]
    public async Task Safe_DataFromTheDatabaseAndConfiguration_AreNotSources()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data.Common;
            using Microsoft.Extensions.Configuration;
            class Migrator
            {
                void Run(DbConnection db, IConfiguration configuration)
                {
                    var schema = configuration["Database:Schema"];
                    var cmd = db.CreateCommand();
                    cmd.CommandText = "SELECT name FROM sys.tables";
                    using var reader = cmd.ExecuteReader();
                    while (reader.Read())
                    {
                        var drop = db.CreateCommand();
                        drop.CommandText = "DROP TABLE " + schema + "." + reader.GetString(0);
                        drop.ExecuteNonQuery();
                    }
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_InputSanitizerAttribute_AndConfiguredSanitizerPassThroughAndDisabledGroup()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.Common;
            [AttributeUsage(AttributeTargets.Method)] sealed class InputSanitizerAttribute : Attribute { public InputSanitizerAttribute(params string[] kinds) { } }
            static class Check
            {
                [InputSanitizer("sql")] public static string Identifier(string s) => s;
                public static string Clean(string s) => s;
                public static bool IsSafe(string s) => s.Length < 10;
            }
            class Job
            {
                void Run(DbConnection db)
                {
                    var cmd = db.CreateCommand();
                    cmd.CommandText = "SELECT * FROM " + Check.Identifier(Console.ReadLine()!);
                    cmd.CommandText = "SELECT * FROM " + Check.Clean(Console.ReadLine()!);
                    var a = Console.ReadLine()!;
                    if (Check.IsSafe(a))
                    {
                        cmd.CommandText = "SELECT * FROM " + a;
                    }

                    cmd.CommandText = "SELECT * FROM " + Environment.GetEnvironmentVariable("TABLE");
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.Web,
            """
            dotnet_diagnostic.SCR2001.taint_sanitizers = M:Check.Clean(System.String), M:Check.IsSafe(System.String)
            dotnet_diagnostic.SCR2001.taint_disabled_source_groups = environment
            """);
    }

    [Fact]
    public async Task Safe_HelperThatParameterizes_AndHelperThatConvertsToNumber()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data.SqlClient;
            static class Repo
            {
                public static object? Find(SqlConnection db, string name)
                {
                    using var cmd = new SqlCommand("SELECT * FROM t WHERE n = @n", db);
                    cmd.Parameters.AddWithValue("@n", name);
                    return cmd.ExecuteScalar();
                }

                public static int Page(string raw) => int.Parse(raw);
            }
            class Tool
            {
                void Run(SqlConnection db)
                {
                    var name = Console.ReadLine()!;
                    Repo.Find(db, name);
                    using var cmd = new SqlCommand("SELECT * FROM t OFFSET " + Repo.Page(name) + " ROWS", db);
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.WebAndData);
    }

    // Regression: a dictionary lookup with an untrusted key returned the key's taint (metadata default), so the
    // allow-list idiom "map the input to a constant column name" was reported.
    [Fact]
    public async Task Safe_Regression_LookupInAConstantMapWithAnUntrustedKey()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            class Sorting
            {
                private static readonly Dictionary<string, string> Columns = new() { ["n"] = "Name", ["d"] = "Created" };
                void Run(DbConnection db)
                {
                    var key = Console.ReadLine()!;
                    var cmd = db.CreateCommand();
                    if (Columns.TryGetValue(key, out var column))
                    {
                        cmd.CommandText = "SELECT * FROM t ORDER BY " + column;
                    }

                    cmd.CommandText = "SELECT * FROM t ORDER BY " + Columns.GetValueOrDefault(key, "Id");
                    cmd.ExecuteReader();
                }
            }
            """,
            TestReferences.Web);
    }

    // Regression: values.Add(Console.ReadLine()) re-read the argument without evaluating the call, so a source added
    // directly to a collection did not taint it.
    [Fact]
    public async Task Detect_Regression_SourceAddedDirectlyToACollection()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            class Sorting
            {
                void Run(DbConnection db)
                {
                    var values = new Dictionary<string, string>();
                    values.Add("n", {|#1:Console.ReadLine()|}!);
                    var cmd = db.CreateCommand();
                    if (values.TryGetValue("n", out var name))
                    {
                        {|#0:cmd.CommandText = "SELECT * FROM t WHERE n = '" + name + "'"|};
                    }
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    // ---- Fix ----
    // Against the data-access references; a fixed source marks up the findings the fix leaves, like the input
    // (MarkupMode.Allow asserts them; the default would ignore them).

    [Fact]
    public async Task Fix_DbCommandConcatenation_CreateParameter()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Data.Common;
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController : ControllerBase
            {
                private readonly DbConnection _db = null!;
                public IActionResult Get(string id)
                {
                    using var cmd = _db.CreateCommand();
                    {|SCR2001:cmd.CommandText = "SELECT * FROM Orders WHERE Id = '" + id + "'"|};
                    return Ok(cmd.ExecuteScalar());
                }
            }
            """,
            """
            using System.Data.Common;
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController : ControllerBase
            {
                private readonly DbConnection _db = null!;
                public IActionResult Get(string id)
                {
                    using var cmd = _db.CreateCommand();
                    cmd.CommandText = "SELECT * FROM Orders WHERE Id = @id";
                    var idParameter = cmd.CreateParameter();
                    idParameter.ParameterName = "@id";
                    idParameter.Value = id;
                    cmd.Parameters.Add(idParameter);
                    return Ok(cmd.ExecuteScalar());
                }
            }
            """,
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_SqlCommandConstructorInterpolation_AddWithValue_QuotedAndUnquotedValues()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Data.SqlClient;
            using Microsoft.AspNetCore.Mvc;
            public class UsersController : ControllerBase
            {
                private readonly SqlConnection _db = null!;
                public IActionResult Find(string name, string minAge, UserFilter filter)
                {
                    using var cmd = new SqlCommand({|SCR2001:$"SELECT * FROM Users WHERE Name = N'{name}' AND Age >= {minAge} AND City LIKE '%{filter.City}%' AND Nick = '{name}'"|}, _db);
                    return Ok(cmd.ExecuteScalar());
                }
            }
            public class UserFilter { public string City { get; set; } = ""; }
            """,
            """
            using System.Data.SqlClient;
            using Microsoft.AspNetCore.Mvc;
            public class UsersController : ControllerBase
            {
                private readonly SqlConnection _db = null!;
                public IActionResult Find(string name, string minAge, UserFilter filter)
                {
                    using var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = @name AND Age >= @minAge AND City LIKE @city AND Nick = @name", _db);
                    cmd.Parameters.AddWithValue("@name", name);
                    cmd.Parameters.AddWithValue("@minAge", minAge);
                    cmd.Parameters.AddWithValue("@city", $"%{filter.City}%");
                    return Ok(cmd.ExecuteScalar());
                }
            }
            public class UserFilter { public string City { get; set; } = ""; }
            """,
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_UsingStatementBody_ConstantKept_EscapedQuotesUnwrapped()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Data.SqlClient;
            class Tool
            {
                private const string Table = "Users";
                void Run(SqlConnection db)
                {
                    var name = Console.ReadLine()!;
                    using (var cmd = new SqlCommand({|SCR2001:"DELETE FROM " + Table + " WHERE Name = '" + name.Replace("'", "''") + "'"|}, db))
                    {
                        cmd.ExecuteNonQuery();
                    }
                }
            }
            """,
            """
            using System;
            using System.Data.SqlClient;
            class Tool
            {
                private const string Table = "Users";
                void Run(SqlConnection db)
                {
                    var name = Console.ReadLine()!;
                    using (var cmd = new SqlCommand("DELETE FROM " + Table + " WHERE Name = @name", db))
                    {
                        cmd.Parameters.AddWithValue("@name", name);
                        cmd.ExecuteNonQuery();
                    }
                }
            }
            """,
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_RawStringAndCompoundAssignment_NamesStayUnique()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """"
            using System;
            using System.Data.SqlClient;
            class Report
            {
                void Run(SqlConnection db, string id)
                {
                    var region = Console.ReadLine();
                    var cmd = db.CreateCommand();
                    cmd.CommandText = "SELECT * FROM Sales WHERE Id = @id";
                    cmd.Parameters.AddWithValue("@id", id);
                    {|SCR2001:cmd.CommandText += $"""
                         AND Region = '{region}'
                        ORDER BY Day
                        """|};
                    {|SCR2001:cmd.CommandText += " AND Id = " + Console.ReadLine()|};
                    cmd.ExecuteReader();
                }
            }
            """",
            """"
            using System;
            using System.Data.SqlClient;
            class Report
            {
                void Run(SqlConnection db, string id)
                {
                    var region = Console.ReadLine();
                    var cmd = db.CreateCommand();
                    cmd.CommandText = "SELECT * FROM Sales WHERE Id = @id";
                    cmd.Parameters.AddWithValue("@id", id);
                    cmd.CommandText += """
                         AND Region = @region
                        ORDER BY Day
                        """;
                    cmd.Parameters.AddWithValue("@region", region);
                    cmd.CommandText += " AND Id = @value";
                    cmd.Parameters.AddWithValue("@value", Console.ReadLine());
                    cmd.ExecuteReader();
                }
            }
            """",
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_FixAll_CommandParameters()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Data.Common;
            class Sync
            {
                void Run(DbConnection db)
                {
                    var a = Console.ReadLine();
                    var b = Console.ReadLine();
                    var first = db.CreateCommand();
                    {|SCR2001:first.CommandText = $"DELETE FROM t WHERE a = '{a}'"|};
                    var second = db.CreateCommand();
                    {|SCR2001:second.CommandText = @"UPDATE t SET b = '" + b + @"' WHERE a = '" + a + "'"|};
                }
            }
            """,
            """
            using System;
            using System.Data.Common;
            class Sync
            {
                void Run(DbConnection db)
                {
                    var a = Console.ReadLine();
                    var b = Console.ReadLine();
                    var first = db.CreateCommand();
                    first.CommandText = "DELETE FROM t WHERE a = @a";
                    var firstAParameter = first.CreateParameter();
                    firstAParameter.ParameterName = "@a";
                    firstAParameter.Value = a;
                    first.Parameters.Add(firstAParameter);
                    var second = db.CreateCommand();
                    second.CommandText = @"UPDATE t SET b = @b WHERE a = @a";
                    var secondBParameter = second.CreateParameter();
                    secondBParameter.ParameterName = "@b";
                    secondBParameter.Value = b;
                    second.Parameters.Add(secondBParameter);
                    var secondAParameter = second.CreateParameter();
                    secondAParameter.ParameterName = "@a";
                    secondAParameter.Value = a;
                    second.Parameters.Add(secondAParameter);
                }
            }
            """,
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Theory]
    [InlineData("Microsoft.Data.SqlClient.SqlCommand")]
    [InlineData("Microsoft.Data.Sqlite.SqliteCommand")]
    [InlineData("System.Data.SQLite.SQLiteCommand")]
    [InlineData("Npgsql.NpgsqlCommand")]
    [InlineData("MySqlConnector.MySqlCommand")]
    public async Task Fix_ProviderCommands_AddWithValue(string type)
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            class Job
            {
                void Run()
                {
                    var tag = Console.ReadLine();
                    using var cmd = new TYPE({|SCR2001:$@"SELECT value
                        FROM readings WHERE tag = '{tag}'"|});
                    cmd.ExecuteNonQuery();
                }
            }
            """.Replace("TYPE", type),
            """
            using System;
            class Job
            {
                void Run()
                {
                    var tag = Console.ReadLine();
                    using var cmd = new TYPE(@"SELECT value
                        FROM readings WHERE tag = @tag");
                    cmd.Parameters.AddWithValue("@tag", tag);
                    cmd.ExecuteNonQuery();
                }
            }
            """.Replace("TYPE", type),
            TestReferences.SqlProviders,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_IDbCommand_CreateParameter_AndDataAdapterNotFixed()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Data;
            using System.Data.SqlClient;
            class Job
            {
                void Run(IDbConnection db)
                {
                    var tag = Console.ReadLine();
                    IDbCommand cmd = db.CreateCommand();
                    {|SCR2001:cmd.CommandText = "DELETE FROM readings WHERE tag = '" + tag + "'"|};
                    cmd.ExecuteNonQuery();
                    var adapter = new SqlDataAdapter({|SCR2001:"SELECT * FROM readings WHERE tag = '" + tag + "'"|}, "Server=.");
                }
            }
            """,
            """
            using System;
            using System.Data;
            using System.Data.SqlClient;
            class Job
            {
                void Run(IDbConnection db)
                {
                    var tag = Console.ReadLine();
                    IDbCommand cmd = db.CreateCommand();
                    cmd.CommandText = "DELETE FROM readings WHERE tag = @tag";
                    var tagParameter = cmd.CreateParameter();
                    tagParameter.ParameterName = "@tag";
                    tagParameter.Value = tag;
                    cmd.Parameters.Add(tagParameter);
                    cmd.ExecuteNonQuery();
                    var adapter = new SqlDataAdapter({|SCR2001:"SELECT * FROM readings WHERE tag = '" + tag + "'"|}, "Server=.");
                }
            }
            """,
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Theory]
    [InlineData("cmd.CommandText = \"SELECT * FROM \" + name")]
    [InlineData("cmd.CommandText = \"SELECT * FROM t WHERE id IN (\" + name + \")\"")]
    [InlineData("cmd.CommandText = $\"SELECT * FROM t WHERE [{name}] = 1\"")]
    [InlineData("cmd.CommandText = \"SELECT 1 -- \" + name")]
    [InlineData("cmd.CommandText = $\"SELECT * FROM t WHERE n = E'{name}'\"")]
    [InlineData("cmd.CommandText = $\"SELECT * FROM t WHERE n = {name:D}\"")]
    [InlineData("cmd.CommandText = string.Format(\"SELECT * FROM t WHERE n = '{0}'\", name)")]
    [InlineData("cmd.CommandText = sql")]
    [InlineData("_shared.CommandText = \"SELECT * FROM t WHERE n = '\" + name + \"'\"")]
    [InlineData("if (name.Length > 0) { other.CommandText = \"SELECT * FROM t WHERE n = '\" + name + \"'\"; }")]
    [InlineData("var odbc = new System.Data.Odbc.OdbcCommand(); odbc.CommandText = \"SELECT * FROM t WHERE n = '\" + name + \"'\"")]
    public async Task Fix_NotOffered_WhereAParameterCannotStandOrTheCommandIsNotALocalOfTheBlock(string statement)
    {
        var source = """
            using System;
            using System.Data.Common;
            class C
            {
                private DbCommand _shared = null!;
                void Run(DbConnection db)
                {
                    var name = Console.ReadLine()!;
                    var sql = "SELECT * FROM t WHERE n = '" + name + "'";
                    var cmd = db.CreateCommand();
                    var other = db.CreateCommand();
                    STATEMENT;
                }
            }
            """.Replace("STATEMENT", Mark(statement));
        await VerifyCS.VerifyNoCodeFixAsync(source, TestReferences.SqlProviders, fixedMarkup: MarkupMode.Allow);

        static string Mark(string statement)
        {
            var start = statement.IndexOf("if (", System.StringComparison.Ordinal) == 0 ? statement.IndexOf("{ ", System.StringComparison.Ordinal) + 2
                : statement.IndexOf("; ", System.StringComparison.Ordinal) + 2 is var s && s > 1 ? s : 0;
            var end = statement.IndexOf("; }", System.StringComparison.Ordinal) is var e && e > 0 ? e : statement.Length;
            return statement.Substring(0, start) + "{|SCR2001:" + statement.Substring(start, end - start) + "|}" + statement.Substring(end);
        }
    }

    // A flow into a helper is reported at the call: the SQL is built elsewhere, there is nothing to parameterize here.
    [Fact]
    public async Task Fix_NotOffered_AtTheCallOfAHelper()
    {
        var source = """
            using System;
            using System.Data.Common;
            class Tool
            {
                void Run(DbConnection db) => Delete(db, {|SCR2001:"DELETE FROM t WHERE n = '" + Console.ReadLine() + "'"|});
                void Delete(DbConnection db, string sql)
                {
                    var cmd = db.CreateCommand();
                    cmd.CommandText = sql;
                    cmd.ExecuteNonQuery();
                }
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(
            source, TestReferences.WebAndData, CodeFixTestBehaviors.SkipLocalDiagnosticCheck, MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_EfCore_FromSqlRawAndExecuteSqlRaw_BecomeInterpolatedApis()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            public class Order { public int Id { get; set; } }
            public class Shop : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class OrdersController : ControllerBase
            {
                private readonly Shop db = null!;
                public async Task<IActionResult> Find(string customer, string id, CancellationToken ct)
                {
                    var orders = db.Orders.FromSqlRaw({|SCR2001:$"SELECT * FROM Orders WHERE Customer = '{customer}' AND Note LIKE '%{{x}}%'"|}).ToList();
                    db.Database.ExecuteSqlRaw({|SCR2001:"DELETE FROM Orders WHERE Id = " + id|});
                    await db.Database.ExecuteSqlRawAsync({|SCR2001:"DELETE FROM Orders WHERE Customer = '" + customer + "'"|}, ct);
                    return Ok(orders);
                }
            }
            """,
            """
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            public class Order { public int Id { get; set; } }
            public class Shop : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class OrdersController : ControllerBase
            {
                private readonly Shop db = null!;
                public async Task<IActionResult> Find(string customer, string id, CancellationToken ct)
                {
                    var orders = db.Orders.FromSql($"SELECT * FROM Orders WHERE Customer = {customer} AND Note LIKE '%{{x}}%'").ToList();
                    db.Database.ExecuteSql($"DELETE FROM Orders WHERE Id = {id}");
                    await db.Database.ExecuteSqlAsync($"DELETE FROM Orders WHERE Customer = {customer}", ct);
                    return Ok(orders);
                }
            }
            """,
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_EfCore6_UsesTheInterpolatedNames()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            public class Order { public int Id { get; set; } }
            public class Shop : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class OrdersController : ControllerBase
            {
                private readonly Shop db = null!;
                public IActionResult Find(string customer)
                {
                    var orders = db.Orders.FromSqlRaw({|SCR2001:$"SELECT * FROM Orders WHERE Customer = '{customer}'"|}).ToList();
                    db.Database.ExecuteSqlRaw({|SCR2001:$"DELETE FROM Orders WHERE Customer = '{customer}'"|});
                    return Ok(orders);
                }
            }
            """,
            """
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            public class Order { public int Id { get; set; } }
            public class Shop : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class OrdersController : ControllerBase
            {
                private readonly Shop db = null!;
                public IActionResult Find(string customer)
                {
                    var orders = db.Orders.FromSqlInterpolated($"SELECT * FROM Orders WHERE Customer = {customer}").ToList();
                    db.Database.ExecuteSqlInterpolated($"DELETE FROM Orders WHERE Customer = {customer}");
                    return Ok(orders);
                }
            }
            """,
            TestReferences.EfCore6,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_EfCore_NotOffered_WithParametersOrAnIdentifier()
    {
        var source = """
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            public class Order { public int Id { get; set; } }
            public class Shop : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class OrdersController : ControllerBase
            {
                private readonly Shop db = null!;
                public IActionResult Find(string customer, string table)
                {
                    var a = db.Orders.FromSqlRaw({|SCR2001:"SELECT * FROM Orders WHERE Customer = '" + customer + "' AND Id = {0}"|}, 5).ToList();
                    var b = db.Orders.FromSqlRaw({|SCR2001:$"SELECT * FROM {table}"|}).ToList();
                    return Ok(a.Count + b.Count);
                }
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(source, TestReferences.WebAndData, fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_Dapper_ParameterObject()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.AspNetCore.Mvc;
            public class Filter { public string Name { get; set; } = ""; }
            public class ItemsController : ControllerBase
            {
                private readonly IDbConnection _db = null!;
                public async Task<IActionResult> Get(string id, [FromQuery] Filter filter, IDbTransaction tx)
                {
                    var a = _db.Query<int>({|SCR2001:"SELECT id FROM items WHERE id = " + id|});
                    var b = await _db.QueryAsync<int>({|SCR2001:$"SELECT id FROM items WHERE name = '{filter.Name}'"|}, null);
                    _db.Execute({|SCR2001:$"DELETE FROM items WHERE id = '{id}'"|}, transaction: tx);
                    return Ok(a);
                }
            }
            """,
            """
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.AspNetCore.Mvc;
            public class Filter { public string Name { get; set; } = ""; }
            public class ItemsController : ControllerBase
            {
                private readonly IDbConnection _db = null!;
                public async Task<IActionResult> Get(string id, [FromQuery] Filter filter, IDbTransaction tx)
                {
                    var a = _db.Query<int>("SELECT id FROM items WHERE id = @id", new { id });
                    var b = await _db.QueryAsync<int>("SELECT id FROM items WHERE name = @name", new { name = filter.Name });
                    _db.Execute("DELETE FROM items WHERE id = @id", transaction: tx, param: new { id });
                    return Ok(a);
                }
            }
            """,
            TestReferences.WebAndData,
            fixedMarkup: MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_Dapper_NotOffered_WithAParameterObject()
    {
        var source = """
            using System.Data;
            using Dapper;
            using Microsoft.AspNetCore.Mvc;
            public class ItemsController : ControllerBase
            {
                private readonly IDbConnection _db = null!;
                public IActionResult Get(string id, string name) => Ok(_db.Query<int>({|SCR2001:"SELECT id FROM items WHERE id = @id AND name = '" + name + "'"|}, new { id }));
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(source, TestReferences.WebAndData, fixedMarkup: MarkupMode.Allow);
    }
}
