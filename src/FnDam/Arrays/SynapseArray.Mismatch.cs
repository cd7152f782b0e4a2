using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Per-element constants under device mismatch: how they are stored and derived.</summary>
public sealed partial class SynapseArray
{
    /// <summary>The element's own k1 (without the temperature factor), k2, C_T and pulse shift δ; the nominal values
    /// when mismatch is off (<see cref="FnRules.Constants{V, L}(in NominalElement, V, V, V)"/> on one lane).</summary>
    private ElementConstants<double> Constants(int i, bool minus)
    {
        var own = minus ? _minusParameters : _plusParameters;
        return own is null
            ? FnRules.Constants<double, Lane1>(_nominal)
            : FnRules.Constants<double, Lane1>(_nominal, own.Area[i], own.Capacitance[i], own.Thickness[i]);
    }

    /// <summary>The nominal element's constants (the factors act on them).</summary>
    private static NominalElement NominalOf(FnDamParameters parameters, double amplitude) =>
        new(parameters.K1, parameters.K2, parameters.TotalCapacitance, parameters.CouplingRatio, MismatchSample.MaximumCoupling, amplitude, parameters.Shift(amplitude));

    /// <summary>Both halves' factors as references for a kernel that programs the half each request picks: the pulse
    /// driver and the width solve (empty when mismatch is off, and then never read).</summary>
    private readonly ref struct PairFactors
    {
        public readonly ref float AreaPlus;
        public readonly ref float AreaMinus;
        public readonly ref float CapacitancePlus;
        public readonly ref float CapacitanceMinus;
        public readonly ref float ThicknessPlus;
        public readonly ref float ThicknessMinus;

        public PairFactors(HalfFactors? plus, HalfFactors? minus)
        {
            On = plus is not null;
            AreaPlus = ref MemoryMarshal.GetArrayDataReference(plus?.Area ?? []);
            AreaMinus = ref MemoryMarshal.GetArrayDataReference(minus?.Area ?? []);
            CapacitancePlus = ref MemoryMarshal.GetArrayDataReference(plus?.Capacitance ?? []);
            CapacitanceMinus = ref MemoryMarshal.GetArrayDataReference(minus?.Capacitance ?? []);
            ThicknessPlus = ref MemoryMarshal.GetArrayDataReference(plus?.Thickness ?? []);
            ThicknessMinus = ref MemoryMarshal.GetArrayDataReference(minus?.Thickness ?? []);
        }

        /// <summary>Whether the elements have their own factors (mismatch on).</summary>
        public bool On { get; }

        /// <summary>The constants of the half each lane's request picks (<paramref name="toMinus"/>) for elements
        /// <paramref name="n"/>… (mismatch on; the kernels use the nominal constants otherwise).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ElementConstants<V> Constants<V, L>(in NominalElement element, V toMinus, nuint n)
            where V : unmanaged
            where L : struct, ILane<V> =>
            FnRules.Constants<V, L>(
                element,
                L.Select(toMinus, L.LoadWidened(ref AreaMinus, n), L.LoadWidened(ref AreaPlus, n)),
                L.Select(toMinus, L.LoadWidened(ref CapacitanceMinus, n), L.LoadWidened(ref CapacitancePlus, n)),
                L.Select(toMinus, L.LoadWidened(ref ThicknessMinus, n), L.LoadWidened(ref ThicknessPlus, n)));
    }

    /// <summary>
    /// The mismatch of one half of every synapse: each element's sampled factors on A_T, C_T and t_ox.
    /// </summary>
    /// <remarks>
    /// <see cref="MismatchSpread.Sample"/> draws the factors in single precision, so these 12 bytes per element hold
    /// them exactly, and every kernel derives k1, k2, C_T and δ from them in double precision with the operations of
    /// <see cref="MismatchSample.Apply"/> (<see cref="FnRules.Constants{V, L}(in NominalElement, V, V, V)"/>): an element of
    /// the array is the element built from its sample, bit for bit. Three floats instead of four derived doubles take
    /// 20 bytes per element off every pass over a large array, whose cost is memory traffic (decision 0026).
    /// </remarks>
    private sealed class HalfFactors(int count)
    {
        public float[] Area { get; } = new float[count];

        public float[] Capacitance { get; } = new float[count];

        public float[] Thickness { get; } = new float[count];

        /// <summary>Draws element <paramref name="i"/>'s factors; returns its initial voltage.</summary>
        public double Set(int i, FnDamPreset preset, SeededRandom stream)
        {
            var sample = preset.Mismatch.Sample(stream);
            Area[i] = Exactly(sample.AreaFactor);
            Capacitance[i] = Exactly(sample.CapacitanceFactor);
            Thickness[i] = Exactly(sample.ThicknessFactor);
            return preset.InitialVoltage + sample.InitialVoltageOffset;
        }

        private static float Exactly(double factor)
        {
            var single = (float)factor;
            return single == factor ? single : throw new InvalidOperationException($"mismatch factor {factor:R} is not a single-precision value.");
        }
    }
}
