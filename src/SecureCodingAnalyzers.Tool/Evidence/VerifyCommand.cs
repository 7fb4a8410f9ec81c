using System.CommandLine;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>The <c>evidence verify</c> and <c>evidence manifest</c> commands: their arguments and help text.</summary>
public static class VerifyCommand
{
    /// <summary>The verify command's name.</summary>
    public const string Name = "verify";

    /// <summary>The manifest command's name.</summary>
    public const string ManifestName = "manifest";

    /// <summary>Creates the <c>verify</c> command.</summary>
    public static Command Create(ToolSettings settings)
    {
        var bundle = Bundle();
        var command = new Command(Name, $"Checks an evidence bundle against its {BundleManifest.FileName}: recomputes the size and SHA-256 of every listed file and reports each as OK, MISMATCH or MISSING, and files in the folder that the manifest does not list as EXTRA. Exit code 0 when everything matches, 1 when anything differs, 2 when the manifest is missing or malformed.")
        {
            bundle,
        };
        command.SetAction((parse, cancellationToken) => VerifyRunner.VerifyAsync(parse.GetValue(bundle), settings, cancellationToken));
        return command;
    }

    /// <summary>Creates the <c>manifest</c> command.</summary>
    public static Command CreateManifest(ToolSettings settings)
    {
        var bundle = Bundle();
        var command = new Command(ManifestName, $"(Re)writes the bundle's {BundleManifest.FileName} (atomically) after files were added to or changed in the folder, e.g. the coding standard or a report: every file of the folder and its subfolders with size and SHA-256, the tool version and the commit of evidence.sarif.")
        {
            bundle,
        };
        command.SetAction((parse, cancellationToken) => VerifyRunner.WriteManifestAsync(parse.GetValue(bundle), settings, cancellationToken));
        return command;
    }

    private static Argument<string?> Bundle() => new("bundle-dir")
    {
        Description = "The evidence bundle folder (default: <root>/artifacts/evidence, where collect writes it; <root> is the git root of the current folder, else the current folder).",
        Arity = ArgumentArity.ZeroOrOne,
    };
}
