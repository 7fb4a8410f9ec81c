using System;
using System.Globalization;
using System.IO;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// Progress lines of a long evidence command, on the error stream so that standard output stays the summary. Shown
/// with <c>--verbose</c>, or by default when the error stream is a terminal; never with <c>--quiet</c>. Counts are
/// reported at every tenth of the total and at the end (at most about a dozen lines, the same lines on every run).
/// </summary>
public sealed class Progress
{
    private readonly TextWriter? _writer;

    private Progress(TextWriter? writer) => _writer = writer;

    /// <summary>Whether progress is shown.</summary>
    public bool Enabled => _writer is not null;

    /// <summary>The progress of a command: <paramref name="error"/> when <paramref name="verbose"/>, or when it is the console's error stream on a terminal, unless <paramref name="quiet"/>.</summary>
    public static Progress For(TextWriter error, bool verbose, bool quiet)
    {
        var terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        return new Progress(!quiet && (verbose || terminal) ? error : null);
    }

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> (e.g. "read 120/500 logs") when it is a tenth step or the last.</summary>
    public void Count(string verb, int done, int total, string noun)
    {
        var step = Math.Max(1, total / 10);
        if (_writer is not null && (done == total || done % step == 0))
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb} {done}/{total} {noun}"));
        }
    }

    /// <summary>Reports the start of a phase.</summary>
    public void Phase(string text) => _writer?.WriteLine(text);
}
