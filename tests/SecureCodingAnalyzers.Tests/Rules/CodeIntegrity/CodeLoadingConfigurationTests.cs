using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity.CodeLoadingConfigurationCodeFixProvider;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.CodeIntegrity.CodeLoadingConfigurationAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity.CodeLoadingConfigurationCodeFixProvider>;
using Unreadable = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.UnreadableBuildFileAnalyzer>;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.CodeIntegrity.CodeLoadingConfigurationAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

public class CodeLoadingConfigurationTests
{
    private const string NetFramework = "TargetFrameworkIdentifier = .NETFramework";

    private static BuildFileInput AppConfig(string text, string path = "/repo/App/App.config") => new(path, BuildFileKind.AppConfig, text);

    private static BuildFileInput[] Files(params BuildFileInput[] files) => files;

    // ---- Detect ----

    [Fact]
    public async Task Detect_LoadFromRemoteSources_NamesTheSettingFileAndFix()
    {
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <startup>
                    <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.8" />
                  </startup>
                  <runtime>
                    <loadFromRemoteSources enabled="{|#0:true|}" />
                  </runtime>
                </configuration>
                """)),
            NetFramework,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "loadFromRemoteSources enabled=\"true\" grants full trust to assemblies loaded from network locations",
                "App.config",
                "set enabled=\"false\""));
    }

    [Fact]
    public async Task Detect_BypassTrustedAppStrongNames()
    {
        // The AppDomainManager hijack pattern: a config dropped next to a signed program.
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <appDomainManagerAssembly value="Updater" />
                    <appDomainManagerType value="UpdaterDomainManager" />
                    <bypassTrustedAppStrongNames enabled="{|#0:true|}" />
                  </runtime>
                </configuration>
                """)),
            NetFramework,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "bypassTrustedAppStrongNames enabled=\"true\" skips strong-name signature validation of full-trust assemblies",
                "App.config",
                "set enabled=\"false\""));
    }

    [Fact]
    public async Task Detect_HttpCodeBase_NamesTheAssembly()
    {
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                      <dependentAssembly>
                        <assemblyIdentity name="Contoso.Plc" publicKeyToken="32ab4ba45e0a69a1" culture="neutral" />
                        <bindingRedirect oldVersion="0.0.0.0-2.0.0.0" newVersion="2.0.0.0" />
                        <codeBase version="2.0.0.0" href="{|#0:http://updates.example.com/plc/Contoso.Plc.dll|}" />
                      </dependentAssembly>
                    </assemblyBinding>
                  </runtime>
                </configuration>
                """)),
            NetFramework,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "codeBase href=\"http://updates.example.com/plc/Contoso.Plc.dll\" of Contoso.Plc downloads the assembly over cleartext HTTP at run time",
                "App.config",
                "use https:// or ship the assembly with the application"));
    }

    [Theory]
    [InlineData("True")]
    [InlineData("TRUE")]
    [InlineData(" true ")]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("0x1")]
    [InlineData("010")]
    [InlineData("-1")]
    [InlineData("1 (see ticket 42)")]
    public async Task Detect_EveryValueTheRuntimeReadsAsOn(string value)
    {
        // The CLR's reader maps true/false (any case) to 1/0, then reads a C number: any non-zero number is on.
        await Verify.VerifyAsync(
            Files(AppConfig($"""
                <configuration>
                  <runtime>
                    <loadFromRemoteSources enabled="[|{value}|]" />
                  </runtime>
                </configuration>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Detect_AttributeNameInAnyCase_AndTheValueAttribute()
    {
        // The CLR compares the attribute names "enabled" and "value" ignoring case; a value attribute is read as a number.
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <loadFromRemoteSources Enabled="[|true|]" />
                    <bypassTrustedAppStrongNames value="{|#0:1|}" />
                  </runtime>
                </configuration>
                """)),
            NetFramework,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "bypassTrustedAppStrongNames value=\"1\" skips strong-name signature validation of full-trust assemblies",
                "App.config",
                "set value=\"0\""));
    }

    [Fact]
    public async Task Detect_FirstElementWins_AcrossRuntimeSections()
    {
        // The CLR keeps the first value of a setting: the later "false" does not switch it off.
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <loadFromRemoteSources enabled="[|true|]" />
                  </runtime>
                  <runtime>
                    <loadFromRemoteSources enabled="false" />
                  </runtime>
                </configuration>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Detect_WebConfig_OldConfigurationNamespace_UppercaseScheme()
    {
        await Verify.VerifyAsync(
            Files(AppConfig(
                """
                <?xml version="1.0"?>
                <configuration xmlns="http://schemas.microsoft.com/.NetConfiguration/v2.0">
                  <system.web>
                    <compilation debug="false" targetFramework="4.8" />
                  </system.web>
                  <runtime>
                    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                      <dependentAssembly>
                        <assemblyIdentity name="Fabrikam.Reports" publicKeyToken="b77a5c561934e089" />
                        <codeBase version="1.0.0.0" href="[|HTTP://reports.example.com/bin/Fabrikam.Reports.dll|]" />
                      </dependentAssembly>
                    </assemblyBinding>
                  </runtime>
                </configuration>
                """,
                "/repo/Web/Web.config")),
            NetFramework);
    }

    [Fact]
    public async Task Detect_TransformThatInsertsTheSetting()
    {
        await Verify.VerifyAsync(
            Files(AppConfig(
                """
                <?xml version="1.0"?>
                <configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">
                  <runtime>
                    <loadFromRemoteSources enabled="[|true|]" xdt:Transform="Insert" />
                  </runtime>
                </configuration>
                """,
                "/repo/Web/Web.Release.config")),
            NetFramework);
    }

    [Fact]
    public async Task Detect_FileTheProjectMarks_AndUnknownTargetFramework()
    {
        // Any file passed with SecureCodingKind="AppConfig" is analyzed; without the evaluated framework the rule reports.
        await Verify.VerifyAsync(
            Files(AppConfig(
                """
                <configuration>
                  <runtime>
                    <loadFromRemoteSources enabled="{|#0:true|}" />
                  </runtime>
                </configuration>
                """,
                "/repo/Host/deploy/PluginHost.exe.config")),
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "loadFromRemoteSources enabled=\"true\" grants full trust to assemblies loaded from network locations",
                "PluginHost.exe.config",
                "set enabled=\"false\""));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_TypicalNetFrameworkAppConfig()
    {
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <configSections>
                    <section name="plc" type="Contoso.Plc.Configuration.PlcSection, Contoso.Plc" />
                  </configSections>
                  <startup>
                    <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.8" />
                  </startup>
                  <appSettings>
                    <add key="UpdateFeed" value="http://updates.example.com/feed.xml" />
                    <add key="loadFromRemoteSources" value="true" />
                  </appSettings>
                  <connectionStrings>
                    <add name="Historian" connectionString="Server=historian;Database=plant;Integrated Security=true" />
                  </connectionStrings>
                  <system.net>
                    <defaultProxy>
                      <proxy proxyaddress="http://proxy.example.com:8080" bypassonlocal="true" />
                    </defaultProxy>
                  </system.net>
                  <runtime>
                    <loadFromRemoteSources enabled="false" />
                    <bypassTrustedAppStrongNames enabled="false" />
                    <legacyCorruptedStateExceptionsPolicy enabled="true" />
                    <gcServer enabled="true" />
                    <AppContextSwitchOverrides value="Switch.System.Net.DontEnableSchUseStrongCrypto=false" />
                    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                      <probing privatePath="bin;plugins" />
                      <dependentAssembly>
                        <assemblyIdentity name="Newtonsoft.Json" publicKeyToken="30ad4fe6b2a6aeed" culture="neutral" />
                        <bindingRedirect oldVersion="0.0.0.0-13.0.0.0" newVersion="13.0.0.0" />
                      </dependentAssembly>
                      <dependentAssembly>
                        <assemblyIdentity name="Contoso.Plc" publicKeyToken="32ab4ba45e0a69a1" culture="neutral" />
                        <codeBase version="2.0.0.0" href="https://updates.example.com/plc/Contoso.Plc.dll" />
                        <codeBase version="1.0.0.0" href="lib/v1/Contoso.Plc.dll" />
                      </dependentAssembly>
                      <dependentAssembly>
                        <assemblyIdentity name="Contoso.Opc" publicKeyToken="32ab4ba45e0a69a1" culture="neutral" />
                        <codeBase version="1.0.0.0" href="file:///C:/Program Files/Contoso/Contoso.Opc.dll" />
                        <codeBase version="1.1.0.0" href="http://localhost:8080/Contoso.Opc.dll" />
                      </dependentAssembly>
                    </assemblyBinding>
                  </runtime>
                </configuration>
                """)),
            NetFramework);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("0")]
    [InlineData("0x0")]
    [InlineData("00")]
    [InlineData("08")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("")]
    [InlineData("4294967296")]
    public async Task Safe_EveryValueTheRuntimeReadsAsOff(string value)
    {
        // Not a number (or beyond 32 bits) leaves the default, which is off for loadFromRemoteSources.
        await Verify.VerifyAsync(
            Files(AppConfig($"""
                <configuration>
                  <runtime>
                    <loadFromRemoteSources enabled="{value}" />
                    <loadFromRemoteSources value="true" />
                  </runtime>
                </configuration>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Safe_ValueAttributeTrue_IsNotANumber()
    {
        // Only "enabled" maps true to 1: value="true" is not a number and leaves the default.
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <loadFromRemoteSources value="true" />
                  </runtime>
                </configuration>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Safe_FirstElementSwitchesOff()
    {
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <loadFromRemoteSources enabled="false" />
                    <loadFromRemoteSources enabled="true" />
                  </runtime>
                </configuration>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Safe_WhereTheRuntimeDoesNotReadIt()
    {
        // Element names are case-sensitive and unprefixed; the switches are read only directly under <runtime>, which
        // must be directly under the root; a commented-out line is not configuration.
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <!-- <runtime><loadFromRemoteSources enabled="true" /></runtime> -->
                  <loadFromRemoteSources enabled="true" />
                  <Runtime>
                    <loadFromRemoteSources enabled="true" />
                  </Runtime>
                  <location path=".">
                    <runtime>
                      <loadFromRemoteSources enabled="true" />
                    </runtime>
                  </location>
                  <runtime>
                    <LoadFromRemoteSources enabled="true" />
                    <x:loadFromRemoteSources xmlns:x="urn:contoso" enabled="true" />
                    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                      <loadFromRemoteSources enabled="true" />
                    </assemblyBinding>
                  </runtime>
                </configuration>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Safe_CodeBaseTheBinderDoesNotRead()
    {
        // The binder reads assembly binding only in its namespace (a missing xmlns is the classic "redirect ignored"
        // mistake) and attribute names are case-sensitive.
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <assemblyBinding>
                      <dependentAssembly>
                        <assemblyIdentity name="Contoso.Plc" publicKeyToken="32ab4ba45e0a69a1" />
                        <codeBase version="2.0.0.0" href="http://updates.example.com/Contoso.Plc.dll" />
                      </dependentAssembly>
                    </assemblyBinding>
                    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                      <dependentAssembly>
                        <assemblyIdentity name="Contoso.Opc" publicKeyToken="32ab4ba45e0a69a1" />
                        <codeBase version="1.0.0.0" HREF="http://updates.example.com/Contoso.Opc.dll" />
                      </dependentAssembly>
                    </assemblyBinding>
                  </runtime>
                  <codeBase href="http://updates.example.com/Contoso.Plc.dll" />
                </configuration>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Safe_NotAConfigurationFile()
    {
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <settings>
                  <runtime>
                    <loadFromRemoteSources enabled="true" />
                  </runtime>
                </settings>
                """)),
            NetFramework);
    }

    [Fact]
    public async Task Safe_TransformThatRemovesTheSetting()
    {
        await Verify.VerifyAsync(
            Files(AppConfig(
                """
                <?xml version="1.0"?>
                <configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">
                  <runtime>
                    <loadFromRemoteSources enabled="true" xdt:Transform="Remove" />
                    <bypassTrustedAppStrongNames enabled="false" xdt:Transform="SetAttributes(enabled)" />
                    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1" xdt:Transform="RemoveAll">
                      <dependentAssembly>
                        <codeBase version="2.0.0.0" href="http://updates.example.com/Contoso.Plc.dll" />
                      </dependentAssembly>
                    </assemblyBinding>
                  </runtime>
                </configuration>
                """,
                "/repo/Web/Web.Release.config")),
            NetFramework);
    }

    [Theory]
    [InlineData(".NETCoreApp")]
    [InlineData(".NETStandard")]
    public async Task Safe_ProjectNotOnNetFramework(string identifier)
    {
        // .NET (Core) reads none of these settings: App.config there only feeds ConfigurationManager.
        await Verify.VerifyAsync(
            Files(AppConfig("""
                <configuration>
                  <runtime>
                    <loadFromRemoteSources enabled="true" />
                    <bypassTrustedAppStrongNames enabled="true" />
                    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                      <dependentAssembly>
                        <assemblyIdentity name="Contoso.Plc" publicKeyToken="32ab4ba45e0a69a1" />
                        <codeBase version="2.0.0.0" href="http://updates.example.com/Contoso.Plc.dll" />
                      </dependentAssembly>
                    </assemblyBinding>
                  </runtime>
                </configuration>
                """)),
            "TargetFrameworkIdentifier = " + identifier);
    }

    [Fact]
    public async Task Safe_OtherKindsOfFile()
    {
        const string Text = """
            <configuration>
              <runtime>
                <loadFromRemoteSources enabled="true" />
              </runtime>
            </configuration>
            """;
        await Verify.VerifyAsync(
            Files(
                new BuildFileInput("/repo/nuget.config", BuildFileKind.NuGetConfig, Text),
                new BuildFileInput("/repo/App/App.config", BuildFileKind.None, Text)),
            NetFramework);
    }

    [Fact]
    public async Task Safe_MalformedFile_IsLeftToSCR5000()
    {
        var files = Files(AppConfig("""
            <configuration>
              <runtime>
                <loadFromRemoteSources enabled="true">
              </{|#0:|}runtime>
            </configuration>
            """));
        await Verify.VerifyAsync(
            Files(files[0] with { Text = files[0].Text.Replace("{|#0:|}", string.Empty, System.StringComparison.Ordinal) }),
            NetFramework);
        await Unreadable.VerifyAsync(
            files,
            NetFramework,
            Unreadable.Diagnostic().WithLocation(0).WithArguments("App.config", "The 'loadFromRemoteSources' start tag on line 3 position 6 does not match the end tag of 'runtime'. Line 4, position 5."));
    }

    // ---- Fix ----

    private const string Weakened = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <runtime>
            <loadFromRemoteSources enabled="true" />
            <bypassTrustedAppStrongNames value="1" />
            <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
              <dependentAssembly>
                <assemblyIdentity name="Contoso.Plc" publicKeyToken="32ab4ba45e0a69a1" />
                <codeBase version="2.0.0.0" href="HTTP://updates.example.com/plc/Contoso.Plc.dll" />
              </dependentAssembly>
            </assemblyBinding>
          </runtime>
        </configuration>
        """;

    [Fact]
    public async Task Fix_SwitchesOff_KeepingTheElements()
    {
        var texts = await Harness.FixAllAsync(Files(AppConfig(Weakened)), Fixer.SwitchOffKey, NetFramework);
        Assert.Equal(
            Weakened.Replace("enabled=\"true\"", "enabled=\"false\"", System.StringComparison.Ordinal).Replace("value=\"1\"", "value=\"0\"", System.StringComparison.Ordinal),
            texts["/repo/App/App.config"]);
    }

    [Fact]
    public async Task Fix_UsesHttps_ForTheCodeBase()
    {
        var texts = await Harness.ApplyAsync(
            Files(AppConfig(Weakened.Replace("enabled=\"true\"", "enabled=\"false\"", System.StringComparison.Ordinal).Replace("value=\"1\"", "value=\"0\"", System.StringComparison.Ordinal))),
            Fixer.HttpsKey,
            NetFramework);
        Assert.Contains("""href="https://updates.example.com/plc/Contoso.Plc.dll" """, texts["/repo/App/App.config"], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_FixAll_EditsEachConfigurationFile()
    {
        const string Web = """
            <configuration>
              <runtime>
                <loadFromRemoteSources enabled="1" />
              </runtime>
            </configuration>
            """;
        var texts = await Harness.FixAllAsync(Files(AppConfig(Weakened), AppConfig(Web, "/repo/App/Web.config")), Fixer.SwitchOffKey, NetFramework);
        Assert.Contains("<loadFromRemoteSources enabled=\"false\" />", texts["/repo/App/App.config"], System.StringComparison.Ordinal);
        Assert.Contains("<loadFromRemoteSources enabled=\"false\" />", texts["/repo/App/Web.config"], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_OneFixPerFinding()
    {
        var offered = await Harness.OfferedAsync(Files(AppConfig(Weakened)), NetFramework);
        Assert.Equal(new[] { "Set to false", "Set to 0", "Use https" }, offered);
    }

    [Fact]
    public async Task Fix_NotOffered_WhenTheValueIsWrittenWithCharacterReferences()
    {
        // The runtime resolves &#49; to 1 and &#58; to ':', so both are findings; the raw text is not what the fixes
        // rewrite, and they leave it to the author rather than guess.
        const string Text = """
            <configuration>
              <runtime>
                <loadFromRemoteSources enabled="[|&#49;|]" />
                <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                  <dependentAssembly>
                    <assemblyIdentity name="Contoso.Plc" publicKeyToken="32ab4ba45e0a69a1" />
                    <codeBase version="2.0.0.0" href="[|http&#58;//updates.example.com/Contoso.Plc.dll|]" />
                  </dependentAssembly>
                </assemblyBinding>
              </runtime>
            </configuration>
            """;
        await Verify.VerifyAsync(Files(AppConfig(Text)), NetFramework);
        var offered = await Harness.OfferedAsync(
            Files(AppConfig(Text.Replace("[|", string.Empty, System.StringComparison.Ordinal).Replace("|]", string.Empty, System.StringComparison.Ordinal))),
            NetFramework);
        Assert.Empty(offered);
    }
}
