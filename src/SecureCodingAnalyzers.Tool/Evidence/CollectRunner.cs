using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>The options of <c>secure-coding evidence collect</c>.</summary>
/// <param name="Inputs">SARIF files or folders (searched recursively for *.sarif); empty for the default folder.</param>
/// <param name="Root">The repository root; null for the git root of the current folder, else the current folder.</param>
/// <param name="Output">The output folder; null for <c>&lt;root&gt;/artifacts/evidence</c>.</param>
/// <param name="Baseline">A previous evidence.sarif to diff the new one against (<c>evidence diff</c>), or null.</param>
/// <param name="FailOn">The gate of <c>evidence diff --fail-on</c>; null for none (and no diff unless <paramref name="Baseline"/> is set).</param>
/// <param name="Verbose">Progress lines on the error stream even when it is not a terminal.</param>
/// <param name="Quiet">No progress lines.</param>
public sealed record CollectOptions(IReadOnlyList<string> Inputs, string? Root, string? Output, string? Baseline = null, string? FailOn = null, bool Verbose = false, bool Quiet = false);

/// <summary>
/// <c>secure-coding evidence collect</c>: finds the build's SARIF logs, merges them (<see cref="EvidenceCollector"/>)
/// and writes <c>evidence.sarif</c>, <c>upload.sarif</c> and the bundle's <c>manifest.json</c> (<see cref="BundleManifest"/>:
/// every file of the output folder, the new outputs included). All three are written to temporary files first and
/// moved into place only when all are complete, the manifest last, so a failure never leaves half-written evidence.
/// </summary>
public static class CollectRunner
{
    /// <summary>Everything: every result, suppressed ones included (with their suppressions).</summary>
    public const string EvidenceFile = "evidence.sarif";

    /// <summary>For GitHub code scanning: suppressed results removed, every related location with a message.</summary>
    public const string UploadFile = "upload.sarif";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions s_writer = new()
    {
        Indented = s_json.WriteIndented,
        IndentSize = s_json.IndentSize,
        NewLine = s_json.NewLine,
        Encoder = s_json.Encoder,
    };

    /// <summary>Runs the command; returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <exception cref="ToolException">Missing or malformed input, or nothing to collect.</exception>
    public static async Task<int> RunAsync(CollectOptions options, ToolSettings settings, CancellationToken cancellationToken)
    {
        var current = Directory.GetCurrentDirectory();
        var root = options.Root is { } r ? Path.GetFullPath(r) : Git.TopLevel(current) ?? current;
        if (!Directory.Exists(root))
        {
            throw new ToolException($"--root {root} does not exist.");
        }

        var output = Path.GetFullPath(options.Output ?? Path.Combine(root, "artifacts", "evidence"));
        // Read the baseline first: it may be the evidence.sarif this run replaces.
        var baseline = options.Baseline is { } b ? Diff.DiffRunner.Load(b, "--baseline") : [];

        var progress = Progress.For(settings.Error, options.Verbose, options.Quiet);
        var files = FindLogs(options.Inputs, root, output);
        var inputs = new List<SarifInput>(files.Count);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = SarifInput.Read(file);
            input.RebaseManifest(root);
            inputs.Add(input);
            progress.Count("read", inputs.Count, files.Count, "logs");
        }

        var versionControl = VersionControl(root);
        progress.Phase("merging the runs and hashing the analyzed files");
        var evidence = EvidenceCollector.Collect(inputs, root, versionControl);
        cancellationToken.ThrowIfCancellationRequested();
        progress.Phase($"writing {EvidenceFile}, {UploadFile} and {BundleManifest.FileName}");

        Directory.CreateDirectory(output);
        var evidencePath = Path.Combine(output, EvidenceFile);
        var uploadPath = Path.Combine(output, UploadFile);
        var manifestPath = Path.Combine(output, BundleManifest.FileName);
        var evidenceBytes = Serialize(evidence.Evidence);
        EvidenceCollector.ConvertToUpload(evidence.Evidence);
        var uploadBytes = Serialize(evidence.Evidence);
        byte[] manifest;
        try
        {
            var pending = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [EvidenceFile] = evidenceBytes, [UploadFile] = uploadBytes };
            manifest = BundleManifest.Create(output, pending, versionControl?["revisionId"]?.GetValue<string>());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot hash the files of {output} for its manifest: {e.Message}", e);
        }

        await OutputFile.WriteAllAtomicallyAsync([(evidencePath, evidenceBytes), (uploadPath, uploadBytes), (manifestPath, manifest)], cancellationToken).ConfigureAwait(false);

        var writer = settings.Output;
        writer.WriteLine($"secure-coding evidence collect: {files.Count} log(s), {evidence.Runs} run(s), {evidence.Results} result(s) ({evidence.Duplicates} duplicate(s) merged, {evidence.Suppressed} suppressed)");
        if (versionControl is null)
        {
            writer.WriteLine("  no git commit with an 'origin' remote under the root (SARIF requires the repository URI): the evidence has no versionControlProvenance.");
        }

        writer.WriteLine($"  {evidence.Artifacts} file(s) listed with SHA-256 (analyzed or with results)");
        if (evidence.MissingArtifacts > 0)
        {
            writer.WriteLine($"  {evidence.MissingArtifacts} analyzed file(s) not found under the root: listed without hash (properties.missing); collect on the commit that was built.");
        }

        writer.WriteLine($"  {evidencePath}");
        writer.WriteLine($"  {uploadPath} (for code scanning: suppressed results removed)");
        writer.WriteLine($"  {manifestPath} (SHA-256 of every file in the folder; check with 'secure-coding evidence verify')");
        if (options.Baseline is null && options.FailOn is null or "none")
        {
            return ExitCodes.Success;
        }

        // The same comparison and gate as 'evidence diff', on the evidence just written.
        writer.WriteLine();
        return await Diff.DiffRunner.RunAsync(new Diff.DiffOptions(options.Baseline, evidencePath, options.FailOn ?? "none", "text", null), baseline, settings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The logs to read, ordered by path: the given files, and *.sarif below the given folders (never our own outputs).</summary>
    public static IReadOnlyList<string> FindLogs(IReadOnlyList<string> inputs, string root, string output)
    {
        var given = inputs.Where(i => !string.IsNullOrWhiteSpace(i)).ToList();
        var defaulted = given.Count == 0;
        if (defaulted)
        {
            given.Add(Path.Combine(root, "artifacts", "secure-coding-evidence"));
        }

        var outputPrefix = Path.TrimEndingDirectorySeparator(output) + Path.DirectorySeparatorChar;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in given)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*.sarif", SearchOption.AllDirectories))
                {
                    var name = Path.GetFileName(file);
                    if (!file.StartsWith(outputPrefix, StringComparison.Ordinal) && name is not (EvidenceFile or UploadFile))
                    {
                        files.Add(file);
                    }
                }
            }
            else if (defaulted)
            {
                throw new ToolException($"no input: {full} does not exist. Build with -p:SecureCodingEvidence=true (or ContinuousIntegrationBuild=true) first, or pass --input.");
            }
            else
            {
                throw new ToolException($"input not found: {full}");
            }
        }

        if (files.Count == 0)
        {
            throw new ToolException($"no SARIF logs (*.sarif) found in {string.Join(", ", given.Select(Path.GetFullPath))}.");
        }

        return files.ToList();
    }

    private static JsonObject? VersionControl(string root)
    {
        var revision = Git.Head(root);
        var repository = revision is null ? null : Git.Origin(root);
        if (revision is null || repository is null)
        {
            // repositoryUri is required by the schema: without a remote there is no provenance entry.
            return null;
        }

        return new JsonObject
        {
            ["repositoryUri"] = repository,
            ["revisionId"] = revision,
            ["mappedTo"] = new JsonObject { ["uriBaseId"] = EvidenceCollector.SourceRoot },
        };
    }

    /// <summary>The log as indented UTF-8 JSON and a final newline: the bytes of <c>ToJsonString</c>, without its UTF-16 copy.</summary>
    private static byte[] Serialize(JsonObject log)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        using (var writer = new Utf8JsonWriter(buffer, s_writer))
        {
            log.WriteTo(writer, s_json);
        }

        var bytes = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
