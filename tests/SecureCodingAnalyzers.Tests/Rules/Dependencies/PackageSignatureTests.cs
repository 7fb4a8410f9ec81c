using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Rules.Dependencies;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.PackageSignatureAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.PackageSignatureCodeFixProvider>;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.PackageSignatureCodeFixProvider;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.PackageSignatureAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class PackageSignatureTests
{
    private const string ConfigPath = "/repo/nuget.config";
    private const string AssetsPath = "/repo/App/obj/project.assets.json";

    /// <summary>Trusted signers as `dotnet nuget trust` writes them (SHA256 fingerprints).</summary>
    private const string Signers = """
          <trustedSigners>
            <author name="microsoft">
              <certificate fingerprint="3F9001EA83C560D712C24CF213C3D312CB3BFF51EE89435D3430BD06B5D0EECE" hashAlgorithm="SHA256" allowUntrustedRoot="false" />
            </author>
            <repository name="plant-feed" serviceIndex="https://packages.example.com/v3/index.json">
              <certificate fingerprint="0E5F38F57DC1BCC806D8494F4F90FBCEDD988B46760709CBEEC6F4219AA6157D" hashAlgorithm="SHA256" allowUntrustedRoot="false" />
              <owners>microsoft;contoso</owners>
            </repository>
          </trustedSigners>
        """;

    /// <summary>A restored assets file: one signed package, one unsigned direct, one unsigned transitive, one project.</summary>
    private const string Assets = """
        {
          "version": 3,
          "targets": { "net8.0": {} },
          "libraries": {
            "Contoso.Plc/1.4.2": {
              "sha512": "AAAA",
              "type": "package",
              "path": "contoso.plc/1.4.2",
              "files": [ ".nupkg.metadata", "contoso.plc.1.4.2.nupkg.sha512", "contoso.plc.nuspec", "lib/net8.0/Contoso.Plc.dll" ]
            },
            "Fabrikam.Modbus/2.0.0": {
              "sha512": "BBBB",
              "type": "package",
              "path": "fabrikam.modbus/2.0.0",
              "files": [ ".nupkg.metadata", "fabrikam.modbus.2.0.0.nupkg.sha512", "fabrikam.modbus.nuspec", "lib/netstandard2.0/Fabrikam.Modbus.dll" ]
            },
            "Newtonsoft.Json/13.0.3": {
              "sha512": "CCCC",
              "type": "package",
              "path": "newtonsoft.json/13.0.3",
              "files": [ ".nupkg.metadata", ".signature.p7s", "lib/net6.0/Newtonsoft.Json.dll", "newtonsoft.json.13.0.3.nupkg.sha512", "newtonsoft.json.nuspec" ]
            },
            "Gateway.Core/1.0.0": {
              "type": "project",
              "path": "../Gateway.Core/Gateway.Core.csproj",
              "msbuildProject": "../Gateway.Core/Gateway.Core.csproj"
            }
          }
        }
        """;

    private const string AppProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Contoso.Plc" Version="1.4.2" />
            <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
            <ProjectReference Include="../Gateway.Core/Gateway.Core.csproj" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>nuget.config that requires trusted signatures: SCR5020 and SCR5021 are silent on it.</summary>
    private const string RequiringConfig = $$"""
        <configuration>
          <config>
            <add key="signatureValidationMode" value="require" />
          </config>
        {{Signers}}
        </configuration>
        """;

    private static BuildFileInput Config(string text) => new(ConfigPath, BuildFileKind.NuGetConfig, text);

    private static BuildFileInput Project(string text) => new("/repo/App/App.csproj", BuildFileKind.Project, text);

    private static BuildFileInput AssetsFile(string text) => new(AssetsPath, BuildFileKind.AssetsFile, text);

    private static BuildFileInput PlainProject() => Project("""<Project Sdk="Microsoft.NET.Sdk" />""");

    // ---- Detect ----

    [Fact]
    public async Task Detect_SCR5020_NoSignatureValidationMode_OnConfigurationElement()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PlainProject(), Config("""
                <?xml version="1.0" encoding="utf-8"?>
                <{|#0:configuration|}>
                  <packageSources>
                    <clear />
                    <add key="plant-feed" value="https://packages.example.com/v3/index.json" />
                  </packageSources>
                </configuration>
                """)),
            null,
            new DiagnosticResult(RuleCatalog.SignatureValidationNotRequired).WithLocation(0).WithArguments("nuget.config"));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("")]
    [InlineData("requires")]
    public async Task Detect_SCR5020_ModeNotRequire_OnTheValue(string value)
    {
        await Verify.VerifyAsync(Verify.Restored(PlainProject(), Config($$"""
            <configuration>
              <config>
                <add key="signatureValidationMode" value="{|SCR5020:{{value}}|}" />
              </config>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Detect_SCR5020_TheLastKeyWins()
    {
        await Verify.VerifyAsync(Verify.Restored(PlainProject(), Config("""
            <configuration>
              <config>
                <add key="signatureValidationMode" value="require" />
              </config>
              <config>
                <add key="SignatureValidationMode" value="{|SCR5020:accept|}" />
              </config>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Detect_SCR5021_RequireModeWithoutTrustedSigners()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PlainProject(), Config("""
                <configuration>
                  <config>
                    <add key="signatureValidationMode" value="{|#0:require|}" />
                  </config>
                  <trustedSigners>
                    <clear />
                  </trustedSigners>
                </configuration>
                """)),
            null,
            new DiagnosticResult(RuleCatalog.WeakTrustedSigners).WithLocation(0).WithArguments(
                "nuget.config",
                "signatureValidationMode is require but the file lists no trustedSigners; which signers are trusted is left to each machine's user-level NuGet configuration (restore fails with NU3034 where there are none)"));
    }

    [Fact]
    public async Task Detect_SCR5021_AllowUntrustedRoot_AndSha1Fingerprints()
    {
        await Verify.VerifyAsync(
            Verify.Restored(PlainProject(), Config("""
                <configuration>
                  <config>
                    <add key="signatureValidationMode" value="require" />
                  </config>
                  <trustedSigners>
                    <author name="contoso">
                      <certificate fingerprint="518F9CF082C0872025EFB2587B6A6AB198208F63EA58DD54D2B9FF6735CA4434" hashAlgorithm="SHA256" allowUntrustedRoot="{|#0:true|}" />
                      <certificate fingerprint="A1B2C3D4E5F60718293A4B5C6D7E8F9012345678" hashAlgorithm="{|#1:SHA1|}" />
                    </author>
                    <repository name="plant-feed" serviceIndex="https://packages.example.com/v3/index.json">
                      <certificate fingerprint="{|#2:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678|}" hashAlgorithm="SHA256" allowUntrustedRoot="{|#3:TRUE|}" />
                    </repository>
                  </trustedSigners>
                </configuration>
                """)),
            null,
            new DiagnosticResult(RuleCatalog.WeakTrustedSigners).WithLocation(0).WithArguments(
                "author 'contoso'",
                "allowUntrustedRoot=\"true\" accepts signatures whose certificate chain ends in an untrusted (possibly self-made) root, where revocation cannot be relied on; trust a certificate that chains to a trusted root"),
            new DiagnosticResult(RuleCatalog.WeakTrustedSigners).WithLocation(1).WithArguments(
                "author 'contoso'",
                "the certificate is pinned by a SHA-1 fingerprint (hashAlgorithm=\"SHA1\"); pin its SHA256 fingerprint"),
            new DiagnosticResult(RuleCatalog.WeakTrustedSigners).WithLocation(2).WithArguments(
                "repository 'plant-feed'",
                "the certificate fingerprint has 40 hex digits, a SHA-1 fingerprint; pin its SHA256 fingerprint (64 hex digits)"),
            new DiagnosticResult(RuleCatalog.WeakTrustedSigners).WithLocation(3).WithArguments(
                "repository 'plant-feed'",
                "allowUntrustedRoot=\"true\" accepts signatures whose certificate chain ends in an untrusted (possibly self-made) root, where revocation cannot be relied on; trust a certificate that chains to a trusted root"));
    }

    [Fact]
    public async Task Detect_SCR5021_WeakSignersAreReportedInAcceptModeToo()
    {
        await Verify.VerifyAsync(Verify.Restored(PlainProject(), Config("""
            <{|SCR5020:configuration|}>
              <trustedSigners>
                <author name="contoso">
                  <certificate fingerprint="518F9CF082C0872025EFB2587B6A6AB198208F63EA58DD54D2B9FF6735CA4434" hashAlgorithm="SHA256" allowUntrustedRoot="{|SCR5021:true|}" />
                </author>
              </trustedSigners>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Detect_SCR5022_DirectReferenceOnThePackageReference_TransitiveInTheAssetsFile()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project("""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <PackageReference Include="{|#0:Contoso.Plc|}" Version="1.4.2" />
                        <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
                        <ProjectReference Include="../Gateway.Core/Gateway.Core.csproj" />
                      </ItemGroup>
                    </Project>
                    """),
                AssetsFile(Assets.Replace("\"Fabrikam.Modbus/2.0.0\"", "{|#1:\"Fabrikam.Modbus/2.0.0\"|}"))),
            null,
            new DiagnosticResult(RuleCatalog.UnsignedPackage).WithLocation(0).WithArguments("Contoso.Plc", "1.4.2"),
            new DiagnosticResult(RuleCatalog.UnsignedPackage).WithLocation(1).WithArguments("Fabrikam.Modbus", "2.0.0"));
    }

    [Fact]
    public async Task Detect_SCR5022_ReferenceFromDirectoryBuildProps_IsReportedInTheAssetsFile()
    {
        // Only the project's own PackageReference items count as direct: a props file is shared, the evidence is not.
        await Verify.VerifyAsync(Verify.Restored(
            PlainProject(),
            new BuildFileInput("/repo/Directory.Build.props", BuildFileKind.DirectoryBuildProps, """
                <Project>
                  <ItemGroup>
                    <PackageReference Include="Contoso.Plc" Version="1.4.2" />
                  </ItemGroup>
                </Project>
                """),
            AssetsFile(Assets
                .Replace("\"Contoso.Plc/1.4.2\"", "{|SCR5022:\"Contoso.Plc/1.4.2\"|}")
                .Replace("\"Fabrikam.Modbus/2.0.0\"", "{|SCR5022:\"Fabrikam.Modbus/2.0.0\"|}"))));
    }

    [Fact]
    public async Task Detect_SCR5023_VerificationSwitchedOff_OnTheProjectRoot()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project("""
                <{|#0:Project|} Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                  </PropertyGroup>
                </Project>
                """)),
            "DOTNET_NUGET_SIGNATURE_VERIFICATION = False",
            new DiagnosticResult(RuleCatalog.SignatureVerificationDisabled).WithLocation(0).WithArguments("False"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_RequireModeWithTrustedSigners_SignedPackages_VerificationOn()
    {
        await Verify.VerifyAsync(
            Verify.Restored(
                Project(AppProject),
                Config(RequiringConfig),
                AssetsFile(Assets.Replace("\"contoso.plc.nuspec\"", "\".signature.p7s\", \"contoso.plc.nuspec\"").Replace("\"fabrikam.modbus.nuspec\"", "\".SIGNATURE.P7S\", \"fabrikam.modbus.nuspec\""))),
            "DOTNET_NUGET_SIGNATURE_VERIFICATION = true");
    }

    [Fact]
    public async Task Safe_NothingBeforeTheFirstRestore()
    {
        // No assets file: the IDE evaluates projects before restoring them.
        await Verify.VerifyAsync(
            new[] { Project(AppProject), Config("<configuration />") },
            "DOTNET_NUGET_SIGNATURE_VERIFICATION = false");
    }

    [Fact]
    public async Task Safe_OtherInnerBuildsOfAMultiTargetingProject_StaySilent()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Project(AppProject), Config("<configuration />"), AssetsFile(Assets)),
            "SecureCodingReportSharedFiles = false\nDOTNET_NUGET_SIGNATURE_VERIFICATION = false");
    }

    [Fact]
    public async Task Safe_ConfigNuGetIgnores_IsLeftToSCR5014()
    {
        await Verify.VerifyAsync(Verify.Restored(PlainProject(), new BuildFileInput("/repo/Nuget.config", BuildFileKind.IgnoredNuGetConfig, "<configuration />")));
    }

    [Fact]
    public async Task Safe_StrongSignerSettings_AndOtherConfigKeys()
    {
        await Verify.VerifyAsync(Verify.Restored(PlainProject(), Config("""
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="../packages" />
                <add key="signatureValidationMode" value=" Require " />
              </config>
              <trustedSigners>
                <author name="contoso">
                  <certificate fingerprint="518F9CF082C0872025EFB2587B6A6AB198208F63EA58DD54D2B9FF6735CA4434" hashAlgorithm="SHA384" allowUntrustedRoot="false" />
                  <certificate fingerprint="3F9001EA83C560D712C24CF213C3D312CB3BFF51EE89435D3430BD06B5D0EECE3F9001EA83C560D712C24CF2" hashAlgorithm="SHA512" />
                </author>
              </trustedSigners>
              <packageSourceMapping>
                <packageSource key="plant-feed">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_ProjectReferences_PackagesWithoutFileList_AndMalformedAssets()
    {
        const string Unknown = """
            { "version": 3, "targets": { "net8.0": {} }, "libraries": {
              "Gateway.Core/1.0.0": { "type": "project", "path": "../Gateway.Core/Gateway.Core.csproj" },
              "Odd.Package/1.0.0": { "type": "package", "path": "odd.package/1.0.0" }
            } }
            """;
        await Verify.VerifyAsync(Verify.Restored(Project(AppProject), AssetsFile(Unknown)));
        await Verify.VerifyAsync(Verify.Restored(Project(AppProject), AssetsFile("""{ "libraries": { "A/1.0.0": [ }""")));
    }

    [Theory]
    [InlineData("Contoso.Plc, Fabrikam.Modbus")]
    [InlineData("contoso.plc , fabrikam.*")]
    [InlineData("Contoso.* Fabrikam.*")]
    public async Task Safe_SCR5022_AllowListedInHousePackages(string allowed)
    {
        await Verify.VerifyWithOptionsAsync(
            Verify.Restored(Project(AppProject), AssetsFile(Assets)),
            properties: null,
            $"dotnet_diagnostic.SCR5022.allowed_unsigned_packages = {allowed}");
        await Verify.VerifyWithOptionsAsync(
            Verify.Restored(Project(AppProject), AssetsFile(Assets)),
            properties: null,
            $"secure_coding.allowed_unsigned_packages = {allowed}");
    }

    [Fact]
    public async Task Detect_SCR5022_PrefixPatternNeedsTheDot()
    {
        // "Contoso.*" allows Contoso.Plc; "Fabrikam*" would be needed for Fabrikam.Modbus, "Fabrikam.Modbus.*" is not enough.
        await Verify.VerifyWithOptionsAsync(
            Verify.Restored(
                Project(AppProject),
                AssetsFile(Assets.Replace("\"Fabrikam.Modbus/2.0.0\"", "{|SCR5022:\"Fabrikam.Modbus/2.0.0\"|}"))),
            properties: null,
            "dotnet_diagnostic.SCR5022.allowed_unsigned_packages = Contoso.*,Fabrikam.Modbus.*");
    }

    [Fact]
    public async Task Safe_SCR5022_CompilationWideSuppressMessage_AppliesToBuildFileFindings()
    {
        // An assembly-level SuppressMessage without Scope or Target suppresses the id in the whole compilation,
        // including findings located in additional files: the justification is reviewed with the code.
        await Verify.VerifyWithOptionsAsync(
            Verify.Restored(Project(AppProject), AssetsFile(Assets)),
            properties: null,
            string.Empty,
            testCode: """
                [assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Security.Dependencies", "SCR5022", Justification = "In-house packages, signed at release.")]
                class Program { }
                """);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("0")]
    public async Task Safe_SCR5023_VerificationNotSwitchedOff(string value)
    {
        await Verify.VerifyAsync(Verify.Restored(PlainProject()), "DOTNET_NUGET_SIGNATURE_VERIFICATION = " + value);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_SCR5020_ReplacesTheValue_WhenTrustedSignersExist()
    {
        var config = $$"""
            <configuration>
              <config>
                <add key="signatureValidationMode" value="accept" />
              </config>
            {{Signers}}
            </configuration>
            """;
        var texts = await Harness.ApplyAsync(Verify.Restored(PlainProject(), Config(config)), Fixer.RequireKey);
        Assert.Equal(config.Replace("value=\"accept\"", "value=\"require\""), texts[ConfigPath]);
    }

    [Fact]
    public async Task Fix_SCR5020_AddsTheKeyAfterClear_InTheExistingConfigSection()
    {
        var config = $$"""
            <configuration>
              <config>
                <clear />
                <add key="globalPackagesFolder" value="../packages" />
              </config>
            {{Signers}}
            </configuration>
            """;
        var texts = await Harness.ApplyAsync(Verify.Restored(PlainProject(), Config(config)), Fixer.RequireKey);
        Assert.Equal(
            config.Replace("<clear />\n", "<clear />\n    <add key=\"signatureValidationMode\" value=\"require\" />\n"),
            texts[ConfigPath]);
    }

    [Fact]
    public async Task Fix_SCR5020_AddsAConfigSection_KeepingCrLf()
    {
        var config = $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="plant-feed" value="https://packages.example.com/v3/index.json" />
              </packageSources>
            {{Signers}}
            </configuration>
            """.Replace("\n", "\r\n");
        var texts = await Harness.ApplyAsync(Verify.Restored(PlainProject(), Config(config)), Fixer.RequireKey);
        Assert.Equal(
            config.Replace("<configuration>\r\n", "<configuration>\r\n  <config>\r\n    <add key=\"signatureValidationMode\" value=\"require\" />\r\n  </config>\r\n"),
            texts[ConfigPath]);
    }

    [Fact]
    public async Task Fix_SCR5020_NotOfferedWithoutTrustedSigners_NorForOtherRules()
    {
        // Require mode without trusted signers fails every restore (NU3034): no fix.
        Assert.Empty(await Harness.OfferedAsync(Verify.Restored(PlainProject(), Config("""
            <configuration>
              <config>
                <add key="signatureValidationMode" value="accept" />
              </config>
            </configuration>
            """))));
        Assert.Empty(await Harness.OfferedAsync(Verify.Restored(Project(AppProject), Config(RequiringConfig), AssetsFile(Assets)), "DOTNET_NUGET_SIGNATURE_VERIFICATION = false"));
    }
}
