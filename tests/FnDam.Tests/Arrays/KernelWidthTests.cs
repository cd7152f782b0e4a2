using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Arrays;

/// <summary>
/// Every lane width of the array's kernels gives the same array state, bit for bit, as the scalar lane: voltages, ahead
/// times (through the next evolution), pulse counts, per-pulse energies, batch results and the ledger. Each width runs
/// on every machine (in software where the hardware lacks it), so no case depends on the processor.
/// </summary>
public sealed class KernelWidthTests
{
    private static readonly FnDamPreset Preset = Presets.Default;

    public static TheoryData<string, bool> VectorWidths()
    {
        var data = new TheoryData<string, bool>();
        foreach (var width in LaneDispatch.All.Where(w => w != KernelWidth.Scalar))
        {
            data.Add(width.ToString(), false);
            data.Add(width.ToString(), true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorWidths))]
    public void ArrayState_IsBitIdentical_ToTheScalarLane(string widthName, bool mismatch)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        // 37×29 = 1073 synapses: longer than the prefetch distance, and an odd tail at every width.
        var options = new SynapseArrayOptions(Seed: 90, Mismatch: mismatch);
        var scalar = new SynapseArray(37, 29, Preset, options) { Width = KernelWidth.Scalar };
        var vector = new SynapseArray(37, 29, Preset, options) { Width = width };
        var log = new List<string>();
        Run(scalar, log);
        var expected = log.ToArray();
        log.Clear();
        Run(vector, log);
        Assert.Equal(expected.Length, log.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(expected[k] == log[k], $"{width}, mismatch {mismatch}: step {k} differs.\nscalar: {expected[k]}\n{width}: {log[k]}");
        }

        // The sequence must exercise every branch: pulses, skips, refusals at the floor, elements left ahead.
        var batches = expected.Where(line => line.StartsWith("pulses", StringComparison.Ordinal)).ToArray();
        Assert.True(batches.Any(line => !line.Contains("floor 0 ", StringComparison.Ordinal)), "no request was refused at the floor:\n" + string.Join('\n', batches.Select(b => b[..60])));
    }

    [Theory]
    [InlineData("Vector512")]
    [InlineData("Vector256")]
    [InlineData("Vector128")]
    public void ForwardProduct_IsBitIdentical_ToTheScalarLane_AtEveryRowLength(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var columns in new[] { 1, 2, 3, 7, 8, 9, 29, 784 })
        {
            var options = new SynapseArrayOptions(Seed: 12, Mismatch: true);
            var scalar = new SynapseArray(5, columns, Preset, options) { Width = KernelWidth.Scalar };
            var vector = new SynapseArray(5, columns, Preset, options) { Width = width };
            var weights = new double[5 * columns];
            var random = new SeededRandom(4);
            for (var i = 0; i < weights.Length; i++)
            {
                // Weights of mixed sign and size, so that the order of the additions shows in the last bits.
                weights[i] = (random.NextDouble() - 0.5) * Math.Pow(10, (i % 5) - 3);
            }

            scalar.SetWeights(weights);
            vector.SetWeights(weights);
            var x = new double[columns];
            random.FillUniform(x);
            var (expected, actual) = (new double[5], new double[5]);
            scalar.Forward(x, expected);
            vector.Forward(x, actual);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

            // And the same value as the plain sum, to rounding.
            var read = new double[5 * columns];
            scalar.ReadWeights(read);
            var plain = Enumerable.Range(0, columns).Sum(c => read[c] * x[c]);
            Assert.Equal(plain, expected[0], Math.Abs(plain) * 1e-12 + 1e-18);
        }
    }

    [Theory]
    [InlineData("Vector512")]
    [InlineData("Vector256")]
    [InlineData("Vector128")]
    public void RealisedUpdateMeasurement_IsBitIdentical_ToTheScalarLane(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var (scalarDot, scalarSquared) = Measure(KernelWidth.Scalar);
        var (dot, squared) = Measure(width);
        Assert.True(scalarDot > 0.0 && scalarSquared > 0.0, "the steps must measure something");
        Assert.Equal(BitConverter.DoubleToInt64Bits(scalarDot), BitConverter.DoubleToInt64Bits(dot));
        Assert.Equal(BitConverter.DoubleToInt64Bits(scalarSquared), BitConverter.DoubleToInt64Bits(squared));
    }

    /// <summary>Three measured matched steps of a 13-7-3 network whose arrays run at <paramref name="width"/>; sparse
    /// gradients (zeros skipped) and some widths beyond T_max (left out of the measurement).</summary>
    private static (double Dot, double Squared) Measure(KernelWidth width)
    {
        var network = new FnDam.Learning.Mlp([13, 7, 3], FnDam.Learning.Activation.Sigmoid, 4);
        var backend = new FnDam.Learning.Backends.FnDamBackend(Preset, FnDam.Learning.Backends.FnDamEncoder.Matched);
        backend.Initialise(network, network.InitialWeights(new SeededRandom(3)), 5);
        foreach (var array in backend.Arrays)
        {
            array.Width = width;
        }

        var random = new SeededRandom(8);
        backend.BeginEpoch(0);
        for (var step = 0; step < 3; step++)
        {
            var time = 0.05 * (step + 1);
            backend.BeginStep(time);
            for (var layer = 0; layer < backend.Arrays.Count; layer++)
            {
                var gradient = new float[backend.Arrays[layer].Count];
                for (var i = 0; i < gradient.Length; i++)
                {
                    gradient[i] = i % 6 == 0 ? 0f : i % 11 == 3 ? 1e4f : (float)(random.NextDouble() - 0.5);
                }

                backend.Update(layer, gradient, 0.1, time, measure: true);
            }

            backend.EndStep(time, time + 0.05);
        }

        return (backend.RealisedDotRequested, backend.RequestedSquared);
    }

    [Theory]
    [InlineData("Vector512")]
    [InlineData("Vector256")]
    [InlineData("Vector128")]
    public void EveryLengthFrom1To257_GivesTheScalarLanesState(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        for (var n = 1; n <= 257; n++)
        {
            var options = new SynapseArrayOptions(Seed: (ulong)n, Mismatch: n % 2 == 0);
            var scalar = new SynapseArray(1, n, Preset, options) { Width = KernelWidth.Scalar };
            var vector = new SynapseArray(1, n, Preset, options) { Width = width };
            Assert.Equal(Short(scalar, n), Short(vector, n));
        }
    }

    /// <summary>Ageing with elements ahead, one pulse batch and one width solve on a 1×n array, as exact bit patterns.</summary>
    private static string Short(SynapseArray array, int n)
    {
        var random = new SeededRandom((ulong)n + 100);
        var widths = new double[n];
        for (var i = 0; i < n; i++)
        {
            widths[i] = i % 5 == 0 ? 0.0 : (random.NextDouble() - 0.5) * 4e-3;
        }

        array.AdvanceTo(3.0);
        var result = array.ApplyPulses(widths, new SeededRandom(9));
        var energies = string.Join(',', array.LastPulseSourceEnergies.ToArray().Select(Bits));
        array.AdvanceTo(3.0 + 1e-3);
        var solved = new double[n];
        array.SolveWidths(widths, solved);
        return $"n {n}: {result.Pulsed} {result.Skipped} {Bits(result.SourceEnergy)} {Bits(result.TunnelingDissipation)} {energies} {State(array)} "
            + $"{string.Join(',', solved.Select(Bits))} {Bits(array.Ledger.Leakage)}";
    }

    /// <summary>A fixed sequence of evolution, pulses (some halves driven to their floor first) and width solves, with
    /// every observable written to <paramref name="log"/> as exact bit patterns.</summary>
    private static void Run(SynapseArray array, List<string> log)
    {
        var n = array.Count;
        array.AdvanceTo(5.0);

        // Every fifth synapse programmed to just inside its reach, so its lowered half sits just above the floor.
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var reach = Preset.SynapseGain * (Math.Min(array.PlusVoltages[i], array.MinusVoltages[i]) - Preset.Parameters.FloorVoltage);
            weights[i] = i % 5 == 2 ? (i % 2 == 0 ? 1 : -1) * reach * (1.0 - 1e-12) : 0.0;
        }

        array.SetWeights(weights);
        var random = new SeededRandom(7);
        var widths = new double[n];
        for (var batch = 0; batch < 4; batch++)
        {
            for (var i = 0; i < n; i++)
            {
                var u = random.NextDouble();
                widths[i] = (i % 7) switch
                {
                    0 => 0.0,
                    1 => (u - 0.5) * 1e-6, // below a driver step: mostly rounded away
                    2 => weights[i] > 0 ? Preset.MaximumWidth : -Preset.MaximumWidth, // the lowered half, just above its floor
                    3 => u < 0.5 ? double.PositiveInfinity : double.NegativeInfinity,
                    _ => (u - 0.5) * 2e-3,
                };
            }

            var result = array.ApplyPulses(widths, new SeededRandom((ulong)batch + 11));
            log.Add($"pulses {result.Pulsed} skipped {result.Skipped} floor {result.AtFloor} source {Bits(result.SourceEnergy)} dissipation {Bits(result.TunnelingDissipation)}");
            log.Add("energies " + string.Join(',', array.LastPulseSourceEnergies.ToArray().Select(Bits)));
            log.Add(State(array));

            // Half of a pulse's width: elements stay ahead of the clock, then catch up.
            array.AdvanceTo(array.Time + (batch % 2 == 0 ? 5e-4 : 0.2));
            log.Add(State(array));
        }

        var changes = new double[n];
        for (var i = 0; i < n; i++)
        {
            changes[i] = i % 9 == 0 ? 0.0 : (random.NextDouble() - 0.5) * 1e-3;
        }

        array.SolveWidths(changes, widths);
        log.Add("solved " + string.Join(',', widths.Select(Bits)));
        log.Add($"ledger {Bits(array.Ledger.SourceEnergy)} {Bits(array.Ledger.TunnelingDissipation)} {Bits(array.Ledger.Leakage)} {array.Ledger.Updates}");
    }

    private static string State(SynapseArray array) =>
        $"plus {string.Join(',', array.PlusVoltages.ToArray().Select(Bits))} minus {string.Join(',', array.MinusVoltages.ToArray().Select(Bits))} "
        + $"counts {string.Join(',', array.PlusPulseCounts.ToArray())}/{string.Join(',', array.MinusPulseCounts.ToArray())}";

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
}
