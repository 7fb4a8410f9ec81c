using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Fixer = SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.PackageSourceConfigurationCodeFixProvider;
using Harness = SecureCodingAnalyzers.Tests.Verifiers.BuildFileFixHarness<SecureCodingAnalyzers.Rules.Dependencies.PackageSourceConfigurationAnalyzer, SecureCodingAnalyzers.CodeFixes.Rules.Dependencies.PackageSourceConfigurationCodeFixProvider>;
using Descriptors = SecureCodingAnalyzers.Catalog.Rules;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.PackageSourceConfigurationAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class PackageSourceConfigurationTests
{
    private static BuildFileInput Config(string text, string path = "/repo/nuget.config") => new(path, BuildFileKind.NuGetConfig, text);

    private static BuildFileInput Ignored(string text, string path) => new(path, BuildFileKind.IgnoredNuGetConfig, text);

    /// <summary>An assets file whose last restore used exactly these sources.</summary>
    private static BuildFileInput AssetsWithSources(params string[] sources)
        => new("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile,
            """{ "version": 3, "targets": { "net8.0": {} }, "libraries": {}, "project": { "restore": { "sources": { """
            + string.Join(", ", System.Array.ConvertAll(sources, s => "\"" + s.Replace("\\", "\\\\") + "\": {}"))
            + " } } } }");

    // ---- Detect ----

    [Fact]
    public async Task Detect_SourcesAddedWithoutClear()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Config("""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <{|#0:packageSources|}>
                    <add key="plant-feed" value="https://packages.example.com/v3/index.json" />
                  </packageSources>
                </configuration>
                """)),
            null,
            new DiagnosticResult(Descriptors.PackageSourcesNotCleared).WithLocation(0).WithArguments("nuget.config"));
    }

    [Fact]
    public async Task Detect_TwoSourcesWithoutMapping()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Config("""
                <configuration>
                  <{|#0:packageSources|}>
                    <clear />
                    <add key="public" value="https://registry.example.org/v3/index.json" />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                  </packageSources>
                </configuration>
                """)),
            null,
            new DiagnosticResult(Descriptors.UnmappedPackageSources).WithLocation(0).WithArguments("nuget.config", 2, "public, internal"));
    }

    [Fact]
    public async Task Detect_LocalAndUncFolderFeedsCount()
    {
        // NuGet's NU1507 ignores folder feeds; a package dropped into a folder wins just as well.
        await Verify.VerifyAsync(
            Verify.Restored(Config("""
                <configuration>
                  <{|#0:packageSources|}>
                    <clear />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                    <add key="artifacts" value="../artifacts/packages" />
                    <add key="share" value="\\buildserver\packages" />
                  </packageSources>
                </configuration>
                """)),
            null,
            new DiagnosticResult(Descriptors.UnmappedPackageSources).WithLocation(0).WithArguments("nuget.config", 3, "internal, artifacts, share"));
    }

    [Fact]
    public async Task Detect_NotClearedAndUnmapped_ReportsBoth()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <{|SCR5011:{|SCR5012:packageSources|}|}>
                <add key="internal" value="https://packages.example.com/v3/index.json" />
                <add key="local" value="./packages" />
              </packageSources>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Detect_WildcardMappedToSeveralSources_ReportsEachExtraSource()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Config("""
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="public" value="https://registry.example.org/v3/index.json" />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                    <add key="mirror" value="https://mirror.example.com/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="public">
                      <package pattern="*" />
                    </packageSource>
                    <packageSource key="internal">
                      <package pattern="Contoso.*" />
                      <package pattern="{|#0:*|}" />
                    </packageSource>
                    <packageSource key="mirror">
                      <package pattern="{|#1:*|}" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """)),
            null,
            new DiagnosticResult(Descriptors.WildcardMappedToSeveralSources).WithLocation(0).WithArguments(3, "public, internal, mirror"),
            new DiagnosticResult(Descriptors.WildcardMappedToSeveralSources).WithLocation(1).WithArguments(3, "public, internal, mirror"));
    }

    [Fact]
    public async Task Detect_IgnoredConfigName()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Ignored("""
                <?xml version="1.0" encoding="utf-8"?>
                <{|#0:configuration|}>
                  <packageSources>
                    <clear />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                  </packageSources>
                </configuration>
                """, "/repo/Nuget.config")),
            null,
            new DiagnosticResult(Descriptors.IgnoredNuGetConfig).WithLocation(0).WithArguments("Nuget.config"));
    }

    [Fact]
    public async Task Detect_IgnoredConfigName_EvenWhenMalformed_AtTheStartOfTheFile()
    {
        // SCR5000 reports the content; the name alone decides whether NuGet reads the file.
        await Verify.VerifyAsync(Verify.Restored(Ignored("""{|SCR5014:|}<configuration><packageSources></configuration>""", "/repo/NUGET.CONFIG")));
    }

    [Fact]
    public async Task Detect_IgnoredConfigNextToAnAcceptedOne_OnlyTheIgnoredNameIsReported()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Config("""
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                  </packageSources>
                </configuration>
                """),
            Ignored("<{|SCR5014:configuration|} />", "/repo/src/NuGet.CONFIG")));
    }

    [Fact]
    public async Task Detect_MappingWithoutClear_StillReportsMissingClear()
    {
        // User-level mappings (Visual Studio writes them there) merge into this one: Contoso.* from a user feed wins.
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <{|SCR5011:packageSources|}>
                <add key="internal" value="https://packages.example.com/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="internal">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Detect_MappingClearedButEmpty_MapsNothing()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <{|SCR5011:{|SCR5012:packageSources|}|}>
                <add key="internal" value="https://packages.example.com/v3/index.json" />
                <add key="local" value="./packages" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="internal">
                  <package pattern="*" />
                </packageSource>
                <clear />
              </packageSourceMapping>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Detect_RepeatedClear_NuGetDropsItAsADuplicate()
    {
        // NuGet keeps items after the first <clear/>; a second one is a duplicate item and ignored.
        await Verify.VerifyAsync(
            Verify.Restored(Config("""
                <configuration>
                  <{|#0:packageSources|}>
                    <clear />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                    <clear />
                    <add key="local" value="./packages" />
                  </packageSources>
                </configuration>
                """)),
            null,
            new DiagnosticResult(Descriptors.UnmappedPackageSources).WithLocation(0).WithArguments("nuget.config", 2, "internal, local"));
    }

    [Fact]
    public async Task Detect_DisabledSourcesAreSubtracted_OthersCount()
    {
        await Verify.VerifyAsync(
            Verify.Restored(Config("""
                <configuration>
                  <{|#0:packageSources|}>
                    <clear />
                    <add key="public" value="https://registry.example.org/v3/index.json" />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                    <add key="old" value="https://old.example.com/nuget" />
                  </packageSources>
                  <disabledPackageSources>
                    <add key="old" value="true" />
                    <add key="PUBLIC" value="true" /> <!-- NuGet matches disabled keys case-sensitively: public stays enabled -->
                  </disabledPackageSources>
                </configuration>
                """)),
            null,
            new DiagnosticResult(Descriptors.UnmappedPackageSources).WithLocation(0).WithArguments("nuget.config", 2, "public, internal"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ClearedSingleSource()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="internal" value="https://packages.example.com/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_ClearedAndMapped_WildcardToOneSource()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <clear />
                <add key="public" value="https://registry.example.org/v3/index.json" />
                <add key="internal" value="https://packages.example.com/v3/index.json" />
                <add key="local" value="../artifacts" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="public">
                  <package pattern="*" />
                </packageSource>
                <packageSource key="internal">
                  <package pattern="Contoso.*" />
                  <package pattern="Plant.Control" />
                </packageSource>
                <packageSource key="local">
                  <package pattern="Contoso.*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_ClearedMapping_DecidesEverySource_NoClearNeeded()
    {
        // The repository cannot name the public registry's URL: it keeps the machine's key and clears the mapping,
        // so a source or mapping inherited from the user or machine can never serve a package.
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <add key="internal" value="https://packages.example.com/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <clear />
                <packageSource key="public">
                  <package pattern="*" />
                </packageSource>
                <packageSource key="internal">
                  <package pattern="Contoso.*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_ConfigThatDefinesNoSources()
    {
        // The shape of this repository's own nuget.config, and configs that only set folders or signature modes.
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSourceMapping>
                <packageSource key="public">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <config>
                <add key="globalPackagesFolder" value=".packages" />
                <add key="signatureValidationMode" value="accept" />
              </config>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_EmptyOrOnlyClearingSections()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Config("""
                <configuration>
                  <packageSources />
                  <packageSourceMapping />
                </configuration>
                """),
            Config("""
                <configuration>
                  <packageSources>
                    <clear />
                  </packageSources>
                </configuration>
                """, "/repo/src/NuGet.Config")));
    }

    [Fact]
    public async Task Safe_DisabledSourcesDoNotCount_WhateverTheirValue()
    {
        // NuGet disables every key listed under disabledPackageSources and ignores value (NuGet/Home#10291).
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <clear />
                <add key="internal" value="https://packages.example.com/v3/index.json" />
                <add key="old" value="https://old.example.com/nuget" />
                <add key="staging" value="https://staging.example.com/nuget" />
              </packageSources>
              <disabledPackageSources>
                <add key="old" value="true" />
                <add key="staging" value="false" />
              </disabledPackageSources>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_SameFeedUnderTwoKeys_AndDuplicateKeys_CountOnce()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <clear />
                <add key="internal" value="https://packages.example.com/v3/index.json" />
                <add key="internal-v3" value="https://packages.example.com/v3/index.json/" />
                <add key="INTERNAL" value="https://packages.example.com/v3/index.json" />
              </packageSources>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_SourcesBeforeTheClearAreDropped()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <add key="stale" value="https://old.example.com/nuget" />
                <clear />
                <add key="internal" value="https://packages.example.com/v3/index.json" />
              </packageSources>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_AnotherConfigOfTheChainClears_AndMaps()
    {
        // The root config clears and maps; a nearer config adds a feed on top (NuGet merges them).
        await Verify.VerifyAsync(Verify.Restored(
            Config("""
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="internal">
                      <package pattern="*" />
                    </packageSource>
                    <packageSource key="team">
                      <package pattern="Team.*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """),
            Config("""
                <configuration>
                  <packageSources>
                    <add key="team" value="https://team.example.com/v3/index.json" />
                    <add key="team-local" value="./packages" />
                  </packageSources>
                </configuration>
                """, "/repo/src/NuGet.Config")));
    }

    [Fact]
    public async Task Safe_SpecificPatternsMappedToSeveralSources_AndWildcardRepeatedUnderOneSource()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <clear />
                <add key="internal" value="https://packages.example.com/v3/index.json" />
                <add key="mirror" value="https://mirror.example.com/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="internal">
                  <package pattern="*" />
                  <package pattern="*" />
                  <package pattern="Contoso.*" />
                </packageSource>
                <packageSource key="mirror">
                  <package pattern="Contoso.*" />
                  <package pattern="Contoso.Plc.*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_WildcardMappingBeforeAClear_IsDropped()
    {
        await Verify.VerifyAsync(Verify.Restored(Config("""
            <configuration>
              <packageSources>
                <clear />
                <add key="internal" value="https://packages.example.com/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="old">
                  <package pattern="*" />
                </packageSource>
                <clear />
                <packageSource key="internal">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """)));
    }

    [Fact]
    public async Task Safe_BeforeRestore_AndInNonReportingInnerBuilds()
    {
        const string bad = """
            <configuration>
              <packageSources>
                <add key="internal" value="https://packages.example.com/v3/index.json" />
                <add key="local" value="./packages" />
              </packageSources>
            </configuration>
            """;
        await Verify.VerifyAsync(new[] { Config(bad), Ignored("<configuration />", "/repo/Nuget.config") });
        await Verify.VerifyAsync(Verify.Restored(Config(bad), Ignored("<configuration />", "/repo/Nuget.config")), "SecureCodingReportSharedFiles = false");
    }

    [Fact]
    public async Task Safe_MalformedOrForeignFiles_AreLeftToOtherRules()
    {
        await Verify.VerifyAsync(Verify.Restored(
            Config("<configuration><packageSources><add key=\"a\" value=\"b\"></configuration>"),
            Config("""
                <settings>
                  <packageSources>
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                  </packageSources>
                </settings>
                """, "/repo/src/nuget.config")));
    }

    // ---- Fix ----

    private const string NotCleared = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <!-- feeds of the plant network -->
            <add key="internal" value="https://packages.example.com/v3/index.json" />
            <add key="local" value="packages" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="internal">
              <package pattern="*" />
            </packageSource>
            <packageSource key="local">
              <package pattern="Contoso.*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    [Fact]
    public async Task Fix_InsertsClearFirst_WithTheEntriesIndentation()
    {
        var files = new[] { Config(NotCleared), AssetsWithSources("https://packages.example.com/v3/index.json", "/repo/packages/") };
        var texts = await Harness.ApplyAsync(files, Fixer.InsertClearKey);
        Assert.Equal(NotCleared.Replace("""
            <!-- feeds of the plant network -->
                <add key="internal"
            """, """
            <!-- feeds of the plant network -->
                <clear />
                <add key="internal"
            """), texts["/repo/nuget.config"]);

        // The fixed file is clean.
        await Verify.VerifyAsync(new[] { Config(texts["/repo/nuget.config"]), files[1] });
    }

    [Fact]
    public async Task Fix_KeepsLineBreaksAndTabs_AndInsertsInlineOnASingleLine()
    {
        var crlf = "<configuration>\r\n\t<packageSources>\r\n\t\t<add key=\"internal\" value=\"https://packages.example.com/v3/index.json\" />\r\n\t</packageSources>\r\n</configuration>\r\n";
        var texts = await Harness.ApplyAsync(new[] { Config(crlf), AssetsWithSources("https://packages.example.com/v3/index.json") }, Fixer.InsertClearKey);
        Assert.Equal(crlf.Replace("\t\t<add", "\t\t<clear />\r\n\t\t<add"), texts["/repo/nuget.config"]);

        var inline = """<configuration><packageSources><add key="internal" value="https://packages.example.com/v3/index.json" /></packageSources></configuration>""";
        texts = await Harness.ApplyAsync(new[] { Config(inline), AssetsWithSources("https://packages.example.com/v3/index.json") }, Fixer.InsertClearKey);
        Assert.Equal(inline.Replace("<packageSources><add", "<packageSources><clear /><add"), texts["/repo/nuget.config"]);
    }

    [Fact]
    public async Task Fix_NotOffered_WhenTheLastRestoreUsedAnInheritedSource()
    {
        // The public registry comes from the user config: clearing would break restore.
        var offered = await Harness.OfferedAsync(new[]
        {
            Config(NotCleared),
            AssetsWithSources("https://packages.example.com/v3/index.json", "/repo/packages", "https://registry.example.org/v3/index.json"),
        });
        Assert.Empty(offered);
    }

    [Fact]
    public async Task Fix_NotOffered_WhenTheRestoreSourcesAreUnknown_OrForOtherRules()
    {
        Assert.Empty(await Harness.OfferedAsync(Verify.Restored(Config(NotCleared))));

        var offered = await Harness.OfferedAsync(new[]
        {
            Config("""
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="internal" value="https://packages.example.com/v3/index.json" />
                    <add key="mirror" value="https://mirror.example.com/v3/index.json" />
                  </packageSources>
                </configuration>
                """),
            Ignored("<configuration />", "/repo/src/Nuget.config"),
            AssetsWithSources("https://packages.example.com/v3/index.json", "https://mirror.example.com/v3/index.json"),
        });
        Assert.Empty(offered);
    }

    [Fact]
    public async Task Fix_OfferedOnce_WithItsTitle()
    {
        var offered = await Harness.OfferedAsync(new[] { Config(NotCleared), AssetsWithSources("https://packages.example.com/v3/index.json", "/repo/./packages") });
        Assert.Equal(new[] { "Insert <clear /> into packageSources" }, offered);
    }
}
