using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>SCR4003, downloaded code run or loaded without verification.</summary>
/// <remarks>Markup {|#0:...|} is the finding, {|#1:...|} its source, further numbers its steps (see <see cref="Finding"/>).</remarks>
public class DownloadedCodeExecutionTests
{
    private const string Rule = "SCR4003";

    // ---- Detect ----

    [Fact]
    public async Task Detect_UpdateDownloadedWrittenAndStarted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Updater
            {
                private readonly HttpClient _http = new();
                async Task InstallAsync(string url, string target)
                {
                    var installer = await {|#1:_http.GetByteArrayAsync(url)|};
                    await File.WriteAllBytesAsync(target, installer);
                    Process.Start({|#0:target|});
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("an HTTP response (line 10)", "the program started by Process.Start (line 12)"));
    }

    [Fact]
    public async Task Detect_SamePathExpressionWrittenThenStarted()
    {
        // The path is written out twice instead of kept in a local: the same fixed expression names the same file.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Updater
            {
                async Task InstallAsync(HttpClient http, string url)
                {
                    var installer = await {|#1:http.GetByteArrayAsync(url)|};
                    await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "updates", "setup.exe"), installer);
                    Process.Start({|#0:Path.Combine(AppContext.BaseDirectory, "updates", "setup.exe")|})?.Dispose();
                }

                async Task RunToolAsync(HttpClient http)
                {
                    File.WriteAllBytes(Path.GetTempPath() + "tool.exe", await {|#3:http.GetByteArrayAsync("https://tools.example.com/tool.exe")|});
                    Process.Start({|#2:Path.GetTempPath() + "tool.exe"|});
                }

                // With a handler the body is analyzed on its control-flow graph.
                async Task RetryAsync(HttpClient http, string url)
                {
                    try
                    {
                        var agent = await {|#5:http.GetByteArrayAsync(url)|};
                        File.WriteAllBytes(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "agent.exe"), agent);
                        Process.Start({|#4:Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "agent.exe")|});
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 4, 5));
    }

    [Fact]
    public async Task Detect_ResponseStreamCopiedIntoAFileThenStarted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Updater
            {
                async Task InstallAsync(HttpClient http, string url)
                {
                    var path = Path.Combine(Path.GetTempPath(), "setup.exe");
                    using (var response = await {|#1:http.GetAsync(url)|})
                    using (var file = File.Create(path))
                    {
                        await response.Content.CopyToAsync(file);
                    }

                    var start = new ProcessStartInfo({|#0:path|}) { UseShellExecute = false };
                    Process.Start(start);
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_AssemblyLoadedFromDownloadedBytesAndWebClientFiles()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.Net;
            using System.Net.Http;
            using System.Reflection;
            using System.Threading.Tasks;
            class PluginFeed
            {
                async Task<Assembly> FetchAsync(HttpClient http, Uri feed)
                    => Assembly.Load({|#0:await {|#1:http.GetByteArrayAsync(feed)|}|});

            #pragma warning disable SYSLIB0014
                void Legacy(string url)
                {
                    using var client = new WebClient();
                    var local = @"C:\ProgramData\Vendor\agent.exe";
                    {|#3:client.DownloadFile(url, local)|};
                    var info = new ProcessStartInfo { {|#2:FileName = local|} };
                    Process.Start(info);
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3));
    }

    [Fact]
    public async Task Detect_DownloadedArchiveExtractedThenStarted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.IO.Compression;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Updater
            {
                async Task InstallAsync(HttpClient http, string url, string work)
                {
                    var zip = Path.Combine(work, "update.zip");
                    await File.WriteAllBytesAsync(zip, await {|#1:http.GetByteArrayAsync(url)|});
                    var folder = Path.Combine(work, "update");
                    ZipFile.ExtractToDirectory(zip, folder);
                    Process.Start({|#0:Path.Combine(folder, "setup.exe")|}, "/quiet");
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SocketInputLoadedThroughAHelperOfAnotherClass()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Reflection;
            using System.Threading.Tasks;
            class Agent
            {
                private readonly PluginHost _host = new();
                async Task Handle(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var command = await reader.ReadLineAsync();
                    if (command is { Length: > 5 } && command.StartsWith("LOAD "))
                    {
                        _host.Load({|#0:command.Substring(5)|});
                    }
                }
            }
            class PluginHost
            {
                public Assembly Load(string path) => Assembly.LoadFrom({|#2:path|});
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_DownloadStoredInAFieldAndStartedLater()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Updater
            {
                private readonly HttpClient _http = new();
                private byte[] _pending = System.Array.Empty<byte>();

                async Task DownloadAsync(string url) => {|#2:_pending|} = await {|#1:_http.GetByteArrayAsync(url)|};

                void Install()
                {
                    var path = Path.Combine(Path.GetTempPath(), "agent-update.exe");
                    File.WriteAllBytes(path, _pending);
                    Process.Start({|#0:path|});
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1, 2));
    }

    // A bool helper of the same file is a verifier only when it returns a digest or signature check of its parameter.
    [Fact]
    public async Task Detect_HelperThatChecksSomethingElse()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class Updater
            {
                private static readonly byte[] Pinned = new byte[16];

                async Task InstallAsync(HttpClient http, string url, string path)
                {
                    var installer = await {|#1:http.GetByteArrayAsync(url)|};
                    if (!LooksComplete(installer) || !MatchesMd5(installer))
                    {
                        return;
                    }

                    await File.WriteAllBytesAsync(path, installer);
                    Process.Start({|#0:path|});
                }

                private static bool LooksComplete(byte[] content) => content.Length > 1024 && content[0] == 0x4D;

                private static bool MatchesMd5(byte[] content) => CryptographicOperations.FixedTimeEquals(MD5.HashData(content), Pinned);
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_OtherFixedPathStarted_OrTheWrittenFileVerifiedFirst()
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

                async Task InstallAsync(HttpClient http, string url)
                {
                    var notes = await http.GetByteArrayAsync(url + "/notes.txt");
                    await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "notes.txt"), notes);
                    Process.Start(Path.Combine(AppContext.BaseDirectory, "viewer.exe"))?.Dispose();

                    var installer = await http.GetByteArrayAsync(url);
                    if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(installer), Pinned))
                    {
                        throw new InvalidDataException("installer digest mismatch");
                    }

                    await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "setup.exe"), installer);
                    Process.Start(Path.Combine(AppContext.BaseDirectory, "setup.exe"))?.Dispose();
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_PinnedDigestCheckedBeforeWritingAndStarting()
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
                private const string InstallerSha256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
                private readonly HttpClient _http = new();

                async Task InstallAsync(string url, string target)
                {
                    var installer = await _http.GetByteArrayAsync(url);
                    if (!string.Equals(Convert.ToHexString(SHA256.HashData(installer)), InstallerSha256, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidDataException("The installer does not match the pinned digest.");
                    }

                    await File.WriteAllBytesAsync(target, installer);
                    Process.Start(target);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_FileVerifiedAfterTheDownloadBeforeStarting()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class Updater
            {
                private static readonly byte[] Pinned = new byte[32];

                async Task InstallAsync(HttpClient http, string url, string path)
                {
                    using (var stream = await http.GetStreamAsync(url))
                    using (var file = File.Create(path))
                    {
                        await stream.CopyToAsync(file);
                    }

                    byte[] digest;
                    using (var written = File.OpenRead(path))
                    {
                        digest = await SHA384.HashDataAsync(written);
                    }

                    if (CryptographicOperations.FixedTimeEquals(digest, Pinned))
                    {
                        Process.Start(path);
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_SignedManifestWithPinnedKeyAndVerifierHelperOfAnotherClass()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Reflection;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            [AttributeUsage(AttributeTargets.Method)]
            sealed class IntegrityVerifierAttribute : Attribute { }
            static class UpdateSignature
            {
                private static readonly RSA Publisher = RSA.Create();

                [IntegrityVerifier]
                public static bool IsGenuine(byte[] content, byte[] signature)
                    => Publisher.VerifyData(content, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            }
            class Updater
            {
                async Task<Assembly?> FetchAsync(HttpClient http, string url)
                {
                    var content = await http.GetByteArrayAsync(url);
                    var signature = await http.GetByteArrayAsync(url + ".sig");
                    return UpdateSignature.IsGenuine(content, signature) ? Assembly.Load(content) : null;
                }

                async Task InstallAsync(HttpClient http, string url, string path)
                {
                    var content = await http.GetByteArrayAsync(url);
                    var signature = await http.GetByteArrayAsync(url + ".sig");
                    if (!UpdateSignature.IsGenuine(content, signature))
                    {
                        return;
                    }

                    await File.WriteAllBytesAsync(path, content);
                    Process.Start(new ProcessStartInfo(path) { UseShellExecute = false });
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // Downloading is not running: a file written from a download is read, parsed and opened like any other file
    // (its path did not come from the network, so the path rules stay silent too).
    [Fact]
    public async Task Safe_DownloadedDataThatIsNotRun()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Reports
            {
                async Task<string> MirrorAsync(HttpClient http, string url)
                {
                    var path = Path.Combine(Path.GetTempPath(), "prices.csv");
                    await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync(url));
                    var text = await File.ReadAllTextAsync(path);
                    File.Copy(path, Path.Combine(Path.GetTempPath(), "prices.bak"), overwrite: true);
                    Process.Start("notepad.exe", path);
                    return text;
                }

                async Task ShowReportAsync(HttpClient http, string url)
                {
                    var report = Path.Combine(Path.GetTempPath(), "shift-report.pdf");
                    await File.WriteAllBytesAsync(report, await http.GetByteArrayAsync(url));
                    Process.Start(new ProcessStartInfo(report) { UseShellExecute = true });
                    var chart = Path.Combine(Path.GetTempPath(), $"chart-{url.Length}.png");
                    await File.WriteAllBytesAsync(chart, await http.GetByteArrayAsync(url + "/chart"));
                    Process.Start(chart);
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // Only documents by a fixed extension are exempt: a name the code does not fix could be anything.
    [Fact]
    public async Task Detect_DownloadedFileWhoseExtensionIsNotFixed()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            class Attachments
            {
                async Task OpenAsync(HttpClient http, string url, string name)
                {
                    var file = Path.Combine(Path.GetTempPath(), "report.pdf", name);
                    await File.WriteAllBytesAsync(file, await {|#1:http.GetByteArrayAsync(url)|});
                    Process.Start(new ProcessStartInfo({|#0:file|}) { UseShellExecute = true });
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1));
    }
}
