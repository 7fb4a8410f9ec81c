using System.CommandLine;

namespace SecureCodingAnalyzers.Tool.Evidence.Diff;

/// <summary>The <c>evidence diff</c> command: its options and help text.</summary>
public static class DiffCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "diff";

    /// <summary>The gates of <c>--fail-on</c>.</summary>
    public static readonly string[] Gates = ["none", "new", "error", "any"];

    /// <summary>The output formats.</summary>
    public static readonly string[] Formats = ["text", "json", "markdown"];

    /// <summary>Creates the command.</summary>
    public static Command Create(ToolSettings settings)
    {
        var baseline = new Option<string>("--baseline")
        {
            Description = "The evidence.sarif of the previous release (or of the target branch).",
            HelpName = "file",
            Required = true,
        };
        var current = new Option<string>("--current")
        {
            Description = "The evidence.sarif of this build.",
            HelpName = "file",
            Required = true,
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when: new (a new or newly unsuppressed result), error (such a result at level error), any (any unsuppressed result in --current), none (never; the default).",
            DefaultValueFactory = _ => "none",
        };
        failOn.AcceptOnlyFromAmong(Gates);
        var format = new Option<string>("--format")
        {
            Description = "text, json or markdown (for a pull request comment or a release note).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write the report to (replaced atomically); standard output when omitted.",
            HelpName = "file",
        };

        var command = new Command(Name, "Compares two evidence.sarif files (from 'evidence collect'): new, fixed and unchanged results and suppression changes, matched by tool, rule and the line-shift-proof primaryLocationLineHash fingerprint. With --fail-on it is a release gate ('no new findings').")
        {
            baseline, current, failOn, format, output,
        };
        command.SetAction((parse, cancellationToken) => DiffRunner.RunAsync(
            new DiffOptions(
                parse.GetValue(baseline)!,
                parse.GetValue(current)!,
                parse.GetValue(failOn) ?? "none",
                parse.GetValue(format) ?? "text",
                parse.GetValue(output)),
            settings,
            cancellationToken));
        return command;
    }
}
