using System;
using System.CommandLine;

namespace SecureCodingAnalyzers.Tool.FixBuildFiles;

/// <summary>The <c>fix-build-files</c> command: its arguments, options and help text.</summary>
public static class FixBuildFilesCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "fix-build-files";

    /// <summary>Creates the command.</summary>
    public static Command Create(ToolSettings settings)
    {
        var path = new Argument<string>("path")
        {
            Description = "A solution (.sln, .slnx), a C# project (.csproj), or a folder (every *.csproj below it, skipping bin and obj).",
        };
        var rules = new Option<string[]>("--rules")
        {
            Description = "The rules to fix, comma-separated (e.g. SCR5001,SCR5003) or repeated (default: every SCR5xxx rule that has a fix).",
            HelpName = "ids",
        };
        var exact = new Option<bool>("--exact")
        {
            Description = "Pin floating versions as exact versions [x.y.z] instead of minimum versions x.y.z.",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Print what would change and write nothing.",
        };
        var check = new Option<bool>("--check")
        {
            Description = "For CI gates: a dry run that exits with 1 when something would change.",
        };

        var command = new Command(Name, "Applies the dependency and package-source fixes (SCR5xxx) of SecureCodingAnalyzers to the build files (project, Directory.*.props, nuget.config) of every project, with the same analyzers and code fixes as the IDE. Projects must reference the SecureCodingAnalyzers package and be restored.")
        {
            path, rules, exact, dryRun, check,
        };
        command.SetAction((parse, cancellationToken) => FixBuildFilesRunner.RunAsync(
            new FixBuildFilesOptions(
                parse.GetValue(path) ?? string.Empty,
                parse.GetValue(rules) ?? Array.Empty<string>(),
                parse.GetValue(exact),
                parse.GetValue(dryRun),
                parse.GetValue(check)),
            settings,
            cancellationToken));
        return command;
    }
}
