using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.CodeIntegrity.SearchPathExecutionAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity.SearchPathExecutionCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

public class SearchPathExecutionTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_BareProgramNames_InEveryWayOfStartingAProcess()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                void A() => Process.Start([|"git"|]);
                void B() => Process.Start([|"git"|], "status --porcelain");
                void C1() => Process.Start([|"git"|], new[] { "status", "--porcelain" });
                void D() => Process.Start([|"cmd.exe"|], "/c dir");
                ProcessStartInfo E() => new ProcessStartInfo([|"ffmpeg"|]);
                ProcessStartInfo F() => new ProcessStartInfo([|"ffmpeg"|], "-i in.mp4 out.webm");
                ProcessStartInfo G() => new ProcessStartInfo { FileName = [|"openssl"|], Arguments = "version" };
                void H(ProcessStartInfo psi) => psi.FileName = [|"python3"|];
                void I(Process process) => process.StartInfo.FileName = [|"node"|];
                void J() => Process.Start(new ProcessStartInfo { FileName = [|"powershell"|], UseShellExecute = true });
                void K() => Process.Start(arguments: "status", fileName: [|"git"|]);
                void L() => Process.Start([|"dotnet"|], "tool restore");
            }
            """);
    }

    [Fact]
    public async Task Detect_MessageNamesTheProgram()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            class C
            {
                void M() => Process.Start({|#0:"netsh"|}, "advfirewall show allprofiles");
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("The program", "netsh"));
    }

    [Fact]
    public async Task Detect_ConstantsAfterFolding()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                private const string Tool = "openssl";
                private const string Name = "sqlcmd";

                void A() => Process.Start([|Tool|], "version");
                void B() => Process.Start([|$"{Name}.exe"|]);
                void C1() => Process.Start([|"git" + ".exe"|]);
                void D()
                {
                    const string local = "tar";
                    Process.Start([|local|], "-xzf a.tgz");
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_EachConstantArmOfAChoice()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Diagnostics;
            using System.Runtime.InteropServices;
            class C
            {
                void A() => Process.Start(OperatingSystem.IsWindows() ? [|"cmd.exe"|] : "/bin/sh", "-c uptime");
                void B(string? configured) => Process.Start(configured ?? [|"git"|], "status");
                void C1(int kind) => Process.Start(kind switch { 1 => [|"7z"|], 2 => "/usr/bin/unzip", _ => [|"tar"|] });
                IntPtr D() => NativeLibrary.Load(OperatingSystem.IsWindows() ? [|"plc.dll"|] : "libplc.so.1");
            }
            """);
    }

    [Fact]
    public async Task Detect_RelativePaths_WhichResolveAgainstTheCurrentDirectory()
    {
        // .NET resolves a relative FileName against the current directory (Windows: CreateProcess; Unix: the
        // executable's directory, then the current directory, then every PATH entry).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                void A() => Process.Start([|"./run.sh"|]);
                void B() => Process.Start([|@".\tools\updater.exe"|]);
                void C1() => Process.Start([|"tools/convert"|], "in out");
                void D() => Process.Start([|"../bin/agent"|]);
                ProcessStartInfo E() => new() { FileName = [|"bin\\Release\\worker.exe"|] };
            }
            """);
    }

    [Fact]
    public async Task Detect_QuotedAndPaddedNames()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            class C
            {
                void A() => Process.Start({|#0:"\"mysqldump\""|});
                void B() => Process.Start([|" git "|]);
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("The program", "mysqldump"));
    }

    [Fact]
    public async Task Detect_ProgramsStartedThroughTheShell()
    {
        // ShellExecuteEx looks in the current directory first, then the Windows directory, System32 and PATH.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                void A() => Process.Start(new ProcessStartInfo([|"notepad"|], "log.txt") { UseShellExecute = true });
                void B() => Process.Start(new ProcessStartInfo([|"setup.msi"|]) { UseShellExecute = true });
                void C1() => Process.Start(new ProcessStartInfo([|"install.bat"|]) { UseShellExecute = true, Verb = "runas" });
            }
            """);
    }

    [Fact]
    public async Task Detect_NativeLibrariesByRelativeName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Runtime.InteropServices;
            class C
            {
                IntPtr A() => NativeLibrary.Load({|#0:"sqlite3.dll"|});
                bool B(out IntPtr handle) => NativeLibrary.TryLoad([|"libsodium"|], out handle);
                IntPtr C1() => NativeLibrary.Load([|"native/libplc.so"|]);
                bool D(out IntPtr handle) => NativeLibrary.TryLoad([|"nvcuda.dll"|], out handle);
                IntPtr E() => NativeLibrary.Load([|"libfoo.dylib"|]);
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("The native library", "sqlite3.dll"));
    }

    [Fact]
    public async Task Detect_HighLevelLoad_WithASearchPathThatReachesTheCurrentDirectory()
    {
        // null: the assembly's [DefaultDllImportSearchPaths] or, without one, the assembly directory then the OS search.
        // AssemblyDirectory alone falls back to the OS search before .NET 10. LegacyBehavior and
        // UseDllDirectoryForDependencies alone are the OS search.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Reflection;
            using System.Runtime.InteropServices;
            class C
            {
                static readonly Assembly Self = typeof(C).Assembly;
                IntPtr A() => NativeLibrary.Load([|"plc"|], Self, null);
                IntPtr B() => NativeLibrary.Load([|"plc"|], Self, DllImportSearchPath.AssemblyDirectory);
                IntPtr C1() => NativeLibrary.Load([|"plc"|], Self, DllImportSearchPath.LegacyBehavior);
                bool D(out IntPtr h) => NativeLibrary.TryLoad([|"plc"|], Self, DllImportSearchPath.UseDllDirectoryForDependencies, out h);
                bool E(out IntPtr h) => NativeLibrary.TryLoad([|"plc"|], Self, default, out h);
                // A directory part is opened relative to the current directory by dlopen, whatever the Windows flags say.
                IntPtr F() => NativeLibrary.Load([|"native/plc"|], Self, DllImportSearchPath.System32);
            }
            """);
    }

    [Fact]
    public async Task Detect_InGeneratedCode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            // <auto-generated/>
            using System.Diagnostics;
            class C
            {
                void M() => Process.Start([|"svn"|], "update");
            }
            """);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_RootedPaths()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                void A() => Process.Start(@"C:\Windows\System32\cmd.exe", "/c ver");
                void B() => Process.Start("C:/Program Files/Git/cmd/git.exe");
                void C1() => Process.Start("/usr/bin/git", "status");
                void D() => Process.Start(@"\\fileserver\tools\inventory.exe");
                void E() => Process.Start(@"\Tools\agent.exe");
                ProcessStartInfo F() => new ProcessStartInfo { FileName = "/bin/sh", ArgumentList = { "-c", "uptime" } };
                void G() => Process.Start("\"C:\\Program Files\\Vendor\\tool.exe\"");
            }
            """);
    }

    [Fact]
    public async Task Safe_FullPathsBuiltAtRunTime_AndOtherNonConstantValues()
    {
        // Non-constant names are the dataflow rules' business; these idioms are the compliant ones.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Diagnostics;
            using System.IO;
            class C
            {
                void A() => Process.Start(Path.Combine(Environment.SystemDirectory, "netsh.exe"), "interface show interface");
                void B() => Process.Start(Path.Combine(AppContext.BaseDirectory, "tools", "updater.exe"));
                void C1() => Process.Start(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.System), "sc.exe"), "query");
                void D() => Process.Start(Environment.ProcessPath!, "--restarted");
                void E() => Process.Start(Process.GetCurrentProcess().MainModule!.FileName, "--child");
                void F(string tool) => Process.Start(tool);
                void G(ProcessStartInfo psi, string configured) => psi.FileName = configured;
                void H()
                {
                    var name = "git";
                    Process.Start(name);
                }
                Process I() => Process.GetCurrentProcess();
                string J(ProcessStartInfo psi) => psi.FileName;
                bool K(ProcessStartInfo psi) => psi.FileName == "git";
            }
            """);
    }

    [Fact]
    public async Task Safe_UrlsProtocolsAndDocumentsOpenedThroughTheShell()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                void A() => Process.Start(new ProcessStartInfo("https://example.com/help") { UseShellExecute = true });
                void B() => Process.Start(new ProcessStartInfo { FileName = "mailto:support@example.com", UseShellExecute = true });
                void C1() => Process.Start(new ProcessStartInfo("ms-settings:privacy-webcam") { UseShellExecute = true });
                void D() => Process.Start(new ProcessStartInfo(@"shell:AppsFolder\Microsoft.WindowsCalculator_8wekyb3d8bbwe!App") { UseShellExecute = true });
                void E() => Process.Start(new ProcessStartInfo("README.txt") { UseShellExecute = true });
                void F() => Process.Start(new ProcessStartInfo("manual.pdf") { UseShellExecute = true });
                void G() => Process.Start(new ProcessStartInfo("report.html") { UseShellExecute = true });
                void H() => Process.Start("http://localhost:5000");
            }
            """);
    }

    [Fact]
    public async Task Safe_EmptyNamesAndEnvironmentVariableReferences()
    {
        // An empty FileName starts nothing; Process.Start does not expand %variables% (a different bug, not a search).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                ProcessStartInfo A() => new ProcessStartInfo();
                void B(ProcessStartInfo psi) => psi.FileName = "";
                void C1(ProcessStartInfo psi) => psi.FileName = string.Empty;
                void D() => Process.Start(@"%SystemRoot%\System32\cmd.exe");
            }
            """);
    }

    [Fact]
    public async Task Safe_ConstructorNameReplacedByTheInitializer()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            class C
            {
                ProcessStartInfo A() => new ProcessStartInfo("git") { FileName = "/usr/bin/git" };
                void B()
                {
                    var psi = new ProcessStartInfo { FileName = @"C:\Tools\agent.exe", UseShellExecute = false };
                    Process.Start(psi);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_NativeLibrariesByFullPath_SystemLibraries_AndLinuxSharedObjects()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Runtime.InteropServices;
            class C
            {
                IntPtr A() => NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, "runtimes", "win-x64", "native", "plc.dll"));
                IntPtr B() => NativeLibrary.Load("/usr/lib/x86_64-linux-gnu/libplc.so.1");
                IntPtr C1() => NativeLibrary.Load(@"C:\Program Files\Vendor\plc.dll");
                bool D(out IntPtr h) => NativeLibrary.TryLoad("libc.so.6", out h);
                IntPtr E() => NativeLibrary.Load("libX11.so.6");
                IntPtr F() => NativeLibrary.Load("libgtk-3.so.0");
                IntPtr G() => NativeLibrary.Load("kernel32.dll");
                IntPtr H() => NativeLibrary.Load("user32");
                IntPtr I() => NativeLibrary.Load("api-ms-win-core-synch-l1-2-0.dll");
                IntPtr J(string path) => NativeLibrary.Load(path);
            }
            """);
    }

    [Fact]
    public async Task Safe_HighLevelLoad_WithASearchPathConfinedToFixedDirectories()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Reflection;
            using System.Runtime.InteropServices;
            class C
            {
                static readonly Assembly Self = typeof(C).Assembly;
                IntPtr A() => NativeLibrary.Load("plc", Self, DllImportSearchPath.System32);
                IntPtr B() => NativeLibrary.Load("plc", Self, DllImportSearchPath.SafeDirectories);
                IntPtr C1() => NativeLibrary.Load("plc", Self, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.System32);
                bool D(out IntPtr h) => NativeLibrary.TryLoad("plc", Self, DllImportSearchPath.ApplicationDirectory, out h);
                IntPtr E() => NativeLibrary.Load("plc", Self, DllImportSearchPath.UserDirectories | DllImportSearchPath.AssemblyDirectory);

                // A DllImportResolver forwards the P/Invoke's own search path: the caller's choice, not a constant.
                static void Register() => NativeLibrary.SetDllImportResolver(Self, (name, assembly, searchPath) =>
                    name == "plc" ? NativeLibrary.Load("plc_v2", assembly, searchPath) : IntPtr.Zero);
            }
            """);
    }

    [Fact]
    public async Task Safe_HighLevelLoad_WithNull_WhenTheAssemblyConfinesTheDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime.InteropServices;

            [assembly: DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]

            class C
            {
                IntPtr A() => NativeLibrary.Load("plc", typeof(C).Assembly, null);
            }
            """);
    }

    [Fact]
    public async Task Safe_AllowedNamesOption()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.Runtime.InteropServices;
            class C
            {
                void A() => Process.Start("git", "status");
                void B() => Process.Start("dotnet.exe", "build");
                void C1() => Process.Start("az-cli-helper");
                IntPtr D() => NativeLibrary.Load("vendorplc.dll");
                void E() => Process.Start([|"npm"|], "ci");
            }
            """,
            "dotnet_diagnostic.SCR4011.allowed_search_path_names = git, dotnet, az-*, vendorplc\n");
    }

    [Fact]
    public async Task Safe_OtherTypesNamedProcessOrNativeLibrary()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace Plant
            {
                static class Process { public static void Start(string fileName) { } }
                static class NativeLibrary { public static void Load(string libraryPath) { } }
                class StartInfo { public string FileName { get; set; } = ""; }
                class C
                {
                    void A() => Process.Start("git");
                    void B() => NativeLibrary.Load("plc.dll");
                    StartInfo D() => new StartInfo { FileName = "git" };
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Diagnostics;
            using System.Runtime.InteropServices;
            class C
            {
                void A() => {|CS0120:Process.Start|}();
                void B() => Process.Start({|CS1503:42|});
                void C1() => NativeLibrary.{|CS1501:Load|}();
                IntPtr D() => NativeLibrary.Load("plc", {|CS1503:"not an assembly"|}, null);
                ProcessStartInfo E() => new ProcessStartInfo { {|CS0117:Filename|} = "git" };
            }
            """);
    }

    /// <summary>
    /// From .NET 10 on, <c>DllImportSearchPath.AssemblyDirectory</c> alone no longer falls back to the operating
    /// system's search (dotnet/runtime#107040). The verifier compiles against .NET 8 reference assemblies, so this test
    /// compiles against the runtime the tests run on (.NET 10 or later).
    /// </summary>
    [Fact]
    public async Task Safe_AssemblyDirectoryAlone_WhenBuiltForDotNet10()
    {
        Assert.True(Environment.Version.Major >= 10, "the test project runs on .NET 10 or later");
        var diagnostics = await AnalyzeWithRunningFrameworkAsync("""
            using System;
            using System.Runtime.InteropServices;
            class C
            {
                IntPtr Exclusive() => NativeLibrary.Load("plc", typeof(C).Assembly, DllImportSearchPath.AssemblyDirectory);
                IntPtr Default() => NativeLibrary.Load("plc", typeof(C).Assembly, null);
            }
            """);

        var finding = Assert.Single(diagnostics);
        Assert.Equal("SCR4011", finding.Id);
        Assert.Contains("Default", finding.Location.SourceTree!.GetText().Lines.GetLineFromPosition(finding.Location.SourceSpan.Start).ToString(), StringComparison.Ordinal);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_WindowsSystemPrograms_StartFromTheSystemDirectory()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Diagnostics;
            class C
            {
                void A() => Process.Start([|"netsh"|], "advfirewall show allprofiles");
                void B() => Process.Start([|"cmd.exe"|], "/c ver");
                ProcessStartInfo D() => new ProcessStartInfo { FileName = [|"schtasks"|], Arguments = "/query" };
                ProcessStartInfo E() => new ProcessStartInfo([|"SC.EXE"|], "query");
            }
            """,
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            class C
            {
                void A() => Process.Start(Path.Combine(Environment.SystemDirectory, "netsh.exe"), "advfirewall show allprofiles");
                void B() => Process.Start(Path.Combine(Environment.SystemDirectory, "cmd.exe"), "/c ver");
                ProcessStartInfo D() => new ProcessStartInfo { FileName = Path.Combine(Environment.SystemDirectory, "schtasks.exe"), Arguments = "/query" };
                ProcessStartInfo E() => new ProcessStartInfo(Path.Combine(Environment.SystemDirectory, "SC.EXE"), "query");
            }
            """);
    }

    [Fact]
    public async Task Fix_ProgramsInSubfoldersAndInTheWindowsDirectory()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;

            class C
            {
                void A() => Process.Start([|"powershell"|], "-NoProfile -File setup.ps1");
                void B(string folder) => Process.Start([|"explorer.exe"|], folder);
                void D() => Process.Start([|"wmic"|], "os get caption");
            }
            """,
            """
            using System;
            using System.Diagnostics;
            using System.IO;

            class C
            {
                void A() => Process.Start(Path.Combine(Environment.SystemDirectory, "WindowsPowerShell", "v1.0", "powershell.exe"), "-NoProfile -File setup.ps1");
                void B(string folder) => Process.Start(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "explorer.exe"), folder);
                void D() => Process.Start(Path.Combine(Environment.SystemDirectory, "wbem", "wmic.exe"), "os get caption");
            }
            """);
    }

    [Fact]
    public async Task Fix_NamesOtherSystemsHaveToo_OnlyWhenWrittenWithExe()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;

            class C
            {
                void A() => Process.Start([|"ping.exe"|], "-n 1 plc01");
                void B() => Process.Start([|"ping"|], "-c 1 plc01");
            }
            """,
            """
            using System;
            using System.Diagnostics;
            using System.IO;

            class C
            {
                void A() => Process.Start(Path.Combine(Environment.SystemDirectory, "ping.exe"), "-n 1 plc01");
                void B() => Process.Start([|"ping"|], "-c 1 plc01");
            }
            """,
            VerifyCS.References,
            fixedMarkup: Microsoft.CodeAnalysis.Testing.MarkupMode.Allow);
    }

    [Fact]
    public async Task Fix_OneArmOfAChoice()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;

            class C
            {
                void A() => Process.Start(OperatingSystem.IsWindows() ? [|"cmd"|] : "/bin/sh");
            }
            """,
            """
            using System;
            using System.Diagnostics;
            using System.IO;

            class C
            {
                void A() => Process.Start(OperatingSystem.IsWindows() ? Path.Combine(Environment.SystemDirectory, "cmd.exe") : "/bin/sh");
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOffered_WhereOnlyTheAuthorKnowsTheLocation()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System;
            using System.Diagnostics;
            using System.Runtime.InteropServices;
            class C
            {
                private const string Shell = "cmd";
                void A() => Process.Start([|"git"|], "status");
                void B() => Process.Start([|"dotnet"|], "build");
                void D() => Process.Start([|"./netsh"|]);
                void E() => Process.Start([|Shell|], "/c ver");
                void F() => Process.Start([|"hostname"|]);
                void G() => Process.Start([|"pwsh"|], "-File build.ps1");
                IntPtr H() => NativeLibrary.Load([|"netsh.dll"|]);
                void I() => Process.Start([|"cmd " + "/c"|]);
            }
            """);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeWithRunningFrameworkAsync(string source)
    {
        var platformAssemblies = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = platformAssemblies
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f == "netstandard.dll" || f == "mscorlib.dll"))
            .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "Plant",
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var analyzer = new SecureCodingAnalyzers.Rules.CodeIntegrity.SearchPathExecutionAnalyzer();
        return await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
    }
}
