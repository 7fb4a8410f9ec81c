using System;
using System.Globalization;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// A NuGet version or version range as written in a build file: <c>1.2.3</c> (minimum version, inclusive),
/// <c>[1.2.3]</c> (exact), <c>[1.0, 2.0)</c>, <c>(1.0, )</c>, <c>(, 2.0]</c> and so on. Floating versions and text
/// NuGet would reject are not parsed (<see cref="TryParse"/> returns false): the rules leave them to SCR5001 and to
/// restore's own errors.
/// </summary>
internal readonly struct NuGetVersionRange
{
    private NuGetVersionRange(bool isBracketed, string? lower, bool lowerInclusive, string? upper, bool upperInclusive)
    {
        IsBracketed = isBracketed;
        Lower = lower;
        IsLowerInclusive = lowerInclusive;
        Upper = upper;
        IsUpperInclusive = upperInclusive;
    }

    /// <summary>True for the interval notation (<c>[</c> or <c>(</c>); false for a plain version.</summary>
    public bool IsBracketed { get; }

    /// <summary>The lower bound, or null when there is none.</summary>
    public string? Lower { get; }

    /// <summary>True when the lower bound is included (<c>[</c>).</summary>
    public bool IsLowerInclusive { get; }

    /// <summary>The upper bound, or null when there is none.</summary>
    public string? Upper { get; }

    /// <summary>True when the upper bound is included (<c>]</c>).</summary>
    public bool IsUpperInclusive { get; }

    /// <summary>True when the range allows exactly one version (<c>[1.2.3]</c> or <c>[1.2.3, 1.2.3]</c>).</summary>
    public bool IsExact
        => Lower is not null && Upper is not null && IsLowerInclusive && IsUpperInclusive && Compare(Lower, Upper) == 0;

    /// <summary>Parses a version or range; false for empty, floating, unevaluated or malformed text.</summary>
    public static bool TryParse(string text, out NuGetVersionRange range)
    {
        range = default;
        var value = text.Trim();
        if (value.Length == 0 || BuildFileRules.IsFloating(value) || BuildFileRules.IsUnevaluated(value))
        {
            return false;
        }

        var first = value[0];
        if (first != '[' && first != '(')
        {
            if (!IsVersion(value))
            {
                return false;
            }

            range = new NuGetVersionRange(false, value, true, null, false);
            return true;
        }

        var last = value[value.Length - 1];
        if (value.Length < 2 || (last != ']' && last != ')'))
        {
            return false;
        }

        var inner = value.Substring(1, value.Length - 2);
        var comma = inner.IndexOf(',');
        if (comma < 0)
        {
            // [1.2.3] is the only single-version form NuGet accepts.
            var exact = inner.Trim();
            if (first != '[' || last != ']' || !IsVersion(exact))
            {
                return false;
            }

            range = new NuGetVersionRange(true, exact, true, exact, true);
            return true;
        }

        if (inner.IndexOf(',', comma + 1) >= 0)
        {
            return false;
        }

        var lower = inner.Substring(0, comma).Trim();
        var upper = inner.Substring(comma + 1).Trim();
        if ((lower.Length > 0 && !IsVersion(lower)) || (upper.Length > 0 && !IsVersion(upper)))
        {
            return false;
        }

        if (lower.Length > 0 && upper.Length > 0 && Compare(lower, upper) > 0)
        {
            return false;
        }

        range = new NuGetVersionRange(true, lower.Length > 0 ? lower : null, first == '[', upper.Length > 0 ? upper : null, last == ']');
        return true;
    }

    /// <summary>True when <paramref name="version"/> lies in the range (false when it is not a version).</summary>
    public bool Contains(string version)
    {
        if (!IsVersion(version))
        {
            return false;
        }

        if (Lower is not null)
        {
            var lower = Compare(version, Lower);
            if (lower < 0 || (lower == 0 && !IsLowerInclusive))
            {
                return false;
            }
        }

        if (Upper is not null)
        {
            var upper = Compare(version, Upper);
            if (upper > 0 || (upper == 0 && !IsUpperInclusive))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Compares two NuGet versions: up to four numeric parts (missing parts are 0), then a release above any of its
    /// pre-releases, pre-release labels compared part by part (numeric parts numerically, others ordinally ignoring
    /// case); build metadata (<c>+...</c>) is ignored.
    /// </summary>
    public static int Compare(string left, string right)
    {
        Split(left, out var leftNumbers, out var leftLabel);
        Split(right, out var rightNumbers, out var rightLabel);
        for (var i = 0; i < 4; i++)
        {
            var l = i < leftNumbers.Length ? Number(leftNumbers[i]) : 0;
            var r = i < rightNumbers.Length ? Number(rightNumbers[i]) : 0;
            if (l != r)
            {
                return l.CompareTo(r);
            }
        }

        if (leftLabel.Length == 0 || rightLabel.Length == 0)
        {
            // A release sorts above its pre-releases.
            return (leftLabel.Length == 0 ? 1 : 0) - (rightLabel.Length == 0 ? 1 : 0);
        }

        var leftParts = leftLabel.Split('.');
        var rightParts = rightLabel.Split('.');
        for (var i = 0; i < Math.Min(leftParts.Length, rightParts.Length); i++)
        {
            var leftIsNumber = long.TryParse(leftParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var l);
            var rightIsNumber = long.TryParse(rightParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var r);
            var result = (leftIsNumber, rightIsNumber) switch
            {
                (true, true) => l.CompareTo(r),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.Compare(leftParts[i], rightParts[i], StringComparison.OrdinalIgnoreCase),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return leftParts.Length.CompareTo(rightParts.Length);
    }

    /// <summary>True for <c>1</c> to four dot-separated numbers, optionally followed by <c>-label</c> and <c>+metadata</c>.</summary>
    public static bool IsVersion(string text)
    {
        if (text.Length == 0 || text.IndexOf(' ') >= 0)
        {
            return false;
        }

        Split(text, out var numbers, out var label);
        if (numbers.Length is < 1 or > 4)
        {
            return false;
        }

        foreach (var number in numbers)
        {
            if (number.Length == 0 || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        foreach (var c in label)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-'))
            {
                return false;
            }
        }

        return text.IndexOf('-') < 0 || label.Length > 0;
    }

    private static void Split(string version, out string[] numbers, out string label)
    {
        var plus = version.IndexOf('+');
        var withoutMetadata = plus >= 0 ? version.Substring(0, plus) : version;
        var dash = withoutMetadata.IndexOf('-');
        label = dash >= 0 ? withoutMetadata.Substring(dash + 1) : string.Empty;
        numbers = (dash >= 0 ? withoutMetadata.Substring(0, dash) : withoutMetadata).Split('.');
    }

    private static long Number(string text)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
