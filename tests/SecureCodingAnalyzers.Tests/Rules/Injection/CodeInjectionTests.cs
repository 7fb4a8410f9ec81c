using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2010, code injection. No code fix: see rules/SCR2010.md.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class CodeInjectionTests
{
    private const string Rule = "SCR2010";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerExpressionEvaluatedAsScript()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            public class CalculatorController : ControllerBase
            {
                public async Task<IActionResult> Eval(string {|#1:formula|})
                    => Ok(await CSharpScript.EvaluateAsync<double>({|#0:formula|}));
            }
            """,
            TestReferences.CodeEvaluation,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("untrusted HTTP input 'formula' (line 6)", "C# script code (line 7)"));
    }

    [Theory]
    [InlineData("await CSharpScript.EvaluateAsync({|#0:v|});")]
    [InlineData("await CSharpScript.RunAsync({|#0:v|});")]
    [InlineData("CSharpScript.Create({|#0:v|});")]
    [InlineData("CSharpScript.Create<int>({|#0:v|});")]
    [InlineData("CSharpScript.Create(\"1\").ContinueWith({|#0:v|});")]
    [InlineData("provider.CompileAssemblyFromSource(new CompilerParameters(), {|#0:v|});")]
    [InlineData("provider.CompileAssemblyFromFile(new CompilerParameters(), {|#0:v|});")]
    [InlineData("compiler.CompileAssemblyFromSource(new CompilerParameters(), {|#0:v|});")]
    [InlineData("compiler.CompileAssemblyFromSourceBatch(new CompilerParameters(), {|#0:new[] { v }|});")]
    [InlineData("compiler.CompileAssemblyFromFile(new CompilerParameters(), {|#0:v|});")]
    [InlineData("compiler.CompileAssemblyFromFileBatch(new CompilerParameters(), {|#0:new[] { v }|});")]
    [InlineData("query.Where({|#0:v|});")]
    [InlineData("query.Select({|#0:v|});")]
    [InlineData("query.OrderBy({|#0:v|});")]
    [InlineData("query.OrderBy(\"Id\").ThenBy({|#0:v|});")]
    [InlineData("query.GroupBy({|#0:v|}, \"it\");")]
    [InlineData("query.SelectMany({|#0:v|});")]
    [InlineData("query.Any({|#0:v|});")]
    [InlineData("query.Count({|#0:v|});")]
    [InlineData("query.FirstOrDefault({|#0:v|});")]
    [InlineData("DynamicExpressionParser.ParseLambda(typeof(string), typeof(bool), {|#0:v|});")]
    public async Task Detect_EverySinkApi(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.CodeDom.Compiler;
            using System.IO;
            using System.Linq;
            using System.Linq.Dynamic.Core;
            using System.Net.Sockets;
            using System.Reflection;
                        using System.Threading.Tasks;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }
            class Probe
            {
                async Task Run(CodeDomProvider provider, ICodeCompiler compiler, IQueryable<Product> query, TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var v = reader.ReadLine()!;
            """ + statement + """

                }
            }
            """,
            TestReferences.CodeEvaluation,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_RulesFromFileAndNetworkThroughFieldAndLambda()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Linq;
            using System.Linq.Dynamic.Core;
            using System.Net;
            using System.Net.Sockets;
            using System.Text;
            public class Reading { public double Value { get; set; } }
            class RuleEngine
            {
                private string _filter = "Value > 0";
                void Configure(string rulesFile) => {|#2:_filter|} = {|#1:File.ReadAllText(rulesFile)|};
                IQueryable<Reading> Apply(IQueryable<Reading> readings) => readings.Where({|#0:_filter|});
                string[] Sorts(IQueryable<Reading> readings, UdpClient control)
                {
                    IPEndPoint? sender = null;
                    var sort = Encoding.UTF8.GetString({|#4:control.Receive(ref sender)|});
                    return new[] { sort }.Select(s => readings.OrderBy({|#3:s|}).ToString()).ToArray();
                }
            }
            """,
            TestReferences.CodeEvaluation,
            Finding.At(Rule, 0, 1, 2),
            Finding.At(Rule, 3, 4));
    }

    // Process input and environment variables do not count by default (see the Safe case of the same program); a
    // list without them counts them again (here the console and the command line, not the environment).
    [Fact]
    public async Task Detect_CommandLineAndConsoleWhenTheListLeavesProcessOut()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Reflection;
            using System.Threading.Tasks;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            static class DevConsole
            {
                static async Task Main(string[] args)
                {
                    var init = Environment.GetEnvironmentVariable("REPL_INIT");
                    if (init is not null)
                    {
                        await CSharpScript.RunAsync(init);
                    }

                    string? line;
                    while ((line = {|#3:Console.ReadLine()|}) is not null)
                    {
                        Console.WriteLine(await CSharpScript.EvaluateAsync({|#2:line|}));
                    }
                }
            }
            """,
            TestReferences.CodeEvaluation,
            "dotnet_diagnostic.SCR2010.taint_disabled_source_groups = environment",
            Finding.WithMessageAt(Rule, 2, 3)
                .WithArguments("console input (Console.ReadLine) (line 16)", "C# script code (line 18)"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_DynamicLinqWithParametersAllowListsAndMappings()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Linq.Dynamic.Core;
            using Microsoft.AspNetCore.Mvc;
            public class Product { public int Id { get; set; } public string Name { get; set; } = ""; public decimal Price { get; set; } }
            public class ProductsController : ControllerBase
            {
                private static readonly HashSet<string> Sortable = new() { "Name", "Price" };
                private readonly IQueryable<Product> _products = new List<Product>().AsQueryable();
                public IActionResult Get(string name, string minPrice, string sort, string order, string group)
                {
                    var q = _products.Where("Name.Contains(@0) && Price >= @1", name, decimal.Parse(minPrice));
                    if (!Sortable.Contains(sort))
                    {
                        return BadRequest();
                    }

                    var direction = order == "desc" ? "descending" : "ascending";
                    q = q.OrderBy(sort + " " + direction);
                    var key = group switch
                    {
                        "name" => "Name",
                        "price" => "Price",
                        _ => "Id",
                    };
                    return Ok(q.GroupBy(key).ToDynamicList());
                }
            }
            """,
            TestReferences.CodeEvaluation);
    }

    [Fact]
    public async Task Safe_ScriptWithUntrustedValuesAsGlobalsOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            public class Globals { public double X; public string Label = ""; }
            public class FormulaController : ControllerBase
            {
                private const string Formula = "X * 1.8 + 32";
                public async Task<IActionResult> Convert(string x, string label)
                {
                    var globals = new Globals { X = double.Parse(x), Label = label };
                    return Ok(await CSharpScript.EvaluateAsync<double>(Formula, globals: globals));
                }
            }
            """,
            TestReferences.CodeEvaluation);
    }

    // Regression: Path.GetFileName is a sanitizer of SCR2003 and SCR2010; the two specs cleaned the value separately
    // and the union of the two copies was still dirty for each rule.
    [Fact]
    public async Task Safe_PluginChosenByFileNameInsideFixedDirectory()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using Microsoft.AspNetCore.Mvc;
            public class PluginsController : ControllerBase
            {
                private static readonly string PluginDir = Path.Combine(AppContext.BaseDirectory, "plugins");
                public IActionResult Activate(string name)
                {
                    var path = Path.Combine(PluginDir, Path.GetFileName(name));
                    var assembly = Assembly.LoadFrom(path);
                    return Ok(assembly.FullName + System.IO.File.Exists(path));
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ConstantScripts()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            class Host
            {
                async Task Start()
                {
                    var script = File.ReadAllText("startup.csx");
                    await CSharpScript.RunAsync(script);
                }
            }
            """,
            TestReferences.CodeEvaluation);
    }

    // A developer console runs the code its operator types and loads the plugins the operator names: no privilege
    // boundary is crossed. Process input and environment variables do not count for this rule by default.
    [Fact]
    public async Task Safe_CommandLineConsoleAndEnvironmentByDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Reflection;
            using System.Threading.Tasks;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            static class DevConsole
            {
                static async Task Main(string[] args)
                {
                    foreach (var plugin in args)
                    {
                        Assembly.LoadFrom(plugin);
                    }

                    var init = Environment.GetEnvironmentVariable("REPL_INIT");
                    if (init is not null)
                    {
                        await CSharpScript.RunAsync(init);
                    }

                    string? line;
                    while ((line = Console.ReadLine()) is not null)
                    {
                        Console.WriteLine(await CSharpScript.EvaluateAsync(line));
                    }
                }
            }
            """,
            TestReferences.CodeEvaluation);
    }

    [Fact]
    public async Task Safe_NumberOnlyIntoExpression()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Linq;
            using System.Linq.Dynamic.Core;
            using System.Net.Sockets;
            public class Reading { public double Value { get; set; } }
            class Alarm
            {
                IQueryable<Reading> Above(IQueryable<Reading> readings, TcpClient scada)
                {
                    using var reader = new StreamReader(scada.GetStream());
                    var limit = double.Parse(reader.ReadLine()!);
                    return readings.Where("Value > " + limit);
                }
            }
            """,
            TestReferences.CodeEvaluation);
    }
}
