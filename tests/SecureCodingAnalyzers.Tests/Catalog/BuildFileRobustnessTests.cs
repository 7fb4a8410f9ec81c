using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Catalog;
using SecureCodingAnalyzers.Rules.CodeIntegrity;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Catalog;

/// <summary>
/// Every build-file analyzer (found by reflection, plus SCR4030 on application configuration files) on malformed and
/// truncated build files: no exception and no AD0001, and SCR5000 names each malformed file instead.
/// </summary>
public class BuildFileRobustnessTests
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net8.0</TargetFramework>
            <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
            <NuGetAudit>false</NuGetAudit>
            <NoWarn>$(NoWarn);NU1603</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Contoso.Plc" Version="1.*" />
            <PackageReference Include="Contoso.Opc" Version="[1.0.0, )" />
            <ProjectReference Include="../Lib/Lib.csproj" />
          </ItemGroup>
        </Project>
        """;

    private const string Config = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="a" value="http://packages.example.com/v3/index.json" allowInsecureConnections="true" />
            <add key="b" value="../feed" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="a"><package pattern="*" /></packageSource>
            <packageSource key="b"><package pattern="*" /></packageSource>
          </packageSourceMapping>
          <config><add key="signatureValidationMode" value="require" /></config>
          <trustedSigners><author name="x"><certificate fingerprint="0123456789012345678901234567890123456789" hashAlgorithm="SHA1" allowUntrustedRoot="true" /></author></trustedSigners>
        </configuration>
        """;

    private const string AppConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">
          <runtime>
            <loadFromRemoteSources enabled="0x1" />
            <bypassTrustedAppStrongNames value="1" xdt:Transform="Insert" />
            <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
              <dependentAssembly>
                <assemblyIdentity name="Contoso.Plc" publicKeyToken="32ab4ba45e0a69a1" />
                <codeBase version="2.0.0.0" href="http://updates.example.com/Contoso.Plc.dll" />
              </dependentAssembly>
            </assemblyBinding>
          </runtime>
        </configuration>
        """;

    private const string Lock = """
        { "version": 1, "dependencies": { "net8.0": {
          "Contoso.Plc": { "type": "Direct", "requested": "[1.*, )", "resolved": "1.4.2", "dependencies": { "Contoso.Core": "1.0.0" } },
          "Contoso.Opc": { "type": "Direct", "requested": "[1.0.0, )", "resolved": "1.0.0" } } } }
        """;

    private const string Assets = """
        { "version": 3, "targets": { "net8.0": { "Contoso.Plc/1.4.2": { "type": "package" } } },
          "libraries": { "Contoso.Plc/1.4.2": { "type": "package", "files": [ "lib/net8.0/Contoso.Plc.dll" ] },
                         "Lib/1.0.0": { "type": "project", "path": "../Lib/Lib.csproj" } },
          "project": { "frameworks": { "net8.0": { "framework": "net8.0" } } } }
        """;

    [Fact]
    public async Task BuildFileAnalyzers_NeverThrow_OnMalformedOrTruncatedFiles()
    {
        var analyzers = ShippedAssemblies.Analyzers()
            .Where(a => a.SupportedDiagnostics.Any(d => d.Category == RuleCategory.Dependencies) || a is CodeLoadingConfigurationAnalyzer)
            .ToImmutableArray();
        Assert.NotEmpty(analyzers);

        var failures = new List<string>();
        foreach (var files in Corpus())
        {
            var exceptions = new List<string>();
            var (_, diagnostics) = await BuildFileWorkspace.AnalyzeAsync(
                files, "RestorePackagesWithLockFile = true\nTreatWarningsAsErrors = true\nSecureCodingNoWarn = NU1603,NU1901\nTargetFrameworkIdentifier = .NETFramework", analyzers, onException: e => exceptions.Add(e));
            failures.AddRange(exceptions);
            failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    /// <summary>Each file cut at many points and with a character dropped, alongside intact companions.</summary>
    private static IEnumerable<BuildFileInput[]> Corpus()
    {
        var intact = new[]
        {
            new BuildFileInput("/repo/App/App.csproj", BuildFileKind.Project, Project),
            new BuildFileInput("/repo/nuget.config", BuildFileKind.NuGetConfig, Config),
            new BuildFileInput("/repo/App/packages.lock.json", BuildFileKind.LockFile, Lock),
            new BuildFileInput("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, Assets),
            new BuildFileInput("/repo/Lib/Lib.csproj", BuildFileKind.ReferencedProject, Project, "SecureCodingHasLockFile = False"),
            new BuildFileInput("/repo/App/App.config", BuildFileKind.AppConfig, AppConfig),
        };

        yield return intact;
        for (var f = 0; f < intact.Length; f++)
        {
            var text = intact[f].Text;
            const int Cuts = 12;
            for (var i = 0; i <= Cuts; i++)
            {
                yield return With(intact, f, text.Substring(0, text.Length * i / Cuts));
            }

            foreach (var c in new[] { '<', '>', '"', '{', '}', ':', '/' })
            {
                var index = text.IndexOf(c, text.Length / 3);
                if (index >= 0)
                {
                    yield return With(intact, f, text.Remove(index, 1));
                }
            }

            yield return With(intact, f, "\uFEFF\0\u0001 not a build file \u2028");
        }
    }

    private static BuildFileInput[] With(BuildFileInput[] files, int index, string text)
        => files.Select((file, i) => i == index ? file with { Text = text } : file).ToArray();
}
