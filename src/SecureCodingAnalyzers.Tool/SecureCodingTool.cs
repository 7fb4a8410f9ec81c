using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tool.Evidence;
using SecureCodingAnalyzers.Tool.FixBuildFiles;

namespace SecureCodingAnalyzers.Tool;

/// <summary>
/// The <c>secure-coding</c> tool's entry point: one root command with one subcommand per task (fix-build-files;
/// evidence with its subcommands). Parsing, help and --version come from System.CommandLine; usage errors and the
/// tool's own errors are printed as "error: ..." with exit code 2, never as a stack trace.
/// </summary>
public static class SecureCodingTool
{
    /// <summary>Runs the tool with <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ToolSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new ToolSettings();
        var root = new RootCommand("secure-coding: the SecureCodingAnalyzers command-line tool.")
        {
            FixBuildFilesCommand.Create(settings),
            EvidenceCommand.Create(settings),
        };

        var parse = root.Parse(args.ToArray());
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                settings.Error.WriteLine("error: " + error.Message);
            }

            settings.Error.WriteLine("Run 'secure-coding --help' (or 'secure-coding <command> --help') for usage.");
            return ExitCodes.Error;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = settings.Output, Error = settings.Error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (ToolException e)
        {
            settings.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException)
        {
            settings.Error.WriteLine("error: cancelled.");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not bad input: say what failed without a stack trace (set SECURE_CODING_DEBUG=1 for one).
            settings.Error.WriteLine($"error: internal error ({e.GetType().Name}): {e.Message}");
            if (Environment.GetEnvironmentVariable("SECURE_CODING_DEBUG") == "1")
            {
                settings.Error.WriteLine(e.ToString());
            }

            return ExitCodes.Error;
        }
    }
}
