using System;
using System.CommandLine;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>The <c>evidence collect</c> command: its options and help text.</summary>
public static class CollectCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "collect";

    /// <summary>Creates the command.</summary>
    public static Command Create(ToolSettings settings)
    {
        var input = new Option<string[]>("--input")
        {
            Description = "SARIF 2.1 logs, or folders searched for *.sarif (default: <root>/artifacts/secure-coding-evidence, where the package's targets write them).",
            HelpName = "dir-or-files",
            AllowMultipleArgumentsPerToken = true,
        };
        var root = new Option<string?>("--root")
        {
            Description = "The repository root that paths are made relative to (default: the git root of the current folder, else the current folder).",
            HelpName = "dir",
        };
        var output = new Option<string?>("--output")
        {
            Description = "Where evidence.sarif and upload.sarif are written (default: <root>/artifacts/evidence).",
            HelpName = "dir",
        };

        var baseline = new Option<string?>("--baseline")
        {
            Description = "A previous evidence.sarif: after writing, report new, fixed and unchanged results against it (as 'evidence diff').",
            HelpName = "file",
        };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "The release gate of 'evidence diff' on the new evidence: new, error, any or none (default). Without --baseline every result is new.",
        };
        failOn.AcceptOnlyFromAmong(Diff.DiffCommand.Gates);
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Progress lines on stderr (\"read 120/500 logs\") even when stderr is not a terminal; standard output stays the summary.",
        };
        var quiet = new Option<bool>("--quiet")
        {
            Description = "No progress lines (by default they are shown when stderr is a terminal).",
        };

        var command = new Command(Name, "Merges the SARIF logs of a build into evidence.sarif (every result, suppressions included) and upload.sarif (for GitHub code scanning: suppressed results removed): one run per tool, duplicates of multi-targeting builds merged, paths relative to the repository root, SecureCodingAnalyzers as a tool extension with its rules, CWE and IEC 62443-4-1 taxonomies, stable fingerprints, the git commit, every analyzed file with its SHA-256 and the compilations that read it (artifacts), and the effective rule configuration with where it comes from (invocations[].ruleConfigurationOverrides). Rerunning on the same input writes the same bytes.")
        {
            input, root, output, baseline, failOn, verbose, quiet,
        };
        command.SetAction((parse, cancellationToken) => CollectRunner.RunAsync(
            new CollectOptions(parse.GetValue(input) ?? Array.Empty<string>(), parse.GetValue(root), parse.GetValue(output), parse.GetValue(baseline), parse.GetValue(failOn), parse.GetValue(verbose), parse.GetValue(quiet)),
            settings,
            cancellationToken));
        return command;
    }
}
