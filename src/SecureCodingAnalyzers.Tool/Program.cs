using System;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool;

/// <summary>The process entry point.</summary>
public static class Program
{
    /// <summary>Runs the tool; Ctrl+C cancels the run between steps.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await SecureCodingTool.RunAsync(args, null, cancellation.Token).ConfigureAwait(false);
    }
}
