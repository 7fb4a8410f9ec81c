using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// <c>secure-coding evidence verify</c> and <c>manifest</c> on a bundle written by <c>evidence collect</c> from a
/// small compiler log: the manifest lists every file of the folder, and any change to the bundle is reported.
/// </summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly ToolTestRepo _repo = new();

    public VerifyCommandTests()
    {
        _repo.Write("src/App/Checksum.cs", "namespace App;\npublic static class Checksum { }\n");
        var uri = new Uri(_repo.PathOf("src/App/Checksum.cs")).AbsoluteUri;
        _repo.Write("logs/App.net8.0.sarif", $$"""
            {
              "$schema": "http://json.schemastore.org/sarif-2.1.0",
              "version": "2.1.0",
              "runs": [ {
                "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "version": "4.14.0", "rules": [ { "id": "SCR1001" } ] } },
                "results": [ {
                  "ruleId": "SCR1001", "ruleIndex": 0, "level": "warning", "message": { "text": "MD5 is broken" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "{{uri}}" }, "region": { "startLine": 2, "startColumn": 1 } } } ]
                } ]
              } ]
            }
            """);
    }

    public void Dispose() => _repo.Dispose();

    private string Bundle => _repo.PathOf("out");

    // ---- Manifest ----

    [Fact]
    public async Task Collect_WritesManifest_ListingEveryFileOfTheFolder_Sorted()
    {
        // A file that was in the output folder before collect (e.g. the coding standard) is covered too.
        _repo.Write("out/coding-standard.html", "<html></html>\n");

        await CollectAsync();

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Bundle, BundleManifest.FileName)))!;
        Assert.Equal(BundleManifest.Format, manifest["format"]!.GetValue<string>());
        Assert.Equal(BundleManifest.ToolVersion, manifest["generator"]!["version"]!.GetValue<string>());
        Assert.Null(manifest["revisionId"]); // no git repository under the test root
        var files = manifest["files"]!.AsArray();
        Assert.Equal(["coding-standard.html", CollectRunner.EvidenceFile, CollectRunner.UploadFile], files.Select(f => f!["path"]!.GetValue<string>()));
        var evidence = File.ReadAllBytes(Path.Combine(Bundle, CollectRunner.EvidenceFile));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(evidence)), files[1]!["sha256"]!.GetValue<string>());
        Assert.Equal(evidence.LongLength, files[1]!["size"]!.GetValue<long>());
        Assert.DoesNotContain(_repo.Root, File.ReadAllText(Path.Combine(Bundle, BundleManifest.FileName)));
    }

    [Fact]
    public async Task Collect_ManifestIsIdenticalAcrossReruns()
    {
        await CollectAsync();
        var first = File.ReadAllBytes(Path.Combine(Bundle, BundleManifest.FileName));

        await CollectAsync();

        Assert.Equal(first, File.ReadAllBytes(Path.Combine(Bundle, BundleManifest.FileName)));
    }

    [Fact]
    public async Task Manifest_RewritesAfterAddingFiles_InSubfolders_WithTheRevisionOfTheEvidence()
    {
        await CollectAsync();
        // Give the evidence a commit (collect has none here: the test root is not a git repository).
        var evidencePath = Path.Combine(Bundle, CollectRunner.EvidenceFile);
        var log = JsonNode.Parse(File.ReadAllText(evidencePath))!;
        log["runs"]![0]!["versionControlProvenance"] = new JsonArray(new JsonObject { ["repositoryUri"] = "https://example.com/org/repo.git", ["revisionId"] = "0123456789abcdef0123456789abcdef01234567" });
        File.WriteAllText(evidencePath, log.ToJsonString());
        _repo.Write("out/report/report.html", "<html></html>\n");

        var (code, output, error) = await RunAsync("manifest", Bundle);

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("3 file(s)", output);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Bundle, BundleManifest.FileName)))!;
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", manifest["revisionId"]!.GetValue<string>());
        Assert.Contains("report/report.html", manifest["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()));
        Assert.Equal(ExitCodes.Success, (await RunAsync("verify", Bundle)).Code);
    }

    // ---- Verify ----

    [Fact]
    public async Task Verify_CollectedBundle_Passes()
    {
        await CollectAsync();

        var (code, output, error) = await RunAsync("verify", Bundle);

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains($"  OK        {CollectRunner.EvidenceFile}", output);
        Assert.Contains($"  OK        {CollectRunner.UploadFile}", output);
        Assert.Contains("verified: 2 ok, 0 mismatch, 0 missing, 0 extra", output);
    }

    [Fact]
    public async Task Verify_ModifiedByte_IsAMismatch()
    {
        await CollectAsync();
        var upload = Path.Combine(Bundle, CollectRunner.UploadFile);
        var bytes = File.ReadAllBytes(upload);
        bytes[10] ^= 1;
        File.WriteAllBytes(upload, bytes);

        var (code, output, _) = await RunAsync("verify", Bundle);

        Assert.Equal(ExitCodes.VerificationFailed, code);
        Assert.Contains($"  MISMATCH  {CollectRunner.UploadFile}: sha-256 {BundleManifest.HashFile(upload)} (manifest: ", output);
        Assert.Contains($"  OK        {CollectRunner.EvidenceFile}", output);
        Assert.Contains("FAILED: 1 ok, 1 mismatch, 0 missing, 0 extra", output);
    }

    [Fact]
    public async Task Verify_TruncatedFile_ReportsTheSize()
    {
        await CollectAsync();
        var evidence = Path.Combine(Bundle, CollectRunner.EvidenceFile);
        var bytes = File.ReadAllBytes(evidence);
        File.WriteAllBytes(evidence, bytes[..^1]);

        var (code, output, _) = await RunAsync("verify", Bundle);

        Assert.Equal(ExitCodes.VerificationFailed, code);
        Assert.Contains($"  MISMATCH  {CollectRunner.EvidenceFile}: size {bytes.Length - 1} (manifest: {bytes.Length}), sha-256 ", output);
    }

    [Fact]
    public async Task Verify_DeletedFile_IsMissing()
    {
        await CollectAsync();
        File.Delete(Path.Combine(Bundle, CollectRunner.UploadFile));

        var (code, output, _) = await RunAsync("verify", Bundle);

        Assert.Equal(ExitCodes.VerificationFailed, code);
        Assert.Contains($"  MISSING   {CollectRunner.UploadFile}", output);
        Assert.Contains("FAILED: 1 ok, 0 mismatch, 1 missing, 0 extra", output);
    }

    [Fact]
    public async Task Verify_AddedFile_IsExtra_EvenHiddenOrInASubfolder()
    {
        await CollectAsync();
        _repo.Write("out/notes.txt", "added after the manifest\n");
        _repo.Write("out/sub/.hidden", "x");

        var (code, output, _) = await RunAsync("verify", Bundle);

        Assert.Equal(ExitCodes.VerificationFailed, code);
        Assert.Contains("  EXTRA     notes.txt (not in the manifest)", output);
        Assert.Contains("  EXTRA     sub/.hidden (not in the manifest)", output);
        Assert.Contains("FAILED: 2 ok, 0 mismatch, 0 missing, 2 extra", output);
    }

    // ---- Errors ----

    [Fact]
    public async Task Error_NoManifest()
    {
        Directory.CreateDirectory(Bundle);

        var (code, _, error) = await RunAsync("verify", Bundle);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"error: no manifest: {Path.Combine(Bundle, BundleManifest.FileName)} does not exist.", error);
    }

    [Fact]
    public async Task Error_NoBundleFolder()
    {
        var (code, _, error) = await RunAsync("verify", _repo.PathOf("nowhere"));

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"error: bundle folder not found: {_repo.PathOf("nowhere")}", error);
    }

    [Theory]
    [InlineData("{ \"format\": ", "is not valid JSON")]
    [InlineData("[]", "is not a valid bundle manifest: not a JSON object.")]
    [InlineData("{ \"format\": \"other/1\", \"files\": [] }", "is not a valid bundle manifest: \"format\" is not")]
    [InlineData("{ \"format\": \"secure-coding-evidence-manifest/1\" }", "no \"files\" array.")]
    [InlineData("{ \"format\": \"secure-coding-evidence-manifest/1\", \"files\": [ { \"path\": \"../secret\", \"size\": 1, \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\" } ] }", "files[0] has no path, or a path that is absolute or leaves the bundle folder.")]
    [InlineData("{ \"format\": \"secure-coding-evidence-manifest/1\", \"files\": [ { \"path\": \"/etc/passwd\", \"size\": 1, \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\" } ] }", "files[0] has no path")]
    [InlineData("{ \"format\": \"secure-coding-evidence-manifest/1\", \"files\": [ { \"path\": \"a.txt\", \"size\": \"1\", \"sha256\": \"00\" } ] }", "files[0] (a.txt) needs a non-negative \"size\"")]
    [InlineData("{ \"format\": \"secure-coding-evidence-manifest/1\", \"files\": [ { \"path\": \"a.txt\", \"size\": 0, \"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\" }, { \"path\": \"a.txt\", \"size\": 0, \"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\" } ] }", "a.txt is listed twice.")]
    public async Task Error_MalformedManifest(string text, string expected)
    {
        _repo.Write("out/a.txt", string.Empty);
        var manifest = _repo.Write("out/" + BundleManifest.FileName, text);

        var (code, output, error) = await RunAsync("verify", Bundle);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"error: {manifest} ", error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("OK", output);
    }

    [Fact]
    public async Task Verify_HandWrittenManifest_ForAnEmptyFile_Passes()
    {
        _repo.Write("out/a.txt", string.Empty);
        _repo.Write("out/" + BundleManifest.FileName, "{ \"format\": \"secure-coding-evidence-manifest/1\", \"files\": [ { \"path\": \"a.txt\", \"size\": 0, \"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\" } ] }");

        var (code, output, error) = await RunAsync("verify", Bundle);

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("(unknown version)", output);
    }

    // ---- Helpers ----

    private Task<(int Code, string Output, string Error)> CollectAsync()
        => RunAsync("collect", "--input", _repo.PathOf("logs"), "--root", _repo.Root, "--output", Bundle);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SecureCodingTool.RunAsync(["evidence", .. args], new ToolSettings { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
