using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2002, command injection. No code fix: see rules/SCR2002.md.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class CommandInjectionTests
{
    private const string Rule = "SCR2002";

    /// <summary>Counts every source group, process input and environment variables included (off by default).</summary>
    private const string EveryGroupCounts = "dotnet_diagnostic.SCR2002.taint_disabled_source_groups =";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerParameterInArgumentString_FullMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;
            public class DiagnosticsController : ControllerBase
            {
                [HttpPost("ping")]
                public IActionResult Ping(string {|#1:host|})
                {
                    using var process = Process.Start("ping", {|#0:"-c 1 " + host|});
                    process.WaitForExit();
                    return Ok(process.ExitCode);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("untrusted HTTP input 'host' (line 6)", "the argument string of Process.Start (line 8)"));
    }

    [Theory]
    [InlineData("Process.Start({|#0:input|});")]
    [InlineData("Process.Start(\"tool\", {|#0:input|});")]
    [InlineData("Process.Start({|#0:input|}, \"--version\");")]
    [InlineData("Process.Start(\"tool\", {|#0:$\"--name {input}\"|}, \"svc\", new SecureString(), \"PLANT\");")]
    [InlineData("Process.Start({|#0:input|}, \"svc\", new SecureString(), \"PLANT\");")]
    [InlineData("var psi = new ProcessStartInfo({|#0:input|});")]
    [InlineData("var psi = new ProcessStartInfo(\"tool\", {|#0:input|});")]
    [InlineData("var psi = new ProcessStartInfo(\"tool\"); {|#0:psi.Arguments = \"--tag \" + input|};")]
    [InlineData("var psi = new ProcessStartInfo(); {|#0:psi.FileName = input|};")]
    [InlineData("var psi = new ProcessStartInfo { {|#0:FileName = input|}, UseShellExecute = false };")]
    [InlineData("var p = new Process(); {|#0:p.StartInfo.Arguments = input|}; p.Start();")]
    [InlineData("var c = CliWrap.Cli.Wrap({|#0:input|});")]
    [InlineData("var c = CliWrap.Cli.Wrap(\"tool\").WithArguments({|#0:\"--tag \" + input|});")]
    [InlineData("var c = CliWrap.Cli.Wrap(\"tool\").WithTargetFile({|#0:input|});")]
    [InlineData("var c = new CliWrap.Command({|#0:input|});")]
    public async Task Detect_EverySink_NetworkInput(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            using System.Security;
            class Tool
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var input = reader.ReadLine()!;
                    {{statement}}
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SerialPortLineIntoArguments_IndustrialGateway()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO.Ports;
            class SetpointBridge
            {
                private readonly SerialPort _port = new("/dev/ttyUSB0", 9600);
                void Poll()
                {
                    var frame = {|#1:_port.ReadLine()|}.Trim();
                    var fields = frame.Split(',');
                    var psi = new ProcessStartInfo("/opt/plant/bin/setpoint")
                    {
                        {|#0:Arguments = $"--zone {fields[0]} --value {fields[1]}"|},
                        UseShellExecute = false,
                    };
                    Process.Start(psi)?.WaitForExit();
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("serial-port input (SerialPort.ReadLine) (line 8)", "the argument string of a process (ProcessStartInfo.Arguments) (line 12)"));
    }

    [Fact]
    public async Task Detect_NetworkStreamLine_ThroughStreamReader()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class MaintenanceListener
            {
                void Serve(TcpListener listener)
                {
                    using var client = listener.AcceptTcpClient();
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var request = reader.ReadLine();
                    if (request is null)
                    {
                        return;
                    }

                    Process.Start("/usr/sbin/service", {|#0:request|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SocketReceiveBuffer_DecodedIntoProgramName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.Net.Sockets;
            using System.Text;
            class Agent
            {
                void Handle(Socket socket)
                {
                    var buffer = new byte[256];
                    var count = {|#1:socket.Receive(buffer)|};
                    var program = Encoding.ASCII.GetString(buffer, 0, count);
                    Process.Start({|#0:program|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_UdpDatagram_Async()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.Net.Sockets;
            using System.Text;
            using System.Threading.Tasks;
            class Trigger
            {
                async Task ListenAsync(UdpClient udp)
                {
                    var datagram = await {|#1:udp.ReceiveAsync()|};
                    var script = Encoding.UTF8.GetString(datagram.Buffer);
                    await Process.Start("/bin/sh", {|#0:"-c \"" + script + "\""|}).WaitForExitAsync();
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_EnvironmentVariableAsProgram_WhenConfigured()
    {
        // An explicit value replaces the default (process, environment): here only process input is off.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            class Backup
            {
                void Run(string target)
                {
                    var tool = {|#1:Environment.GetEnvironmentVariable("BACKUP_TOOL")|} ?? "rsync";
                    var psi = new ProcessStartInfo({|#0:tool|});
                    psi.ArgumentList.Add(target);
                    Process.Start(psi);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            "dotnet_diagnostic.SCR2002.taint_disabled_source_groups = process",
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("an environment variable (line 7)", "the program of a ProcessStartInfo (line 8)"));
    }

    [Fact]
    public async Task Detect_MainArgs_WhenEveryGroupCounts()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            static class Program
            {
                static void Main(string[] {|#1:args|})
                {
                    Process.Start("plc-flash", {|#0:"--image " + args[0]|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            EveryGroupCounts,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("command-line argument 'args' (line 4)", "the argument string of Process.Start (line 6)"));
    }

    [Fact]
    public async Task Detect_ConsoleInput_WhenTheValueListsOnlyEnvironment()
    {
        // An explicit value replaces the default: "environment" alone counts process input again.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            class Operator
            {
                void Run()
                {
                    var unit = {|#1:Console.ReadLine()|};
                    Process.Start("systemctl", {|#0:"restart " + unit|});
                    Process.Start(Environment.GetEnvironmentVariable("PLANT_EDITOR")!, "/etc/plant.conf");
                }
            }
            """,
            TestReferences.WebDataAndTools,
            "dotnet_diagnostic.SCR2002.taint_disabled_source_groups = environment",
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_CommandLineArgs_InTopLevelStatements_WhenEveryGroupCounts()
    {
        await VerifyCS.VerifyProgramAsync(
            """
            using System;
            using System.Diagnostics;
            var argv = {|#1:Environment.GetCommandLineArgs()|};
            Process.Start("plc-flash", {|#0:string.Join(" ", argv)|});
            """,
            TestReferences.WebDataAndTools,
            EveryGroupCounts,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_Regression_MainArgsOfTopLevelStatements()
    {
        // The implicit args parameter has no declaration; the source is reported at its first use.
        await VerifyCS.VerifyProgramAsync(
            """
            using System.Diagnostics;
            var image = {|#1:args|}[0];
            Process.Start("plc-flash", {|#0:"--image " + image|});
            """,
            TestReferences.WebDataAndTools,
            EveryGroupCounts,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("command-line argument 'args' (line 2)", "the argument string of Process.Start (line 3)"));
    }

    [Fact]
    public async Task Detect_HelperInSameClass_ReportedAtTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class ServiceConsole
            {
                void Serve(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var unit = reader.ReadLine()!;
                    Restart({|#0:unit|});
                }

                void Restart(string unit)
                {
                    Process.Start("systemctl", {|#2:"restart " + unit|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1, 2).WithArguments("TCP input (line 8)", "the argument string of Process.Start in ServiceConsole.Restart (line 15)"));
    }

    [Fact]
    public async Task Detect_HelperInOtherClass_ThroughReturnedValue()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO.Ports;
            static class Frames
            {
                public static string Command(SerialPort port) => {|#1:port.ReadTo("\n")|}.TrimEnd('\r');
            }
            class Runner
            {
                void Run(SerialPort port)
                {
                    var command = {|#2:Frames.Command(port)|};
                    Process.Start("/opt/hooks/run", {|#0:command|});
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
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Session
            {
                private string _script = "status";
                public void Configure(TcpClient client) => {|#2:_script|} = new StreamReader({|#1:client.GetStream()|}).ReadLine()!;
                public void Execute() => Process.Start("pwsh", {|#0:"-File " + _script|});
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_CollectionAndLinqProjection()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.IO;
            using System.Linq;
            using System.Net.Sockets;
            class Batch
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var options = new List<string>();
                    string? line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        options.Add(line);
                    }

                    var joined = string.Join(" ", options.Select(o => "--" + o.Trim()));
                    Process.Start("ffmpeg", {|#0:joined|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_TaintedOnOneBranchOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Launcher
            {
                void Run(bool remote, TcpClient client)
                {
                    var tool = "/opt/plant/bin/status";
                    if (remote)
                    {
                        using var reader = new StreamReader({|#1:client.GetStream()|});
                        tool = reader.ReadLine()!;
                    }

                    Process.Start({|#0:tool|}, "--zone 1");
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_MinimalApiHandler()
    {
        await VerifyCS.VerifyProgramAsync(
            """
            using System.Diagnostics;
            using Microsoft.AspNetCore.Builder;
            var app = WebApplication.Create();
            app.MapPost("/restart/{service}", (string {|#1:service|}) =>
            {
                Process.Start("systemctl", {|#0:$"restart {service}"|});
                return "ok";
            });
            app.Run();
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_AllowListGuardThatDoesNotDominateTheSink()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Runner
            {
                private static readonly HashSet<string> Tools = new() { "ping", "traceroute" };
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var tool = reader.ReadLine()!;
                    var known = Tools.Contains(tool);
                    Process.Start({|#0:tool|});
                    Console.WriteLine(known);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_PathSanitizerDoesNotCleanCommands()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Runner
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var script = Path.GetFileName(reader.ReadLine());
                    Process.Start("/bin/sh", {|#0:"-c " + script|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_FileContents_CountByDefault()
    {
        // Unlike the path rule, the command rule counts file contents: a spool directory is written by other users.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            class Spooler
            {
                void Drain()
                {
                    foreach (var job in Directory.GetFiles("/var/spool/plant"))
                    {
                        var command = {|#1:File.ReadAllText(job)|}.Trim();
                        Process.Start("/bin/sh", {|#0:"-c \"" + command + "\""|});
                        File.Delete(job);
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("file contents (line 9)", "the argument string of Process.Start (line 10)"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_CliTool_ProcessInputAndEnvironmentByDefault()
    {
        // The user who types the command line or sets EDITOR could run the program directly: no privilege boundary.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.Linq;
            static class Program
            {
                static int Main(string[] args)
                {
                    var path = args[0];
                    Process.Start(Environment.GetEnvironmentVariable("EDITOR")!, path)!.WaitForExit();
                    var pager = Environment.GetEnvironmentVariable("PAGER") ?? "less";
                    Process.Start(new ProcessStartInfo(pager) { Arguments = path, UseShellExecute = false });
                    Process.Start("git", "log " + string.Join(" ", args.Skip(1)));
                    var command = Console.ReadLine()!;
                    Process.Start("/bin/sh", "-c \"" + command + "\"");
                    var argv = Environment.GetCommandLineArgs();
                    Process.Start(argv[1], Environment.CommandLine);
                    return 0;
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_ArgumentList_WithFixedProgram()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;
            public class DiagnosticsController : ControllerBase
            {
                [HttpPost("ping")]
                public IActionResult Ping(string host)
                {
                    var psi = new ProcessStartInfo("ping") { UseShellExecute = false, RedirectStandardOutput = true };
                    psi.ArgumentList.Add("-c");
                    psi.ArgumentList.Add("1");
                    psi.ArgumentList.Add(host);
                    using var process = Process.Start(psi)!;
                    return Ok(process.StandardOutput.ReadToEnd());
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_EnumerableArgumentOverloadsAreNotArgumentStrings()
    {
        // Process.Start(string, IEnumerable<string>) and new ProcessStartInfo(string, IEnumerable<string>) pass
        // every element as one argument, like ArgumentList; only the string overloads are sinks.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Git
            {
                void Log(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var branch = reader.ReadLine()!;
                    Process.Start("git", new[] { "log", "--oneline", "--", branch });
                    var psi = new ProcessStartInfo("git", new[] { "show", branch });
                    Process.Start(psi);
                    CliWrap.Cli.Wrap("git").WithArguments(new[] { "fetch", branch });
                    CliWrap.Cli.Wrap("git").WithArguments(args => args.Add("checkout").Add(branch));
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_ConvertedToNumbers_AndEnum()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;
            public enum Mode { Fast, Full }
            public class ScanController : ControllerBase
            {
                public IActionResult Scan(int port, Mode mode, string timeout)
                {
                    var seconds = int.Parse(timeout);
                    Process.Start("nmap", $"-p {port} --host-timeout {seconds}s --mode {mode}");
                    return Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_AllowListGuards()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Runner
            {
                private static readonly HashSet<string> Tools = new(StringComparer.Ordinal) { "ping", "traceroute" };
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var tool = reader.ReadLine()!;
                    if (!Tools.Contains(tool))
                    {
                        throw new ArgumentException("unknown tool");
                    }

                    Process.Start(tool);

                    var unit = reader.ReadLine()!;
                    if (unit is "plc-bridge" or "historian")
                    {
                        Process.Start("systemctl", "restart " + unit);
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_AnchoredRegexGuard()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            using System.Text.RegularExpressions;
            class Runner
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var host = reader.ReadLine()!;
                    if (!Regex.IsMatch(host, @"^[a-zA-Z0-9.-]{1,253}$"))
                    {
                        return;
                    }

                    Process.Start("ping", "-c 1 " + host);
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_TryParseOutValue_IPAddress()
    {
        // The parsed value of a successful TryParse prints as the parser's own text.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.Net;
            using Microsoft.AspNetCore.Mvc;
            public class NetworkController : ControllerBase
            {
                public IActionResult Ping(string host)
                {
                    if (!IPAddress.TryParse(host, out var address))
                    {
                        return BadRequest();
                    }

                    Process.Start("ping", "-c 1 " + address);
                    Process.Start("ping", "-c 1 " + host);
                    return Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_DictionaryLookupByUntrustedKey()
    {
        // The value found under an untrusted key comes from the (fixed) dictionary: an allow-list.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Runner
            {
                private static readonly Dictionary<string, string> Tools = new() { ["backup"] = "/opt/plant/backup.sh", ["status"] = "/opt/plant/status.sh" };
                private static readonly IReadOnlyDictionary<string, string> Units = new Dictionary<string, string> { ["1"] = "plc-bridge" };
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var command = reader.ReadLine()!;
                    if (Tools.TryGetValue(command, out var script))
                    {
                        Process.Start(script);
                    }

                    Process.Start("systemctl", "restart " + Units.GetValueOrDefault(command, "historian"));
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Detect_LookupInDictionaryFilledFromInput()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.IO.Ports;
            class Runner
            {
                void Run(SerialPort port)
                {
                    var settings = new Dictionary<string, string>();
                    var pair = {|#1:port.ReadLine()|}.Split('=');
                    settings[pair[0]] = pair[1];
                    if (settings.TryGetValue("hook", out var hook))
                    {
                        Process.Start({|#0:hook|});
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Safe_SwitchToConstants()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Runner
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var choice = reader.ReadLine();
                    var script = choice switch
                    {
                        "1" => "/opt/plant/backup.sh",
                        "2" => "/opt/plant/restore.sh",
                        _ => "/opt/plant/status.sh",
                    };
                    Process.Start(script);
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_UntrustedDataOnlyOnStandardInput()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            class Filter
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var text = reader.ReadLine();
                    var psi = new ProcessStartInfo("/usr/bin/sort") { RedirectStandardInput = true, UseShellExecute = false };
                    psi.Environment["PLANT_ZONE"] = text;
                    using var process = Process.Start(psi)!;
                    process.StandardInput.WriteLine(text);
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_SystemLocationEnvironmentVariables()
    {
        // HOME, ProgramFiles, ComSpec and friends are set by the operating system: not input, even where environment
        // variables count.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            class Launcher
            {
                void Run()
                {
                    var exe = Path.Combine(Environment.GetEnvironmentVariable("ProgramFiles")!, "Vendor", "flash.exe");
                    Process.Start(exe, "--check");
                    Process.Start(Environment.GetEnvironmentVariable("ComSpec")!, "/c ver");
                    Process.Start(Environment.ExpandEnvironmentVariables(@"%SystemRoot%\System32\sc.exe"), "query");
                }
            }
            """,
            TestReferences.WebDataAndTools,
            EveryGroupCounts);
    }

    [Fact]
    public async Task Safe_InputSanitizerAttribute()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Sockets;
            [AttributeUsage(AttributeTargets.Method)]
            sealed class InputSanitizerAttribute : Attribute
            {
                public InputSanitizerAttribute(params string[] kinds) { }
            }
            static class Hosts
            {
                [InputSanitizer("command")]
                public static string Validated(string host)
                    => Uri.CheckHostName(host) == UriHostNameType.Dns ? host : throw new ArgumentException(null, nameof(host));
            }
            class Runner
            {
                void Run(TcpClient client) => Process.Start("ping", "-c 1 " + Hosts.Validated(new StreamReader(client.GetStream()).ReadLine()!));
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_ConfiguredValidator_AndDisabledSourceGroup()
    {
        // "environment" replaces the default: console input counts here, and the configured validator cleans it.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            namespace Plant;
            static class Guard
            {
                public static void Unit(string name)
                {
                    if (name.Length == 0) throw new ArgumentException(null, nameof(name));
                }
            }
            class Runner
            {
                void Run()
                {
                    var unit = Console.ReadLine()!;
                    Guard.Unit(unit);
                    Process.Start("systemctl", "restart " + unit);
                    Process.Start(Environment.GetEnvironmentVariable("PLANT_EDITOR")!, "/etc/plant.conf");
                }
            }
            """,
            TestReferences.WebDataAndTools,
            """
            dotnet_diagnostic.SCR2002.taint_sanitizers = M:Plant.Guard.Unit(System.String)
            dotnet_diagnostic.SCR2002.taint_disabled_source_groups = environment
            """);
    }

    [Fact]
    public async Task Safe_ConstantCommands()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            class Maintenance
            {
                private const string Tool = "/opt/plant/bin/rotate-logs";
                void Run(int days)
                {
                    Process.Start(Tool, "--keep " + days);
                    Process.Start(new ProcessStartInfo { FileName = "systemctl", Arguments = "daemon-reload" });
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }
}
