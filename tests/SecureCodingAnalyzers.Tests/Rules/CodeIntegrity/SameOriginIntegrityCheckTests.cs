using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>SCR4006, a download checked against a digest fetched from the network. No code fix: see rules/SCR4006.md.</summary>
public class SameOriginIntegrityCheckTests
{
    private const string Rule = "SCR4006";

    // ---- Detect ----

    [Fact]
    public async Task Detect_DigestDownloadedNextToTheInstaller()
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
                async Task InstallAsync(HttpClient http, string url, string target)
                {
                    var installer = await {|#2:http.GetByteArrayAsync(url)|};
                    var expected = (await http.GetStringAsync(url + ".sha256")).Trim();
                    if ({|#0:Convert.ToHexString(SHA256.HashData(installer)) != expected|})
                    {
                        throw new InvalidDataException("Corrupted download.");
                    }

                    await File.WriteAllBytesAsync(target, installer);
                    Process.Start({|#1:target|});
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.WithMessageAt(Rule, 0)
                .WithArguments("Convert.ToHexString(SHA256.HashData(installer)) != expected"),
            Finding.At("SCR4003", 1, 2));
    }

    [Fact]
    public async Task Detect_ConstantTimeComparisonWithADownloadedDigest()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Reflection;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            class PluginFeed
            {
                async Task<bool> IsIntactAsync(HttpClient http, byte[] plugin, Uri digestUrl)
                {
                    var expected = await http.GetByteArrayAsync(digestUrl);
                    return {|#0:CryptographicOperations.FixedTimeEquals(SHA256.HashData(plugin), expected)|};
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_DigestPinnedInTheProductOrInConfiguration()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Configuration;
            class PluginFeed
            {
                private const string Pinned = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
                async Task<bool> IsIntactAsync(HttpClient http, IConfiguration configuration, Uri url)
                {
                    var plugin = await http.GetByteArrayAsync(url);
                    var digest = SHA256.HashData(plugin);
                    return Convert.ToHexString(digest) == Pinned
                        && CryptographicOperations.FixedTimeEquals(digest, Convert.FromHexString(configuration["Plugins:Sha256"]!));
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }
}
