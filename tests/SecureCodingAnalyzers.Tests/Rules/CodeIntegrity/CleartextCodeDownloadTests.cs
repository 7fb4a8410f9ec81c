using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity.CleartextCodeDownloadCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>
/// SCR4004, code downloaded over cleartext HTTP; reported at the URL, with the sink as additional location. A URL in a
/// field is outside the method that uses it, so the fix tests skip the testing library's check that fixed diagnostics
/// lie inside the analyzed code block.
/// </summary>
public class CleartextCodeDownloadTests
{
    private const string Rule = "SCR4004";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ConstantUpdateUrlWhoseDownloadIsStarted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class Updater
            {
                private const string Feed = {|#0:"http://updates.example.com/agent/setup.exe"|};
                private static readonly byte[] Pinned = new byte[32];

                async Task InstallAsync(HttpClient http, string target)
                {
                    var installer = await http.GetByteArrayAsync(Feed);
                    if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(installer), Pinned))
                    {
                        return;
                    }

                    await File.WriteAllBytesAsync(target, installer);
                    Process.Start({|#1:target|});
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("code downloaded from 'http://updates.example.com/agent/setup.exe'", "the program started by Process.Start (line 21)"));
    }

    [Fact]
    public async Task Detect_UrlInALocalInAUriAndInAnInterpolation()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Reflection;
            using System.Threading.Tasks;
            class PluginFeed
            {
                async Task<Assembly> FetchAsync(HttpClient http, string name)
                {
                    var feed = new Uri({|#0:"http://plugins.example.com/feed/core.dll"|});
                    var core = Assembly.Load({|#1:await {|#4:http.GetByteArrayAsync(feed)|}|});
                    var extra = await {|#5:http.GetByteArrayAsync({|#2:$"http://plugins.example.com/feed/{name}.dll"|})|};
                    Assembly.Load({|#3:extra|});
                    return core;
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1),
            Finding.At("SCR4003", 1, 4),
            Finding.At(Rule, 2, 3),
            Finding.At("SCR4003", 3, 5));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_HttpsLoopbackAndCleartextDataThatIsNotRun()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class Updater
            {
                private static readonly byte[] Pinned = new byte[32];

                async Task<string> RunAsync(HttpClient http, string target)
                {
                    var installer = await http.GetByteArrayAsync("https://updates.example.com/agent/setup.exe");
                    if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(installer), Pinned))
                    {
                        await File.WriteAllBytesAsync(target, installer);
                        Process.Start(target);
                    }

                    var local = await http.GetByteArrayAsync("http://localhost:5000/tool.exe");
                    var loopback = await http.GetByteArrayAsync("http://127.0.0.1:9/helper.exe");
                    if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(local), Pinned) && CryptographicOperations.FixedTimeEquals(SHA256.HashData(loopback), Pinned))
                    {
                        await File.WriteAllBytesAsync(target, local);
                        Process.Start(target);
                    }

                    return await http.GetStringAsync("http://status.example.com/health");
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_SwitchesTheUrlToHttps()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Reflection;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class PluginFeed
            {
                private const string Feed = {|SCR4004:"http://plugins.example.com/core.dll"|};
                private static readonly byte[] Pinned = new byte[32];
                async Task<Assembly?> FetchAsync(HttpClient http, string name)
                {
                    var extra = await http.GetByteArrayAsync({|SCR4004:$"HTTP://plugins.example.com/{name}.dll"|});
                    var core = await http.GetByteArrayAsync(Feed);
                    return CryptographicOperations.FixedTimeEquals(SHA256.HashData(extra), Pinned) && CryptographicOperations.FixedTimeEquals(SHA256.HashData(core), Pinned)
                        ? Assembly.Load(core.Length > extra.Length ? core : extra)
                        : null;
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Reflection;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class PluginFeed
            {
                private const string Feed = "https://plugins.example.com/core.dll";
                private static readonly byte[] Pinned = new byte[32];
                async Task<Assembly?> FetchAsync(HttpClient http, string name)
                {
                    var extra = await http.GetByteArrayAsync($"https://plugins.example.com/{name}.dll");
                    var core = await http.GetByteArrayAsync(Feed);
                    return CryptographicOperations.FixedTimeEquals(SHA256.HashData(extra), Pinned) && CryptographicOperations.FixedTimeEquals(SHA256.HashData(core), Pinned)
                        ? Assembly.Load(core.Length > extra.Length ? core : extra)
                        : null;
                }
            }
            """,
            TestReferences.CodeIntegrity,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    [Fact]
    public async Task Fix_NotOfferedForAUrlBuiltElsewhere()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.Net.Http;
            using System.Reflection;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class PluginFeed
            {
                private const string Host = "plugins.example.com";
                private static readonly byte[] Pinned = new byte[32];
                async Task<Assembly?> FetchAsync(HttpClient http)
                {
                    var core = await http.GetByteArrayAsync({|SCR4004:"http://" + Host + "/core.dll"|});
                    return CryptographicOperations.FixedTimeEquals(SHA256.HashData(core), Pinned) ? Assembly.Load(core) : null;
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }
}
