using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tool.Evidence.Diff;

namespace SecureCodingAnalyzers.Tool.Evidence.Report;

/// <summary>The options of <c>secure-coding evidence report</c>.</summary>
public sealed record ReportOptions(string Evidence, string? Baseline, string Format, string? Output, string? Product, string? Date);

/// <summary>
/// The <c>evidence report</c> command: a human-readable report (Markdown or printable HTML) of an evidence.sarif for
/// an assessor or a release record.
/// </summary>
public static class ReportCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "report";

    /// <summary>The output formats.</summary>
    public static readonly string[] Formats = ["markdown", "html"];

    /// <summary>Creates the command.</summary>
    public static Command Create(ToolSettings settings)
    {
        var evidence = new Option<string>("--evidence")
        {
            Description = "The evidence.sarif written by 'evidence collect'.",
            HelpName = "file",
            DefaultValueFactory = _ => "artifacts/evidence/evidence.sarif",
        };
        var baseline = new Option<string?>("--baseline")
        {
            Description = "The evidence.sarif of the previous release: adds the trend (new, fixed, unchanged results).",
            HelpName = "file",
        };
        var format = new Option<string>("--format")
        {
            Description = "markdown or html (one self-contained printable file: inline style and charts, no scripts).",
            DefaultValueFactory = _ => "markdown",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write (replaced atomically); standard output when omitted.",
            HelpName = "file",
        };
        var product = new Option<string?>("--product") { Description = "The product name printed in the title." };
        var date = new Option<string?>("--date")
        {
            Description = "The report date (yyyy-MM-dd); none by default, so the output depends only on its inputs.",
            HelpName = "yyyy-MM-dd",
        };

        var command = new Command(Name, "Writes a report of an evidence.sarif for assessors and release records: identity, scope and settings, results by severity, CWE and IEC 62443-4-1 requirement, open findings, the suppression audit, the trend against --baseline and what the evidence covers.")
        {
            evidence, baseline, format, output, product, date,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new ReportOptions(parse.GetValue(evidence) ?? "artifacts/evidence/evidence.sarif", parse.GetValue(baseline), parse.GetValue(format) ?? "markdown", parse.GetValue(output), parse.GetValue(product), parse.GetValue(date)),
            settings,
            cancellationToken));
        return command;
    }

    /// <summary>Runs the command; bad input throws <see cref="ToolException"/>.</summary>
    public static async Task<int> RunAsync(ReportOptions options, ToolSettings settings, CancellationToken cancellationToken)
    {
        if (options.Date is { } date && !DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ToolException($"--date '{date}' is not a date in the form yyyy-MM-dd.");
        }

        var full = Existing(options.Evidence, "--evidence");
        var runs = SarifInput.Read(full).Runs;
        ReportTrend? trend = null;
        if (options.Baseline is { } baselinePath)
        {
            var entries = EvidenceDiff.Compare(DiffRunner.Load(baselinePath, "--baseline"), EvidenceDiff.Results(runs));
            var counts = Enum.GetValues<DiffStatus>().ToDictionary(s => s, s => entries.Count(e => e.Status == s));
            trend = new ReportTrend(Shown(baselinePath), counts, entries.Where(EvidenceDiff.IsNewFinding).Select(e => e.Result).ToList());
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false)));
        var report = EvidenceReport.Create(runs, Shown(options.Evidence), sha, options.Product, options.Date, trend);
        var text = options.Format == "html" ? HtmlReportWriter.Write(report) : MarkdownReportWriter.Write(report);
        if (options.Output is null)
        {
            settings.Output.Write(text);
        }
        else
        {
            await OutputFile.WriteAtomicallyAsync(options.Output, text, cancellationToken).ConfigureAwait(false);
            settings.Output.WriteLine("secure-coding evidence report: " + ReportText.Summary(report) + " -> " + options.Output);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// A path as the report shows it: relative to the current folder when inside it, else the file name. The report
    /// goes to the manufacturer; a build machine's absolute paths are noise there and would make it differ between
    /// machines.
    /// </summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetFileName(path)
            : relative.Replace('\\', '/');
    }

    private static string Existing(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ToolException($"{option} is empty.");
        }

        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new ToolException($"{option} {full} does not exist{(Directory.Exists(full) ? " as a file (it is a folder; pass its evidence.sarif)" : string.Empty)}.");
    }
}
