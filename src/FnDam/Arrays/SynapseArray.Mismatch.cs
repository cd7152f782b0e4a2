using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Per-element constants under device mismatch: how they are stored and derived.</summary>
public sealed partial class SynapseArray
{
    /// <summary>The element's own k1 (without the temperature factor), k2, C_T and pulse shift δ; the nominal values
    /// when mismatch is off.</summary>
    private (double K1, double K2, double Capacitance, double Delta) Constants(int i, bool minus) =>
        Constants(minus ? _minusParameters : _plusParameters, i);

    /// <summary>Element <paramref name="i"/>'s constants in the half whose factors are <paramref name="own"/> (null:
    /// mismatch off, the nominal values).</summary>
    private (double K1, double K2, double Capacitance, double Delta) Constants(Half? own, int i) =>
        own is null ? (_nominal.K1, _nominal.K2, _nominal.Capacitance, _nominal.Delta) : own.Constants(i, _nominal);

    /// <summary>Eight single-precision values from <paramref name="source"/> + <paramref name="index"/>, widened to
    /// double (exactly); no bounds checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Widened(ref float source, nuint index) =>
        Vector512.WidenLower(Vector256.LoadUnsafe(ref source, index).ToVector512Unsafe());

    /// <summary>Eight elements' constants from their factors: the operations of <see cref="Half.Constants"/> lane by
    /// lane, so the vector and scalar paths agree bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> K1, Vector512<double> K2, Vector512<double> Capacitance, Vector512<double> Delta) Constants512(
        Vector512<double> area, Vector512<double> capacitance, Vector512<double> thickness, in Nominal nominal)
    {
        var k1 = Vector512.Create(nominal.K1) * (area / (capacitance * thickness));
        var k2 = Vector512.Create(nominal.K2) * thickness;
        var ct = Vector512.Create(nominal.Capacitance) * capacitance;
        var coupling = Vector512.Min(Vector512.Create(nominal.Coupling) / capacitance, Vector512.Create(MismatchSample.MaximumCoupling));
        return (k1, k2, ct, coupling * Vector512.Create(nominal.Amplitude));
    }

    /// <summary>The nominal element's constants (the factors act on them): k1 (without the temperature factor), k2, C_T,
    /// coupling ratio κ, pulse amplitude V_p and its pulse shift δ = κ·V_p.</summary>
    private readonly record struct Nominal(double K1, double K2, double Capacitance, double Coupling, double Amplitude, double Delta)
    {
        public Nominal(FnDamParameters parameters, double amplitude)
            : this(parameters.K1, parameters.K2, parameters.TotalCapacitance, parameters.CouplingRatio, amplitude, parameters.Shift(amplitude))
        {
        }
    }

    /// <summary>
    /// The mismatch of one half of every synapse: each element's sampled factors on A_T, C_T and t_ox.
    /// </summary>
    /// <remarks>
    /// <see cref="MismatchSpread.Sample"/> draws the factors in single precision, so these 12 bytes per element hold
    /// them exactly, and every kernel derives k1, k2, C_T and δ from them in double precision with the operations of
    /// <see cref="MismatchSample.Apply"/>: an element of the array is the element built from its sample, bit for bit.
    /// Holding three floats instead of four derived doubles takes 20 bytes per element off every pass over a large
    /// array, whose cost is memory traffic (decision 0026).
    /// </remarks>
    private sealed class Half(int count)
    {
        public float[] Area { get; } = new float[count];

        public float[] Capacitance { get; } = new float[count];

        public float[] Thickness { get; } = new float[count];

        /// <summary>Element <paramref name="i"/>'s k1 (without the temperature factor), k2, C_T and δ.</summary>
        public (double K1, double K2, double Capacitance, double Delta) Constants(int i, in Nominal nominal)
        {
            double area = Area[i], capacitance = Capacitance[i], thickness = Thickness[i];
            var coupling = Math.Min(nominal.Coupling / capacitance, MismatchSample.MaximumCoupling);
            return (nominal.K1 * (area / (capacitance * thickness)), nominal.K2 * thickness, nominal.Capacitance * capacitance, coupling * nominal.Amplitude);
        }

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
