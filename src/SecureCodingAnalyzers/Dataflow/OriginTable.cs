using System.Collections.Generic;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The origins of one method analysis as bits of a <see cref="Taint"/>: each bit is an origin plus the sink kinds it
/// has been cleaned for, so concatenation is a union and sanitizing maps bits to their cleaned variants. The table
/// has a hard budget; past it the analysis degrades conservatively: new origins share the last raw bit and cleaning
/// keeps the uncleaned bit (more findings, never fewer), and the method is counted as degraded.
/// </summary>
internal sealed class OriginTable
{
    /// <summary>Origins per method body (sources, parameters, call sites, fields and their cleaned variants).</summary>
    internal const int Capacity = 4096;

    private readonly List<(Origin Origin, SinkKind Clean)> _entries = new();
    private readonly Dictionary<(Origin, SinkKind), int> _index = new();

    public bool Overflowed { get; private set; }

    public (Origin Origin, SinkKind Clean) this[int bit] => _entries[bit];

    public Taint Bit(Origin origin, SinkKind clean = SinkKind.None)
    {
        if (_index.TryGetValue((origin, clean), out var i))
        {
            return Taint.Bit(i);
        }

        // The last bit is kept for a raw (uncleaned) origin, so that overflowing origins share a bit that is never cleaned.
        if (_entries.Count >= Capacity - 1)
        {
            Overflowed = true;
            if (clean != SinkKind.None)
            {
                return Taint.None;
            }

            if (_entries.Count == Capacity)
            {
                return Taint.Bit(Capacity - 1);
            }
        }

        _entries.Add((origin, clean));
        _index.Add((origin, clean), _entries.Count - 1);
        return Taint.Bit(_entries.Count - 1);
    }

    /// <summary>
    /// Cleans every origin in <paramref name="taint"/> for <paramref name="kinds"/>; with <paramref name="requires"/>,
    /// only origins already marked with it (a base-directory check cleans only normalized paths).
    /// </summary>
    public Taint Clean(Taint taint, SinkKind kinds, SinkKind requires = SinkKind.None)
    {
        if (taint.IsEmpty)
        {
            return taint;
        }

        var result = Taint.None;
        foreach (var bit in taint.Bits())
        {
            var (origin, clean) = _entries[bit];
            if ((clean & kinds) == kinds || (clean & requires) != requires)
            {
                result |= Taint.Bit(bit);
                continue;
            }

            var cleaned = Bit(origin, clean | kinds);
            result |= cleaned.IsEmpty ? Taint.Bit(bit) : cleaned;
        }

        return result;
    }
}
