using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>Writes a report given with <c>--output</c>: completely or not at all (a temporary file moved into place).</summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="ToolException">The path is a folder or cannot be written.</exception>
    public static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ToolException($"cannot write --output {full}: it is a folder.");
        }

        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(temp, new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot write --output {full}: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
