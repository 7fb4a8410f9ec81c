using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Injection.InjectionAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>Markup: {|#0:...|} is the sink (the diagnostic), {|#1:...|} the source (additional location).</summary>
public class SqlInjectionTests
{
    private static DiagnosticResult Sql(params int[] locations)
    {
        var result = VerifyCS.Diagnostic("SCR2001");
        foreach (var location in locations)
        {
            result = result.WithLocation(location);
        }

        return result;
    }

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
            null,
            Sql(0, 1).WithArguments("untrusted HTTP input 'id' (line 7)", "SQL command text (line 10)"));
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
            null,
            Sql(0, 1).WithArguments("serial-port input (SerialPort.ReadLine) (line 8)", "SQL command text (line 13)"));
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
            null,
            Sql(0, 1, 2).WithArguments("console input (Console.ReadLine) (line 8)", "SQL command text in Tool.Delete (line 14)"));
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
            TestReferences.Web,
            null);
    }
}
