using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The taint of the variables at one program point: a sparse, immutable, sorted map from slot to origin bits.
/// Slots never assigned in the method are absent and hold their initial value (a parameter's or field's own origin),
/// which <see cref="MethodAnalysis"/> supplies; most slots of most methods are never tainted, so states stay tiny.
/// </summary>
internal sealed class TaintState
{
    public static readonly TaintState Empty = new(Array.Empty<int>(), Array.Empty<Taint>());

    private readonly int[] _slots;
    private readonly Taint[] _masks;

    private TaintState(int[] slots, Taint[] masks)
    {
        _slots = slots;
        _masks = masks;
    }

    public int Count => _slots.Length;

    public int SlotAt(int i) => _slots[i];

    public Taint MaskAt(int i) => _masks[i];

    public static TaintState From(Dictionary<int, Taint> values)
    {
        if (values.Count == 0)
        {
            return Empty;
        }

        var slots = new int[values.Count];
        values.Keys.CopyTo(slots, 0);
        Array.Sort(slots);
        var masks = new Taint[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            masks[i] = values[slots[i]];
        }

        return new TaintState(slots, masks);
    }

    public void CopyTo(Dictionary<int, Taint> values)
    {
        values.Clear();
        for (var i = 0; i < _slots.Length; i++)
        {
            values[_slots[i]] = _masks[i];
        }
    }

    /// <summary>The union of two states; a slot present on one side only joins with the other side's initial value.</summary>
    public static TaintState Join(TaintState a, TaintState b, Func<int, Taint> initial)
    {
        if (ReferenceEquals(a, b) || b.Count == 0 && a.Count == 0)
        {
            return a;
        }

        var slots = new List<int>(a.Count + b.Count);
        var masks = new List<Taint>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (j >= b.Count || (i < a.Count && a._slots[i] < b._slots[j]))
            {
                slots.Add(a._slots[i]);
                masks.Add(a._masks[i] | initial(a._slots[i]));
                i++;
            }
            else if (i >= a.Count || b._slots[j] < a._slots[i])
            {
                slots.Add(b._slots[j]);
                masks.Add(b._masks[j] | initial(b._slots[j]));
                j++;
            }
            else
            {
                slots.Add(a._slots[i]);
                masks.Add(a._masks[i] | b._masks[j]);
                i++;
                j++;
            }
        }

        return new TaintState(slots.ToArray(), masks.ToArray());
    }

    public bool SameAs(TaintState other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other._slots.Length != _slots.Length)
        {
            return false;
        }

        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] != other._slots[i] || !_masks[i].Equals(other._masks[i]))
            {
                return false;
            }
        }

        return true;
    }
}
