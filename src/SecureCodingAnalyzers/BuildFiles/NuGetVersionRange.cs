using System;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// A NuGet version range as written in a build file or a lock file, with NuGet's meaning: <c>1.2.3</c> (a plain
/// version is the minimum, inclusive: the same range as <c>[1.2.3, )</c>), <c>[1.2.3]</c> (exact), <c>[1.0, 2.0)</c>,
/// <c>(1.0, )</c>, <c>(, 2.0]</c> and so on. Ranges are equal when they allow the same versions as NuGet compares them
/// (<see cref="NuGetVersion"/>), whatever the notation: <c>1.2</c> equals <c>[1.2.0, )</c>. Floating versions
/// (<c>1.*</c>), unevaluated MSBuild text and anything NuGet would reject are not parsed: the rules leave them to
/// SCR5001 and to restore's own errors.
/// </summary>
internal sealed class NuGetVersionRange : IEquatable<NuGetVersionRange>
{
    private NuGetVersionRange(bool isBracketed, NuGetVersion? min, bool minInclusive, NuGetVersion? max, bool maxInclusive)
    {
        IsBracketed = isBracketed;
        MinVersion = min;
        IsMinInclusive = min is not null && minInclusive;
        MaxVersion = max;
        IsMaxInclusive = max is not null && maxInclusive;
    }

    /// <summary>
    /// True when the text used the interval notation (<c>[</c> or <c>(</c>), false for a plain version. Only the
    /// notation: it plays no part in equality.
    /// </summary>
    public bool IsBracketed { get; }

    /// <summary>The lower bound, or null when there is none.</summary>
    public NuGetVersion? MinVersion { get; }

    /// <summary>True when there is a lower bound and it is included.</summary>
    public bool IsMinInclusive { get; }

    /// <summary>The upper bound, or null when there is none.</summary>
    public NuGetVersion? MaxVersion { get; }

    /// <summary>True when there is an upper bound and it is included.</summary>
    public bool IsMaxInclusive { get; }

    /// <summary>True when the range allows exactly one version (<c>[1.2.3]</c> or <c>[1.2.3, 1.2.3.0]</c>).</summary>
    public bool IsExact => MinVersion is not null && IsMinInclusive && IsMaxInclusive && MinVersion.Equals(MaxVersion);

    /// <summary>
    /// Parses a version or range as NuGet does, or returns null when it is not one: null, empty, floating or
    /// unevaluated text, a bad version, one bound in parentheses (<c>(1.0)</c>), no bound at all (<c>(,)</c>), more
    /// than two bounds, a lower bound above the upper one or a half-open range of one version (<c>[1.0, 1.0)</c>).
    /// Never throws.
    /// </summary>
    public static NuGetVersionRange? Parse(string? text)
    {
        var value = text?.Trim();
        if (value is null || value.Length == 0)
        {
            return null;
        }

        var first = value[0];
        if (first != '[' && first != '(')
        {
            return NuGetVersion.Parse(value) is { } minimum ? new NuGetVersionRange(false, minimum, true, null, false) : null;
        }

        var last = value[value.Length - 1];
        if (value.Length < 2 || (last != ']' && last != ')'))
        {
            return null;
        }

        var bounds = value.Substring(1, value.Length - 2).Split(',');
        if (bounds.Length == 1)
        {
            // [1.2.3] is the only one-version form; (1.2.3), [1.2.3) and (1.2.3] are not ranges.
            return first == '[' && last == ']' && NuGetVersion.Parse(bounds[0]) is { } exact
                ? new NuGetVersionRange(true, exact, true, exact, true)
                : null;
        }

        if (bounds.Length > 2)
        {
            return null;
        }

        var min = NuGetVersion.Parse(bounds[0]);
        var max = NuGetVersion.Parse(bounds[1]);
        if ((min is null && bounds[0].Trim().Length > 0) || (max is null && bounds[1].Trim().Length > 0) || (min is null && max is null))
        {
            return null;
        }

        if (min is not null && max is not null)
        {
            var order = min.CompareTo(max);
            if (order > 0 || (order == 0 && (first == '[') != (last == ']')))
            {
                return null;
            }
        }

        return new NuGetVersionRange(true, min, first == '[', max, last == ']');
    }

    /// <summary>True when <paramref name="version"/> lies in the range (NuGet's <c>Satisfies</c>).</summary>
    public bool Contains(NuGetVersion version)
    {
        if (MinVersion is not null)
        {
            var lower = version.CompareTo(MinVersion);
            if (lower < 0 || (lower == 0 && !IsMinInclusive))
            {
                return false;
            }
        }

        if (MaxVersion is not null)
        {
            var upper = version.CompareTo(MaxVersion);
            if (upper > 0 || (upper == 0 && !IsMaxInclusive))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when both ranges allow the same versions: same bounds (as versions) and inclusiveness; the notation does not count.</summary>
    public bool Equals(NuGetVersionRange? other)
        => other is not null
            && Equals(MinVersion, other.MinVersion) && IsMinInclusive == other.IsMinInclusive
            && Equals(MaxVersion, other.MaxVersion) && IsMaxInclusive == other.IsMaxInclusive;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NuGetVersionRange);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = MinVersion?.GetHashCode() ?? 0;
            hash = (hash * 397) ^ (MaxVersion?.GetHashCode() ?? 0);
            return (hash * 4) + (IsMinInclusive ? 2 : 0) + (IsMaxInclusive ? 1 : 0);
        }
    }

    /// <summary>
    /// The normalized form NuGet writes for a requested range in lock and assets files, always in interval notation:
    /// <c>[1.2.3, )</c>, <c>[1.0.0, 2.0.0)</c>, <c>(, 3.0.0]</c>, <c>[1.2.3, 1.2.3]</c>.
    /// </summary>
    public override string ToString()
        => (IsMinInclusive ? "[" : "(") + MinVersion + ", " + MaxVersion + (IsMaxInclusive ? "]" : ")");
}
