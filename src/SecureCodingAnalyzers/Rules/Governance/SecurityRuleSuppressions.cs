using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace SecureCodingAnalyzers.Rules.Governance;

/// <summary>
/// What the governance rules and the evidence report agree on: which rule ids are security rules, and whether a
/// suppression's justification says anything. One definition, so SCR9001, SCR9002 and the suppression audit of
/// <c>secure-coding evidence report</c> never disagree.
/// </summary>
public static class SecurityRuleSuppressions
{
    /// <summary>The problem <see cref="JustificationProblem"/> reports for no text at all.</summary>
    public const string Missing = "missing justification";

    /// <summary>The problem <see cref="JustificationProblem"/> reports for text that holds the place of a reason.</summary>
    public const string Placeholder = "placeholder justification";

    /// <summary>Justifications that only hold the place of one (normalized: lower case letters and digits, single spaces).</summary>
    private static readonly ImmutableHashSet<string> Placeholders = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "pending", "todo", "tbd", "tbc", "fixme", "xxx", "na", "n a", "none", "no", "justification", "reason", "suppress",
        "suppressed", "ignore", "ignored", "temp", "temporary", "later");

    /// <summary>Words that mark a reason still to be written when they lead it: <c>TODO: explain</c>.</summary>
    private static readonly ImmutableHashSet<string> Markers = ImmutableHashSet.Create(StringComparer.Ordinal, "todo", "tbd", "fixme");

    /// <summary>The titles of this package's rules, normalized: Visual Studio's "Suppress in source" writes the title as the pragma's comment.</summary>
    private static readonly Lazy<ImmutableDictionary<string, string>> Titles = new(() =>
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in Catalog.Rules.All)
        {
            builder[descriptor.Id] = Normalize(descriptor.Title.ToString());
        }

        return builder.ToImmutable();
    });

    private static readonly Lazy<ImmutableHashSet<string>> GovernanceIds = new(() =>
    {
        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var descriptor in Catalog.Rules.All)
        {
            if (descriptor.Category == Catalog.RuleCategory.Governance)
            {
                builder.Add(descriptor.Id);
            }
        }

        return builder.ToImmutable();
    });

    /// <summary>
    /// True for the ids of security rules known without configuration: this package's (<c>SCRnnnn</c>), Security Code
    /// Scan's (<c>SCSnnnn</c>) and the Security category of the .NET SDK analyzers. The compiler matches suppressed
    /// ids case-sensitively (<see cref="StringComparison.Ordinal"/>); configuration keys ignore case.
    /// </summary>
    public static bool IsSecurityRule(string id, StringComparison comparison)
    {
        if (id.Length == 7 && HasDigits(id, 3) && (id.StartsWith("SCR", comparison) || id.StartsWith("SCS", comparison)))
        {
            return true;
        }

        if (id.Length != 6 || !id.StartsWith("CA", comparison) || !HasDigits(id, 2))
        {
            return false;
        }

        var n = int.Parse(id.Substring(2), System.Globalization.CultureInfo.InvariantCulture);
        return n is 2100 or 2109 or 2119 or 2153
            or (>= 2300 and <= 2330)
            or (>= 2350 and <= 2362)
            or (>= 3001 and <= 3012)
            or 3061 or 3075 or 3076 or 3077 or 3147
            or (>= 5350 and <= 5405);
    }

    /// <summary>
    /// True for this package's governance rules (category <see cref="Catalog.RuleCategory.Governance"/>: SCR9001,
    /// SCR9002): they watch the other suppressions and settings, so suppressing one of them hides those findings.
    /// Ids as the compiler matches them (case-sensitive).
    /// </summary>
    public static bool IsGovernanceRule(string id) => GovernanceIds.Value.Contains(id);

    /// <summary>
    /// Null when <paramref name="text"/> gives a reason; otherwise <see cref="Missing"/> (no text) or
    /// <see cref="Placeholder"/>: a placeholder (TODO, TBD, &lt;Pending&gt;, ...), only the suppressed ids
    /// (<paramref name="ids"/>), only the title of a suppressed rule of this package, no word at all, or a leading
    /// TODO/TBD/FIXME followed by fewer than two words (<c>TODO: remove with the legacy importer</c> gives a reason,
    /// <c>TODO: explain</c> does not).
    /// </summary>
    public static string? JustificationProblem(string? text, IReadOnlyCollection<string> ids)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Missing;
        }

        var normalized = Normalize(text!);
        foreach (var id in ids)
        {
            normalized = RemoveWord(normalized, id.ToLowerInvariant());
        }

        if (normalized.Length == 0 || Placeholders.Contains(normalized))
        {
            return Placeholder;
        }

        foreach (var id in ids)
        {
            if (Titles.Value.TryGetValue(id, out var title) && title == normalized)
            {
                return Placeholder;
            }
        }

        var words = normalized.Split(' ');
        if (Markers.Contains(words[0]) && words.Length < 3)
        {
            return Placeholder;
        }

        // A justification is words; a bare number or symbol is not one.
        foreach (var c in normalized)
        {
            if (char.IsLetter(c))
            {
                return null;
            }
        }

        return Placeholder;
    }

    private static bool HasDigits(string id, int from)
    {
        for (var i = from; i < id.Length; i++)
        {
            if (id[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-case letters and digits, runs of anything else as one space, trimmed.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    private static string RemoveWord(string normalized, string word)
    {
        var words = normalized.Split(' ');
        var kept = new List<string>(words.Length);
        foreach (var w in words)
        {
            if (w.Length > 0 && w != word)
            {
                kept.Add(w);
            }
        }

        return string.Join(" ", kept);
    }
}
