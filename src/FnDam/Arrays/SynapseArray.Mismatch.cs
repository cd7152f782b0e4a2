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
    internal ElementConstants<double> Constants(int i, bool minus)
    {
        var own = minus ? _minusParameters : _plusParameters;
        return own is null
            ? FnRules.Constants<double, Lane1>(_nominal)
            : FnRules.StoredConstants<double, Lane1>(_nominal, own.K1[i], own.Capacitance[i], own.Thickness[i], own.Delta[i]);
    }

    /// <summary>The nominal element's constants (the factors act on them).</summary>
    private static NominalElement NominalOf(FnDamParameters parameters, double amplitude) =>
        new(parameters.K1, parameters.K2, parameters.TotalCapacitance, parameters.CouplingRatio, MismatchSample.MaximumCoupling, amplitude, parameters.Shift(amplitude));

    /// <summary>Both halves' factors as references for a kernel that programs the half each request picks: the pulse
    /// driver and the width solve (empty when mismatch is off, and then never read).</summary>
    private readonly ref struct PairFactors
    {
        public readonly ref double K1Plus;
        public readonly ref double K1Minus;
        public readonly ref double DeltaPlus;
        public readonly ref double DeltaMinus;
        public readonly ref float CapacitancePlus;
        public readonly ref float CapacitanceMinus;
        public readonly ref float ThicknessPlus;
        public readonly ref float ThicknessMinus;

        public PairFactors(HalfFactors? plus, HalfFactors? minus)
        {
            On = plus is not null;
            K1Plus = ref MemoryMarshal.GetArrayDataReference(plus?.K1 ?? []);
            K1Minus = ref MemoryMarshal.GetArrayDataReference(minus?.K1 ?? []);
            DeltaPlus = ref MemoryMarshal.GetArrayDataReference(plus?.Delta ?? []);
            DeltaMinus = ref MemoryMarshal.GetArrayDataReference(minus?.Delta ?? []);
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
            FnRules.StoredConstants<V, L>(
                element,
                L.Select(toMinus, L.Load(ref K1Minus, n), L.Load(ref K1Plus, n)),
                L.Select(toMinus, L.LoadWidened(ref CapacitanceMinus, n), L.LoadWidened(ref CapacitancePlus, n)),
                L.Select(toMinus, L.LoadWidened(ref ThicknessMinus, n), L.LoadWidened(ref ThicknessPlus, n)),
                L.Select(toMinus, L.Load(ref DeltaMinus, n), L.Load(ref DeltaPlus, n)));
    }

    /// <summary>
    /// The mismatch of one half of every synapse: each element's sampled factors on C_T and t_ox, and its k1 and δ,
    /// derived once from its factors.
    /// </summary>
    /// <remarks>
    /// <see cref="MismatchSpread.Sample"/> draws the factors in single precision, so floats hold them exactly. k1 and δ
    /// are derived from them when the array is built, in double precision with the operations of
    /// <see cref="MismatchSample.Apply"/> (<see cref="FnRules.Constants{V, L}(in NominalElement, V, V, V)"/>), and stored:
    /// their derivation holds both of its divisions, which the compute-bound passes of a four-lane machine would
    /// otherwise repeat for every element on every pass (decision 0091). k2 and C_T are one multiplication each and are
    /// formed from the floats in the kernels (<see cref="FnRules.StoredConstants{V, L}"/>). An element of the array is
    /// the element built from its sample, bit for bit. 24 bytes per element; four doubles would take 32 (decision 0026).
    /// </remarks>
    private sealed class HalfFactors(int count)
    {
        /// <summary>k1 before the temperature factor, <c>k1_n·a/(c·t)</c> (1/s).</summary>
        public double[] K1 { get; } = new double[count];

        /// <summary>The pulse shift δ = min(κ_n/c, κ_max)·V_p (V).</summary>
        public double[] Delta { get; } = new double[count];

        /// <summary>The factor on C_T.</summary>
        public float[] Capacitance { get; } = new float[count];

        /// <summary>The factor on t_ox.</summary>
        public float[] Thickness { get; } = new float[count];

        /// <summary>Draws element <paramref name="i"/>'s factors and derives its k1 and δ; returns its initial
        /// voltage.</summary>
        public double Set(int i, FnDamPreset preset, in NominalElement nominal, SeededRandom stream)
        {
            var sample = preset.Mismatch.Sample(stream);
            var (area, capacitance, thickness) = (Exactly(sample.AreaFactor), Exactly(sample.CapacitanceFactor), Exactly(sample.ThicknessFactor));
            var constants = FnRules.Constants<double, Lane1>(nominal, area, capacitance, thickness);
            K1[i] = constants.K1;
            Delta[i] = constants.Delta;
            Capacitance[i] = capacitance;
            Thickness[i] = thickness;
            return preset.InitialVoltage + sample.InitialVoltageOffset;
        }

        private static float Exactly(double factor)
        {
            var single = (float)factor;
            return single == factor ? single : throw new InvalidOperationException($"mismatch factor {factor:R} is not a single-precision value.");
        }
    }
}
