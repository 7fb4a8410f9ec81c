using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>SCR4002, code loaded from user-writable locations, configuration or input without verification.</summary>
/// <remarks>Markup {|#0:...|} is the finding, {|#1:...|} its source, further numbers its steps (see <see cref="Finding"/>).</remarks>
public class UntrustedCodeLoadingTests
{
    private const string Rule = "SCR4002";

    // ---- Detect ----

    [Fact]
    public async Task Detect_PluginFromTheTempFolder()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Reflection;
            class Updater
            {
                Assembly LoadStaged()
                {
                    var staged = Path.Combine({|#1:Path.GetTempPath()|}, "Vendor.Update.dll");
                    return Assembly.LoadFrom({|#0:staged|});
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("the temp folder (Path.GetTempPath) (line 7)", "the assembly loaded by Assembly.LoadFrom (line 8)"));
    }

    [Theory]
    [InlineData("Assembly.LoadFrom({|#0:v|});")]
    [InlineData("Assembly.LoadFile({|#0:v|});")]
    [InlineData("Assembly.UnsafeLoadFrom({|#0:v|});")]
    [InlineData("Assembly.Load({|#0:System.IO.File.ReadAllBytes({|#3:v|})|});")]
    [InlineData("AssemblyLoadContext.Default.LoadFromAssemblyPath({|#0:v|});")]
    [InlineData("AssemblyLoadContext.Default.LoadFromNativeImagePath({|#0:v|}, null);")]
    [InlineData("AppDomain.CurrentDomain.ExecuteAssembly({|#0:v|});")]
    [InlineData("AppDomain.CurrentDomain.CreateInstanceFrom({|#0:v|}, \"Plugin\");")]
    [InlineData("AppDomain.CurrentDomain.CreateInstanceFromAndUnwrap({|#0:v|}, \"Plugin\");")]
    [InlineData("Activator.CreateInstanceFrom({|#0:v|}, \"Plugin\");")]
    [InlineData("NativeLibrary.Load({|#0:v|});")]
    [InlineData("NativeLibrary.TryLoad({|#0:v|}, out _);")]
    [InlineData("{|#2:new DirectoryCatalog({|#0:v|})|};")]
    public async Task Detect_EveryLoadingApiWithAPathFromARequest(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.ComponentModel.Composition.Hosting;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using System.Runtime.Loader;
            using Microsoft.AspNetCore.Mvc;
            public class PluginsController : ControllerBase
            {
                public IActionResult Activate(string {|#1:v|})
                {
            """ + statement + """

                    return Ok();
                }
            }
            """,
            TestReferences.CodeIntegrity,
            statement.Contains("DirectoryCatalog") ? new[] { Finding.At(Rule, 0, 1), Finding.At("SCR4001", 0, 2) }
            : statement.Contains("ReadAllBytes") ? new[] { Finding.At(Rule, 0, 1), Finding.At("SCR2003", 3, 1) }
            : new[] { Finding.At(Rule, 0, 1) });
    }

    [Fact]
    public async Task Detect_PathsFromConfigurationOptionsAndTheRegistry()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Options;
            using Microsoft.Win32;
            public class DriverOptions { public string DriverPath { get; set; } = ""; }
            class DriverHost
            {
                private readonly IConfiguration _configuration;
                private readonly IOptions<DriverOptions> _options;
                DriverHost(IConfiguration configuration, IOptions<DriverOptions> options) { _configuration = configuration; _options = options; }

                void Load()
                {
                    Assembly.LoadFrom({|#0:_configuration["Drivers:Primary"]|}!);
                    NativeLibrary.Load({|#2:{|#3:_options.Value|}.DriverPath|});
                    var legacy = {|#5:System.Configuration.ConfigurationManager.AppSettings|}["LegacyDriver"];
                    Assembly.LoadFile({|#4:Path.GetFullPath(legacy!)|});
                    var registered = (string?){|#7:Registry.GetValue(@"HKEY_LOCAL_MACHINE\SOFTWARE\Vendor", "Driver", null)|};
                    Assembly.LoadFrom({|#6:registered|}!);
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 0),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 4, 5),
            Finding.At(Rule, 6, 7));
    }

    [Fact]
    public async Task Detect_UserProfileFoldersAndTheCurrentDirectoryThroughAField()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class ExtensionHost
            {
                private string _root = "";
                void Configure() => {|#2:_root|} = Path.Combine({|#1:Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)|}, "Vendor", "Extensions");
                Assembly Load(string name) => Assembly.LoadFrom({|#0:Path.Combine(_root, name + ".dll")|});
                Assembly LoadLocal() => Assembly.LoadFile({|#3:Path.Combine({|#4:Directory.GetCurrentDirectory()|}, "helper.dll")|});
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1, 2),
            Finding.At(Rule, 3, 4));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ApplicationAndProgramFilesDirectories()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            class DriverHost
            {
                void Load()
                {
                    Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Drivers", "Vendor.Drivers.dll"));
                    Assembly.LoadFrom(Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "Vendor.Reports.dll"));
                    var programFiles = Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles);
                    NativeLibrary.Load(Path.Combine(programFiles, "Vendor", "plc.dll"));
                    var system = Environment.GetFolderPath(Environment.SpecialFolder.System);
                    NativeLibrary.Load(Path.Combine(system, "ws2_32.dll"));
                    var temp = Path.Combine(Path.GetTempPath(), "report.txt");
                    File.WriteAllText(temp, "ok");
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_RequestPicksAFileNameInsideAFixedDirectory()
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
                    var assembly = Assembly.LoadFrom(Path.Combine(PluginDir, Path.GetFileName(name)));
                    return Ok(assembly.FullName);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_ConfiguredPathVerifiedBeforeLoading()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Security.Cryptography;
            using Microsoft.Extensions.Configuration;
            class DriverHost
            {
                private readonly IConfiguration _configuration;
                DriverHost(IConfiguration configuration) => _configuration = configuration;

                Assembly Load()
                {
                    var path = _configuration["Drivers:Primary"]!;
                    var pinned = Convert.FromHexString(_configuration["Drivers:PrimarySha256"]!);
                    if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(File.ReadAllBytes(path)), pinned))
                    {
                        throw new InvalidDataException("Driver does not match its pinned digest.");
                    }

                    return Assembly.LoadFrom(path);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // The operator who starts a tool chooses its plugins: command-line arguments and environment variables do not
    // count by default (taint_disabled_source_groups), and a file's contents do not make its path untrusted.
    [Fact]
    public async Task Safe_CommandLineEnvironmentAndFileContentsByDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            static class Tool
            {
                static void Main(string[] args)
                {
                    foreach (var plugin in args)
                    {
                        Assembly.LoadFrom(plugin);
                    }

                    var extra = Environment.GetEnvironmentVariable("TOOL_PLUGIN");
                    if (extra is not null)
                    {
                        Assembly.LoadFrom(extra);
                    }

                    var manifest = Path.Combine(AppContext.BaseDirectory, "plugins.txt");
                    foreach (var line in File.ReadAllLines(manifest))
                    {
                        Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, line));
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // Paths from configuration are ordinary everywhere else: they are sources for code loading only.
    [Fact]
    public async Task Safe_ConfigurationAndTempPathsElsewhere()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using Microsoft.Data.SqlClient;
            using Microsoft.Extensions.Configuration;
            class Reports
            {
                private readonly IConfiguration _configuration;
                Reports(IConfiguration configuration) => _configuration = configuration;

                string Read()
                {
                    var folder = _configuration["Reports:Folder"]!;
                    var text = File.ReadAllText(Path.Combine(folder, "daily.csv"));
                    File.WriteAllText(Path.Combine(Path.GetTempPath(), "copy.csv"), text);
                    Process.Start(_configuration["Tools:Viewer"]!, Path.Combine(folder, "daily.csv"));
                    return text;
                }
            }
            """,
            TestReferences.SqlProviders);
    }
}
