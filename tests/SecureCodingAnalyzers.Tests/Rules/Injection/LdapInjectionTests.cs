using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2004, LDAP injection. No code fix: see rules/SCR2004.md.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class LdapInjectionTests
{
    private const string Rule = "SCR2004";

    /// <summary>The AntiXSS encoder, declared here under its real name (the package targets .NET Framework).</summary>
    private const string AntiXss = """

        namespace Microsoft.Security.Application
        {
            public static class Encoder
            {
                public static string LdapFilterEncode(string input) => input;
                public static string LdapDistinguishedNameEncode(string input) => input;
            }
        }
        """;

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerLoginIntoSearchFilter_FullMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.DirectoryServices;
            using Microsoft.AspNetCore.Mvc;
            public class AccountController : ControllerBase
            {
                [HttpPost]
                public IActionResult Login(string {|#1:user|})
                {
                    using var root = new DirectoryEntry("LDAP://dc=plant,dc=local");
                    using var searcher = new DirectorySearcher(root, {|#0:$"(&(objectClass=user)(sAMAccountName={user}))"|});
                    return searcher.FindOne() is null ? Unauthorized() : Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("untrusted HTTP input 'user' (line 6)", "an LDAP search filter (line 9)"));
    }

    [Theory]
    [InlineData("var s = new DirectorySearcher({|#0:$\"(sAMAccountName={input})\"|});")]
    [InlineData("var s = new DirectorySearcher(new DirectoryEntry(), {|#0:\"(cn=\" + input + \")\"|});")]
    [InlineData("var s = new DirectorySearcher(new DirectoryEntry(), {|#0:input|}, new[] { \"mail\" });")]
    [InlineData("var s = new DirectorySearcher({|#0:input|}, new[] { \"mail\" });")]
    [InlineData("var s = new DirectorySearcher(); {|#0:s.Filter = input|};")]
    [InlineData("var e = new DirectoryEntry({|#0:\"LDAP://\" + input|});")]
    [InlineData("var e = new DirectoryEntry({|#0:input|}, \"svc\", \"secret\");")]
    [InlineData("var e = new DirectoryEntry({|#0:input|}, \"svc\", \"secret\", AuthenticationTypes.Secure);")]
    [InlineData("var e = new DirectoryEntry(); {|#0:e.Path = input|};")]
    [InlineData("new DirectoryEntry().Rename({|#0:input|});")]
    [InlineData("new DirectoryEntry().MoveTo(new DirectoryEntry(), {|#0:input|});")]
    [InlineData("new DirectoryEntry().CopyTo(new DirectoryEntry(), {|#0:input|});")]
    [InlineData("var c = new DirectoryEntry().Children.Find({|#0:\"CN=\" + input|});")]
    [InlineData("var c = new DirectoryEntry().Children.Find({|#0:\"CN=\" + input|}, \"user\");")]
    [InlineData("var c = new DirectoryEntry().Children.Add({|#0:\"CN=\" + input|}, \"user\");")]
    [InlineData("var r = new SearchRequest(\"dc=plant,dc=local\", {|#0:$\"(uid={input})\"|}, SearchScope.Subtree);")]
    [InlineData("var r = new SearchRequest({|#0:input|}, \"(objectClass=*)\", SearchScope.Base, \"cn\");")]
    [InlineData("var r = new SearchRequest(); {|#0:r.Filter = input|};")]
    [InlineData("var r = new SearchRequest(); {|#0:r.DistinguishedName = input|};")]
    [InlineData("var r = new AddRequest({|#0:input|}, \"device\");")]
    [InlineData("var r = new AddRequest({|#0:input|}, new DirectoryAttribute(\"cn\", \"x\"));")]
    [InlineData("var r = new AddRequest(); {|#0:r.DistinguishedName = input|};")]
    [InlineData("var r = new DeleteRequest({|#0:input|});")]
    [InlineData("var r = new DeleteRequest(); {|#0:r.DistinguishedName = input|};")]
    [InlineData("var r = new ModifyRequest({|#0:input|}, DirectoryAttributeOperation.Replace, \"description\", \"x\");")]
    [InlineData("var r = new ModifyRequest(); {|#0:r.DistinguishedName = input|};")]
    [InlineData("var r = new ModifyDNRequest({|#0:input|}, \"ou=a\", \"cn=b\");")]
    [InlineData("var r = new ModifyDNRequest(\"cn=a\", {|#0:input|}, \"cn=b\");")]
    [InlineData("var r = new ModifyDNRequest(\"cn=a\", \"ou=a\", {|#0:input|});")]
    [InlineData("var r = new ModifyDNRequest(); {|#0:r.DistinguishedName = input|};")]
    [InlineData("var r = new ModifyDNRequest(); {|#0:r.NewParentDistinguishedName = input|};")]
    [InlineData("var r = new ModifyDNRequest(); {|#0:r.NewName = input|};")]
    [InlineData("var r = new CompareRequest({|#0:input|}, \"cn\", \"x\");")]
    [InlineData("var r = new CompareRequest(); {|#0:r.DistinguishedName = input|};")]
    public async Task Detect_EverySink_ConsoleInput(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System;
            using System.DirectoryServices;
            using System.DirectoryServices.Protocols;
            using SearchScope = System.DirectoryServices.Protocols.SearchScope;
            class Tool
            {
                void Run()
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
    public async Task Detect_BadgeReaderOnSerialPort_IndustrialGateway()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.DirectoryServices;
            using System.IO.Ports;
            class AccessTerminal
            {
                private readonly SerialPort _reader = new("/dev/ttyS1", 9600);
                bool MayEnter()
                {
                    var badge = {|#1:_reader.ReadLine()|}.Trim();
                    using var searcher = new DirectorySearcher();
                    {|#0:searcher.Filter = "(&(objectClass=user)(employeeID=" + badge + "))"|};
                    return searcher.FindOne() is not null;
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("serial-port input (SerialPort.ReadLine) (line 8)", "an LDAP search filter (line 10)"));
    }

    [Fact]
    public async Task Detect_NetworkRequest_IntoProtocolsSearch_Async()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.DirectoryServices.Protocols;
            using System.IO;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            class DirectoryProxy
            {
                private readonly LdapConnection _ldap = new("dc01.plant.local");
                async Task ServeAsync(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var uid = await reader.ReadLineAsync();
                    var request = new SearchRequest("ou=operators,dc=plant,dc=local", {|#0:$"(uid={uid})"|}, SearchScope.OneLevel, "cn", "mail");
                    var response = (SearchResponse)_ldap.SendRequest(request);
                    await using var writer = new StreamWriter(client.GetStream());
                    await writer.WriteLineAsync(response.Entries.Count.ToString());
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_DistinguishedNameFromMainArgs()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.DirectoryServices.Protocols;
            static class Deprovision
            {
                static void Main(string[] {|#1:args|})
                {
                    using var ldap = new LdapConnection("dc01.plant.local");
                    ldap.SendRequest(new DeleteRequest({|#0:$"cn={args[0]},ou=devices,dc=plant,dc=local"|}));
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_FilterBuiltByHelperInSameClass()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.DirectoryServices;
            using Microsoft.AspNetCore.Mvc;
            public class PeopleController : ControllerBase
            {
                public IActionResult Find(string {|#1:name|})
                {
                    using var searcher = new DirectorySearcher({|#0:ByName(name)|});
                    return Ok(searcher.FindAll().Count);
                }

                private static string ByName(string name) => $"(&(objectCategory=person)(displayName={name}*))";
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SearchInHelperOfOtherClass_ReportedAtTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.DirectoryServices;
            static class Ad
            {
                public static SearchResult? Find(string attribute, string value)
                {
                    using var searcher = new DirectorySearcher({|#2:$"({attribute}={value})"|});
                    return searcher.FindOne();
                }
            }
            class Kiosk
            {
                void Run()
                {
                    var mail = {|#1:Console.ReadLine()|}!;
                    Console.WriteLine(Ad.Find("mail", {|#0:mail|})?.Path);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_FieldSetInOneMethod_UsedInAnother()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.DirectoryServices;
            class GroupSync
            {
                private string _group = "operators";
                public void Configure() => {|#2:_group|} = {|#1:Environment.GetEnvironmentVariable("SYNC_GROUP")|} ?? "operators";
                public int Members()
                {
                    using var searcher = new DirectorySearcher({|#0:"(memberOf=cn=" + _group + ",ou=groups,dc=plant,dc=local)"|});
                    return searcher.FindAll().Count;
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_OrFilterBuiltWithLinqInALoop()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.DirectoryServices;
            using System.Linq;
            class Lookup
            {
                void Run()
                {
                    var ids = new List<string>();
                    for (var line = {|#1:Console.ReadLine()|}; !string.IsNullOrEmpty(line); line = Console.ReadLine())
                    {
                        ids.Add(line);
                    }

                    var filter = "(|" + string.Concat(ids.Select(id => $"(employeeID={id})")) + ")";
                    using var searcher = new DirectorySearcher({|#0:filter|});
                    searcher.FindAll();
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_OtherRulesSanitizersDoNotCleanLdap()
    {
        // SecurityElement.Escape (XPath) and Regex.Escape leave '*', '(' and ')' in place.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.DirectoryServices;
            using System.Security;
            using System.Text.RegularExpressions;
            class Lookup
            {
                void Run()
                {
                    var name = {|#1:Console.ReadLine()|}!;
                    using var a = new DirectorySearcher({|#0:$"(cn={SecurityElement.Escape(name)})"|});
                    using var b = new DirectorySearcher({|#2:$"(cn={Regex.Escape(name)})"|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_AntiXssEncoders()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.DirectoryServices;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Security.Application;
            public class AccountController : ControllerBase
            {
                public IActionResult Find(string user, string unit)
                {
                    var dn = $"LDAP://ou={Encoder.LdapDistinguishedNameEncode(unit)},dc=plant,dc=local";
                    using var root = new DirectoryEntry(dn);
                    using var searcher = new DirectorySearcher(root, $"(sAMAccountName={Encoder.LdapFilterEncode(user)})");
                    return Ok(searcher.FindOne()?.Path);
                }
            }
            """ + AntiXss,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_InputSanitizerAttribute_OwnEncoder()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.DirectoryServices;
            using System.Text;
            [AttributeUsage(AttributeTargets.Method)]
            sealed class InputSanitizerAttribute : Attribute
            {
                public InputSanitizerAttribute(params string[] kinds) { }
            }
            static class Ldap
            {
                /// <summary>RFC 4515 escaping of an assertion value.</summary>
                [InputSanitizer("ldap")]
                public static string EscapeFilter(string value)
                {
                    var sb = new StringBuilder(value.Length);
                    foreach (var c in value)
                    {
                        sb.Append(c switch { '\\' => @"\5c", '*' => @"\2a", '(' => @"\28", ')' => @"\29", '\0' => @"\00", _ => c.ToString() });
                    }

                    return sb.ToString();
                }
            }
            class Kiosk
            {
                void Run()
                {
                    using var searcher = new DirectorySearcher($"(mail={Ldap.EscapeFilter(Console.ReadLine()!)})");
                    searcher.FindOne();
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_ConfiguredSanitizer()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.DirectoryServices.Protocols;
            namespace Plant.Directory
            {
                public static class LdapText
                {
                    public static string Filter(string value) => value.Replace("\\", @"\5c").Replace("*", @"\2a").Replace("(", @"\28").Replace(")", @"\29");
                }

                class Kiosk
                {
                    void Run(LdapConnection ldap)
                    {
                        var badge = Console.ReadLine()!;
                        ldap.SendRequest(new SearchRequest("dc=plant,dc=local", "(employeeID=" + LdapText.Filter(badge) + ")", SearchScope.Subtree));
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            "dotnet_diagnostic.SCR2004.taint_sanitizers = M:Plant.Directory.LdapText.Filter(System.String)");
    }

    [Fact]
    public async Task Safe_NumbersAllowListsAndAnchoredPatterns()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.DirectoryServices;
            using System.IO.Ports;
            using System.Text.RegularExpressions;
            class AccessTerminal
            {
                private static readonly HashSet<string> Groups = new(StringComparer.OrdinalIgnoreCase) { "operators", "maintenance" };
                bool MayEnter(SerialPort reader, string group)
                {
                    var badge = long.Parse(reader.ReadLine());
                    using var byBadge = new DirectorySearcher($"(employeeID={badge})");
                    var login = reader.ReadLine();
                    if (!Regex.IsMatch(login, @"^[a-z][a-z0-9]{2,19}$"))
                    {
                        return false;
                    }

                    using var byLogin = new DirectorySearcher($"(sAMAccountName={login})");
                    if (Groups.Contains(group))
                    {
                        using var byGroup = new DirectorySearcher($"(memberOf=cn={group},ou=groups,dc=plant,dc=local)");
                        return byGroup.FindOne() is not null;
                    }

                    return byBadge.FindOne() is not null && byLogin.FindOne() is not null;
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_ValuesAndCredentialsAreData()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.DirectoryServices.Protocols;
            using System.Net;
            using Microsoft.AspNetCore.Mvc;
            public class ProfileController : ControllerBase
            {
                private const string Dn = "cn=kiosk,ou=devices,dc=plant,dc=local";
                public IActionResult Update(string user, string password, string description)
                {
                    using var ldap = new LdapConnection("dc01.plant.local");
                    ldap.Bind(new NetworkCredential(user, password));
                    ldap.SendRequest(new ModifyRequest(Dn, DirectoryAttributeOperation.Replace, "description", description));
                    ldap.SendRequest(new AddRequest(Dn, new DirectoryAttribute("info", description)));
                    var compare = (CompareResponse)ldap.SendRequest(new CompareRequest(Dn, "userPassword", password));
                    return Ok(compare.ResultCode == ResultCode.CompareTrue);
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }
}
