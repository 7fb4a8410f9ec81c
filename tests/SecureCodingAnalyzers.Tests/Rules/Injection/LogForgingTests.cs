using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Injection.LogForgingCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2009, log forging.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class LogForgingTests
{
    private const string Rule = "SCR2009";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerParameterConcatenatedIntoLogInformation()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;
            public class AccountController : ControllerBase
            {
                private readonly ILogger<AccountController> _logger;
                public AccountController(ILogger<AccountController> logger) => _logger = logger;
                public IActionResult Login(string {|#1:user|})
                {
                    _logger.LogInformation({|#0:"Login attempt for " + user|});
                    return Ok();
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("untrusted HTTP input 'user' (line 7)", "a log message (line 9)"));
    }

    [Theory]
    [InlineData("ms.LogInformation({|#0:$\"value {v}\"|});")]
    [InlineData("ms.LogWarning({|#0:\"value \" + v|});")]
    [InlineData("ms.LogError(new Exception(), {|#0:v|});")]
    [InlineData("ms.LogCritical({|#0:v|}, 1);")]
    [InlineData("ms.LogDebug({|#0:v|});")]
    [InlineData("ms.LogTrace({|#0:v|});")]
    [InlineData("ms.Log(Microsoft.Extensions.Logging.LogLevel.Warning, {|#0:v|});")]
    [InlineData("ms.Log(Microsoft.Extensions.Logging.LogLevel.Error, new EventId(7), {|#0:v|});")]
    [InlineData("using var scope = ms.BeginScope({|#0:\"Order \" + v|});")]
    [InlineData("using var scope = ms.BeginScope({|#0:\"Order {Id} \" + v|}, 1);")]
    [InlineData("serilog.Information({|#0:\"value \" + v|});")]
    [InlineData("serilog.Error(new Exception(), {|#0:v|}, 42);")]
    [InlineData("Serilog.Log.Warning({|#0:$\"value {v}\"|});")]
    [InlineData("new Serilog.LoggerConfiguration().CreateLogger().Fatal({|#0:v|});")]
    [InlineData("nlog.Info({|#0:\"value \" + v|});")]
    [InlineData("nlogInterface.Warn({|#0:v|});")]
    [InlineData("nlogInterface.Log(NLog.LogLevel.Error, {|#0:v|}, 1, 2);")]
    [InlineData("log4.Info({|#0:\"value \" + v|});")]
    [InlineData("log4.ErrorFormat({|#0:v|}, 42);")]
    [InlineData("Trace.TraceWarning({|#0:\"value \" + v|});")]
    [InlineData("Trace.TraceError({|#0:v|}, 42);")]
    [InlineData("Trace.WriteLine({|#0:\"value \" + v|});")]
    [InlineData("source.TraceEvent(TraceEventType.Warning, 1, {|#0:v|});")]
    [InlineData("source.TraceInformation({|#0:v|}, 42);")]
    [InlineData("eventLog.WriteEntry({|#0:v|});")]
    [InlineData("EventLog.WriteEntry(\"App\", {|#0:v|}, EventLogEntryType.Warning);")]
    public async Task Detect_EverySinkApi(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            using Microsoft.Extensions.Logging;
            class Probe
            {
                void Run(TcpClient client, ILogger ms, Serilog.ILogger serilog, NLog.Logger nlog, NLog.ILogger nlogInterface, log4net.ILog log4, TraceSource source, EventLog eventLog)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var v = reader.ReadLine()!;
            """ + statement + """

                }
            }
            """,
            TestReferences.Logging,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SerialInputThroughHelperInOtherClass()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO.Ports;
            using Microsoft.Extensions.Logging;
            class Gateway
            {
                private readonly Audit _audit = new();
                void Poll(SerialPort port)
                {
                    var frame = {|#1:port.ReadExisting()|};
                    _audit.Write({|#0:frame|});
                }
            }
            class Audit
            {
                private readonly ILogger _logger = LoggerFactory.Create(_ => { }).CreateLogger("audit");
                public void Write(string text) => _logger.LogWarning({|#2:"Frame: " + text|});
            }
            """,
            TestReferences.WebAndData,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_AsyncNetworkInputInLoop()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            class Listener
            {
                async Task Run(TcpClient client, ILogger logger)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    string? line;
                    while ((line = await reader.ReadLineAsync()) is not null)
                    {
                        if (line.StartsWith("#"))
                        {
                            continue;
                        }

                        logger.LogInformation({|#0:$"Received {line}"|});
                    }
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_NetworkAndFileValuesInCollectionAndLambda()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            class Startup
            {
                async Task Report(ILogger logger, string settingsPath, HttpClient http)
                {
                    var values = new List<string> { await {|#1:http.GetStringAsync("https://deploy.example.com/tag")|} };
                    logger.LogInformation({|#0:"Tags: " + string.Join(",", values)|});
                    {|#3:File.ReadAllLines(settingsPath)|}.ToList().ForEach(l => logger.LogDebug({|#2:"setting " + l|}));
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3));
    }

    // Regression: arguments of Add/Append that were not variables were re-read without evaluating calls, so a source
    // called in the argument (sb.Append(port.ReadLine())) did not taint the collection or builder.
    [Fact]
    public async Task Detect_SourceCalledInAnAppendArgumentTaintsTheBuilder()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO.Ports;
            using System.Text;
            using Microsoft.Extensions.Logging;
            class Tool
            {
                void Run(ILogger logger, SerialPort port)
                {
                    var sb = new StringBuilder("input: ");
                    sb.Append({|#1:port.ReadLine()|});
                    logger.LogInformation({|#0:sb.ToString()|});
                }
            }
            """,
            TestReferences.WebAndData,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_ReplacementsThatKeepLineBreaks()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;
            public class NotesController : ControllerBase
            {
                private readonly ILogger _logger;
                public NotesController(ILogger<NotesController> logger) => _logger = logger;
                public IActionResult Post(string {|#1:note|}, string {|#3:tag|})
                {
                    _logger.LogInformation({|#0:"note " + Regex.Replace(note, "[<>]", "")|});
                    _logger.LogInformation({|#2:"tag " + tag.Replace("<", "&lt;")|});
                    return Ok();
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3));
    }

    [Fact]
    public async Task Detect_FieldSetInOneMethodLoggedInAnother()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;
            public class SessionController : ControllerBase
            {
                private readonly ILogger _logger;
                private string _client = "unknown";
                public SessionController(ILogger<SessionController> logger) => _logger = logger;
                public IActionResult Hello([FromHeader] string {|#1:agent|})
                {
                    {|#2:_client|} = agent;
                    Trace();
                    return Ok();
                }
                private void Trace() => _logger.LogDebug({|#0:"client " + _client|});
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1, 2));
    }

    // Process input and environment variables do not count by default (see the Safe case of the same program); an
    // empty list counts every group again.
    [Fact]
    public async Task Detect_CommandLineConsoleAndEnvironmentWhenEveryGroupIsCounted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.Extensions.Logging;
            static class Program
            {
                static void Main(string[] {|#1:args|})
                {
                    using var factory = LoggerFactory.Create(b => { });
                    var logger = factory.CreateLogger("setup");
                    logger.LogInformation({|#0:"Starting with arguments " + string.Join(" ", args)|});
                    logger.LogInformation({|#2:$"Deployment {{|#3:Environment.GetEnvironmentVariable("DEPLOY_TAG")|}}"|});
                    logger.LogDebug({|#5:"Command line: " + {|#6:Environment.CommandLine|}|});
                    Console.Write("Site name: ");
                    var site = {|#8:Console.ReadLine()|};
                    logger.LogInformation({|#7:"Configuring site " + site|});
                }
            }
            """,
            TestReferences.Web,
            "dotnet_diagnostic.SCR2009.taint_disabled_source_groups =",
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("command-line argument 'args' (line 5)", "a log message (line 9)"),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 5, 6),
            Finding.At(Rule, 7, 8));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_StructuredArgumentsAndTemplates()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;
            public class AccountController : ControllerBase
            {
                private static readonly Action<ILogger, string, Exception?> Failed =
                    LoggerMessage.Define<string>(LogLevel.Warning, new EventId(2), "Login failed for {User}");
                private readonly ILogger _logger;
                public AccountController(ILogger<AccountController> logger) => _logger = logger;
                public IActionResult Login(string user, string ip)
                {
                    _logger.LogInformation("Login attempt for {User} from {Ip}", user, ip);
                    using (_logger.BeginScope(new System.Collections.Generic.Dictionary<string, object> { ["User"] = user }))
                    using (_logger.BeginScope("Session {User}", user))
                    {
                        Failed(_logger, user, null);
                    }

                    Serilog.Log.Information("Login attempt for {User}", user);
                    return Ok();
                }
            }
            """,
            TestReferences.Logging);
    }

    [Fact]
    public async Task Safe_LineBreaksRemovedOrEncoded()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net;
            using System.Text.Json;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;
            public record Order(string Id, string Note);
            public class OrdersController : ControllerBase
            {
                private readonly ILogger _logger;
                public OrdersController(ILogger<OrdersController> logger) => _logger = logger;
                public IActionResult Post(string a, string b, string c, string d, string e, [FromBody] Order order)
                {
                    _logger.LogInformation("a=" + a.Replace("\r", "").Replace("\n", ""));
                    _logger.LogInformation("b=" + b.ReplaceLineEndings(""));
                    _logger.LogInformation("c=" + c.Replace(Environment.NewLine, " "));
                    _logger.LogInformation("d=" + Uri.EscapeDataString(d) + " e=" + WebUtility.UrlEncode(e));
                    _logger.LogInformation("order " + JsonSerializer.Serialize(order));
                    _logger.LogInformation("note " + Regex.Replace(order.Note, @"[\r\n]+", " "));
                    _logger.LogInformation("id " + Regex.Replace(order.Id, @"\s", "_"));
                    return Ok();
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ParsedValuesAndAllowListedValues()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;
            public enum Mode { Fast, Safe }
            public class JobsController : ControllerBase
            {
                private static readonly HashSet<string> Queues = new() { "default", "priority" };
                private readonly ILogger _logger;
                public JobsController(ILogger<JobsController> logger) => _logger = logger;
                public IActionResult Run(string count, Guid id, Mode mode, string queue)
                {
                    var n = int.Parse(count);
                    _logger.LogInformation("Running " + n + " jobs for " + id + " in mode " + mode);
                    if (Queues.Contains(queue))
                    {
                        _logger.LogInformation($"Queue {queue}");
                    }

                    return Ok();
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ConstantMessagesAndTrustedValues()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.Extensions.Logging;
            class Worker
            {
                private const string Prefix = "[worker] ";
                private readonly string _name = Environment.MachineName;
                void Run(ILogger logger, Exception ex)
                {
                    logger.LogInformation(Prefix + "started on " + _name);
                    logger.LogError(ex, "failed: " + ex.Message);
                    logger.LogInformation($"pid {Environment.ProcessId}");
                }
            }
            """,
            TestReferences.Web);
    }

    // The file is not counted for SCR2009 but still is for SCR2008, which keeps its own default.
    [Fact]
    public async Task Safe_SourceGroupDisabledForThisRuleOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Text.RegularExpressions;
            using Microsoft.Extensions.Logging;
            class Tool
            {
                bool Run(ILogger logger, string tagFile, string text)
                {
                    var tag = {|#1:File.ReadAllText(tagFile)|};
                    logger.LogInformation("tag " + tag);
                    return Regex.IsMatch(text, {|#0:tag|});
                }
            }
            """,
            TestReferences.Web,
            "dotnet_diagnostic.SCR2009.taint_disabled_source_groups = files",
            Finding.At("SCR2008", 0, 1));
    }

    // A service logs its own start-up parameters, the operator's console answers and its deployment settings: the
    // person who runs it is not an attacker of its log. Process input and environment variables do not count by default.
    [Fact]
    public async Task Safe_CommandLineConsoleAndEnvironmentByDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.Extensions.Logging;
            static class Program
            {
                static void Main(string[] args)
                {
                    using var factory = LoggerFactory.Create(b => { });
                    var logger = factory.CreateLogger("setup");
                    logger.LogInformation("Starting with arguments " + string.Join(" ", args));
                    logger.LogInformation($"Deployment {Environment.GetEnvironmentVariable("DEPLOY_TAG")}");
                    logger.LogDebug("Command line: " + Environment.CommandLine);
                    Console.Write("Site name: ");
                    var site = Console.ReadLine();
                    logger.LogInformation("Configuring site " + site);
                }
            }
            """,
            TestReferences.Web);
    }

    // ---- Fix ----
    // All with the logging libraries referenced, and SkipLocalDiagnosticCheck: findings of flows through helpers come
    // from the compilation-end composition, which the testing library hands to fixers only when told to.

    [Fact]
    public async Task Fix_ConcatenationBecomesTemplateWithArguments()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using Microsoft.Extensions.Logging;
            class Account
            {
                void Direct(ILogger logger, System.IO.Ports.SerialPort port)
                {
                    var user = port.ReadLine();
                    var order = new { Id = port.ReadExisting() };
                    logger.LogInformation({|SCR2009:"User " + user + " logged in ({attempt} of " + 3 + ")"|});
                    logger.LogWarning({|SCR2009:$"Order {order.Id} by {user} rejected: {user?.Trim()}"|});
                }
            }
            """,
            """
            using Microsoft.Extensions.Logging;
            class Account
            {
                void Direct(ILogger logger, System.IO.Ports.SerialPort port)
                {
                    var user = port.ReadLine();
                    var order = new { Id = port.ReadExisting() };
                    logger.LogInformation("User {User} logged in ({{attempt}} of 3)", user);
                    logger.LogWarning("Order {Id} by {User} rejected: {User2}", order.Id, user, user?.Trim());
                }
            }
            """,
            TestReferences.WebAndData,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_KeepsExceptionEventIdAndExistingArguments()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using Microsoft.Extensions.Logging;
            class Job
            {
                void Run(ILogger logger, Exception ex, int step, decimal total, System.Net.Sockets.TcpClient client)
                {
                    var id = new System.IO.StreamReader(client.GetStream()).ReadLine();
                    logger.LogError(ex, {|SCR2009:"Job " + id + " failed at {Step}"|}, step);
                    logger.Log(LogLevel.Warning, new EventId(4, "Slow"), {|SCR2009:$"Step {step} of job {id} took {total,8:N2} s"|});
                    logger.LogInformation({|SCR2009:id|});
                }
            }
            """,
            """
            using System;
            using Microsoft.Extensions.Logging;
            class Job
            {
                void Run(ILogger logger, Exception ex, int step, decimal total, System.Net.Sockets.TcpClient client)
                {
                    var id = new System.IO.StreamReader(client.GetStream()).ReadLine();
                    logger.LogError(ex, "Job {Id} failed at {Step}", id, step);
                    logger.Log(LogLevel.Warning, new EventId(4, "Slow"), "Step {Step} of job {Id} took {Total,8:N2} s", step, id, total);
                    logger.LogInformation("{Id}", id);
                }
            }
            """,
            TestReferences.Web,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_Serilog()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            class Job
            {
                void Run(Serilog.ILogger logger, string userFile)
                {
                    var user = System.IO.File.ReadAllText(userFile);
                    logger.Information({|SCR2009:"Hello " + user|});
                    Serilog.Log.Warning({|SCR2009:$"{user} has {{braces}} and {{{{escaped}}}}"|});
                }
            }
            """,
            """
            using System;
            class Job
            {
                void Run(Serilog.ILogger logger, string userFile)
                {
                    var user = System.IO.File.ReadAllText(userFile);
                    logger.Information("Hello {User}", user);
                    Serilog.Log.Warning("{User} has {{braces}} and {{escaped}}", user);
                }
            }
            """,
            TestReferences.Logging,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_NotOfferedForArrayArgumentsMismatchedPlaceholdersOrOtherLibraries()
    {
        var source = """
            using System;
            using System.Diagnostics;
            using Microsoft.Extensions.Logging;
            class Job
            {
                void Run(ILogger logger, NLog.Logger nlog, object[] values, System.Net.Http.HttpClient http)
                {
                    var id = http.GetStringAsync("https://jobs.example.com/next").Result;
                    logger.LogInformation({|SCR2009:"Job " + id + " {A} {B}"|}, values);
                    logger.LogInformation({|SCR2009:"Job " + id + " {A} {B}"|}, 1);
                    nlog.Info({|SCR2009:"Job " + id|});
                    Trace.TraceWarning({|SCR2009:"Job " + id|});
                }
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(source, TestReferences.Logging, CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_NotOfferedAtTheCallOfAHelper()
    {
        var source = """
            using System;
            using Microsoft.Extensions.Logging;
            class Job
            {
                void Run(ILogger logger, string jobFile) => Write(logger, {|SCR2009:System.IO.File.ReadAllText(jobFile)|});
                static void Write(ILogger logger, string text) => logger.LogInformation("Job " + text);
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(source, TestReferences.Web, CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }
}
