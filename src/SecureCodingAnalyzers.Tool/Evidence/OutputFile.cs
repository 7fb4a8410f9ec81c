using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// The one writer of the evidence commands' outputs (collect, diff, report, standard, manifest): completely or not at
/// all. Each file is written to a hidden temporary file next to it (<c>.name.xxxxxxxx.tmp</c>, same folder, so the move
/// is a rename) and moved into place only when every file of the call is complete; on any failure or cancellation the
/// temporary files are deleted and the existing outputs are left as they were.
/// </summary>
public static class OutputFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/>, atomically; creates the folder.</summary>
    /// <exception cref="ToolException">The path is a folder, invalid, or cannot be written.</exception>
    public static Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
        => WriteAllAtomicallyAsync([(path, Utf8.GetBytes(text))], cancellationToken);

    /// <summary>
    /// Writes every file, in order, all or none: every temporary file is complete before the first is moved, and they
    /// are moved in the order given (put the file that vouches for the others, such as a manifest, last).
    /// </summary>
    /// <exception cref="ToolException">A path is a folder, invalid, or cannot be written.</exception>
    public static async Task WriteAllAtomicallyAsync(IReadOnlyList<(string Path, byte[] Bytes)> files, CancellationToken cancellationToken)
    {
        var targets = new List<(string Given, string Full, string Temp)>(files.Count);
        foreach (var (path, _) in files)
        {
            var full = FullPath(path);
            if (Directory.Exists(full))
            {
                throw new ToolException($"cannot write '{path}': it is a directory.");
            }

            var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
            targets.Add((path, full, temp));
        }

        var current = targets.Count > 0 ? targets[0].Given : string.Empty;
        try
        {
            for (var i = 0; i < targets.Count; i++)
            {
                current = targets[i].Given;
                Directory.CreateDirectory(Path.GetDirectoryName(targets[i].Full)!);
                await File.WriteAllBytesAsync(targets[i].Temp, files[i].Bytes, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (given, full, temp) in targets)
            {
                current = given;
                File.Move(temp, full, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot write '{current}': {e.Message}", e);
        }
        finally
        {
            foreach (var (_, _, temp) in targets)
            {
                TryDelete(temp);
            }
        }
    }

    private static string FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ToolException($"cannot write '{path}': {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the failure that brought us here is the one to report.
        }
    }
}
