using System.CommandLine;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>The <c>evidence</c> command: the parent of the evidence subcommands (collect, ...).</summary>
public static class EvidenceCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "evidence";

    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create(ToolSettings settings) => new(Name, "Secure-coding evidence for IEC 62443-4-1: merges the build's SARIF logs into one enriched, GitHub-ready log.")
    {
        CollectCommand.Create(settings),
    };
}
