using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Counters a user of the array cares about: pulses, remaining range, floor, usage.</summary>
public sealed partial class SynapseArray
{
    /// <summary>Pulses each plus half has received so far, row-major.</summary>
    public ReadOnlySpan<int> PlusPulseCounts => _pulsesPlus ??= new int[Count];

    /// <summary>Pulses each minus half has received so far, row-major.</summary>
    public ReadOnlySpan<int> MinusPulseCounts => _pulsesMinus ??= new int[Count];

    /// <summary>Total pulses given to the array so far.</summary>
    public long TotalPulses
    {
        get
        {
            long total = 0;
            foreach (var c in PlusPulseCounts)
            {
                total += c;
            }

            foreach (var c in MinusPulseCounts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>Pulses per synapse (both halves), row-major.</summary>
    /// <param name="destination"><c>Rows·Columns</c> counts.</param>
    public void PulsesPerSynapse(Span<int> destination)
    {
        CheckLength(destination.Length, Count, "destination");
        var plus = PlusPulseCounts;
        var minus = MinusPulseCounts;
        for (var i = 0; i < Count; i++)
        {
            destination[i] = plus[i] + minus[i];
        }
    }

    /// <summary>Remaining programmable range of each synapse (V): <c>min(V⁺ − V_floor, V⁻ − V_floor)</c>, never
    /// negative; the span over which the synapse can still be moved both ways.</summary>
    /// <param name="destination"><c>Rows·Columns</c> values.</param>
    public void RemainingRange(Span<double> destination)
    {
        CheckLength(destination.Length, Count, "destination");
        for (var i = 0; i < Count; i++)
        {
            destination[i] = Math.Max(0.0, Math.Min(_plus[i], _minus[i]) - _floor);
        }
    }

    /// <summary>Elements (halves) at or below the floor voltage, where they can no longer be programmed.</summary>
    public int ElementsAtFloor
    {
        get
        {
            var n = 0;
            for (var i = 0; i < Count; i++)
            {
                n += (_plus[i] <= _floor ? 1 : 0) + (_minus[i] <= _floor ? 1 : 0);
            }

            return n;
        }
    }

    /// <summary>Synapses with at least one half at or below the floor (they can move in one direction at most).</summary>
    public int SynapsesAtFloor
    {
        get
        {
            var n = 0;
            for (var i = 0; i < Count; i++)
            {
                n += _plus[i] <= _floor || _minus[i] <= _floor ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>Common-mode voltage <c>(V⁺ + V⁻)/2</c> of each synapse (V), row-major.</summary>
    /// <param name="destination"><c>Rows·Columns</c> values.</param>
    /// <remarks>Every update, of either sign, lowers one half, so the common mode records how much a synapse has been
    /// used (model.md section 3).</remarks>
    public void CommonModeVoltages(Span<double> destination)
    {
        CheckLength(destination.Length, Count, "destination");
        for (var i = 0; i < Count; i++)
        {
            destination[i] = 0.5 * (_plus[i] + _minus[i]);
        }
    }

    /// <summary>Usage of each synapse (V): how far its common mode lies below a nominal element that only evolved
    /// freely, <c>V_ref(t) − (V⁺ + V⁻)/2</c> (see <see cref="ReferenceVoltage"/>).</summary>
    /// <param name="destination"><c>Rows·Columns</c> values.</param>
    /// <remarks>Zero for an unused nominal synapse; with mismatch an unused synapse shows its own offset from nominal.</remarks>
    public void Usage(Span<double> destination)
    {
        CommonModeVoltages(destination);
        for (var i = 0; i < Count; i++)
        {
            destination[i] = _referenceVoltage - destination[i];
        }
    }

    /// <summary>What one pulse of width <paramref name="width"/> at the preset's amplitude would move each half by now,
    /// relative to no pulse (model.md 1.3), at the element's own constants and the temperature factor, without applying
    /// it: the plus halves' changes into <paramref name="plus"/>, the minus halves' into <paramref name="minus"/> (V,
    /// negative; 0 for a half at or below the floor, which takes no pulse).</summary>
    /// <param name="width">Pulse width (s), positive.</param>
    /// <param name="plus">Changes of the plus halves, <c>Rows·Columns</c>.</param>
    /// <param name="minus">Changes of the minus halves, <c>Rows·Columns</c>.</param>
    public void PreviewPulseChanges(double width, Span<double> plus, Span<double> minus)
    {
        Guard.Positive(width, "width", "(s)");
        CheckLength(plus.Length, Count, "plus");
        CheckLength(minus.Length, Count, "minus");
        for (var i = 0; i < Count; i++)
        {
            plus[i] = _plus[i] > _floor ? RealisedChange(i, minusHalf: false, width) : 0.0;
            minus[i] = _minus[i] > _floor ? RealisedChange(i, minusHalf: true, width) : 0.0;
        }
    }

    /// <summary>Programming resolution of one half now, in bits (model.md 1.5), at the element's own constants.</summary>
    /// <param name="index">Synapse index.</param>
    /// <param name="minusHalf">Whether to ask about the minus half (else the plus half).</param>
    /// <returns><c>log2((V − V_floor)/max(|ΔV_min|, σ_read))</c>.</returns>
    public double ResolutionBits(int index, bool minusHalf)
    {
        if ((uint)index >= (uint)Count)
        {
            throw Guard.Invalid("index", index, $"index must be in [0, {Count - 1}]; got {index}.");
        }

        var v = minusHalf ? _minus[index] : _plus[index];
        var step = RealisedChange(index, minusHalf, Preset.MinimumWidth);
        return Devices.FnPhysics.ResolutionBits(v - _floor, step, Preset.ReadOut.NoiseSigma);
    }

    /// <summary>What a pulse of <paramref name="width"/> would move one half by now (model.md 1.3), at the element's own
    /// constants and the temperature factor.</summary>
    private double RealisedChange(int i, bool minusHalf, double width)
    {
        var c = Constants(i, minusHalf);
        return FnRules.RealisedChange<double, Lane1>(minusHalf ? _minus[i] : _plus[i], c.Delta, c.K1 * _k1Factor * width, c.K2);
    }
}
