using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2005, XPath injection. No code fix: see rules/SCR2005.md.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class XPathInjectionTests
{
    private const string Rule = "SCR2005";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerLoginAgainstXmlUserStore_FullMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            using Microsoft.AspNetCore.Mvc;
            public class LoginController : ControllerBase
            {
                private readonly XmlDocument _users = new();
                [HttpPost]
                public IActionResult Login(string {|#1:user|}, string password)
                {
                    var node = _users.SelectSingleNode({|#0:$"/users/user[@name='{user}' and @password='{password}']"|});
                    return node is null ? Unauthorized() : Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("untrusted HTTP input 'user' (line 7)", "an XPath expression (line 9)"));
    }

    [Theory]
    [InlineData("doc.SelectNodes({|#0:input|});")]
    [InlineData("doc.SelectNodes({|#0:input|}, new XmlNamespaceManager(doc.NameTable));")]
    [InlineData("doc.SelectSingleNode({|#0:input|});")]
    [InlineData("doc.DocumentElement!.SelectSingleNode({|#0:input|}, new XmlNamespaceManager(doc.NameTable));")]
    [InlineData("nav.Select({|#0:input|});")]
    [InlineData("nav.Select({|#0:input|}, new XmlNamespaceManager(doc.NameTable));")]
    [InlineData("nav.SelectSingleNode({|#0:input|});")]
    [InlineData("nav.SelectSingleNode({|#0:input|}, new XmlNamespaceManager(doc.NameTable));")]
    [InlineData("nav.Evaluate({|#0:input|});")]
    [InlineData("nav.Evaluate({|#0:input|}, new XmlNamespaceManager(doc.NameTable));")]
    [InlineData("nav.Compile({|#0:input|});")]
    [InlineData("nav.Matches({|#0:input|});")]
    [InlineData("XPathExpression.Compile({|#0:input|});")]
    [InlineData("XPathExpression.Compile({|#0:input|}, new XmlNamespaceManager(doc.NameTable));")]
    [InlineData("xdoc.XPathSelectElement({|#0:input|});")]
    [InlineData("xdoc.XPathSelectElements({|#0:input|}, new XmlNamespaceManager(doc.NameTable));")]
    [InlineData("xdoc.XPathEvaluate({|#0:input|});")]
    [InlineData("new XPathDocument(new StringReader(\"<a/>\")).CreateNavigator().SelectSingleNode({|#0:input|});")]
    public async Task Detect_EverySink_ConsoleInput(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System;
            using System.IO;
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.XPath;
            class Tool
            {
                void Run(XmlDocument doc, XPathNavigator nav, XDocument xdoc)
                {
                    var input = {|#1:Console.ReadLine()|}!;
                    {{statement}}
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SerialTagNameIntoRecipeQuery_IndustrialGateway()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO.Ports;
            using System.Xml.Linq;
            using System.Xml.XPath;
            class RecipeLookup
            {
                private readonly XDocument _recipes = XDocument.Load("/etc/plant/recipes.xml");
                string? Setpoint(SerialPort plc)
                {
                    var tag = {|#1:plc.ReadExisting()|}.Trim();
                    return _recipes.XPathSelectElement({|#0:"//tag[@name='" + tag + "']/setpoint"|})?.Value;
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("serial-port input (SerialPort.ReadExisting) (line 9)", "an XPath expression (line 10)"));
    }

    [Fact]
    public async Task Detect_NetworkQuery_Async()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            using System.Xml.XPath;
            class ConfigServer
            {
                private readonly XPathNavigator _config = new XPathDocument("/etc/plant/config.xml").CreateNavigator();
                async Task ServeAsync(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var key = await reader.ReadLineAsync();
                    var value = _config.Evaluate({|#0:$"string(/config/{key})"|});
                    await using var writer = new StreamWriter(client.GetStream());
                    await writer.WriteLineAsync(value?.ToString());
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_QueryBuiltByHelperInOtherClass()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Xml;
            static class Queries
            {
                public static string Device(string id) => $"/plant/devices/device[@id='{id}']";
            }
            class Inventory
            {
                XmlNode? Find(XmlDocument doc)
                {
                    var id = {|#1:Environment.GetEnvironmentVariable("DEVICE_ID")|}!;
                    return doc.SelectSingleNode({|#0:Queries.Device(id)|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_QueryInHelper_ReportedAtTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            using Microsoft.AspNetCore.Mvc;
            public class TagsController : ControllerBase
            {
                private readonly XmlDocument _tags = new();
                public IActionResult Get(string {|#1:area|}) => Ok(Count({|#0:area|}));
                private int Count(string area) => _tags.SelectNodes({|#2:"//tag[@area='" + area + "']"|})!.Count;
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_FieldAndBranches()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Xml;
            class Viewer
            {
                private string _filter = "*";
                public void Prompt(bool advanced)
                {
                    if (advanced)
                    {
                        {|#2:_filter|} = {|#1:Console.ReadLine()|}!;
                    }
                }

                public XmlNodeList? Show(XmlDocument doc) => doc.SelectNodes({|#0:"/log/entry[" + _filter + "]"|});
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_UnionOfPredicatesBuiltWithLinq()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Linq;
            using System.Xml;
            class Report
            {
                void Run(XmlDocument doc)
                {
                    var names = {|#1:Console.ReadLine()|}!.Split(',');
                    var query = string.Join(" | ", names.Select(n => $"//machine[@name='{n.Trim()}']"));
                    foreach (XmlNode node in doc.SelectNodes({|#0:query|})!)
                    {
                        Console.WriteLine(node.OuterXml);
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_LdapEncoderDoesNotCleanXPath()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Xml;
            using Microsoft.Security.Application;
            class Lookup
            {
                XmlNode? Run(XmlDocument doc)
                    => doc.SelectSingleNode({|#0:$"//user[@name='{Encoder.LdapFilterEncode({|#1:Console.ReadLine()|}!)}']"|});
            }
            namespace Microsoft.Security.Application
            {
                public static class Encoder
                {
                    public static string LdapFilterEncode(string input) => input;
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_SecurityElementEscapeInsideQuotedLiteral()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security;
            using System.Xml;
            using Microsoft.AspNetCore.Mvc;
            public class LoginController : ControllerBase
            {
                private readonly XmlDocument _users = new();
                public IActionResult Login(string user)
                {
                    var node = _users.SelectSingleNode($"/users/user[@name='{SecurityElement.Escape(user)}']");
                    return node is null ? Unauthorized() : Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_LinqToXmlQueryInsteadOfXPath()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Linq;
            using System.Xml.Linq;
            using Microsoft.AspNetCore.Mvc;
            public class UsersController : ControllerBase
            {
                private readonly XDocument _users = XDocument.Load("/etc/plant/users.xml");
                public IActionResult Get(string name)
                {
                    var user = _users.Descendants("user").FirstOrDefault(u => (string?)u.Attribute("name") == name);
                    return user is null ? NotFound() : Ok(user.Element("role")?.Value);
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_ConstantExpressionCompiledOnce()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Xml.XPath;
            class Report
            {
                private static readonly XPathExpression Alarms = XPathExpression.Compile("/log/entry[@level='alarm']");
                void Run(XPathNavigator log)
                {
                    var filter = Console.ReadLine();
                    foreach (XPathNavigator entry in log.Select(Alarms))
                    {
                        if (entry.Value.Contains(filter ?? string.Empty, StringComparison.Ordinal))
                        {
                            Console.WriteLine(entry.OuterXml);
                        }
                    }

                    Console.WriteLine(log.Evaluate(Alarms));
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_NumbersAllowListsAndAnchoredPatterns()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Text.RegularExpressions;
            using System.Xml;
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController : ControllerBase
            {
                private static readonly HashSet<string> Lines = new(StringComparer.Ordinal) { "L1", "L2", "L3" };
                private readonly XmlDocument _orders = new();
                public IActionResult Get(int id, string line, string batch)
                {
                    var order = _orders.SelectSingleNode($"//order[@id={id}]");
                    if (!Lines.Contains(line))
                    {
                        return BadRequest();
                    }

                    var byLine = _orders.SelectNodes($"//order[@line='{line}']");
                    if (!Regex.IsMatch(batch, @"^[A-Z]{2}[0-9]{6}\z"))
                    {
                        return BadRequest();
                    }

                    var byBatch = _orders.SelectNodes($"//order[@batch='{batch}']");
                    return Ok(new { order?.InnerText, Line = byLine?.Count, Batch = byBatch?.Count });
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_InputSanitizerAttribute_ConcatForQuotes()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Xml;
            [AttributeUsage(AttributeTargets.Method)]
            sealed class InputSanitizerAttribute : Attribute
            {
                public InputSanitizerAttribute(params string[] kinds) { }
            }
            static class XPathText
            {
                /// <summary>An XPath string literal for any text (concat() when it holds both quote characters).</summary>
                [InputSanitizer("xpath")]
                public static string Literal(string value)
                    => !value.Contains('\'') ? "'" + value + "'"
                        : !value.Contains('"') ? "\"" + value + "\""
                        : "concat('" + value.Replace("'", "', \"'\", '") + "')";
            }
            class Lookup
            {
                XmlNode? Run(XmlDocument doc) => doc.SelectSingleNode("//user[@name=" + XPathText.Literal(Console.ReadLine()!) + "]");
            }
            """,
            TestReferences.WebDataAndTools);
    }
}
