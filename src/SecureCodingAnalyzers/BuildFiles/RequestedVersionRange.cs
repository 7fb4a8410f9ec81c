using System;
using System.Globalization;
using System.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// A NuGet version or version range as written in a project (<c>1.2.3</c>, <c>[1.2.3]</c>, <c>[1.0, 2.0)</c>,
/// <c>(, 3.0]</c>) or in a lock file (<c>[1.2.3, )</c>), compared by meaning: <c>1.2.3</c> in a project is
/// <c>[1.2.3, )</c> in the lock file, <c>1.2</c> is <c>1.2.0</c>, <c>1.2.3.0</c> is <c>1.2.3</c>, build metadata is
/// ignored and prerelease labels compare case-insensitively. Floating versions and text with MSBuild references are
/// not parsed (null): their meaning is not known here.
/// </summary>
internal sealed class RequestedVersionRange : IEquatable<RequestedVersionRange>
{
    private RequestedVersionRange(Version? min, bool minInclusive, Version? max, bool maxInclusive)
    {
        Min = min;
        MinInclusive = min is not null && minInclusive;
        Max = max;
        MaxInclusive = max is not null && maxInclusive;
    }

    /// <summary>The lower bound, or null.</summary>
    public Version? Min { get; }

    /// <summary>True when the lower bound is included.</summary>
    public bool MinInclusive { get; }

    /// <summary>The upper bound, or null.</summary>
    public Version? Max { get; }

    /// <summary>True when the upper bound is included.</summary>
    public bool MaxInclusive { get; }

    /// <summary>Parses a version or range, or returns null when it is not one (or floats, or is not evaluated).</summary>
    public static RequestedVersionRange? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var value = text.Trim();
        if (value.Length == 0 || BuildFileRules.IsFloating(value) || BuildFileRules.IsUnevaluated(value))
        {
            return null;
        }

        var first = value[0];
        if (first != '[' && first != '(')
        {
            return Version.Parse(value) is { } minimum ? new RequestedVersionRange(minimum, true, null, false) : null;
        }

        var last = value[value.Length - 1];
        if (value.Length < 2 || (last != ']' && last != ')'))
        {
            return null;
        }

        var inner = value.Substring(1, value.Length - 2);
        var comma = inner.IndexOf(',');
        if (comma < 0)
        {
            // [1.2.3] is the exact version; (1.2.3) is not a valid range.
            return first == '[' && last == ']' && Version.Parse(inner) is { } exact ? new RequestedVersionRange(exact, true, exact, true) : null;
        }

        if (inner.IndexOf(',', comma + 1) >= 0)
        {
            return null;
        }

        var minText = inner.Substring(0, comma).Trim();
        var maxText = inner.Substring(comma + 1).Trim();
        var min = minText.Length == 0 ? null : Version.Parse(minText);
        var max = maxText.Length == 0 ? null : Version.Parse(maxText);
        if ((minText.Length > 0 && min is null) || (maxText.Length > 0 && max is null) || (min is null && max is null))
        {
            return null;
        }

        return new RequestedVersionRange(min, first == '[', max, last == ']');
    }

    /// <inheritdoc/>
    public bool Equals(RequestedVersionRange? other)
        => other is not null
            && Equals(Min, other.Min) && MinInclusive == other.MinInclusive
            && Equals(Max, other.Max) && MaxInclusive == other.MaxInclusive;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RequestedVersionRange);

    /// <inheritdoc/>
    public override int GetHashCode() => (Min?.GetHashCode() ?? 0) ^ (Max?.GetHashCode() ?? 0);

    /// <summary>The range as NuGet writes it in lock and assets files: <c>[1.2.3, )</c>, <c>[1.0.0, 2.0.0)</c>.</summary>
    public override string ToString()
        => (MinInclusive ? "[" : "(") + Min + ", " + Max + (MaxInclusive ? "]" : ")");

    /// <summary>A NuGet version: up to four numbers and a prerelease label; build metadata is ignored.</summary>
    public sealed class Version : IEquatable<Version>
    {
        private readonly long[] _numbers;

        private Version(long[] numbers, string release)
        {
            _numbers = numbers;
            Release = release;
        }

        /// <summary>The prerelease label (without the dash), or empty.</summary>
        public string Release { get; }

        /// <summary>Parses <c>1</c>, <c>1.2</c>, <c>1.2.3</c>, <c>1.2.3.4</c>, each optionally <c>-label</c> and <c>+metadata</c>.</summary>
        public static Version? Parse(string text)
        {
            var value = text.Trim();
            var plus = value.IndexOf('+');
            if (plus >= 0)
            {
                value = value.Substring(0, plus);
            }

            var dash = value.IndexOf('-');
            var release = dash >= 0 ? value.Substring(dash + 1) : string.Empty;
            var core = dash >= 0 ? value.Substring(0, dash) : value;
            if ((dash >= 0 && release.Length == 0) || core.Length == 0)
            {
                return null;
            }

            var parts = core.Split('.');
            if (parts.Length > 4)
            {
                return null;
            }

            var numbers = new long[4];
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i].Length == 0 || parts[i].Length > 9
                    || !long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                {
                    return null;
                }
            }

            foreach (var c in release)
            {
                if (!(char.IsLetterOrDigit(c) || c == '.' || c == '-'))
                {
                    return null;
                }
            }

            return new Version(numbers, release);
        }

        /// <inheritdoc/>
        public bool Equals(Version? other)
        {
            if (other is null)
            {
                return false;
            }

            for (var i = 0; i < 4; i++)
            {
                if (_numbers[i] != other._numbers[i])
                {
                    return false;
                }
            }

            return ReleaseEquals(Release, other.Release);
        }

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as Version);

        /// <inheritdoc/>
        public override int GetHashCode() => (int)(_numbers[0] * 31 + _numbers[1] * 7 + _numbers[2]);

        /// <summary>The normalized form NuGet writes: three numbers, a fourth only when it is not zero, the label.</summary>
        public override string ToString()
        {
            var builder = new StringBuilder();
            builder.Append(_numbers[0]).Append('.').Append(_numbers[1]).Append('.').Append(_numbers[2]);
            if (_numbers[3] != 0)
            {
                builder.Append('.').Append(_numbers[3]);
            }

            if (Release.Length > 0)
            {
                builder.Append('-').Append(Release);
            }

            return builder.ToString();
        }

        /// <summary>Prerelease labels: identifiers compare case-insensitively, numeric ones by value.</summary>
        private static bool ReleaseEquals(string left, string right)
        {
            var a = left.Split('.');
            var b = right.Split('.');
            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                var numeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var x)
                    & long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var y);
                if (numeric ? x != y : !string.Equals(a[i], b[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
