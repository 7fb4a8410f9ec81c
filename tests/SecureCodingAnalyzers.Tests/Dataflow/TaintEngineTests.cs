using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Dataflow;

/// <summary>
/// The engine's transfer functions, one language construct per test, on one sink (SQL command text) and simple sources
/// (console input, a controller parameter). Markup {|SCR2001:...|} marks a finding; every other sink must stay silent.
/// The rules' own tests cover their sinks, sanitizers and guards.
/// </summary>
public class TaintEngineTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        """;

    private static Task Verify(string body, string? globalConfig = null)
        => VerifyCS.VerifyAnalyzerAsync(Prelude + body, TestReferences.Web, globalConfig);

    // ---- Detect ----

    [Fact]
    public async Task Detect_FieldWrittenInOneMethodAndReadInAnother()
    {
        await Verify("""
            class Job
            {
                private string _filter = "";
                private readonly DbCommand _cmd = null!;
                public void Configure() => _filter = Console.ReadLine() ?? "";
                public void Run()
                {
                    {|SCR2001:_cmd.CommandText = "SELECT * FROM t WHERE " + _filter|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ThroughListAndForeach_AndDictionaryIndexer()
    {
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd)
                {
                    var names = new List<string>();
                    names.Add(Console.ReadLine()!);
                    foreach (var name in names)
                    {
                        {|SCR2001:cmd.CommandText = "DELETE FROM t WHERE n = '" + name + "'"|};
                    }

                    var map = new Dictionary<string, string>();
                    map["k"] = Console.ReadLine()!;
                    {|SCR2001:cmd.CommandText = map["k"]|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ThroughLinqProjectionAndJoin()
    {
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd)
                {
                    var ids = Console.ReadLine()!.Split(',');
                    var quoted = ids.Select(id => "'" + id + "'").Where(q => q.Length > 2);
                    {|SCR2001:cmd.CommandText = "SELECT * FROM t WHERE id IN (" + string.Join(",", quoted) + ")"|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_SinkInsideLambdaCapturingTaintedLocal()
    {
        await Verify("""
            class Job
            {
                Task Run(DbCommand cmd)
                {
                    var table = Console.ReadLine();
                    return Task.Run(() => { {|SCR2001:cmd.CommandText = "DROP TABLE " + table|}; });
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_StraightLineBodyWithLambdas_ReturnInLambdaDoesNotEndTheMethod()
    {
        // Without loops or handlers the body and its lambdas are evaluated on the operation tree: a lambda's return
        // ends the lambda, the statements after it are still analyzed, and what the lambda returns is the call's result.
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd, List<string> names)
                {
                    var input = Console.ReadLine()!;
                    var first = names.Select(n => { return n.Trim(); }).FirstOrDefault(n => n.Length > 0);
                    {|SCR2001:cmd.CommandText = "SELECT * FROM t WHERE n = '" + input + "'"|};
                    var fromInput = new[] { input }.Select(n => { if (n.Length == 0) { return "none"; } return n.ToUpperInvariant(); });
                    {|SCR2001:cmd.CommandText = string.Concat(fromInput)|};
                    Func<string, string> quote = s => "'" + s + "'";
                    {|SCR2001:cmd.CommandText = quote(input)|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_LambdaWithLoopInsideStraightLineMethod()
    {
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd)
                {
                    var input = Console.ReadLine()!;
                    Action act = () =>
                    {
                        foreach (var part in input.Split(','))
                        {
                            {|SCR2001:cmd.CommandText = "DELETE FROM t WHERE id = " + part|};
                        }
                    };
                    act();
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_AfterAwait_AndInLocalFunction()
    {
        await Verify("""
            using System.IO;
            class Job
            {
                async Task Run(DbCommand cmd, Stream network)
                {
                    using var reader = new StreamReader(Console.OpenStandardInput());
                    var line = await reader.ReadLineAsync();
                    Exec(line!);

                    void Exec(string sql) { {|SCR2001:cmd.CommandText = sql|}; }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_AssignedInLoopUsedAfter_AndInCatch()
    {
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd)
                {
                    var filter = "1 = 1";
                    for (var i = 0; i < 3; i++)
                    {
                        filter += " AND " + Console.ReadLine();
                    }

                    {|SCR2001:cmd.CommandText = "SELECT * FROM t WHERE " + filter|};
                    var name = Console.ReadLine();
                    try
                    {
                        cmd.ExecuteNonQuery();
                    }
                    catch (Exception)
                    {
                        {|SCR2001:cmd.CommandText = "INSERT INTO errors VALUES ('" + name + "')"|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_TupleElement_PatternVariable_AndTernary()
    {
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd, bool flag, object boxed)
                {
                    var (user, role) = (Console.ReadLine(), "admin");
                    {|SCR2001:cmd.CommandText = "SELECT * FROM u WHERE n = '" + user + "'"|};
                    cmd.CommandText = "SELECT * FROM r WHERE n = '" + role + "'";
                    object input = Console.ReadLine()!;
                    if (input is string text)
                    {
                        {|SCR2001:cmd.CommandText = text|};
                    }

                    var order = flag ? Console.ReadLine() : "name";
                    {|SCR2001:cmd.CommandText = "SELECT * FROM t ORDER BY " + order|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_SourceReturnedByHelperInAnotherClass()
    {
        await Verify("""
            static class Input
            {
                public static string Read() => Console.ReadLine() ?? "";
                public static string Wrap(string s) => "'" + s.Trim() + "'";
            }

            class Job
            {
                void Run(DbCommand cmd)
                {
                    {|SCR2001:cmd.CommandText = "SELECT * FROM t WHERE n = " + Input.Wrap(Input.Read())|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_MainArguments_AndEnvironmentVariable()
    {
        await Verify("""
            static class Program
            {
                static void Main(string[] args)
                {
                    DbCommand cmd = null!;
                    {|SCR2001:cmd.CommandText = "SELECT * FROM t WHERE n = '" + args[0] + "'"|};
                    {|SCR2001:cmd.CommandText = "SELECT * FROM t WHERE n = '" + Environment.GetEnvironmentVariable("TENANT") + "'"|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_MinimalApiLambdaParameter_AndMethodGroupHandler()
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            static class Endpoints
            {
                static DbCommand Cmd = null!;
                public static void Map(WebApplication app)
                {
                    app.MapGet("/orders", (string customer) => { {|SCR2001:Cmd.CommandText = "SELECT * FROM o WHERE c = '" + customer + "'"|}; });
                    app.MapDelete("/orders", Delete);
                }

                static void Delete(string id) { {|SCR2001:Cmd.CommandText = "DELETE FROM o WHERE id = " + id|}; }
            }
            """);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_OverwriteKillsTaint_AndConversionsToNumbers()
    {
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd)
                {
                    var sql = "SELECT * FROM t WHERE n = '" + Console.ReadLine() + "'";
                    sql = "SELECT * FROM t";
                    cmd.CommandText = sql;
                    var id = int.Parse(Console.ReadLine()!);
                    var when = DateTime.Parse(Console.ReadLine()!);
                    var kind = Enum.Parse<DayOfWeek>(Console.ReadLine()!);
                    cmd.CommandText = $"SELECT * FROM t WHERE id = {id} AND d = '{when:O}' AND k = {(int)kind}";
                    cmd.CommandText = "SELECT * FROM t WHERE len = " + Console.ReadLine()!.Length;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_SummaryIsAppliedPerCallSite()
    {
        await Verify("""
            static class Sql
            {
                public static string Quote(string s) => "'" + s + "'";
            }

            class Job
            {
                void Run(DbCommand cmd)
                {
                    var user = Sql.Quote(Console.ReadLine()!);
                    var fixedName = Sql.Quote("admin");
                    cmd.CommandText = "SELECT * FROM t WHERE n = " + fixedName;
                    cmd.Parameters.Clear();
                    _ = user;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_GuardsThatDominateTheSink()
    {
        await Verify("""
            using System.Text.RegularExpressions;
            class Job
            {
                static readonly string[] Tables = { "orders", "lines" };
                void Run(DbCommand cmd)
                {
                    var table = Console.ReadLine()!;
                    if (!Tables.Contains(table))
                    {
                        throw new ArgumentException("unknown table");
                    }

                    cmd.CommandText = "SELECT * FROM " + table;

                    var code = Console.ReadLine()!;
                    if (Regex.IsMatch(code, "^[A-Z]{3}[0-9]{2}$"))
                    {
                        cmd.CommandText = "SELECT * FROM t WHERE code = '" + code + "'";
                    }

                    var number = Console.ReadLine()!;
                    if (int.TryParse(number, out _))
                    {
                        cmd.CommandText = "SELECT * FROM t WHERE id = " + number;
                    }

                    var mode = Console.ReadLine();
                    if (mode == "fast" || mode == "full")
                    {
                        cmd.CommandText = "SELECT * FROM t WHERE mode = '" + mode + "'";
                    }

                    var name = Console.ReadLine()!;
                    if (name.All(char.IsLetterOrDigit))
                    {
                        cmd.CommandText = "SELECT * FROM t WHERE n = '" + name + "'";
                    }

                    var sort = Console.ReadLine() switch { "date" => "created", _ => "id" };
                    cmd.CommandText = "SELECT * FROM t ORDER BY " + sort;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_LambdaWritesToCapturedLocalStayInsideIt_OnTheTree()
    {
        // The lambda is analyzed where it is created, from the state there; its writes do not leak into the method
        // (the graph does the same), and a constant-only lambda result is clean.
        await Verify("""
            class Job
            {
                void Run(DbCommand cmd, List<int> ids)
                {
                    var table = "orders";
                    var count = ids.Count(id => id > 0);
                    var label = ids.Select(id => "row").FirstOrDefault() ?? "none";
                    cmd.CommandText = "SELECT * FROM " + table + " WHERE label = '" + label + "' LIMIT " + count;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_Regression_GuardInConditionalExpressionOfStraightLineBody()
    {
        // Bodies without statements that branch are analyzed on their operation tree; a guard in c ? a : b, c && b or
        // c || b still protects the operand it dominates (the body goes to the graph).
        await Verify("""
            class Job
            {
                static readonly string[] Tables = { "orders", "lines" };
                static int Exec(DbCommand cmd, string sql)
                {
                    cmd.CommandText = sql;
                    return cmd.ExecuteNonQuery();
                }

                int Count(DbCommand cmd)
                {
                    var table = Console.ReadLine()!;
                    return Tables.Contains(table) ? Exec(cmd, "SELECT COUNT(*) FROM " + table) : 0;
                }

                bool Purge(DbCommand cmd)
                {
                    var table = Console.ReadLine()!;
                    return Tables.Contains(table) && Exec(cmd, "DELETE FROM " + table) > 0;
                }

                bool Archive(DbCommand cmd)
                {
                    var table = Console.ReadLine()!;
                    return !Tables.Contains(table) || Exec(cmd, "INSERT INTO archive SELECT * FROM " + table) > 0;
                }

                int Wrong(DbCommand cmd, bool verbose)
                {
                    var table = Console.ReadLine()!;
                    var rows = verbose ? Exec(cmd, {|SCR2001:"SELECT * FROM " + table|}) : 0;
                    return Tables.Contains(table) ? 0 : rows + Exec(cmd, {|SCR2001:"DELETE FROM " + table|});
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_GuardsThatDoNotProtect()
    {
        await Verify("""
            using System.Text.RegularExpressions;
            class Job
            {
                void Run(DbCommand cmd)
                {
                    var a = Console.ReadLine()!;
                    if (a.Contains("orders"))
                    {
                        {|SCR2001:cmd.CommandText = "SELECT * FROM " + a|};
                    }

                    var b = Console.ReadLine()!;
                    if (Regex.IsMatch(b, "[A-Z]+"))
                    {
                        {|SCR2001:cmd.CommandText = "SELECT * FROM " + b|};
                    }

                    var c = Console.ReadLine()!;
                    if (int.TryParse(c, out _))
                    {
                    }

                    {|SCR2001:cmd.CommandText = "SELECT * FROM t WHERE id = " + c|};
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ValidationHelperOfTheSameFile_GuardsItsArgument()
    {
        await Verify("""
            using System.Text.RegularExpressions;
            class Job
            {
                static readonly HashSet<string> Tables = new() { "orders", "lines" };
                static bool IsKnownTable(string name) => Tables.Contains(name);
                static bool IsIdentifier(string text) { return Regex.IsMatch(text, "^[A-Za-z_][A-Za-z0-9_]*$") && text.Length < 64; }

                void Run(DbCommand cmd)
                {
                    var table = Console.ReadLine()!;
                    if (!IsKnownTable(table))
                    {
                        return;
                    }

                    cmd.CommandText = "SELECT * FROM " + table;
                    var column = Console.ReadLine()!;
                    if (IsIdentifier(column))
                    {
                        cmd.CommandText = "SELECT " + column + " FROM t";
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ValidationHelperThatDoesNotValidate()
    {
        await Verify("""
            class Job
            {
                static bool IsShort(string name) => name.Length < 20;
                static bool Mentions(string name) => name.Contains("orders");

                void Run(DbCommand cmd)
                {
                    var a = Console.ReadLine()!;
                    if (IsShort(a))
                    {
                        {|SCR2001:cmd.CommandText = "SELECT * FROM " + a|};
                    }

                    var b = Console.ReadLine()!;
                    if (Mentions(b))
                    {
                        {|SCR2001:cmd.CommandText = "SELECT * FROM " + b|};
                    }
                }
            }
            """);
    }

    // ---- Configuration ----

    [Fact]
    public async Task Configured_SourcesSinksSanitizersAndDisabledGroups()
    {
        await Verify(
            """
            namespace Plant
            {
                static class Tags
                {
                    public static string Read(string tag) => tag;
                    public static string Clean(string s) => s;
                    public static void Execute(string script) { }
                }

                class Job
                {
                    void Run(DbCommand cmd)
                    {
                        {|SCR2001:cmd.CommandText = "SELECT " + Tags.Read("T1")|};
                        cmd.CommandText = "SELECT " + Tags.Clean(Tags.Read("T2"));
                        Tags.Execute({|SCR2001:Tags.Read("T3")|});
                        cmd.CommandText = "SELECT " + Console.ReadLine();
                    }
                }
            }
            """,
            """
            secure_coding.taint_sources = M:Plant.Tags.Read(System.String)
            secure_coding.taint_sanitizers = M:Plant.Tags.Clean(System.String)
            dotnet_diagnostic.SCR2001.taint_sinks = M:Plant.Tags.Execute(System.String)
            dotnet_diagnostic.SCR2001.taint_disabled_source_groups = process
            """);
    }

    [Fact]
    public async Task Configured_InputSanitizerAttribute_OnSanitizerGuardAndValidator()
    {
        await Verify("""
            sealed class InputSanitizerAttribute : Attribute
            {
                public InputSanitizerAttribute(params string[] kinds) { }
            }

            static class Validation
            {
                [InputSanitizer("sql")] public static string Escape(string s) => s.Replace("'", "''");
                [InputSanitizer] public static bool IsTableName(string s) => s.Length < 20;
                [InputSanitizer("sql")] public static void EnsureIdentifier(string s) { if (s.Length > 20) throw new ArgumentException(); }
                [InputSanitizer("path")] public static string SafePath(string s) => s;
            }

            class Job
            {
                void Run(DbCommand cmd)
                {
                    cmd.CommandText = "SELECT * FROM t WHERE n = '" + Validation.Escape(Console.ReadLine()!) + "'";
                    var table = Console.ReadLine()!;
                    if (Validation.IsTableName(table))
                    {
                        cmd.CommandText = "SELECT * FROM " + table;
                    }

                    var column = Console.ReadLine()!;
                    Validation.EnsureIdentifier(column);
                    cmd.CommandText = "SELECT " + column + " FROM t";
                    {|SCR2001:cmd.CommandText = "SELECT * FROM " + Validation.SafePath(Console.ReadLine()!)|};
                }
            }
            """);
    }

    [Fact]
    public async Task Configured_BudgetExceeded_IsReportedBySCR2000_WhenEnabled_WithTheFlowsFoundSoFar()
    {
        await Verify(
            """
            class Job
            {
                void {|SCR2000:Run|}(DbCommand cmd)
                {
                    var a = Console.ReadLine();
                    var b = a + a;
                    {|SCR2001:cmd.CommandText = b|};
                    for (var i = 0; i < b.Length; i++)
                    {
                        cmd.CommandText = a;
                    }
                }
            }
            """,
            """
            dotnet_diagnostic.SCR2000.severity = warning
            dotnet_diagnostic.SCR2000.dataflow_max_steps = 15
            """);
    }
}
