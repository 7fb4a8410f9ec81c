using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2007, server-side request forgery. No code fix: see rules/SCR2007.md.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class ServerSideRequestForgeryTests
{
    private const string Rule = "SCR2007";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerUrlIntoGetStringAsync()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class PreviewController : ControllerBase
            {
                private readonly HttpClient _http;
                public PreviewController(HttpClient http) => _http = http;
                public async Task<IActionResult> Get(string {|#1:url|})
                {
                    var html = await _http.GetStringAsync({|#0:url|});
                    return Content(html);
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("untrusted HTTP input 'url' (line 8)", "the URL of an outgoing request (line 10)"));
    }

    [Theory]
    [InlineData("await http.GetAsync({|#0:url|});")]
    [InlineData("await http.PostAsync({|#0:url|}, null);")]
    [InlineData("await http.DeleteAsync({|#0:new Uri(url)|});")]
    [InlineData("await http.GetByteArrayAsync({|#0:url|});")]
    [InlineData("{|#0:http.BaseAddress = new Uri(url)|};")]
    [InlineData("using var m = new HttpRequestMessage(HttpMethod.Get, {|#0:url|});")]
    [InlineData("using var m = new HttpRequestMessage(); {|#0:m.RequestUri = new Uri(url)|};")]
    [InlineData("await http.GetFromJsonAsync<string>({|#0:url|});")]
    [InlineData("await http.PostAsJsonAsync({|#0:url|}, 42);")]
    [InlineData("WebRequest.Create({|#0:url|});")]
    [InlineData("WebRequest.CreateHttp({|#0:url|});")]
    [InlineData("WebRequest.CreateDefault({|#0:new Uri(url)|});")]
    [InlineData("new WebClient().DownloadString({|#0:url|});")]
    [InlineData("new WebClient().UploadString({|#0:url|}, \"data\");")]
    [InlineData("var wc = new WebClient(); {|#0:wc.BaseAddress = url|};")]
    [InlineData("new TcpClient({|#0:url|}, 502);")]
    [InlineData("new TcpClient().Connect({|#0:url|}, 502);")]
    [InlineData("await new TcpClient().ConnectAsync({|#0:url|}, 502);")]
    [InlineData("new TcpClient().BeginConnect({|#0:url|}, 502, null, null);")]
    [InlineData("new UdpClient({|#0:url|}, 161);")]
    [InlineData("new UdpClient().Connect({|#0:url|}, 161);")]
    [InlineData("new UdpClient().Send(data, data.Length, {|#0:url|}, 161);")]
    [InlineData("await new UdpClient().SendAsync(data, data.Length, {|#0:url|}, 161);")]
    [InlineData("new UdpClient().BeginSend(data, data.Length, {|#0:url|}, 161, null, null);")]
    [InlineData("socket.Connect({|#0:url|}, 502);")]
    [InlineData("await socket.ConnectAsync({|#0:url|}, 502);")]
    [InlineData("socket.BeginConnect({|#0:url|}, 502, null, null);")]
    public async Task Detect_EverySinkApi(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            class Probe
            {
                async Task Run(HttpClient http, Socket socket, byte[] data, TcpClient control)
                {
                    using var reader = new StreamReader({|#1:control.GetStream()|});
                    var url = reader.ReadLine()!;
            """ + statement + """

                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SerialPortHostIntoTcpClient()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO.Ports;
            using System.Net.Sockets;
            class Gateway
            {
                TcpClient Forward(SerialPort port)
                {
                    var target = {|#1:port.ReadLine()|}.Trim();
                    return new TcpClient({|#0:target|}, 502);
                }
            }
            """,
            TestReferences.WebAndData,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("serial-port input (SerialPort.ReadLine) (line 7)", "the host of a network connection (line 8)"));
    }

    [Fact]
    public async Task Detect_MinimalApiLambdaParameter()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;
            static class Endpoints
            {
                public static void Map(WebApplication app, HttpClient http)
                {
                    app.MapGet("/fetch", async (string {|#1:target|}) => await http.GetStringAsync({|#0:target|}));
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_HelperInSameClass_ReportedAtTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            class Downloader
            {
                private readonly HttpClient _http = new();
                async Task Run(TcpClient control)
                {
                    using var reader = new StreamReader({|#1:control.GetStream()|});
                    var address = (await reader.ReadLineAsync())!;
                    await Fetch({|#0:address|});
                }
                Task<string> Fetch(string address) => _http.GetStringAsync({|#2:address|});
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1, 2).WithArguments("TCP input (line 10)", "the URL of an outgoing request in Downloader.Fetch (line 14)"));
    }

    [Fact]
    public async Task Detect_HelperInOtherClass()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class WebhookController : ControllerBase
            {
                private readonly WebhookSender _sender = new();
                public async Task<IActionResult> Register(string {|#1:callback|})
                {
                    await _sender.PingAsync({|#0:callback|});
                    return Ok();
                }
            }
            public class WebhookSender
            {
                private readonly HttpClient _http = new();
                public Task PingAsync(string target) => _http.PostAsync({|#2:target|}, null);
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_OwnFieldAcrossMethods()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO.Ports;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Poller
            {
                private readonly HttpClient _http = new();
                private string _endpoint = "https://status.example.com/";
                void Configure(SerialPort panel) => {|#2:_endpoint|} = {|#1:panel.ReadLine()|}.Trim();
                Task Poll() => _http.GetAsync({|#0:_endpoint|});
            }
            """,
            TestReferences.WebAndData,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_CollectionLoopAndLinq()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Crawler
            {
                async Task Crawl(HttpClient http, string listFile)
                {
                    var urls = new List<string>();
                    foreach (var line in {|#1:File.ReadAllLines(listFile)|})
                    {
                        if (line.Length > 0)
                        {
                            urls.Add(line.Trim());
                        }
                    }

                    foreach (var uri in urls.Select(u => new System.Uri(u)))
                    {
                        await http.GetAsync({|#0:uri|});
                    }
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_NetworkResponseFollowedAsNextUrl()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;
            class Pager
            {
                async Task<string> Next(HttpClient http)
                {
                    var next = await {|#1:http.GetStringAsync("https://api.example.com/page/1")|};
                    return await http.GetStringAsync({|#0:next|});
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_HostCheckThatDoesNotDominateTheRequest()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class ProxyController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string {|#1:url|})
                {
                    var uri = new Uri(url);
                    if (uri.Host != "api.example.com")
                    {
                        Console.WriteLine("unexpected host");
                    }

                    return Content(await _http.GetStringAsync({|#0:uri|}));
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_HostOnlyConcatenatedAfterScheme()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class TenantController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string {|#1:tenant|})
                    => Content(await _http.GetStringAsync({|#0:"https://" + tenant + ".example.com/status"|}));
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    // Process input and environment variables do not count by default (see the Safe case of the same program);
    // an empty list counts every group again.
    [Fact]
    public async Task Detect_CommandLineConsoleAndEnvironmentWhenEveryGroupIsCounted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            static class Program
            {
                static async Task<int> Main(string[] {|#3:args|})
                {
                    using var http = new HttpClient();
                    {|#0:http.BaseAddress = new Uri({|#1:Environment.GetEnvironmentVariable("SERVICE_URL")|} ?? "http://localhost:8080/")|};
                    var health = await http.GetAsync({|#2:args.Length > 0 ? args[0] : "health"|});
                    var status = await http.GetStringAsync({|#6:{|#7:Environment.GetCommandLineArgs()|}[1]|});
                    Console.Write("PLC address: ");
                    var host = {|#5:Console.ReadLine()|}!;
                    using var plc = new TcpClient({|#4:host|}, 502);
                    return health.IsSuccessStatusCode && plc.Connected && status.Length > 0 ? 0 : 1;
                }
            }
            """,
            TestReferences.Web,
            "dotnet_diagnostic.SCR2007.taint_disabled_source_groups =",
            Finding.At(Rule, 0, 1),
            Finding.WithMessageAt(Rule, 2, 3).WithArguments("command-line argument 'args' (line 7)", "the URL of an outgoing request (line 11)"),
            Finding.At(Rule, 4, 5),
            Finding.At(Rule, 6, 7));
    }

    [Fact]
    public async Task Detect_ConfiguredListReplacesTheDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            static class Sync
            {
                static async Task Main(string[] args)
                {
                    using var http = new HttpClient();
                    var endpoint = File.ReadAllText(args[0]).Trim();
                    await http.GetAsync(endpoint);
                    await http.GetAsync({|#0:{|#1:Environment.GetEnvironmentVariable("SYNC_URL")|}|});
                }
            }
            """,
            TestReferences.Web,
            "dotnet_diagnostic.SCR2007.taint_disabled_source_groups = process, files",
            Finding.At(Rule, 0, 1));
    }

    // ---- Safe ----

    // A tool the operator runs with a URL or host the operator chooses crosses no privilege boundary: process input
    // (Main arguments, the command line, the console) and environment variables do not count for this rule by default.
    [Fact]
    public async Task Safe_CommandLineConsoleAndEnvironmentByDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            static class Program
            {
                static async Task<int> Main(string[] args)
                {
                    using var http = new HttpClient();
                    http.BaseAddress = new Uri(Environment.GetEnvironmentVariable("SERVICE_URL") ?? "http://localhost:8080/");
                    var health = await http.GetAsync(args.Length > 0 ? args[0] : "health");
                    var status = await http.GetStringAsync(Environment.GetCommandLineArgs()[1]);
                    Console.Write("PLC address: ");
                    var host = Console.ReadLine()!;
                    using var plc = new TcpClient(host, 502);
                    return health.IsSuccessStatusCode && plc.Connected && status.Length > 0 ? 0 : 1;
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ConstantBaseUrlPrefix()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class ItemsController : ControllerBase
            {
                private const string Api = "https://api.example.com/items/";
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string id, string q, string sku)
                {
                    var a = await _http.GetStringAsync("https://api.example.com/items/" + Uri.EscapeDataString(id));
                    var b = await _http.GetStringAsync($"https://api.example.com/search?q={q}");
                    var c = await _http.GetStringAsync(Api + sku);
                    var d = await _http.GetStringAsync(string.Format("https://api.example.com/sku/{0}", sku));
                    return Ok(a + b + c + d);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_FixedBaseAddressAndRelativePath()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController : ControllerBase
            {
                private readonly HttpClient _http;
                public OrdersController(IHttpClientFactory factory)
                {
                    _http = factory.CreateClient();
                    _http.BaseAddress = new Uri("https://orders.internal.example/");
                }
                public async Task<IActionResult> Get(string id, string customer)
                {
                    var order = await _http.GetStringAsync($"orders/{id}");
                    var list = await _http.GetFromJsonAsync<string[]>("customers/" + Uri.EscapeDataString(customer) + "/orders");
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"orders/{id}/lines");
                    var lines = await _http.SendAsync(request);
                    return Ok(order + list!.Length + lines.StatusCode);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_HostAllowListDominatesTheRequest()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class ProxyController : ControllerBase
            {
                private static readonly HashSet<string> AllowedHosts = new(StringComparer.OrdinalIgnoreCase) { "api.example.com", "cdn.example.com" };
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string url)
                {
                    var uri = new Uri(url);
                    if (!AllowedHosts.Contains(uri.Host))
                    {
                        return BadRequest();
                    }

                    return Content(await _http.GetStringAsync(uri));
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_HostComparedWithConstants()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class AvatarController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string url, string mirror)
                {
                    var uri = new Uri(url);
                    if (uri.Host != "avatars.example.com")
                    {
                        return BadRequest();
                    }

                    var bytes = await _http.GetByteArrayAsync(uri);
                    if (!Uri.TryCreate(mirror, UriKind.Absolute, out var m) || !m.Host.Equals("mirror.example.com", StringComparison.OrdinalIgnoreCase))
                    {
                        return BadRequest();
                    }

                    var copy = await _http.GetByteArrayAsync(m);
                    return File(bytes.Length > copy.Length ? bytes : copy, "image/png");
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ConvertedToNumbersOrEnums_AndUrlEncoded()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public enum Region { Eu, Us }
            public class StatusController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string port, Region region, string name)
                {
                    var p = int.Parse(port);
                    var a = await _http.GetStringAsync("http://localhost:" + p + "/health");
                    var b = await _http.GetStringAsync($"https://{region}.example.com/status");
                    var c = await _http.GetStringAsync(WebUtility.UrlEncode(name));
                    if (!Guid.TryParse(name, out var id))
                    {
                        return BadRequest();
                    }

                    var d = await _http.GetStringAsync(name);
                    if (!System.Text.RegularExpressions.Regex.IsMatch(port, "^[a-z0-9-]{1,63}$"))
                    {
                        return BadRequest();
                    }

                    var e = await _http.GetStringAsync("https://" + port + ".example.com/");
                    return Ok(a + b + c + d + e + id);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_UntrustedDataOnlyInBodyHeadersOrStream()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Text;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class RelayController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Post(string body, string trace)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/relay");
                    request.Headers.Add("X-Trace", trace);
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    var response = await _http.SendAsync(request);

                    using var plc = new TcpClient("10.0.0.5", 502);
                    var bytes = Encoding.ASCII.GetBytes(body);
                    await plc.GetStream().WriteAsync(bytes);
                    return Ok(response.StatusCode);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_UriBuilderWithFixedHost()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class SearchController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string term)
                {
                    var builder = new UriBuilder("https://search.example.com") { Path = "v1/search/" + Uri.EscapeDataString(term) };
                    return Content(await _http.GetStringAsync(builder.Uri));
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_SourceGroupDisabledByConfiguration()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Sync
            {
                async Task Run(HttpClient http, string settingsFile)
                {
                    var endpoint = File.ReadAllText(settingsFile).Trim();
                    await http.GetAsync(endpoint);
                }
            }
            """,
            TestReferences.Web,
            "dotnet_diagnostic.SCR2007.taint_disabled_source_groups = files");
    }

    [Fact]
    public async Task Safe_InputSanitizerAttributeGuardAndCleaner()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            [AttributeUsage(AttributeTargets.Method)]
            sealed class InputSanitizerAttribute : Attribute
            {
                public InputSanitizerAttribute(params string[] kinds) { }
            }
            public class FeedController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string url, string other)
                {
                    if (!UrlPolicy.IsPublicHttps(url))
                    {
                        return BadRequest();
                    }

                    var a = await _http.GetStringAsync(url);
                    var b = await _http.GetStringAsync(UrlPolicy.Canonical(other));
                    return Ok(a + b);
                }
            }
            static class UrlPolicy
            {
                [InputSanitizer("ssrf")]
                public static bool IsPublicHttps(string url) => url.StartsWith("https://", StringComparison.Ordinal);
                [InputSanitizer("ssrf")]
                public static string Canonical(string url) => url;
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_EncodersQueryHelpersAndRelativeQuery()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net.Http;
            using System.Text.Encodings.Web;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.WebUtilities;
            public class LookupController : ControllerBase
            {
                private readonly HttpClient _http;
                public LookupController(HttpClient http) => _http = http;
                public async Task<IActionResult> Get(string term, string code, string page)
                {
                    var a = await _http.GetStringAsync(UrlEncoder.Default.Encode(term));
                    var b = await _http.GetStringAsync(QueryHelpers.AddQueryString("https://api.example.com/search", "q", term));
                    var c = await _http.GetStringAsync("?code=" + code + "&page=" + page);
                    return Ok(a + b + c);
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_HostSuffixCheckedAgainstOwnDomain()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class TenantController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string url)
                {
                    var uri = new Uri(url);
                    if (uri.Scheme != Uri.UriSchemeHttps || !uri.Host.EndsWith(".tenants.example.com", StringComparison.OrdinalIgnoreCase))
                    {
                        return BadRequest();
                    }

                    return Content(await _http.GetStringAsync(uri));
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Detect_HostSuffixWithoutDotIsNotAnAllowList()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            public class TenantController : ControllerBase
            {
                private readonly HttpClient _http = new();
                public async Task<IActionResult> Get(string {|#1:url|})
                {
                    var uri = new Uri(url);
                    if (!uri.Host.EndsWith("example.com"))
                    {
                        return BadRequest();
                    }

                    return Content(await _http.GetStringAsync({|#0:uri|}));
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }
}
