using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace SecureCodingAnalyzers.Tool.Evidence.Diff;

/// <summary>How a result changed between the baseline and the current evidence.</summary>
public enum DiffStatus
{
    /// <summary>Only in the current evidence.</summary>
    New,

    /// <summary>Only in the baseline.</summary>
    Fixed,

    /// <summary>In both, unsuppressed in both.</summary>
    Unchanged,

    /// <summary>In both, suppressed in both.</summary>
    UnchangedSuppressed,

    /// <summary>In both, unsuppressed in the baseline and suppressed now.</summary>
    NewlySuppressed,

    /// <summary>In both, suppressed in the baseline and unsuppressed now (its suppression was removed or rejected).</summary>
    NewlyUnsuppressed,
}

/// <summary>One result of an evidence log, reduced to what the diff compares and reports.</summary>
/// <param name="Tool">The run's tool.driver.name.</param>
/// <param name="RuleId">The rule id.</param>
/// <param name="Level">The SARIF level (warning when absent, as SARIF defines).</param>
/// <param name="Uri">The primary location's uri (relative to the repository root in collected evidence), or empty.</param>
/// <param name="Line">The primary location's start line, or 0.</param>
/// <param name="Message">The message text.</param>
/// <param name="Fingerprint">partialFingerprints.primaryLocationLineHash, or null.</param>
/// <param name="Suppressed">True when at least one suppression is not rejected.</param>
/// <param name="Justification">The suppressions' kinds and justifications ("inSource: reason"), or null.</param>
public sealed record DiffResult(string Tool, string RuleId, string Level, string Uri, int Line, string Message, string? Fingerprint, bool Suppressed, string? Justification)
{
    /// <summary>"path:line" (or the path, or "(no location)").</summary>
    public string Location => Uri.Length == 0 ? "(no location)" : Line > 0 ? Uri + ":" + Line.ToString(CultureInfo.InvariantCulture) : Uri;

    /// <summary>The match key: tool, rule and fingerprint; tool, rule, uri and message without a fingerprint.</summary>
    public string Key => Fingerprint is { } f
        ? string.Join("\u0000", Tool, RuleId, "fp", f)
        : string.Join("\u0000", Tool, RuleId, "uri", Uri, Message);
}

/// <summary>One line of the diff: the current result (or the baseline's for a fixed one) and its baseline counterpart.</summary>
/// <param name="Status">How it changed.</param>
/// <param name="Result">The current result; the baseline's when <see cref="DiffStatus.Fixed"/>.</param>
/// <param name="Baseline">The baseline result, when there is one.</param>
public sealed record DiffEntry(DiffStatus Status, DiffResult Result, DiffResult? Baseline);

/// <summary>
/// Compares the results of two evidence logs. Results are matched by tool, rule id and the primaryLocationLineHash
/// fingerprint written by <c>evidence collect</c> (it hashes the flagged line's text, so it survives line shifts);
/// a result without one is matched by tool, rule id, uri and message. Several results with the same key are paired
/// in order. The entries are sorted by path, line, rule, tool and message, so the report is deterministic.
/// </summary>
public static class EvidenceDiff
{
    /// <summary>Compares <paramref name="baseline"/> with <paramref name="current"/>.</summary>
    public static IReadOnlyList<DiffEntry> Compare(IEnumerable<DiffResult> baseline, IEnumerable<DiffResult> current)
    {
        var pending = new Dictionary<string, Queue<DiffResult>>(StringComparer.Ordinal);
        foreach (var result in Sorted(baseline))
        {
            if (!pending.TryGetValue(result.Key, out var queue))
            {
                pending[result.Key] = queue = new Queue<DiffResult>();
            }

            queue.Enqueue(result);
        }

        var entries = new List<DiffEntry>();
        foreach (var result in Sorted(current))
        {
            if (pending.TryGetValue(result.Key, out var queue) && queue.Count > 0)
            {
                var old = queue.Dequeue();
                var status = (old.Suppressed, result.Suppressed) switch
                {
                    (false, false) => DiffStatus.Unchanged,
                    (true, true) => DiffStatus.UnchangedSuppressed,
                    (false, true) => DiffStatus.NewlySuppressed,
                    (true, false) => DiffStatus.NewlyUnsuppressed,
                };
                entries.Add(new DiffEntry(status, result, old));
            }
            else
            {
                entries.Add(new DiffEntry(DiffStatus.New, result, null));
            }
        }

        entries.AddRange(pending.Values.SelectMany(q => q).Select(r => new DiffEntry(DiffStatus.Fixed, r, null)));
        return entries.OrderBy(e => e.Status).ThenBy(e => e.Result, ResultOrder.Instance).ToList();
    }

    /// <summary>True when the entry is an unsuppressed result that the baseline did not have unsuppressed (new, or newly unsuppressed).</summary>
    public static bool IsNewFinding(DiffEntry entry)
        => (entry.Status is DiffStatus.New or DiffStatus.NewlyUnsuppressed) && !entry.Result.Suppressed;

    /// <summary>The results of an evidence log's runs.</summary>
    public static IReadOnlyList<DiffResult> Results(IEnumerable<JsonObject> runs)
    {
        var list = new List<DiffResult>();
        foreach (var run in runs)
        {
            var tool = run["tool"]?["driver"]?["name"]?.GetValue<string>() ?? string.Empty;
            var rules = run["tool"]?["driver"]?["rules"] as JsonArray;
            foreach (var result in (run["results"] as JsonArray ?? []).OfType<JsonObject>())
            {
                list.Add(Read(tool, rules, result));
            }
        }

        return list;
    }

    private static DiffResult Read(string tool, JsonArray? rules, JsonObject result)
    {
        var ruleId = Text(result["ruleId"])
            ?? Text(result["rule"]?["id"])
            ?? (Number(result["ruleIndex"]) is int index && rules is not null && index >= 0 && index < rules.Count ? Text(rules[index]?["id"]) : null)
            ?? string.Empty;
        var physical = (result["locations"] as JsonArray)?.FirstOrDefault()?["physicalLocation"];
        var suppressions = (result["suppressions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var active = suppressions.Where(s => Text(s["status"]) is null or "accepted").ToList();
        var justification = active.Count == 0
            ? null
            : string.Join("; ", active.Select(s => (Text(s["kind"]) ?? "suppressed") + (Text(s["justification"]) is { Length: > 0 } j ? ": " + j : string.Empty)));
        return new DiffResult(
            tool,
            ruleId,
            Text(result["level"]) ?? "warning",
            Text(physical?["artifactLocation"]?["uri"]) ?? string.Empty,
            Number(physical?["region"]?["startLine"]) ?? 0,
            Text(result["message"]?["text"]) ?? string.Empty,
            Text(result["partialFingerprints"]?[EvidenceCollector.FingerprintName]),
            active.Count > 0,
            justification);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static IEnumerable<DiffResult> Sorted(IEnumerable<DiffResult> results) => results.OrderBy(r => r, ResultOrder.Instance);

    private sealed class ResultOrder : IComparer<DiffResult>
    {
        public static readonly ResultOrder Instance = new();

        public int Compare(DiffResult? x, DiffResult? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var c = string.CompareOrdinal(x.Uri, y.Uri);
            c = c != 0 ? c : x.Line.CompareTo(y.Line);
            c = c != 0 ? c : string.CompareOrdinal(x.RuleId, y.RuleId);
            c = c != 0 ? c : string.CompareOrdinal(x.Tool, y.Tool);
            c = c != 0 ? c : string.CompareOrdinal(x.Message, y.Message);
            c = c != 0 ? c : string.CompareOrdinal(x.Fingerprint, y.Fingerprint);
            c = c != 0 ? c : x.Suppressed.CompareTo(y.Suppressed);
            return c != 0 ? c : string.CompareOrdinal(x.Justification, y.Justification);
        }
    }
}
