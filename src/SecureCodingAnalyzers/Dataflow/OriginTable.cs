using System.Collections.Generic;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The origins of one method analysis as bits of a 64-bit mask: each bit is an origin plus the sink kinds it has
/// been cleaned for, so a value's taint is one <c>ulong</c>, concatenation is OR, and sanitizing maps bits to their
/// cleaned variants. Past 64 origins the table degrades conservatively: new origins share the last bit and cleaning
/// keeps the uncleaned bit (more findings, never fewer), and the method is counted as degraded.
/// </summary>
internal sealed class OriginTable
{
    private const int Capacity = 64;

    private readonly List<(Origin Origin, SinkKind Clean)> _entries = new();
    private readonly Dictionary<(Origin, SinkKind), int> _index = new();

    public bool Overflowed { get; private set; }

    public (Origin Origin, SinkKind Clean) this[int bit] => _entries[bit];

    public ulong Bit(Origin origin, SinkKind clean = SinkKind.None)
    {
        if (_index.TryGetValue((origin, clean), out var i))
        {
            return 1UL << i;
        }

        // The last bit is kept for a raw (uncleaned) origin, so that overflowing origins share a bit that is never cleaned.
        if (_entries.Count >= Capacity - 1)
        {
            Overflowed = true;
            if (clean != SinkKind.None)
            {
                return 0;
            }

            if (_entries.Count == Capacity)
            {
                return 1UL << (Capacity - 1);
            }
        }

        _entries.Add((origin, clean));
        _index.Add((origin, clean), _entries.Count - 1);
        return 1UL << (_entries.Count - 1);
    }

    /// <summary>
    /// Cleans every origin in <paramref name="mask"/> for <paramref name="kinds"/>; with <paramref name="requires"/>,
    /// only origins already marked with it (a base-directory check cleans only normalized paths).
    /// </summary>
    public ulong Clean(ulong mask, SinkKind kinds, SinkKind requires = SinkKind.None)
    {
        var result = 0UL;
        for (var rest = mask; rest != 0; rest &= rest - 1)
        {
            var bit = TrailingZeros(rest);
            var (origin, clean) = _entries[bit];
            if ((clean & kinds) == kinds || (clean & requires) != requires)
            {
                result |= 1UL << bit;
                continue;
            }

            var cleaned = Bit(origin, clean | kinds);
            result |= cleaned == 0 ? 1UL << bit : cleaned;
        }

        return result;
    }

    public static int TrailingZeros(ulong value)
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
