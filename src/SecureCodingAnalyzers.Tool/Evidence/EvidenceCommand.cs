using System.CommandLine;
using SecureCodingAnalyzers.Tool.Evidence.Standard;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// The <c>evidence</c> command: the parent of the commands that produce secure-development evidence for
/// IEC 62443-4-1 (collect the build's SARIF logs, the coding standard document; report, diff and verify join them).
/// </summary>
public static class EvidenceCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "evidence";

    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create(ToolSettings settings)
        => new(Name, "Produces secure-development evidence (IEC 62443-4-1) from the rule catalog and the build.")
        {
            CollectCommand.Create(settings),
            StandardCommand.Create(settings),
            Diff.DiffCommand.Create(settings),
            VerifyCommand.Create(settings),
            VerifyCommand.CreateManifest(settings),
            Report.ReportCommand.Create(settings),
        };
}
