using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.InsecurePackageSourceAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.InsecurePackageSourceCodeFixProvider>;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.InsecurePackageSourceCodeFixProvider;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.InsecurePackageSourceAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class InsecurePackageSourceTests
{
    private static BuildFileInput Config(string text) => new("/repo/nuget.config", BuildFileKind.NuGetConfig, text);

    // ---- Detect ----

    [Fact]
    public async Task Detect_HttpSourceAndAllowInsecureConnections()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Config("""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="plant-feed" value="{|#0:http://packages.example.com/v3/index.json|}" />
                    <add key="legacy" value="https://legacy.example.com/nuget" allowInsecureConnections="{|#1:true|}" />
                  </packageSources>
                </configuration>
                """)),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("plant-feed", "is fetched over plain http"),
            Verify.Diagnostic().WithLocation(1).WithArguments("legacy", "allows insecure connections (allowInsecureConnections)"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_HttpsLoopbackAndLocalFolders()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="https://packages.example.com/v3/index.json" />
                <add key="local-test-server" value="http://127.0.0.1:9/v3/index.json" />
                <add key="localhost" value="http://localhost:5555/nuget" />
                <add key="folder" value="../artifacts/feed" />
                <add key="secure" value="https://packages.example.com/v3/index.json" allowInsecureConnections="false" />
              </packageSources>
              <config>
                <add key="http_proxy" value="http://proxy.example.com:8080" />
              </config>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_HttpSourceBeforeClear_IsDroppedByNuGet()
    {
        // NuGet drops a section's items that come before its <clear/>: the http source is never used.
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <add key="old-plant-feed" value="http://packages.example.com/v3/index.json" allowInsecureConnections="true" />
                <clear />
                <add key="feed" value="https://packages.example.com/v3/index.json" />
              </packageSources>
            </configuration>
            """)));
    }

    // ---- Fix ----

    private const string Insecure = """
        <configuration>
          <packageSources>
            <clear />
            <add key="plant-feed" value="http://packages.example.com/v3/index.json" />
            <add key="legacy" value="https://legacy.example.com/nuget" allowInsecureConnections="true" protocolVersion="3" />
          </packageSources>
        </configuration>
        """;

    [Fact]
    public async Task Fix_UsesHttps_AndRemovesAllowInsecureConnections()
    {
        var texts = await Harness.FixAllAsync(Verify.Restored(Config(Insecure)), Fixer.HttpsKey);
        Assert.Contains("""value="https://packages.example.com/v3/index.json" """, texts["/repo/nuget.config"]);

        texts = await Harness.FixAllAsync(Verify.Restored(Config(Insecure)), Fixer.RemoveKey);
        Assert.Contains("""<add key="legacy" value="https://legacy.example.com/nuget" protocolVersion="3" />""", texts["/repo/nuget.config"]);
        Assert.Contains("http://packages.example.com", texts["/repo/nuget.config"]);
    }

    [Fact]
    public async Task Fix_OneTitlePerProblem()
    {
        var offered = await Harness.OfferedAsync(Verify.Restored(Config(Insecure)));
        Assert.Equal(new[] { "Use https", "Remove allowInsecureConnections" }, offered);
    }
}
