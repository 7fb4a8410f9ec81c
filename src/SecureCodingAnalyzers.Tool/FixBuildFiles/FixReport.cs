using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.Tool.Projects;

namespace SecureCodingAnalyzers.Tool.FixBuildFiles;

/// <summary>One applied fix: where (in the file's final text), which rule, the fix's title, and the lines before and after.</summary>
public sealed class AppliedFix
{
    internal AppliedFix(string path, int position, string ruleId, string title, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        Path = path;
        Position = position;
        RuleId = ruleId;
        Title = title;
        Before = before;
        After = after;
    }

    /// <summary>The edited file.</summary>
    public string Path { get; }

    /// <summary>The rule whose finding was fixed.</summary>
    public string RuleId { get; }

    /// <summary>The fix's title, as the light bulb shows it.</summary>
    public string Title { get; }

    /// <summary>The edited lines before the fix (empty for an insertion).</summary>
    public IReadOnlyList<string> Before { get; }

    /// <summary>The edited lines after the fix (empty for a removal).</summary>
    public IReadOnlyList<string> After { get; }

    /// <summary>The 1-based line of the edit in the file's final text.</summary>
    public int Line { get; internal set; }

    /// <summary>The edit's position, kept up to date as later fixes edit the same file.</summary>
    internal int Position { get; set; }
}

/// <summary>A finding of a selected rule the tool left in place.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="RuleId">The rule.</param>
/// <param name="Message">The diagnostic's message.</param>
/// <param name="Reason">Why it was not fixed.</param>
public sealed record LeftFinding(string Path, int Line, string RuleId, string Message, string Reason);

/// <summary>What a run did, collected across projects, and its printed form.</summary>
public sealed class FixReport
{
    private readonly List<AppliedFix> _fixes = new();
    private readonly Dictionary<(string, int, string), LeftFinding> _left = new();
    private readonly HashSet<string> _errors = new(StringComparer.Ordinal);

    /// <summary>The applied fixes.</summary>
    public IReadOnlyList<AppliedFix> Fixes => _fixes;

    /// <summary>Findings left in place (one per file, line and rule).</summary>
    public IEnumerable<LeftFinding> Left => _left.Values;

    /// <summary>The errors (deduplicated).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Records an error; false when it was already recorded.</summary>
    public bool AddError(string message) => _errors.Add(message);

    /// <summary>Records a finding left in place (once per file, line and rule).</summary>
    public void AddLeft(LeftFinding finding) => _left.TryAdd((finding.Path, finding.Line, finding.RuleId), finding);

    /// <summary>
    /// Records the fixes of one Fix All in one file (one per owner: the finding each change was made for), shifting
    /// earlier fixes of the file past the new edits. Returns the number of fixes recorded.
    /// </summary>
    internal int AddFixes(string path, SourceText oldText, SourceText newText, IReadOnlyList<TextChange> changes, IReadOnlyList<(int ChangeIndex, int Owner, string RuleId, string Title)> attribution)
    {
        var ordered = changes.OrderBy(c => c.Span.Start).ToList();
        foreach (var fix in _fixes.Where(f => MSBuildProjectEvaluator.PathComparer.Equals(f.Path, path)))
        {
            fix.Position = Map(ordered, fix.Position);
        }

        var added = 0;
        foreach (var group in attribution.GroupBy(a => a.Owner).OrderBy(g => g.Min(a => a.ChangeIndex)))
        {
            var mine = group.Select(a => changes[a.ChangeIndex]).OrderBy(c => c.Span.Start).ToList();
            var oldSpan = TextSpan.FromBounds(mine[0].Span.Start, mine[^1].Span.End);
            var newStart = oldSpan.Start + ordered.Where(c => c.Span.Start < oldSpan.Start).Sum(c => c.NewText!.Length - c.Span.Length);
            var newEnd = newStart + (oldSpan.Length + mine.Sum(c => c.NewText!.Length - c.Span.Length));
            while (newStart < newEnd - 1 && newText[newStart] is '\r' or '\n')
            {
                // An insertion that starts with a line break is on the line after it.
                newStart++;
            }

            var newSpan = TextSpan.FromBounds(newStart, Math.Max(newStart, newEnd));
            var owner = group.First();
            _fixes.Add(new AppliedFix(path, newStart, owner.RuleId, owner.Title, Lines(oldText, oldSpan), Lines(newText, newSpan)));
            added++;
        }

        return added;
    }

    /// <summary>Computes each fix's final line from the final texts.</summary>
    internal void Resolve(Func<string, string?> finalText)
    {
        foreach (var fix in _fixes)
        {
            var text = SourceText.From(finalText(fix.Path) ?? string.Empty);
            fix.Line = text.Lines.GetLineFromPosition(Math.Min(fix.Position, text.Length)).LineNumber + 1;
        }
    }

    /// <summary>Prints the changes and the findings left, with paths relative to <paramref name="root"/>.</summary>
    public void Print(TextWriter output, string root, bool dryRun)
    {
        if (_fixes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(dryRun ? "Changes that would be made:" : "Changes:");
            foreach (var fix in _fixes.OrderBy(f => Relative(root, f.Path), StringComparer.Ordinal).ThenBy(f => f.Line))
            {
                output.WriteLine($"  {Relative(root, fix.Path)}({fix.Line}): {fix.RuleId} {fix.Title}");
                foreach (var line in fix.Before)
                {
                    output.WriteLine("      - " + line);
                }

                foreach (var line in fix.After)
                {
                    output.WriteLine("      + " + line);
                }
            }
        }

        if (_left.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Findings left for a decision:");
            foreach (var left in _left.Values.OrderBy(l => Relative(root, l.Path), StringComparer.Ordinal).ThenBy(l => l.Line).ThenBy(l => l.RuleId, StringComparer.Ordinal))
            {
                output.WriteLine($"  {Relative(root, left.Path)}({left.Line}): {left.RuleId} {left.Message} [{left.Reason}]");
            }
        }
    }

    /// <summary>A path relative to <paramref name="root"/>.</summary>
    public static string Relative(string root, string path) => System.IO.Path.GetRelativePath(root, path);

    private static int Map(List<TextChange> ordered, int position)
    {
        var shift = 0;
        foreach (var change in ordered)
        {
            if (change.Span.End <= position)
            {
                shift += change.NewText!.Length - change.Span.Length;
            }
            else if (change.Span.Start < position)
            {
                return change.Span.Start + shift;
            }
            else
            {
                break;
            }
        }

        return position + shift;
    }

    /// <summary>The trimmed lines a span covers (none for an empty span); a span ending after a line break stops there.</summary>
    private static IReadOnlyList<string> Lines(SourceText text, TextSpan span)
    {
        if (span.IsEmpty || span.Start >= text.Length)
        {
            return Array.Empty<string>();
        }

        // An insertion that starts with a line break shows from its first inserted line.
        var start = span.Start;
        while (start < span.End - 1 && (text[start] == '\r' || text[start] == '\n'))
        {
            start++;
        }

        span = TextSpan.FromBounds(start, span.End);
        var end = span.End;
        if (end > span.Start && end <= text.Length && (text[end - 1] == '\n' || text[end - 1] == '\r'))
        {
            end--;
            if (end > span.Start && text[end] == '\n' && text[end - 1] == '\r')
            {
                end--;
            }
        }

        var first = text.Lines.GetLineFromPosition(span.Start).LineNumber;
        var last = text.Lines.GetLineFromPosition(Math.Max(span.Start, Math.Min(end, text.Length))).LineNumber;
        var lines = new List<string>();
        for (var i = first; i <= last && lines.Count < 8; i++)
        {
            lines.Add(text.Lines[i].ToString().Trim());
        }

        return lines;
    }
}
