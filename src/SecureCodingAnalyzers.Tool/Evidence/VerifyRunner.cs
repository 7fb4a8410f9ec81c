using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// <c>secure-coding evidence verify</c> and <c>secure-coding evidence manifest</c>: check a bundle folder against its
/// <see cref="BundleManifest"/>, or (re)write the manifest.
/// </summary>
public static class VerifyRunner
{
    /// <summary>Verifies the bundle; returns <see cref="ExitCodes.Success"/> or <see cref="ExitCodes.VerificationFailed"/>.</summary>
    /// <exception cref="ToolException">The folder or its manifest is missing, or the manifest is malformed.</exception>
    public static Task<int> VerifyAsync(string? bundle, ToolSettings settings, CancellationToken cancellationToken)
    {
        var folder = Folder(bundle);
        var (files, version, revision) = BundleManifest.Read(folder);
        var writer = settings.Output;
        writer.WriteLine($"secure-coding evidence verify: {folder}");
        writer.WriteLine($"  manifest: {files.Count} file(s), written by secure-coding {version ?? "(unknown version)"}{(revision is null ? string.Empty : ", commit " + revision)}");

        int ok = 0, mismatch = 0, missing = 0, extra = 0;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            listed.Add(entry.Path);
            var full = Path.Combine(folder, entry.Path.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(full))
            {
                missing++;
                writer.WriteLine($"  MISSING   {entry.Path}");
                continue;
            }

            long size;
            string sha;
            try
            {
                size = new FileInfo(full).Length;
                sha = BundleManifest.HashFile(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ToolException($"cannot read {full}: {e.Message}", e);
            }

            if (size == entry.Size && sha == entry.Sha256)
            {
                ok++;
                writer.WriteLine($"  OK        {entry.Path}");
            }
            else
            {
                mismatch++;
                var sizes = size == entry.Size ? string.Empty : $"size {size} (manifest: {entry.Size}), ";
                writer.WriteLine($"  MISMATCH  {entry.Path}: {sizes}sha-256 {sha} (manifest: {entry.Sha256})");
            }
        }

        foreach (var (relative, _) in BundleManifest.FilesOf(folder).OrderBy(f => f.Relative, StringComparer.Ordinal))
        {
            if (!listed.Contains(relative))
            {
                extra++;
                writer.WriteLine($"  EXTRA     {relative} (not in the manifest)");
            }
        }

        var failed = mismatch + missing + extra > 0;
        writer.WriteLine($"{(failed ? "FAILED" : "verified")}: {ok} ok, {mismatch} mismatch, {missing} missing, {extra} extra");
        return Task.FromResult(failed ? ExitCodes.VerificationFailed : ExitCodes.Success);
    }

    /// <summary>(Re)writes the bundle's manifest; returns <see cref="ExitCodes.Success"/>.</summary>
    /// <exception cref="ToolException">The folder is missing or cannot be read or written.</exception>
    public static async Task<int> WriteManifestAsync(string? bundle, ToolSettings settings, CancellationToken cancellationToken)
    {
        var folder = Folder(bundle);
        var path = Path.Combine(folder, BundleManifest.FileName);
        byte[] manifest;
        try
        {
            manifest = BundleManifest.Create(folder, new Dictionary<string, byte[]>(), BundleManifest.RevisionOf(folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot read {folder}: {e.Message}", e);
        }

        await OutputFile.WriteAllAtomicallyAsync([(path, manifest)], cancellationToken).ConfigureAwait(false);

        var count = BundleManifest.Read(folder).Files.Count;
        settings.Output.WriteLine($"secure-coding evidence manifest: {count} file(s)");
        settings.Output.WriteLine($"  {path}");
        return ExitCodes.Success;
    }

    private static string Folder(string? bundle)
    {
        string folder;
        if (string.IsNullOrWhiteSpace(bundle))
        {
            var current = Directory.GetCurrentDirectory();
            folder = Path.Combine(Git.TopLevel(current) ?? current, "artifacts", "evidence");
        }
        else
        {
            folder = Path.GetFullPath(bundle);
        }

        if (!Directory.Exists(folder))
        {
            throw new ToolException($"bundle folder not found: {folder}");
        }

        return folder;
    }
}
