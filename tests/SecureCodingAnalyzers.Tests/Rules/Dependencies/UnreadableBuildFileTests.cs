using System.Threading.Tasks;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = SecureCodingAnalyzers.Tests.Verifiers.BuildFileVerifier<SecureCodingAnalyzers.Rules.Dependencies.UnreadableBuildFileAnalyzer>;

namespace SecureCodingAnalyzers.Tests.Rules.Dependencies;

public class UnreadableBuildFileTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_MalformedXml_NamesFileAndPosition()
    {
        await Verify.VerifyAsync(
            new[]
            {
                new BuildFileInput("/repo/App/App.csproj", BuildFileKind.Project, """
                    <Project Sdk="Microsoft.NET.Sdk">
                      <ItemGroup>
                        <PackageReference Include="A" Version="1.0.0">
                      </{|#0:|}ItemGroup>
                    </Project>
                    """),
            },
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("App.csproj", "The 'PackageReference' start tag on line 3 position 6 does not match the end tag of 'ItemGroup'. Line 4, position 5."));
    }

    [Fact]
    public async Task Detect_MalformedLockFile()
    {
        await Verify.VerifyAsync(
            new[]
            {
                new BuildFileInput("/repo/App/packages.lock.json", BuildFileKind.LockFile, """{ "version": 1, "dependencies": { "net8.0": {|#0:|}] } }"""),
            },
            null,
            Verify.Diagnostic().WithLocation(0).WithArguments("packages.lock.json", "unexpected character ']'"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_WellFormedFilesAndNoBuildFiles()
    {
        await Verify.VerifyAsync(new[]
        {
            new BuildFileInput("/repo/App/App.csproj", BuildFileKind.Project, "<Project Sdk=\"Microsoft.NET.Sdk\" />"),
            new BuildFileInput("/repo/nuget.config", BuildFileKind.NuGetConfig, "<?xml version=\"1.0\"?><configuration />"),
            new BuildFileInput("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, Verify.RestoredAssets),
            new BuildFileInput("/repo/App/notes.txt", BuildFileKind.None, "<<< not xml"),
        });
        await Verify.VerifyAsync(System.Array.Empty<BuildFileInput>());
    }
}
