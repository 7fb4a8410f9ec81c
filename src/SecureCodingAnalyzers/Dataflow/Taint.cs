using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The taint of a value: a set of origin bits (<see cref="OriginTable"/>). The first 64 bits are stored inline, so
/// the common case costs one word and no allocation; long methods with many call sites and sources spill into an
/// immutable array. Union is the only combination the engine needs.
/// </summary>
internal readonly struct Taint : IEquatable<Taint>
{
    private readonly ulong _low;
    private readonly ulong[]? _high;

    private Taint(ulong low, ulong[]? high)
    {
        _low = low;
        _high = high;
    }

    public static Taint None => default;

    public bool IsEmpty => _low == 0 && _high is null;

    public static Taint Bit(int index)
    {
        if (index < 64)
        {
            return new Taint(1UL << index, null);
        }

        var high = new ulong[(index >> 6)];
        high[(index >> 6) - 1] = 1UL << (index & 63);
        return new Taint(0, high);
    }

    public bool Contains(int index)
        => index < 64
            ? (_low & (1UL << index)) != 0
            : _high is { } high && (index >> 6) - 1 < high.Length && (high[(index >> 6) - 1] & (1UL << (index & 63))) != 0;

    public static Taint operator |(Taint a, Taint b)
    {
        if (b._high is null)
        {
            return b._low == 0 ? a : new Taint(a._low | b._low, a._high);
        }

        if (a._high is null)
        {
            return new Taint(a._low | b._low, b._high);
        }

        if (Covers(a._high, b._high))
        {
            return new Taint(a._low | b._low, a._high);
        }

        if (Covers(b._high, a._high))
        {
            return new Taint(a._low | b._low, b._high);
        }

        var merged = new ulong[Math.Max(a._high.Length, b._high.Length)];
        for (var i = 0; i < merged.Length; i++)
        {
            merged[i] = (i < a._high.Length ? a._high[i] : 0) | (i < b._high.Length ? b._high[i] : 0);
        }

        return new Taint(a._low | b._low, merged);
    }

    public bool Equals(Taint other)
    {
        if (_low != other._low)
        {
            return false;
        }

        if (ReferenceEquals(_high, other._high))
        {
            return true;
        }

        return _high is not null && other._high is not null && Covers(_high, other._high) && Covers(other._high, _high);
    }

    public override bool Equals(object? obj) => obj is Taint other && Equals(other);

    public override int GetHashCode() => _low.GetHashCode() ^ (_high?.Length ?? 0);

    /// <summary>The set bits, in increasing order.</summary>
    public IEnumerable<int> Bits()
    {
        for (var rest = _low; rest != 0; rest &= rest - 1)
        {
            yield return TrailingZeros(rest);
        }

        if (_high is null)
        {
            yield break;
        }

        for (var w = 0; w < _high.Length; w++)
        {
            for (var rest = _high[w]; rest != 0; rest &= rest - 1)
            {
                yield return ((w + 1) << 6) + TrailingZeros(rest);
            }
        }
    }

    private static bool Covers(ulong[] a, ulong[] b)
    {
        for (var i = 0; i < b.Length; i++)
        {
            if ((i < a.Length ? a[i] : 0) != ((i < a.Length ? a[i] : 0) | b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int TrailingZeros(ulong value)
    {
        var n = 0;
        while ((value & 1) == 0)
        {
            value >>= 1;
            n++;
        }

        return n;
    }
}
