using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Injection.RegexInjectionCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2008, regular-expression injection.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class RegexInjectionTests
{
    private const string Rule = "SCR2008";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerFilterAsPattern()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Linq;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class ProductsController : ControllerBase
            {
                private static readonly string[] Names = { "valve", "pump" };
                public IActionResult Search(string {|#1:filter|})
                    => Ok(Names.Where(n => Regex.IsMatch(n, {|#0:filter|})).ToList());
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("untrusted HTTP input 'filter' (line 7)", "a regular-expression pattern (line 8)"));
    }

    [Theory]
    [InlineData("new Regex({|#0:p|});")]
    [InlineData("new Regex({|#0:p|}, RegexOptions.IgnoreCase | RegexOptions.Compiled);")]
    [InlineData("new Regex({|#0:p|}, RegexOptions.None, Regex.InfiniteMatchTimeout);")]
    [InlineData("Regex.IsMatch(text, {|#0:p|});")]
    [InlineData("Regex.IsMatch(text.AsSpan(), {|#0:p|}, RegexOptions.IgnoreCase);")]
    [InlineData("Regex.Match(text, {|#0:p|});")]
    [InlineData("Regex.Matches(text, {|#0:p|}, RegexOptions.Multiline);")]
    [InlineData("Regex.Replace(text, {|#0:p|}, \"*\");")]
    [InlineData("Regex.Replace(text, {|#0:p|}, m => m.Value.ToUpperInvariant());")]
    [InlineData("Regex.Split(text, {|#0:p|});")]
    [InlineData("Regex.Count(text, {|#0:p|});")]
    [InlineData("foreach (var m in Regex.EnumerateMatches(text.AsSpan(), {|#0:p|})) { }")]
    [InlineData("Regex.IsMatch(text, {|#0:p|}, RegexOptions.None, Timeout.InfiniteTimeSpan);")]
    public async Task Detect_EverySinkApi(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Net.Sockets;
            using System.Text.RegularExpressions;
            using System.Threading;
            class Probe
            {
                void Run(string text, TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var p = reader.ReadLine()!;
            """ + statement + """

                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_PatternBuiltFromSerialInputInLoop()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.IO.Ports;
            using System.Text.RegularExpressions;
            class TagFilter
            {
                List<Regex> Read(SerialPort port, int count)
                {
                    var result = new List<Regex>();
                    for (var i = 0; i < count; i++)
                    {
                        var mask = {|#1:port.ReadLine()|};
                        if (mask.Length == 0)
                        {
                            continue;
                        }

                        result.Add(new Regex({|#0:"^" + mask + "$"|}));
                    }

                    return result;
                }
            }
            """,
            TestReferences.WebAndData,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_HelperInOtherClass_FromSerialPort()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO.Ports;
            using System.Text.RegularExpressions;
            class Display
            {
                Regex Filter(SerialPort panel) => PatternCache.Compile({|#0:{|#1:panel.ReadLine()|}|});
            }
            static class PatternCache
            {
                public static Regex Compile(string pattern) => new Regex({|#2:pattern|}, RegexOptions.Compiled);
            }
            """,
            TestReferences.WebAndData,
            Finding.At(Rule, 0, 1, 2));
    }

    // Process input and environment variables do not count by default (see the Safe case of the same program); an
    // empty shared list counts every group again, for every rule: the file path from the command line is now a
    // path-traversal finding too.
    [Fact]
    public async Task Detect_CommandLineConsoleAndEnvironmentWhenEveryGroupIsCounted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Text.RegularExpressions;
            static class Grep
            {
                static int Main(string[] {|#1:args|})
                {
                    var pattern = new Regex({|#0:args[0]|}, RegexOptions.IgnoreCase);
                    var exclude = PatternCache.Compile({|#2:{|#3:Environment.GetEnvironmentVariable("GREP_EXCLUDE")|} ?? "^$"|});
                    Console.Write("Highlight: ");
                    var highlight = {|#5:Console.ReadLine()|} ?? "";
                    var count = 0;
                    foreach (var line in File.ReadLines({|#7:args[1]|}))
                    {
                        if (pattern.IsMatch(line) && !exclude.IsMatch(line))
                        {
                            Console.WriteLine(Regex.Replace(line, {|#4:highlight|}, m => "[" + m.Value + "]"));
                            count++;
                        }
                    }

                    return count > 0 ? 0 : 1;
                }
            }
            static class PatternCache
            {
                public static Regex Compile(string pattern) => new Regex({|#6:pattern|}, RegexOptions.Compiled);
            }
            """,
            TestReferences.Web,
            "secure_coding.taint_disabled_source_groups =",
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3, 6),
            Finding.At(Rule, 4, 5),
            Finding.At("SCR2003", 7, 1));
    }

    [Fact]
    public async Task Detect_AsyncNetworkInputThroughField()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Text.RegularExpressions;
            using System.Threading.Tasks;
            class RuleListener
            {
                private string _rule = "^$";
                async Task Receive(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    {|#2:_rule|} = (await reader.ReadLineAsync())!;
                }
                bool Matches(string line) => Regex.IsMatch(line, {|#0:_rule|});
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_FileContentsAsPatterns()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Linq;
            using System.Text.RegularExpressions;
            class Rules
            {
                Regex[] Load(string path) => {|#1:File.ReadAllLines(path)|}.Select(l => new Regex({|#0:l|})).ToArray();
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_EscapedInputAndGlobConversion()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class FilesController : ControllerBase
            {
                public IActionResult Find(string name, string glob, string word, string text)
                {
                    var a = Regex.IsMatch(text, Regex.Escape(name));
                    var b = new Regex("^" + Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
                    var c = Regex.Replace(text, $@"\b{Regex.Escape(word)}\b", "***", RegexOptions.IgnoreCase);
                    return Ok(a && b.IsMatch(text) ? c : text);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_UntrustedInputMatchedAgainstFixedPatterns()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class UsersController : ControllerBase
            {
                private static readonly Regex Email = new(@"^[^@\s]+@[^@\s]+$", RegexOptions.Compiled);
                private static Regex UserName() => new("^[a-z0-9_]{3,16}$");
                public IActionResult Check(string email, string name, string text)
                {
                    var ok = Email.IsMatch(email) && UserName().IsMatch(name);
                    var cleaned = Regex.Replace(text, @"\s+", " ");
                    var parts = Regex.Split(text, ",\\s*");
                    return Ok(ok ? cleaned + parts.Length : text);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_BoundedMatching_NonBacktrackingOrTimeout()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class LogSearchController : ControllerBase
            {
                private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(200);
                public IActionResult Search(string query, string text)
                {
                    var a = new Regex(query, RegexOptions.NonBacktracking | RegexOptions.IgnoreCase).IsMatch(text);
                    var b = Regex.IsMatch(text, query, RegexOptions.None, TimeSpan.FromMilliseconds(100));
                    var c = new Regex(query, RegexOptions.IgnoreCase, Budget).Matches(text).Count;
                    return Ok(a || b ? c : 0);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_AllowListedOrLookedUpOrNumericPatterns()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class ValidateController : ControllerBase
            {
                private static readonly HashSet<string> Known = new() { @"^\d+$", @"^[A-Z]{2}\d{6}$" };
                private static readonly Dictionary<string, string> Formats = new() { ["zip"] = @"^\d{5}$", ["phone"] = @"^\+?\d{7,15}$" };
                public IActionResult Validate(string pattern, string format, string digits, string value)
                {
                    if (!Known.Contains(pattern))
                    {
                        return BadRequest();
                    }

                    var a = Regex.IsMatch(value, pattern);
                    var b = Regex.IsMatch(value, Formats[format]);
                    var c = Regex.IsMatch(value, "^\\d{" + int.Parse(digits) + "}$");
                    return Ok(a && b && c);
                }
            }
            """,
            TestReferences.Web);
    }

    // A search tool whose patterns come from the operator who runs it crosses no privilege boundary: process input
    // (Main arguments, the command line, the console) and environment variables do not count for this rule by default.
    [Fact]
    public async Task Safe_CommandLineConsoleAndEnvironmentByDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Text.RegularExpressions;
            static class Grep
            {
                static int Main(string[] args)
                {
                    var pattern = new Regex(args[0], RegexOptions.IgnoreCase);
                    var exclude = PatternCache.Compile(Environment.GetEnvironmentVariable("GREP_EXCLUDE") ?? "^$");
                    Console.Write("Highlight: ");
                    var highlight = Console.ReadLine() ?? "";
                    var count = 0;
                    foreach (var line in File.ReadLines(args[1]))
                    {
                        if (pattern.IsMatch(line) && !exclude.IsMatch(line))
                        {
                            Console.WriteLine(Regex.Replace(line, highlight, m => "[" + m.Value + "]"));
                            count++;
                        }
                    }

                    return count > 0 ? 0 : 1;
                }
            }
            static class PatternCache
            {
                public static Regex Compile(string pattern) => new Regex(pattern, RegexOptions.Compiled);
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_SanitizerConfiguredByDocumentationId()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text.RegularExpressions;
            namespace Contoso;
            static class Patterns
            {
                public static string Validated(string pattern) => pattern.Length < 40 ? pattern : throw new ArgumentException();
            }
            class Tool
            {
                bool Run(string text, string rulesFile) => Regex.IsMatch(text, Patterns.Validated(System.IO.File.ReadAllText(rulesFile)));
            }
            """,
            TestReferences.Web,
            "dotnet_diagnostic.SCR2008.taint_sanitizers = M:Contoso.Patterns.Validated(System.String)");
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_WrapsVariableInRegexEscape()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Text.RegularExpressions;
            class Tool
            {
                bool Run(string text, TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var term = reader.ReadLine()!;
                    return Regex.IsMatch(text, {|SCR2008:term|}, RegexOptions.IgnoreCase);
                }
            }
            """,
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Text.RegularExpressions;
            class Tool
            {
                bool Run(string text, TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var term = reader.ReadLine()!;
                    return Regex.IsMatch(text, Regex.Escape(term), RegexOptions.IgnoreCase);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_EscapesOnlyTheNonConstantParts_AndAddsTheUsing()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.IO;
            class Tool
            {
                const string Word = @"\b";
                void Run(string text, System.Net.Sockets.TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var a = reader.ReadLine()!;
                    var b = reader.ReadLine()!;
                    var r1 = new System.Text.RegularExpressions.Regex({|SCR2008:"^" + a + "$"|});
                    var r2 = new System.Text.RegularExpressions.Regex({|SCR2008:$"{Word}{b}{Word}|{System.Text.RegularExpressions.Regex.Escape(a)}"|});
                }
            }
            """,
            """
            using System.IO;
            using System.Text.RegularExpressions;
            class Tool
            {
                const string Word = @"\b";
                void Run(string text, System.Net.Sockets.TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var a = reader.ReadLine()!;
                    var b = reader.ReadLine()!;
                    var r1 = new System.Text.RegularExpressions.Regex("^" + Regex.Escape(a) + "$");
                    var r2 = new System.Text.RegularExpressions.Regex($"{Word}{Regex.Escape(b)}{Word}|{System.Text.RegularExpressions.Regex.Escape(a)}");
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedWhenNoStringPartCanBeEscaped()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.Net;
            using System.Net.Sockets;
            using System.Text;
            using System.Text.RegularExpressions;
            class Tool
            {
                bool Run(string text, UdpClient udp)
                {
                    IPEndPoint? sender = null;
                    object code = Encoding.ASCII.GetString(udp.Receive(ref sender));
                    return Regex.IsMatch(text, {|SCR2008:"^" + code|});
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedAtTheCallOfAHelper()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.IO;
            using System.Text.RegularExpressions;
            class Tool
            {
                bool Run(string text, string patternFile) => Matches(text, {|SCR2008:File.ReadAllText(patternFile)|});
                static bool Matches(string text, string pattern) => Regex.IsMatch(text, pattern);
            }
            """,
            VerifyCS.References,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }
}
