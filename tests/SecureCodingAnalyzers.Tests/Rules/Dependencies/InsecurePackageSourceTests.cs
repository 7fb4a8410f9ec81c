using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
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
}
