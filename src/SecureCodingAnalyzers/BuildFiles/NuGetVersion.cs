using System;
using System.Globalization;
using System.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// A NuGet package version with NuGet's meaning: one to four numbers (missing ones are 0, so <c>1.2</c> is
/// <c>1.2.0</c> and <c>1.2.3.0</c> is <c>1.2.3</c>), an optional prerelease label (<c>-beta.2</c>, which sorts below
/// the release and compares case-insensitively, numeric identifiers by value) and optional build metadata
/// (<c>+sha.5</c>, checked for form and then ignored).
/// </summary>
internal sealed class NuGetVersion : IEquatable<NuGetVersion>, IComparable<NuGetVersion>
{
    private NuGetVersion(int major, int minor, int patch, int revision, string release)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Revision = revision;
        Release = release;
    }

    /// <summary>The first number.</summary>
    public int Major { get; }

    /// <summary>The second number (0 when not written).</summary>
    public int Minor { get; }

    /// <summary>The third number (0 when not written).</summary>
    public int Patch { get; }

    /// <summary>The fourth number (0 when not written).</summary>
    public int Revision { get; }

    /// <summary>The prerelease label as written, without the dash (<c>beta.2</c>), or empty for a release.</summary>
    public string Release { get; }

    /// <summary>True when the version has a prerelease label.</summary>
    public bool IsPrerelease => Release.Length > 0;

    /// <summary>
    /// Parses a version as NuGet does (surrounding white space allowed), or returns null when the text is not one:
    /// empty, more than four numbers, a number above <see cref="int.MaxValue"/>, an empty or non-ASCII label or
    /// metadata identifier, a numeric label identifier with a leading zero, floating (<c>1.*</c>) or unevaluated
    /// (<c>$(Version)</c>) text. Never throws.
    /// </summary>
    public static NuGetVersion? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var value = text.Trim();
        var plus = value.IndexOf('+');
        if (plus >= 0)
        {
            if (!AreIdentifiers(value.Substring(plus + 1), allowLeadingZeros: true))
            {
                return null;
            }

            value = value.Substring(0, plus);
        }

        var release = string.Empty;
        var dash = value.IndexOf('-');
        if (dash >= 0)
        {
            release = value.Substring(dash + 1);
            if (!AreIdentifiers(release, allowLeadingZeros: false))
            {
                return null;
            }

            value = value.Substring(0, dash);
        }

        var parts = value.Split('.');
        if (parts.Length > 4)
        {
            return null;
        }

        var numbers = new int[4];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return new NuGetVersion(numbers[0], numbers[1], numbers[2], numbers[3], release);
    }

    /// <summary>
    /// Orders versions as NuGet does: by the four numbers, then a release above its prereleases, then the labels
    /// identifier by identifier (numeric ones by value and below alphanumeric ones, alphanumeric ones ordinally
    /// ignoring case; a label that is a prefix of another sorts first). Build metadata plays no part.
    /// </summary>
    public int CompareTo(NuGetVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = Major.CompareTo(other.Major);
        result = result != 0 ? result : Minor.CompareTo(other.Minor);
        result = result != 0 ? result : Patch.CompareTo(other.Patch);
        result = result != 0 ? result : Revision.CompareTo(other.Revision);
        if (result != 0 || (!IsPrerelease && !other.IsPrerelease))
        {
            return result;
        }

        if (!IsPrerelease || !other.IsPrerelease)
        {
            return IsPrerelease ? -1 : 1;
        }

        var left = Release.Split('.');
        var right = other.Release.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var leftIsNumber = int.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var l);
            var rightIsNumber = int.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var r);
            result = (leftIsNumber, rightIsNumber) switch
            {
                (true, true) => l.CompareTo(r),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.Compare(left[i], right[i], StringComparison.OrdinalIgnoreCase),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    /// <summary>True when both are the same version (<see cref="CompareTo"/> is 0): <c>1.0</c> equals <c>1.0.0+build</c>.</summary>
    public bool Equals(NuGetVersion? other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NuGetVersion);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = Major;
            hash = (hash * 397) ^ Minor;
            hash = (hash * 397) ^ Patch;
            hash = (hash * 397) ^ Revision;
            return (hash * 397) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(Release);
        }
    }

    /// <summary>The normalized form NuGet writes in lock and assets files: three numbers, a fourth only when it is not 0, the label, no metadata.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Major).Append('.').Append(Minor).Append('.').Append(Patch);
        if (Revision != 0)
        {
            builder.Append('.').Append(Revision);
        }

        if (IsPrerelease)
        {
            builder.Append('-').Append(Release);
        }

        return builder.ToString();
    }

    /// <summary>Dot-separated, non-empty identifiers of ASCII letters, digits and dashes; numeric ones without leading zeros unless allowed.</summary>
    private static bool AreIdentifiers(string text, bool allowLeadingZeros)
    {
        foreach (var identifier in text.Split('.'))
        {
            if (identifier.Length == 0)
            {
                return false;
            }

            var numeric = true;
            foreach (var c in identifier)
            {
                var digit = c is >= '0' and <= '9';
                if (!digit && c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '-'))
                {
                    return false;
                }

                numeric &= digit;
            }

            if (numeric && !allowLeadingZeros && identifier.Length > 1 && identifier[0] == '0')
            {
                return false;
            }
        }

        return true;
    }
}
