using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The taint of a value: a set of origin bits (<see cref="OriginTable"/>). The first 64 bits are stored inline, so
/// the common case costs one word and no allocation. Higher bits (long methods with many call sites and sources) are
/// stored sparsely, as sorted (word index, word) pairs with no empty word, so a value costs what it holds, not the
/// index of its highest origin: a method's length never makes every operation slower. Union is the only combination
/// the engine needs.
/// </summary>
internal readonly struct Taint : IEquatable<Taint>
{
    private readonly ulong _low;

    // Interleaved pairs: [word index, word, word index, word, ...], indexes ascending, words non-zero.
    private readonly ulong[]? _high;

    private Taint(ulong low, ulong[]? high)
    {
        _low = low;
        _high = high;
    }

    public static Taint None => default;

    public bool IsEmpty => _low == 0 && _high is null;

    public static Taint Bit(int index)
        => index < 64
            ? new Taint(1UL << index, null)
            : new Taint(0, new[] { (ulong)(index >> 6), 1UL << (index & 63) });

    public static Taint operator |(Taint a, Taint b)
    {
        if (b._high is null)
        {
            return b._low == 0 ? a : new Taint(a._low | b._low, a._high);
        }

        if (a._high is null || ReferenceEquals(a._high, b._high))
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

        return new Taint(a._low | b._low, Merge(a._high, b._high));
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

        if (_high is null || other._high is null || _high.Length != other._high.Length)
        {
            return false;
        }

        for (var i = 0; i < _high.Length; i++)
        {
            if (_high[i] != other._high[i])
            {
                return false;
            }
        }

        return true;
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

        for (var p = 0; p < _high.Length; p += 2)
        {
            var word = (int)_high[p];
            for (var rest = _high[p + 1]; rest != 0; rest &= rest - 1)
            {
                yield return (word << 6) + TrailingZeros(rest);
            }
        }
    }

    /// <summary>True when every bit of <paramref name="b"/> is in <paramref name="a"/> (both sorted pairs).</summary>
    private static bool Covers(ulong[] a, ulong[] b)
    {
        var i = 0;
        for (var j = 0; j < b.Length; j += 2)
        {
            while (i < a.Length && a[i] < b[j])
            {
                i += 2;
            }

            if (i >= a.Length || a[i] != b[j] || (a[i + 1] | b[j + 1]) != a[i + 1])
            {
                return false;
            }
        }

        return true;
    }

    private static ulong[] Merge(ulong[] a, ulong[] b)
    {
        var merged = new List<ulong>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j >= b.Length || (i < a.Length && a[i] < b[j]))
            {
                merged.Add(a[i]);
                merged.Add(a[i + 1]);
                i += 2;
            }
            else if (i >= a.Length || b[j] < a[i])
            {
                merged.Add(b[j]);
                merged.Add(b[j + 1]);
                j += 2;
            }
            else
            {
                merged.Add(a[i]);
                merged.Add(a[i + 1] | b[j + 1]);
                i += 2;
                j += 2;
            }
        }

        return merged.ToArray();
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
