using System;
using System.CommandLine;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>The <c>evidence standard</c> command: its options and help text.</summary>
public static class StandardCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "standard";

    /// <summary>The profiles the package ships.</summary>
    public static readonly string[] Profiles = ["recommended", "strict", "audit"];

    /// <summary>The output formats.</summary>
    public static readonly string[] Formats = ["markdown", "html"];

    /// <summary>Creates the command.</summary>
    public static Command Create(ToolSettings settings)
    {
        var profile = new Option<string>("--profile")
        {
            Description = "The SecureCodingAnalyzers profile the build uses (the SecureCodingProfile property).",
            DefaultValueFactory = _ => "recommended",
        };
        profile.AcceptOnlyFromAmong(Profiles);
        var config = new Option<string[]>("--config")
        {
            Description = "A .globalconfig (or .editorconfig) of the build whose dotnet_diagnostic.<ID>.severity lines override the profile; repeat for several. Its deviations from the profile are listed with file and line.",
            HelpName = "file",
        };
        var format = new Option<string>("--format")
        {
            Description = "markdown, or html (self-contained and printable).",
            DefaultValueFactory = _ => "markdown",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write (replaced atomically); standard output when omitted.",
            HelpName = "file",
        };
        var product = new Option<string?>("--product")
        {
            Description = "The product (or organization) the standard is for, shown in the title and scope.",
            HelpName = "name",
        };
        var date = new Option<string?>("--date")
        {
            Description = "The issue date printed on the document (yyyy-MM-dd); none by default, so the output depends only on its inputs.",
            HelpName = "yyyy-MM-dd",
        };

        var command = new Command(Name, "Writes the secure coding standard (IEC 62443-4-1 SI-2) from the rule catalog: every rule with its rationale, CWE and IEC 62443-4-1 mapping and the severity the build enforces, with the deviations of the supplier's configuration from the profile.")
        {
            profile, config, format, output, product, date,
        };
        command.SetAction((parse, cancellationToken) => StandardRunner.RunAsync(
            new StandardOptions(
                parse.GetValue(profile) ?? "recommended",
                parse.GetValue(config) ?? Array.Empty<string>(),
                parse.GetValue(format) ?? "markdown",
                parse.GetValue(output),
                parse.GetValue(product),
                parse.GetValue(date)),
            settings,
            cancellationToken));
        return command;
    }
}
