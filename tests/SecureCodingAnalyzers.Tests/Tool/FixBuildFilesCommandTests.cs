using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;
using SecureCodingAnalyzers.Tool;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// <c>secure-coding fix-build-files</c> on temporary repositories, with MSBuild replaced by <see cref="FakeEvaluator"/>
/// (the end-to-end test runs the real one): which files change and how, what is printed, and the exit codes.
/// </summary>
public sealed class FixBuildFilesCommandTests : IDisposable
{
    private readonly ToolTestRepo _repo = new();
    private readonly FakeEvaluator _evaluator;

    public FixBuildFilesCommandTests() => _evaluator = new FakeEvaluator(_repo.Root);

    public void Dispose() => _repo.Dispose();

    // ---- Fixes ----

    [Fact]
    public async Task Fix_AppliesEveryFix_AndReevaluatesAfterEdits()
    {
        _repo.SharedFiles();
        var project = _repo.Project("App");

        var (code, output, error) = await RunAsync("fix-build-files", _repo.Root);

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("""<PackageReference Include="Contoso.Plc" Version="1.4.2" />""", _repo.Read("App/App.csproj"));
        var props = _repo.Read("Directory.Build.props");
        Assert.Contains(LockFileCodeFixProvider.LockFileElement, props);
        // SCR5004 applies only once MSBuild evaluates the lock file as enabled: the tool evaluated the project again.
        Assert.Contains(LockFileCodeFixProvider.LockedModeElement, props);
        Assert.True(_evaluator.Calls.Count(c => c.Project == project) >= 2);
        Assert.Contains("https://packages.example.com/v3/index.json", _repo.Read("nuget.config"));
        ShowsMatch(@"App[/\\]App\.csproj\(3\): SCR5001 Pin to the resolved version 1\.4\.2", output);
        Shows("""      - <PackageReference Include="Contoso.Plc" Version="1.*" />""", output);
        Shows("""      + <PackageReference Include="Contoso.Plc" Version="1.4.2" />""", output);
        Shows("Directory.Build.props(4): SCR5003", output);
        Shows("Directory.Build.props(5): SCR5004", output);
        Shows("nuget.config(5): SCR5010 Use https", output);
        Shows("4 fix(es) applied in 3 file(s).", output);
        Shows("dotnet restore", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Fix_Exact_PinsFloatingVersionsAsExactVersions()
    {
        _repo.Project("App");

        var (code, output, _) = await RunAsync("fix-build-files", _repo.PathOf("App/App.csproj"), "--exact", "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("""<PackageReference Include="Contoso.Plc" Version="[1.4.2]" />""", _repo.Read("App/App.csproj"));
        Shows("floating versions pinned as exact versions [x.y.z]", output);
    }

    [Fact]
    public async Task Fix_Rules_OnlyTheSelectedRulesAreFixed()
    {
        _repo.SharedFiles();
        _repo.Project("App");
        var project = _repo.Read("App/App.csproj");
        var props = _repo.Read("Directory.Build.props");

        var (code, output, _) = await RunAsync("fix-build-files", _repo.Root, "--rules", "scr5010");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("https://", _repo.Read("nuget.config"));
        Assert.Equal(project, _repo.Read("App/App.csproj"));
        Assert.Equal(props, _repo.Read("Directory.Build.props"));
        Shows("rules SCR5010;", output);
    }

    [Theory]
    [InlineData("--rules", "SCR5001,SCR5010", "{root}")]
    [InlineData("--rules", "SCR5001", "--rules", "SCR5010", "{root}")]
    [InlineData("{root}", "--rules", "scr5001;scr5010")]
    public async Task Fix_RulesOption_TakesListsOrRepetitions_BeforeOrAfterThePath(params string[] arguments)
    {
        _repo.SharedFiles();
        _repo.Project("App");

        var (code, output, _) = await RunAsync(new[] { "fix-build-files" }.Concat(arguments.Select(a => a.Replace("{root}", _repo.Root, StringComparison.Ordinal))).ToArray());

        Assert.Equal(ExitCodes.Success, code);
        Shows("rules SCR5001, SCR5010;", output);
        Shows("2 fix(es) applied in 2 file(s).", output);
    }

    [Fact]
    public async Task Fix_KeepsByteOrderMarkAndLineEndings_AndChangesOnlyTheFixedText()
    {
        var original = "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n  <ItemGroup>\r\n    <PackageReference Include=\"Contoso.Plc\" Version=\"1.*\" />\r\n  </ItemGroup>\r\n</Project>\r\n";
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        _repo.Write("App/obj/project.assets.json", ToolTestRepo.Assets);
        _repo.WriteBytes("App/App.csproj", bom.Concat(Encoding.UTF8.GetBytes(original)).ToArray());

        var (code, _, _) = await RunAsync("fix-build-files", _repo.Root, "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        var expected = bom.Concat(Encoding.UTF8.GetBytes(original.Replace("\"1.*\"", "\"1.4.2\"", StringComparison.Ordinal))).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(_repo.PathOf("App/App.csproj")));
    }

    [Fact]
    public async Task Fix_SharedFiles_AreFixedOnceForAllProjects()
    {
        _repo.SharedFiles();
        _repo.Project("App");
        _repo.Project("Lib");

        var (code, output, _) = await RunAsync("fix-build-files", _repo.Root);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Single(Regex.Matches(_repo.Read("Directory.Build.props"), "<RestorePackagesWithLockFile>"));
        Assert.Single(Regex.Matches(_repo.Read("Directory.Build.props"), "<RestoreLockedMode "));
        Assert.Single(Regex.Matches(output, "SCR5010 Use https"));
        Assert.Single(Regex.Matches(output, "SCR5003 Enable the lock file"));
        Assert.Contains("""Version="1.4.2" """, _repo.Read("Lib/Lib.csproj"));
        ShowsMatch(@"Lib[/\\]Lib\.csproj: 1 fix", output);
    }

    [Fact]
    public async Task Fix_MultiTargetingProject_IsFixedPerTargetFramework()
    {
        _repo.Project("Lib");
        _repo.Write("Lib/Lib.csproj", _repo.Read("Lib/Lib.csproj").Replace("<ItemGroup>", "<PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks></PropertyGroup>\n  <ItemGroup>", StringComparison.Ordinal));

        var (code, output, _) = await RunAsync("fix-build-files", _repo.Root, "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains((_repo.PathOf("Lib/Lib.csproj"), "net8.0"), _evaluator.Calls);
        Assert.Contains((_repo.PathOf("Lib/Lib.csproj"), "net10.0"), _evaluator.Calls);
        Shows("net8.0: 1 fix; net10.0: nothing to fix", output);
        Assert.Contains("""Version="1.4.2" """, _repo.Read("Lib/Lib.csproj"));
    }

    [Fact]
    public async Task Fix_RuleSwitchedOffInGlobalConfig_IsLeftAlone()
    {
        _repo.Project("App");
        _repo.Write(".globalconfig", "is_global = true\n# Justification: this test.\ndotnet_diagnostic.SCR5001.severity = none\n");

        var (code, output, _) = await RunAsync("fix-build-files", _repo.Root, "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("""Version="1.*" """, _repo.Read("App/App.csproj"));
        Shows("Nothing to fix.", output);
    }

    [Fact]
    public async Task Fix_RuleInNoWarn_IsLeftAlone()
    {
        _repo.Project("App");
        _evaluator.Properties["NoWarn"] = "1701;1702;SCR5001";

        var (code, _, _) = await RunAsync("fix-build-files", _repo.Root, "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("""Version="1.*" """, _repo.Read("App/App.csproj"));
    }

    [Fact]
    public async Task Fix_FindingWithoutSafeFix_IsListedAsLeft()
    {
        _repo.Project("App", """<PackageReference Include="Contoso.Unlisted" Version="3.*" />""");

        var (code, output, _) = await RunAsync("fix-build-files", _repo.Root, "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        Shows("Findings left for a decision:", output);
        ShowsMatch(@"App[/\\]App\.csproj\(3\): SCR5001 .*Contoso\.Unlisted.*\[no safe automatic fix for this finding\]", output);
    }

    // ---- Dry run and check ----

    [Fact]
    public async Task DryRun_PrintsTheChanges_WritesNothing_AndCheckFailsUntilFixed()
    {
        _repo.SharedFiles();
        _repo.Project("App");
        var before = Snapshot();

        var dryRun = await RunAsync("fix-build-files", _repo.Root, "--dry-run");
        Assert.Equal(ExitCodes.Success, dryRun.Code);
        Assert.Contains("Changes that would be made:", dryRun.Output);
        Assert.Contains("would be made; nothing was written.", dryRun.Output);
        Assert.Equal(before, Snapshot());

        var check = await RunAsync("fix-build-files", _repo.Root, "--check");
        Assert.Equal(ExitCodes.ChangesNeeded, check.Code);
        Assert.Equal(before, Snapshot());

        Assert.Equal(ExitCodes.Success, (await RunAsync("fix-build-files", _repo.Root)).Code);
        var after = await RunAsync("fix-build-files", _repo.Root, "--dry-run", "--check");
        Assert.True(after.Code == ExitCodes.Success, after.Output);
        Assert.Contains("Nothing to fix.", after.Output);
    }

    // ---- Projects ----

    [Fact]
    public async Task Folder_SkipsBinObjAndHiddenFolders()
    {
        _repo.Project("App");
        _repo.Write("App/bin/Debug/Copy.csproj", "<Project />");
        _repo.Write("App/obj/Generated.csproj", "<Project />");
        _repo.Write(".git/Hidden.csproj", "<Project />");

        var (code, _, _) = await RunAsync("fix-build-files", _repo.Root, "--dry-run");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(new[] { _repo.PathOf("App/App.csproj") }, _evaluator.Calls.Select(c => c.Project).Distinct());
    }

    [Fact]
    public async Task Solution_FixesItsCSharpProjects_AndReportsMissingOnes()
    {
        _repo.Project("App");
        _repo.Write("All.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{827E0CD3-B72D-47B6-A68D-7590B98EB39B}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "App", "App\App.csproj", "{5C31CDA8-B72F-4689-BCFD-38533AFF61A4}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Gone", "Gone\Gone.csproj", "{E3365252-0229-4B2D-9C1F-5B94859DD8AE}"
            EndProject
            """);

        var (code, output, error) = await RunAsync("fix-build-files", _repo.PathOf("All.sln"), "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("""Version="1.4.2" """, _repo.Read("App/App.csproj"));
        Assert.Matches(@"error: Gone[/\\]Gone\.csproj is listed in the solution but does not exist\.", error);
        Shows("1 fix(es) applied", output);
    }

    [Fact]
    public async Task Slnx_FixesItsProjects()
    {
        _repo.Project("App");
        _repo.Write("All.slnx", """
            <Solution>
              <Folder Name="/src/">
                <Project Path="App/App.csproj" />
              </Folder>
            </Solution>
            """);

        var (code, _, _) = await RunAsync("fix-build-files", _repo.PathOf("All.slnx"), "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("""Version="1.4.2" """, _repo.Read("App/App.csproj"));
    }

    [Fact]
    public async Task ProjectWithoutThePackage_IsSkippedWithAReason()
    {
        _repo.Project("App");
        _repo.Project("Other");
        _evaluator.WithoutPackage.Add(_repo.PathOf("Other/Other.csproj"));

        var (code, output, _) = await RunAsync("fix-build-files", _repo.Root, "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Success, code);
        ShowsMatch(@"Other[/\\]Other\.csproj: skipped: no build file carries SecureCodingKind metadata: the project does not reference the SecureCodingAnalyzers package", output);
    }

    [Fact]
    public async Task NoProjectAnalyzed_IsAnError()
    {
        _repo.Project("Other");
        _evaluator.WithoutPackage.Add(_repo.PathOf("Other/Other.csproj"));

        var (code, _, error) = await RunAsync("fix-build-files", _repo.Root, "--check");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: No project could be analyzed", error);
    }

    [Fact]
    public async Task NotRestoredProject_IsSkippedWithAReason()
    {
        _repo.Project("App");
        _repo.Write("Fresh/Fresh.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");

        var (_, output, _) = await RunAsync("fix-build-files", _repo.Root, "--dry-run");

        ShowsMatch(@"Fresh[/\\]Fresh\.csproj: skipped: not restored", output);
    }

    // ---- Errors ----

    [Fact]
    public async Task MalformedBuildFile_IsAnError_OtherFilesAreStillFixed()
    {
        _repo.Project("App");
        _repo.Write("nuget.config", "<configuration><packageSources>\n");

        var (code, _, error) = await RunAsync("fix-build-files", _repo.Root, "--rules", "SCR5001");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("nuget.config(2,1): SCR5000: nuget.config cannot be read", error);
        Assert.Contains("""Version="1.4.2" """, _repo.Read("App/App.csproj"));
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData(new[] { "fix-build-files", "{root}/missing" }, "does not exist")]
    [InlineData(new[] { "fix-build-files", "{root}", "--rules", "SCR9999" }, "Unknown rule 'SCR9999'")]
    [InlineData(new[] { "fix-build-files", "{root}", "--rules", "SCR5005" }, "SCR5005 has no automatic fix")]
    [InlineData(new[] { "fix-build-files", "{root}/readme.txt" }, "is not a solution (.sln, .slnx) or C# project (.csproj) file")]
    [InlineData(new[] { "fix-build-files", "{root}/broken.slnx" }, "is not well-formed XML")]
    [InlineData(new[] { "fix-build-files", "{root}/empty" }, "No *.csproj file below")]
    [InlineData(new[] { "fix-build-files" }, "Required argument 'path' missing")]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "fix-build-files", "{root}", "--frobnicate" }, "Unrecognized command or argument '--frobnicate'")]
    public async Task BadInput_IsAClearErrorWithExitCode2(string[] arguments, string message)
    {
        _repo.Write("readme.txt", "not a project");
        _repo.Write("broken.slnx", "<Solution><Project Path=\"a.csproj\">");
        Directory.CreateDirectory(_repo.PathOf("empty"));

        var (code, output, error) = await RunAsync(arguments.Select(a => a.Replace("{root}", _repo.Root, StringComparison.Ordinal)).ToArray());

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    [Trait("Category", "MSBuild")]
    public async Task ProjectThatDoesNotEvaluate_IsAClearError()
    {
        _repo.Write("Bad/Bad.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>\n");
        var output = new StringWriter();
        var error = new StringWriter();

        // The real evaluator: dotnet msbuild reports the malformed project file.
        var code = await SecureCodingTool.RunAsync(["fix-build-files", _repo.PathOf("Bad/Bad.csproj")], new ToolSettings { Output = output, Error = error });

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: MSBuild could not evaluate", error.ToString());
        Assert.Contains("MSB4025", error.ToString());
        Assert.Contains("Bad.csproj: failed (see the errors below)", output.ToString());
        Assert.DoesNotContain("   at ", output.ToString() + error);
    }

    [Fact]
    public async Task Help_ListsTheCommandAndItsOptions()
    {
        var (code, output, _) = await RunAsync("fix-build-files", "--help");

        Assert.Equal(ExitCodes.Success, code);
        foreach (var option in new[] { "<path>", "--rules", "--exact", "--dry-run", "--check" })
        {
            Assert.Contains(option, output);
        }
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SecureCodingTool.RunAsync(arguments, new ToolSettings { Output = output, Error = error, Evaluator = _evaluator });
        return (code, output.ToString(), error.ToString());
    }

    private static void Shows(string expected, string output)
        => Assert.True(output.Contains(expected, StringComparison.Ordinal), $"Expected \"{expected}\" in:\n{output}");

    private static void ShowsMatch(string pattern, string output)
        => Assert.True(Regex.IsMatch(output, pattern), $"Expected /{pattern}/ in:\n{output}");

    private string Snapshot()
        => string.Join("\n", Directory.EnumerateFiles(_repo.Root, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(f => f + "\n" + File.ReadAllText(f)));
}
