using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>SCR4005, types or members named by untrusted input created or invoked. No code fix: see rules/SCR4005.md.</summary>
/// <remarks>Markup {|#0:...|} is the finding, {|#1:...|} its source, further numbers its steps (see <see cref="Finding"/>).</remarks>
public class UntrustedTypeInstantiationTests
{
    private const string Rule = "SCR4005";

    // ---- Detect ----

    [Fact]
    public async Task Detect_TypeNameFromARequestInstantiated()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using Microsoft.AspNetCore.Mvc;
            public class HandlersController : ControllerBase
            {
                public IActionResult Create(string {|#1:handler|})
                {
                    var type = Type.GetType(handler, throwOnError: true)!;
                    return Ok(Activator.CreateInstance({|#0:type|}));
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("untrusted HTTP input 'handler' (line 5)", "the type created by Activator.CreateInstance (line 8)"));
    }

    [Fact]
    public async Task Detect_NamesFromASocketInAssemblyCreateInstanceInvokeMemberAndMethodInvoke()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Net.Sockets;
            using System.Reflection;
            using System.Threading.Tasks;
            class RemoteControl
            {
                private readonly object _device = new();
                async Task HandleAsync(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var line = (await reader.ReadLineAsync())!;
                    Assembly.GetExecutingAssembly().CreateInstance({|#0:line|});
                    _device.GetType().InvokeMember({|#2:line|}, BindingFlags.InvokeMethod, null, _device, null);
                    var method = _device.GetType().GetMethod(line)!;
                    {|#3:method.Invoke(_device, null)|};
                    Activator.CreateInstance("Vendor.Drivers", {|#4:line|});
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1),
            Finding.At(Rule, 3, 1),
            Finding.At(Rule, 4, 1));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_AllowedTypesDictionaryAndOwnContract()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;
            public interface IReportHandler { }
            public sealed class CsvHandler : IReportHandler { }
            public class HandlersController : ControllerBase
            {
                private static readonly Dictionary<string, Type> Allowed = new() { ["csv"] = typeof(CsvHandler) };
                public IActionResult Create(string handler, string plugin)
                {
                    if (!Allowed.TryGetValue(handler, out var type))
                    {
                        return NotFound();
                    }

                    var created = Activator.CreateInstance(type);
                    var candidate = Type.GetType(plugin);
                    if (candidate is null || !typeof(IReportHandler).IsAssignableFrom(candidate))
                    {
                        return BadRequest();
                    }

                    return Ok(Activator.CreateInstance(candidate) ?? created);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // Type names in configuration and plugin manifests are chosen by whoever installs the product.
    [Fact]
    public async Task Safe_TypeNamesFromConfigurationFilesAndConstants()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using Microsoft.Extensions.Configuration;
            class Startup
            {
                object?[] Build(IConfiguration configuration, string manifestPath)
                {
                    var fromConfiguration = Type.GetType(configuration["Storage:Provider"]!)!;
                    var fromManifest = Type.GetType(File.ReadAllText(manifestPath).Trim())!;
                    var builtIn = Type.GetType("System.Text.StringBuilder")!;
                    return new[] { Activator.CreateInstance(fromConfiguration), Activator.CreateInstance(fromManifest), Activator.CreateInstance(builtIn) };
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }
}
