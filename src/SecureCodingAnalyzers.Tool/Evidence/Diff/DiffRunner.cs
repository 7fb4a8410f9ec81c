using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool.Evidence.Diff;

/// <summary>The options of <c>secure-coding evidence diff</c>.</summary>
/// <param name="Baseline">The previous evidence.sarif; null (from <c>collect --fail-on</c> without <c>--baseline</c>) for none: every result is new.</param>
/// <param name="Current">The current evidence.sarif.</param>
/// <param name="FailOn">none, new, error or any.</param>
/// <param name="Format">text, json or markdown.</param>
/// <param name="Output">The report file; null for standard output.</param>
public sealed record DiffOptions(string? Baseline, string Current, string FailOn, string Format, string? Output);

/// <summary>
/// <c>secure-coding evidence diff</c>: reads two evidence logs, compares them (<see cref="EvidenceDiff"/>), writes the
/// report and applies the gate: <see cref="ExitCodes.GateFailed"/> when it fails, <see cref="ExitCodes.Error"/> for bad input.
/// </summary>
public static class DiffRunner
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly (DiffStatus Status, string Key, string Title)[] s_sections =
    [
        (DiffStatus.New, "new", "New"),
        (DiffStatus.Fixed, "fixed", "Fixed"),
        (DiffStatus.NewlyUnsuppressed, "newlyUnsuppressed", "Newly unsuppressed"),
        (DiffStatus.NewlySuppressed, "newlySuppressed", "Newly suppressed"),
        (DiffStatus.Unchanged, "unchanged", "Unchanged"),
        (DiffStatus.UnchangedSuppressed, "unchangedSuppressed", "Unchanged, suppressed"),
    ];

    /// <summary>Runs the command; returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <exception cref="ToolException">A missing or malformed input, or an unwritable output.</exception>
    public static Task<int> RunAsync(DiffOptions options, ToolSettings settings, CancellationToken cancellationToken)
        => RunAsync(options, options.Baseline is null ? [] : Load(options.Baseline, "--baseline"), settings, cancellationToken);

    /// <summary>Runs the command with the baseline's results read earlier (<see cref="Load"/>): collect reads them before it overwrites the file.</summary>
    /// <exception cref="ToolException">A missing or malformed current log, or an unwritable output.</exception>
    public static async Task<int> RunAsync(DiffOptions options, IReadOnlyList<DiffResult> baseline, ToolSettings settings, CancellationToken cancellationToken)
    {
        var current = Load(options.Current, "--current");
        cancellationToken.ThrowIfCancellationRequested();

        var entries = EvidenceDiff.Compare(baseline, current);
        var (failed, reason) = Gate(options.FailOn, entries, current);
        var report = options.Format switch
        {
            "json" => Json(options, entries, failed, reason),
            "markdown" => Markdown(options, entries, failed, reason),
            _ => Text(options, entries, failed, reason),
        };

        if (options.Output is null)
        {
            settings.Output.Write(report);
        }
        else
        {
            await OutputFile.WriteAtomicallyAsync(options.Output, report, cancellationToken).ConfigureAwait(false);
            settings.Output.WriteLine(Summary(entries) + " -> " + options.Output);
        }

        if (failed)
        {
            settings.Error.WriteLine($"secure-coding evidence diff: gate --fail-on {options.FailOn} failed: {reason}.");
            return ExitCodes.GateFailed;
        }

        return ExitCodes.Success;
    }

    /// <summary>Whether the gate fails, and why.</summary>
    public static (bool Failed, string Reason) Gate(string failOn, IReadOnlyList<DiffEntry> entries, IReadOnlyList<DiffResult> current)
    {
        int count;
        string what;
        switch (failOn)
        {
            case "new":
                count = entries.Count(EvidenceDiff.IsNewFinding);
                what = "new unsuppressed result(s)";
                break;
            case "error":
                count = entries.Count(e => EvidenceDiff.IsNewFinding(e) && e.Result.Level == "error");
                what = "new unsuppressed result(s) at level error";
                break;
            case "any":
                count = current.Count(r => !r.Suppressed);
                what = "unsuppressed result(s) in the current evidence";
                break;
            default:
                return (false, "no gate");
        }

        return (count > 0, count.ToString(CultureInfo.InvariantCulture) + " " + what);
    }

    /// <summary>The results of an evidence log; <paramref name="option"/> names it in errors.</summary>
    /// <exception cref="ToolException">The file is missing, not JSON or not SARIF 2.1.0.</exception>
    public static IReadOnlyList<DiffResult> Load(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ToolException($"{option} is empty.");
        }

        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ToolException($"{option} {full} does not exist{(Directory.Exists(full) ? " as a file (it is a folder; pass its evidence.sarif)" : string.Empty)}.");
        }

        return EvidenceDiff.Results(SarifInput.Read(full).Runs);
    }

    private static int Count(IReadOnlyList<DiffEntry> entries, DiffStatus status) => entries.Count(e => e.Status == status);

    private static string Summary(IReadOnlyList<DiffEntry> entries)
        => "secure-coding evidence diff: " + string.Join(", ", s_sections.Select(s => Count(entries, s.Status).ToString(CultureInfo.InvariantCulture) + " " + s.Title.ToLowerInvariant()));

    private static string GateLine(DiffOptions options, bool failed, string reason)
        => options.FailOn == "none" ? "Gate: none (--fail-on not set)" : $"Gate --fail-on {options.FailOn}: {(failed ? "FAILED" : "passed")} ({reason})";

    private static string Suppression(DiffEntry entry)
        => entry.Status switch
        {
            DiffStatus.NewlySuppressed or DiffStatus.UnchangedSuppressed => entry.Result.Justification ?? string.Empty,
            DiffStatus.NewlyUnsuppressed => entry.Baseline?.Justification is { } j ? "was " + j : string.Empty,
            _ when entry.Result.Suppressed => entry.Result.Justification ?? string.Empty,
            _ => string.Empty,
        };

    private static string Text(DiffOptions options, IReadOnlyList<DiffEntry> entries, bool failed, string reason)
    {
        var text = new StringBuilder();
        text.Append(Summary(entries)).Append('\n');
        text.Append("  baseline: ").Append(options.Baseline ?? "(none)").Append('\n');
        text.Append("  current:  ").Append(options.Current).Append('\n');
        foreach (var (status, _, title) in s_sections)
        {
            var list = entries.Where(e => e.Status == status).ToList();
            if (list.Count == 0)
            {
                continue;
            }

            text.Append('\n').Append(title).Append(" (").Append(list.Count.ToString(CultureInfo.InvariantCulture)).Append("):\n");
            foreach (var entry in list)
            {
                var r = entry.Result;
                text.Append("  ").Append(r.Level).Append(' ').Append(r.RuleId).Append(' ').Append(r.Location).Append(": ").Append(r.Message);
                if (Suppression(entry) is { Length: > 0 } s)
                {
                    text.Append(" [").Append(s).Append(']');
                }

                text.Append('\n');
            }
        }

        text.Append('\n').Append(GateLine(options, failed, reason)).Append('\n');
        return text.ToString();
    }

    private static string Markdown(DiffOptions options, IReadOnlyList<DiffEntry> entries, bool failed, string reason)
    {
        static string Cell(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

        var md = new StringBuilder();
        md.Append("# Secure coding evidence: changes\n\n");
        md.Append("Baseline: `").Append(options.Baseline ?? "(none)").Append("`  \nCurrent: `").Append(options.Current).Append("`\n\n");
        md.Append("| Change | Results |\n|---|---:|\n");
        foreach (var (status, _, title) in s_sections)
        {
            md.Append("| ").Append(title).Append(" | ").Append(Count(entries, status).ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        }

        md.Append('\n').Append("**").Append(GateLine(options, failed, reason)).Append("**\n");
        foreach (var (status, _, title) in s_sections)
        {
            var list = entries.Where(e => e.Status == status).ToList();
            if (list.Count == 0)
            {
                continue;
            }

            md.Append("\n## ").Append(title).Append(" (").Append(list.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n\n");
            md.Append("| Rule | Level | Location | Message | Suppression |\n|---|---|---|---|---|\n");
            foreach (var entry in list)
            {
                var r = entry.Result;
                md.Append("| ").Append(Cell(r.RuleId)).Append(" | ").Append(Cell(r.Level)).Append(" | `").Append(Cell(r.Location)).Append("` | ")
                    .Append(Cell(r.Message)).Append(" | ").Append(Cell(Suppression(entry))).Append(" |\n");
            }
        }

        return md.ToString();
    }

    private static string Json(DiffOptions options, IReadOnlyList<DiffEntry> entries, bool failed, string reason)
    {
        var counts = new JsonObject();
        foreach (var (status, key, _) in s_sections)
        {
            counts[key] = Count(entries, status);
        }

        var report = new JsonObject
        {
            ["format"] = "secure-coding-evidence-diff/1",
            ["baseline"] = options.Baseline,
            ["current"] = options.Current,
            ["gate"] = new JsonObject { ["failOn"] = options.FailOn, ["failed"] = failed, ["reason"] = reason },
            ["counts"] = counts,
        };
        foreach (var (status, key, _) in s_sections)
        {
            report[key] = new JsonArray(entries.Where(e => e.Status == status).Select(e => (JsonNode)Entry(e)).ToArray());
        }

        return report.ToJsonString(s_json) + "\n";
    }

    private static JsonObject Entry(DiffEntry entry)
    {
        var r = entry.Result;
        var json = new JsonObject
        {
            ["tool"] = r.Tool,
            ["ruleId"] = r.RuleId,
            ["level"] = r.Level,
            ["uri"] = r.Uri,
            ["line"] = r.Line,
            ["location"] = r.Location,
            ["message"] = r.Message,
            ["fingerprint"] = r.Fingerprint,
            ["suppressed"] = r.Suppressed,
        };
        if (r.Justification is { } j)
        {
            json["suppression"] = j;
        }

        if (entry.Baseline is { } b)
        {
            json["baselineLocation"] = b.Location;
            if (b.Justification is { } bj)
            {
                json["baselineSuppression"] = bj;
            }
        }

        return json;
    }
}
