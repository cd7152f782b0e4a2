using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Numerics;

namespace FnDam.Tests.Arrays;

/// <summary>The synapse array: exact evolution and pulses element by element, products, energy, bad input.</summary>
public sealed class SynapseArrayTests
{
    private static readonly FnDamPreset Preset = Presets.Default;

    private static double[] RandomWeights(int n, ulong seed, double scale)
    {
        var random = new SeededRandom(seed);
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = scale * ((2.0 * random.NextDouble()) - 1.0);
        }

        return w;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 13)]
    [InlineData(257, 129)]
    public void ForwardAndTransposed_AgreeWithNaiveLoop(int rows, int columns)
    {
        var array = new SynapseArray(rows, columns, Preset, new SynapseArrayOptions(Seed: 3));
        array.SetWeights(RandomWeights(rows * columns, 17, 0.5));
        array.AdvanceTo(10.0);
        var x = RandomWeights(columns, 19, 1.0);
        var d = RandomWeights(rows, 23, 1.0);
        var y = new double[rows];
        var z = new double[columns];
        array.Forward(x, y);
        array.Transposed(d, z);

        var g = Preset.SynapseGain;
        var plus = array.PlusVoltages;
        var minus = array.MinusVoltages;
        for (var r = 0; r < rows; r++)
        {
            double sum = 0.0, magnitude = 0.0;
            for (var c = 0; c < columns; c++)
            {
                var w = g * (plus[(r * columns) + c] - minus[(r * columns) + c]);
                sum += w * x[c];
                magnitude += Math.Abs(w * x[c]);
            }

            Assert.True(Math.Abs(sum - y[r]) <= 1e-13 * magnitude, $"forward row {r}: naive {sum:R}, array {y[r]:R}");
        }

        for (var c = 0; c < columns; c++)
        {
            double sum = 0.0, magnitude = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var w = g * (plus[(r * columns) + c] - minus[(r * columns) + c]);
                sum += w * d[r];
                magnitude += Math.Abs(w * d[r]);
            }

            Assert.True(Math.Abs(sum - z[c]) <= 1e-13 * magnitude, $"transposed column {c}: naive {sum:R}, array {z[c]:R}");
        }
    }

    [Fact]
    public void SetWeights_ReadsBackExactly_AndLowersOneHalf()
    {
        var array = new SynapseArray(3, 4, Preset, new SynapseArrayOptions(Seed: 5));
        var plusBefore = array.PlusVoltages.ToArray();
        var minusBefore = array.MinusVoltages.ToArray();
        var target = RandomWeights(12, 29, 0.3);
        array.SetWeights(target);
        var read = new double[12];
        array.ReadWeights(read);
        for (var i = 0; i < 12; i++)
        {
            Assert.True(Math.Abs(target[i] - read[i]) < 1e-12, $"synapse {i}: {target[i]:R} vs {read[i]:R}");
            var plusMoved = array.PlusVoltages[i] != plusBefore[i];
            var minusMoved = array.MinusVoltages[i] != minusBefore[i];
            Assert.False(plusMoved && minusMoved, $"synapse {i}: both halves moved");
            Assert.True(array.PlusVoltages[i] <= plusBefore[i] && array.MinusVoltages[i] <= minusBefore[i], $"synapse {i}: a half rose");
        }
    }

    [Fact]
    public void FreeEvolution_MatchesSingleElements_WithMismatch()
    {
        const ulong Seed = 41;
        var array = new SynapseArray(5, 7, Preset, new SynapseArrayOptions(Seed: Seed));
        Assert.True(array.HasMismatch);
        array.AdvanceTo(3.0);
        array.AdvanceTo(3e4);
        for (var i = 0; i < array.Count; i++)
        {
            foreach (var minus in new[] { false, true })
            {
                var (p, v0) = ArrayTestPresets.Element(Preset, Seed, (2 * i) + (minus ? 1 : 0));
                var element = new FnDamElement(p, v0);
                element.AdvanceTo(3.0);
                element.AdvanceTo(3e4);
                var actual = minus ? array.MinusVoltages[i] : array.PlusVoltages[i];
                Approx.Relative(element.Voltage, actual, 1e-14, $"element {i} {(minus ? "minus" : "plus")}");
            }
        }
    }

    [Fact]
    public void MismatchedElements_HaveTheConstantsOfTheElementBuiltFromTheirSample_BitForBit()
    {
        // k1 and δ are derived once when the array is built and stored, k2 and C_T formed per pass (decision 0091): both
        // must be exactly what MismatchSample.Apply gives the element drawn the documented way.
        const ulong Seed = 53;
        var array = new SynapseArray(3, 11, Preset, new SynapseArrayOptions(Seed: Seed));
        Assert.True(array.HasMismatch);
        var k1s = new HashSet<double>();
        for (var i = 0; i < array.Count; i++)
        {
            foreach (var minus in new[] { false, true })
            {
                var (p, _) = ArrayTestPresets.Element(Preset, Seed, (2 * i) + (minus ? 1 : 0));
                var c = array.Constants(i, minus);
                Assert.Equal(p.K1, c.K1);
                Assert.Equal(p.K2, c.K2);
                Assert.Equal(p.TotalCapacitance, c.Capacitance);
                Assert.Equal(p.Shift(Preset.PulseAmplitude), c.Delta);
                k1s.Add(c.K1);
            }
        }

        Assert.True(k1s.Count > array.Count, $"only {k1s.Count} distinct k1 among {2 * array.Count} elements: the mismatch does not reach k1");
    }

    [Fact]
    public void Pulses_MatchSingleElements_AndStepIsExact()
    {
        // A pulse of width T at the clock, then AdvanceTo(clock + Δt): pulse for T, free for Δt − T.
        const ulong Seed = 43;
        var preset = ArrayTestPresets.With(maximumWidth: 5e-3);
        var array = new SynapseArray(4, 9, preset, new SynapseArrayOptions(Seed: Seed, StartTime: 2.0));
        var request = RandomWeights(array.Count, 47, 8e-3);
        request[3] = 0.0;
        var result = array.ApplyPulses(request, new SeededRandom(7));
        array.AdvanceTo(2.0 + 0.02);

        // Replay the rounding: one draw of the stream seeds the batch's per-synapse uniforms.
        var seed = new SeededRandom(7).NextUInt64();
        var pulsed = 0;
        for (var i = 0; i < array.Count; i++)
        {
            var (pp, vp) = ArrayTestPresets.Element(preset, Seed, 2 * i);
            var (pm, vm) = ArrayTestPresets.Element(preset, Seed, (2 * i) + 1);
            var plus = new FnDamElement(pp, vp, 2.0);
            var minus = new FnDamElement(pm, vm, 2.0);
            if (request[i] != 0.0)
            {
                var q = Math.Min(Math.Abs(request[i]), preset.MaximumWidth) / preset.MinimumWidth;
                var n = Math.Floor(q) + (SynapseArray.RoundingUniform(seed, (ulong)i) < q - Math.Floor(q) ? 1.0 : 0.0);
                var width = n * preset.MinimumWidth;
                Assert.True(width <= preset.MaximumWidth + 1e-15);
                var target = request[i] > 0.0 ? minus : plus;
                target.ApplyPulse(new ProgrammingPulse(preset.PulseAmplitude, width));
                pulsed++;
            }

            plus.AdvanceTo(2.02);
            minus.AdvanceTo(2.02);
            Approx.Relative(plus.Voltage, array.PlusVoltages[i], 1e-13, $"plus {i}");
            Approx.Relative(minus.Voltage, array.MinusVoltages[i], 1e-13, $"minus {i}");
        }

        Assert.Equal(pulsed, result.Pulsed);
        Assert.Equal(0, result.AtFloor);
        Assert.Equal(pulsed, array.TotalPulses);
    }

    [Fact]
    public void FusedKernels_MatchSingleElements_ForEveryLengthUpTo33And257()
    {
        // The pulse and ageing kernels work eight lanes at a time with a scalar tail: every length from 1 to 33 and
        // 257 puts synapses in both paths. Pulses of up to 3 ms, then 2 ms of ageing (some stay ahead), then 1 s.
        const ulong Seed = 91;
        var preset = ArrayTestPresets.With(minimumWidth: 1e-4, maximumWidth: 3e-3);
        foreach (var n in Enumerable.Range(1, 33).Append(257))
        {
            var array = new SynapseArray(1, n, preset, new SynapseArrayOptions(Seed: Seed, StartTime: 5.0));
            var request = RandomWeights(n, (ulong)n, 3e-3);
            array.ApplyPulses(request, new SeededRandom(3));
            array.AdvanceTo(5.002);
            array.AdvanceTo(6.0);
            var seed = new SeededRandom(3).NextUInt64();
            for (var i = 0; i < n; i++)
            {
                var (pp, vp) = ArrayTestPresets.Element(preset, Seed, 2 * i);
                var (pm, vm) = ArrayTestPresets.Element(preset, Seed, (2 * i) + 1);
                var plus = new FnDamElement(pp, vp, 5.0);
                var minus = new FnDamElement(pm, vm, 5.0);
                var q = Math.Min(Math.Abs(request[i]), preset.MaximumWidth) / preset.MinimumWidth;
                var steps = Math.Floor(q) + (SynapseArray.RoundingUniform(seed, (ulong)i) < q - Math.Floor(q) ? 1.0 : 0.0);
                if (steps > 0.0)
                {
                    (request[i] > 0.0 ? minus : plus).ApplyPulse(new ProgrammingPulse(preset.PulseAmplitude, steps * preset.MinimumWidth));
                }

                plus.AdvanceTo(6.0);
                minus.AdvanceTo(6.0);
                Approx.Relative(plus.Voltage, array.PlusVoltages[i], 1e-13, $"n = {n}, plus {i}");
                Approx.Relative(minus.Voltage, array.MinusVoltages[i], 1e-13, $"n = {n}, minus {i}");
            }
        }
    }

    [Fact]
    public void PulseLongerThanTheInterval_StaysAheadUntilTheClockCatchesUp()
    {
        var preset = ArrayTestPresets.With(minimumWidth: 1e-3);
        var array = new SynapseArray(1, 1, preset, new SynapseArrayOptions(Mismatch: false));
        array.ApplyPulses([5e-3], new SeededRandom(1));
        array.AdvanceTo(2e-3);
        array.AdvanceTo(10e-3);
        var element = preset.CreateElement();
        element.ApplyPulse(new ProgrammingPulse(preset.PulseAmplitude, 5e-3));
        element.AdvanceTo(10e-3);
        Approx.Relative(element.Voltage, array.MinusVoltages[0], 1e-14, "pulsed half");
        var free = preset.CreateElement();
        free.AdvanceTo(10e-3);
        Approx.Relative(free.Voltage, array.PlusVoltages[0], 1e-14, "free half");
    }

    [Fact]
    public void Counters_TrackPulsesRangeAndUsage()
    {
        var preset = ArrayTestPresets.With(minimumWidth: 1e-3);
        var array = new SynapseArray(1, 3, preset, new SynapseArrayOptions(Mismatch: false));
        var rounding = new SeededRandom(1);
        array.ApplyPulses([2e-3, -2e-3, 0.0], rounding);
        array.AdvanceTo(1.0);
        array.ApplyPulses([2e-3, 2e-3, 0.0], rounding);
        array.AdvanceTo(2.0);
        var perSynapse = new int[3];
        array.PulsesPerSynapse(perSynapse);
        Assert.Equal([2, 2, 0], perSynapse);
        Assert.Equal([0, 1, 0], array.PlusPulseCounts.ToArray());
        Assert.Equal([2, 1, 0], array.MinusPulseCounts.ToArray());
        Assert.Equal(4L, array.TotalPulses);

        var usage = new double[3];
        array.Usage(usage);
        Assert.True(usage[0] > 0.0 && usage[1] > 0.0, "pulsed synapses are used");
        Assert.True(Math.Abs(usage[2]) < 1e-13, $"an unused nominal synapse has no usage; got {usage[2]:R}");

        // Synapse 0: both pulses on minus; synapse 1: one on each half, so the same count but a weight near zero.
        var common = new double[3];
        array.CommonModeVoltages(common);
        Assert.Equal(0.5 * (array.PlusVoltages[1] + array.MinusVoltages[1]), common[1]);
        var w = new double[3];
        array.ReadWeights(w);
        Assert.True(w[0] > 0.0 && Math.Abs(w[1]) < 0.1 * w[0]);

        var range = new double[3];
        array.RemainingRange(range);
        Assert.Equal(array.MinusVoltages[0] - preset.Parameters.FloorVoltage, range[0], 15);
        Assert.True(range[2] > range[0]);
        Assert.Equal(0, array.ElementsAtFloor);
        Assert.True(array.ResolutionBits(2, minusHalf: false) > array.ResolutionBits(0, minusHalf: true) - 1.0);
    }

    [Fact]
    public void Temperature_IsCommonMode_ForTheArray()
    {
        var cold = new SynapseArray(2, 2, Preset, new SynapseArrayOptions(Mismatch: false));
        var hot = new SynapseArray(2, 2, Preset, new SynapseArrayOptions(Mismatch: false));
        var weights = new[] { 0.05, -0.05, 0.02, 0.0 };
        cold.SetWeights(weights);
        hot.SetWeights(weights);
        hot.SetTemperature(310.0);
        Assert.True(hot.K1Factor > 1.05);
        cold.AdvanceTo(1e3);
        hot.AdvanceTo(1e3);
        var wc = new double[4];
        var wh = new double[4];
        cold.ReadWeights(wc);
        hot.ReadWeights(wh);
        for (var i = 0; i < 4; i++)
        {
            var halfShift = Math.Abs(hot.PlusVoltages[i] - cold.PlusVoltages[i]);
            Assert.True(halfShift > 1e-4, $"synapse {i}: halves should move with temperature");
            Assert.True(Math.Abs(wh[i] - wc[i]) / Preset.SynapseGain < 1e-3 * halfShift, $"synapse {i}: w moved with temperature");
        }
    }

    [Fact]
    public void VectorAndScalarPaths_GiveTheSameBatch()
    {
        // 8·k + r synapses exercise the lanes and the scalar tail; a one-column array per synapse count is all tail-free.
        foreach (var mismatch in new[] { false, true })
        {
            var whole = new SynapseArray(1, 37, Preset, new SynapseArrayOptions(Seed: 3, Mismatch: mismatch));
            var request = RandomWeights(37, 5, 4e-3);
            request[2] = 0.0;
            request[9] = 1e-9;
            var result = whole.ApplyPulses(request, new SeededRandom(8));
            var seed = new SeededRandom(8).NextUInt64();
            var pulsed = 0;
            var skipped = 0;
            for (var i = 0; i < 37; i++)
            {
                if (request[i] == 0.0)
                {
                    continue;
                }

                var q = Math.Abs(request[i]) / Preset.MinimumWidth;
                var n = Math.Floor(q) + (SynapseArray.RoundingUniform(seed, (ulong)i) < q - Math.Floor(q) ? 1.0 : 0.0);
                if (n == 0.0)
                {
                    skipped++;
                    Assert.Equal(0.0, whole.LastPulseSourceEnergies[i]);
                    continue;
                }

                pulsed++;
                var minus = request[i] > 0.0;
                var (p, v0) = mismatch ? ArrayTestPresets.Element(Preset, 3, (2 * i) + (minus ? 1 : 0)) : (Preset.Parameters, Preset.InitialVoltage);
                var outcome = new FnDamElement(p, v0).Preview(new ProgrammingPulse(Preset.PulseAmplitude, n * Preset.MinimumWidth));
                Approx.Relative(outcome.VoltageAfter, minus ? whole.MinusVoltages[i] : whole.PlusVoltages[i], 1e-14, $"synapse {i} (mismatch {mismatch})");
                Approx.Relative(outcome.SourceEnergy, whole.LastPulseSourceEnergies[i], 1e-12, $"energy {i} (mismatch {mismatch})");
            }

            Assert.Equal(pulsed, result.Pulsed);
            Assert.Equal(skipped, result.Skipped);
            Assert.Equal(pulsed, whole.Ledger.Distribution.Count);
        }
    }

    [Fact]
    public void LedgerDistribution_BinsEveryPulse_LikeAddingThemOneByOne()
    {
        // The pulse kernel bins energies as it makes them (one key per chunk, the rest binned afterwards). Wide
        // mismatch and widths from 1 to 3000 driver steps spread the energies over many bins, in three chunks, on one
        // and two threads, over two batches.
        var preset = ArrayTestPresets.With(mismatch: new MismatchSpread(0.5, 0.3, 0.05, 0.01), maximumWidth: 5e-3);
        foreach (var threads in new[] { 1, 2 })
        {
            var array = new SynapseArray(3, 12000, preset, new SynapseArrayOptions(Seed: 17, Threads: threads));
            Assert.True(array.Count > 2 * SynapseArray.ChunkSize);
            var reference = new EnergyHistogram();
            var random = new SeededRandom(23);
            for (var batch = 0; batch < 2; batch++)
            {
                var request = new double[array.Count];
                for (var i = 0; i < request.Length; i++)
                {
                    var u = random.NextDouble();
                    var width = (batch == 0 && i < 20000 ? 1.0 : Math.Exp(8.0 * random.NextDouble())) * preset.MinimumWidth;
                    request[i] = u < 0.1 ? 0.0 : u < 0.55 ? width : -width;
                }

                array.ApplyPulses(request, random);
                foreach (var e in array.LastPulseSourceEnergies)
                {
                    if (e > 0.0)
                    {
                        reference.Add(e);
                    }
                }
            }

            var ledger = array.Ledger.Distribution;
            Assert.True(reference.NonEmptyBins().Count > 10, $"{reference.NonEmptyBins().Count} bins");
            Assert.Equal(reference.Count, ledger.Count);
            Assert.Equal(reference.Minimum, ledger.Minimum);
            Assert.Equal(reference.Maximum, ledger.Maximum);
            Assert.Equal(reference.NonEmptyBins(), ledger.NonEmptyBins());
        }
    }

    [Fact]
    public void StochasticRounding_IsUnbiased_AndQuantised()
    {
        var preset = ArrayTestPresets.With(minimumWidth: 1e-3, maximumWidth: 50e-3);
        var array = new SynapseArray(1, 4000, preset, new SynapseArrayOptions(Mismatch: false));
        var request = new double[4000];
        Array.Fill(request, 1.3e-3);
        var before = array.MinusVoltages.ToArray();
        array.ApplyPulses(request, new SeededRandom(9));

        // Each minus half received 1 or 2 steps; the share of 2 estimates the fractional part 0.3.
        var one = FnPhysics.PulseChange(preset.Parameters.K1, preset.Parameters.K2, before[0], preset.Parameters.Shift(preset.PulseAmplitude), 1e-3);
        var two = FnPhysics.PulseChange(preset.Parameters.K1, preset.Parameters.K2, before[0], preset.Parameters.Shift(preset.PulseAmplitude), 2e-3);
        var twos = 0;
        for (var i = 0; i < 4000; i++)
        {
            var change = array.MinusVoltages[i] - before[i];
            var isOne = Math.Abs(change - one) < 1e-8 * Math.Abs(one);
            var isTwo = Math.Abs(change - two) < 1e-8 * Math.Abs(two);
            Assert.True(isOne || isTwo, $"synapse {i}: change {change:R} is neither one step {one:R} nor two {two:R}");
            twos += isTwo ? 1 : 0;
        }

        var share = twos / 4000.0;
        Assert.True(Math.Abs(share - 0.3) < 4.0 * Math.Sqrt(0.3 * 0.7 / 4000), $"share of rounded-up requests {share}, expected 0.3");
    }

    [Fact]
    public void SubStepRequests_AreSkippedOrRounded_AndCostNothingWhenSkipped()
    {
        var array = new SynapseArray(1, 2000, Preset, new SynapseArrayOptions(Mismatch: false));
        var request = new double[2000];
        Array.Fill(request, -0.1 * Preset.MinimumWidth);
        var result = array.ApplyPulses(request, new SeededRandom(3));
        Assert.Equal(2000, result.Pulsed + result.Skipped);
        Assert.InRange(result.Pulsed, 140, 260);
        Assert.Equal(result.Pulsed, array.Ledger.Updates);
        var expectedEnergy = 0.0;
        foreach (var e in array.LastPulseSourceEnergies)
        {
            expectedEnergy += e;
        }

        Approx.Relative(expectedEnergy, array.Ledger.SourceEnergy, 1e-12, "source energy");
    }

    /// <summary>The preview of a pulse is the preset's nominal update on a fresh nominal half, 0 on a half at the floor,
    /// changes nothing, and refuses a width that is not positive or a span of the wrong length, naming it.</summary>
    [Fact]
    public void PreviewPulseChanges_GivesTheNominalUpdate_ZeroAtTheFloor_AndChangesNothing()
    {
        var preset = ArrayTestPresets.With(floorVoltage: Presets.Default.InitialVoltage - 1e-4);
        var array = new SynapseArray(1, 2, preset, new SynapseArrayOptions(Mismatch: false));
        array.ApplyPulses([preset.MaximumWidth, 0.0], new SeededRandom(1));
        Assert.True(array.MinusVoltages[0] <= preset.Parameters.FloorVoltage);
        var plusBefore = array.PlusVoltages.ToArray();
        var minusBefore = array.MinusVoltages.ToArray();

        var plus = new double[2];
        var minus = new double[2];
        array.PreviewPulseChanges(preset.PulseWidth, plus, minus);
        var nominal = preset.OperatingPointAt(0.0).NominalUpdate;
        Assert.True(nominal < 0.0);
        Assert.Equal(0.0, minus[0]);
        Assert.Equal([nominal, nominal], plus);
        Assert.Equal(nominal, minus[1]);
        Assert.Equal(plusBefore, array.PlusVoltages.ToArray());
        Assert.Equal(minusBefore, array.MinusVoltages.ToArray());
        Assert.Equal(1L, array.TotalPulses);

        Assert.Contains("width", Assert.Throws<InputException>(() => array.PreviewPulseChanges(0.0, plus, minus)).Message, StringComparison.Ordinal);
        Assert.Contains("minus", Assert.Throws<InputException>(() => array.PreviewPulseChanges(preset.PulseWidth, plus, new double[1])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PulsesAtTheFloor_AreRefusedAndReported()
    {
        // A floor just below V0: one long pulse takes the minus half below it; the next request on it is refused.
        var preset = ArrayTestPresets.With(floorVoltage: Presets.Default.InitialVoltage - 1e-4);
        var array = new SynapseArray(1, 2, preset, new SynapseArrayOptions(Mismatch: false));
        var first = array.ApplyPulses([preset.MaximumWidth, 0.0], new SeededRandom(1));
        Assert.Equal(1, first.Pulsed);
        Assert.True(array.MinusVoltages[0] <= preset.Parameters.FloorVoltage);
        Assert.Equal(1, array.ElementsAtFloor);
        Assert.Equal(1, array.SynapsesAtFloor);
        var atFloor = array.MinusVoltages[0];
        var second = array.ApplyPulses([preset.MaximumWidth, -preset.PulseWidth], new SeededRandom(2));
        Assert.Equal(1, second.AtFloor);
        Assert.Equal(1, second.Pulsed);
        Assert.Equal(atFloor, array.MinusVoltages[0]);
        var range = new double[2];
        array.RemainingRange(range);
        Assert.Equal(0.0, range[0]);
        Assert.True(range[1] > 0.0);
    }

    [Fact]
    public void Ledger_TotalsEqualPerPulseEnergies_AndZeroPulsesCostZero()
    {
        const ulong Seed = 53;
        var array = new SynapseArray(6, 11, Preset, new SynapseArrayOptions(Seed: Seed));
        var none = array.ApplyPulses(new double[array.Count], new SeededRandom(1));
        Assert.Equal(default, none with { });
        Assert.Equal(0.0, array.Ledger.SourceEnergy);
        Assert.Equal(0.0, array.Ledger.TunnelingDissipation);
        Assert.Equal(0L, array.Ledger.Updates);
        Assert.Equal(0.0, array.Ledger.MeanEnergyPerUpdate);

        var request = RandomWeights(array.Count, 59, 3e-3);
        var expectedSource = 0.0;
        var expectedDissipation = 0.0;
        var plusBefore = array.PlusVoltages.ToArray();
        var minusBefore = array.MinusVoltages.ToArray();
        array.ApplyPulses(request, new SeededRandom(61));
        var seed = new SeededRandom(61).NextUInt64();
        for (var i = 0; i < array.Count; i++)
        {
            var q = Math.Abs(request[i]) / Preset.MinimumWidth;
            var n = Math.Floor(q) + (SynapseArray.RoundingUniform(seed, (ulong)i) < q - Math.Floor(q) ? 1.0 : 0.0);
            var minus = request[i] > 0.0;
            var (p, _) = ArrayTestPresets.Element(Preset, Seed, (2 * i) + (minus ? 1 : 0));
            var element = new FnDamElement(p, minus ? minusBefore[i] : plusBefore[i]);
            var outcome = element.Preview(new ProgrammingPulse(Preset.PulseAmplitude, n * Preset.MinimumWidth));
            Approx.Relative(outcome.SourceEnergy, array.LastPulseSourceEnergies[i], 1e-12, $"pulse {i}");
            expectedSource += outcome.SourceEnergy;
            expectedDissipation += outcome.TunnelingDissipation;
        }

        Approx.Relative(expectedSource, array.Ledger.SourceEnergy, 1e-12, "ledger source energy");
        Approx.Relative(expectedDissipation, array.Ledger.TunnelingDissipation, 1e-10, "ledger dissipation");
        Assert.Equal(array.Count, array.Ledger.Updates);
        Assert.Equal(array.Count, array.Ledger.Distribution.Count);
        Approx.Relative(expectedSource / array.Count, array.Ledger.MeanEnergyPerUpdate, 1e-12, "mean");
        Assert.Equal(0.0, array.Ledger.Leakage);
        array.AdvanceTo(100.0);
        Assert.True(array.Ledger.Leakage > 0.0);
    }

    [Fact]
    public void SolveWidths_RealiseRequestedChanges()
    {
        const ulong Seed = 67;
        var array = new SynapseArray(4, 6, Preset, new SynapseArrayOptions(Seed: Seed));
        array.AdvanceTo(50.0);
        var changes = RandomWeights(array.Count, 71, 2e-2);
        changes[5] = 0.0;
        changes[6] = 1e-9;
        var widths = new double[array.Count];
        array.SolveWidths(changes, widths);
        Assert.Equal(0.0, widths[5]);
        for (var i = 0; i < array.Count; i++)
        {
            if (changes[i] == 0.0)
            {
                continue;
            }

            var minus = changes[i] > 0.0;
            Assert.Equal(minus, widths[i] > 0.0);
            var (p, _) = ArrayTestPresets.Element(Preset, Seed, (2 * i) + (minus ? 1 : 0));
            var v = minus ? array.MinusVoltages[i] : array.PlusVoltages[i];
            var t = Math.Abs(widths[i]);

            // Change relative to free evolution, in the cancellation-free closed forms (model.md 1.3).
            var change = FnPhysics.PulseChange(p.K1, p.K2, v, p.Shift(Preset.PulseAmplitude), t) - FnPhysics.FreeChange(p.K1, p.K2, v, t);
            var realised = Preset.SynapseGain * change * (minus ? -1.0 : 1.0);
            Approx.Relative(changes[i], realised, 1e-9, $"synapse {i} (width {widths[i]:R} s)");
        }
    }

    public static TheoryData<string, bool> WidthsAndMismatch()
    {
        var data = new TheoryData<string, bool>();
        foreach (var width in LaneDispatch.All)
        {
            data.Add(width.ToString(), false);
            data.Add(width.ToString(), true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WidthsAndMismatch))]
    public void SolveWidths_AtEveryWidth_RealiseTheRequestedChanges(string widthName, bool mismatch)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        // 5×9 = 45 synapses: whole lanes at every width and an odd tail; zeros, tiny, ordinary and unreachable requests.
        const ulong Seed = 68;
        var array = new SynapseArray(5, 9, Preset, new SynapseArrayOptions(Seed: Seed, Mismatch: mismatch)) { Width = width };
        array.AdvanceTo(20.0);
        var changes = RandomWeights(array.Count, 72, 5e-2);
        changes[0] = 0.0;
        changes[9] = 1e-12;
        changes[17] = 50.0;
        changes[44] = -50.0;
        var widths = new double[array.Count];
        array.SolveWidths(changes, widths);
        var delta = Preset.Parameters.Shift(Preset.PulseAmplitude);
        for (var i = 0; i < array.Count; i++)
        {
            var dw = changes[i];
            if (dw == 0.0)
            {
                Assert.Equal(0.0, widths[i]);
                continue;
            }

            var minusHalf = dw > 0.0;
            Assert.Equal(minusHalf, widths[i] > 0.0);
            if (double.IsInfinity(widths[i]))
            {
                Assert.True(Math.Abs(dw) / Preset.SynapseGain >= delta * 0.5, $"synapse {i}: no width for a reachable change {dw:R}");
                continue;
            }

            // The element's own constants (a single element built from its sample), and the change the width realises.
            var (p, _) = ArrayTestPresets.Element(Preset, Seed, (2 * i) + (minusHalf ? 1 : 0));
            var (k1, k2, shift) = mismatch ? (p.K1, p.K2, p.Shift(Preset.PulseAmplitude)) : (Preset.Parameters.K1, Preset.Parameters.K2, delta);
            var v = minusHalf ? array.MinusVoltages[i] : array.PlusVoltages[i];
            var realised = -Preset.SynapseGain * FnPhysics.RealisedChange(k1, k2, v, shift, Math.Abs(widths[i]));
            Approx.Relative(Math.Abs(dw), realised, 1e-11, $"synapse {i}: |Δw| realised by width {widths[i]:R} s");
        }

        Assert.True(double.IsPositiveInfinity(widths[17]) && double.IsNegativeInfinity(widths[44]), "a change beyond δ·g has no width");
    }

    [Fact]
    public void SolveWidths_UnreachableChange_IsInfinite()
    {
        var array = new SynapseArray(1, 1, Preset, new SynapseArrayOptions(Mismatch: false));
        var widths = new double[1];
        var delta = Preset.Parameters.Shift(Preset.PulseAmplitude);
        array.SolveWidths([-2.0 * delta * Preset.SynapseGain], widths);
        Assert.Equal(double.NegativeInfinity, widths[0]);
    }

    [Fact]
    public void ReferenceUpdatePerSecond_IsTheNominalPulseAtV0()
    {
        var array = new SynapseArray(1, 1, Preset);
        var element = Preset.CreateElement();
        var change = element.Preview(Preset.NominalPulse).Change;
        Approx.Relative(-change / Preset.PulseWidth, array.ReferenceUpdatePerSecond, 1e-14, "s_ref");
    }

    [Fact]
    public void BadInput_NamesTheField_AndChangesNothing()
    {
        var array = new SynapseArray(2, 3, Preset);
        var before = array.MinusVoltages.ToArray();
        var widths = new double[6];
        widths[0] = 1e-3;
        widths[4] = double.NaN;
        var e = Assert.Throws<InputException>(() => array.ApplyPulses(widths, new SeededRandom(1)));
        Assert.Contains("signedWidths[4]", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, array.MinusVoltages.ToArray());
        Assert.Equal(0L, array.TotalPulses);

        e = Assert.Throws<InputException>(() => array.ApplyPulses(new double[5], new SeededRandom(1)));
        Assert.Contains("signedWidths", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => array.Forward(new double[2], new double[2]));
        Assert.Contains("x must have 3", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => array.Transposed(new double[2], new double[2]));
        Assert.Contains("y must have 3", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => array.Forward([1.0, double.NaN, 0.0], new double[2]));
        Assert.Contains("x[1]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => array.SetWeights([0.0, 0.0, double.PositiveInfinity, 0.0, 0.0, 0.0]));
        Assert.Contains("weights[2]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => array.SetWeights([0.0, 0.0, 0.0, 1e6, 0.0, 0.0]));
        Assert.Contains("weights[3]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => array.AdvanceTo(-1.0));
        Assert.Contains("time", e.Message, StringComparison.Ordinal);
        Assert.Throws<InputException>(() => new SynapseArray(0, 3, Preset));
    }

    [Fact]
    public void SameSeed_SameResult_WhateverTheThreads()
    {
        static double[] Run(ulong seed)
        {
            var array = new SynapseArray(9, 17, Presets.Default, new SynapseArrayOptions(Seed: seed));
            var rounding = SeededRandom.Derive(seed, "rounding");
            for (var step = 1; step <= 5; step++)
            {
                array.ApplyPulses(RandomWeights(array.Count, (ulong)step, 2e-3), rounding);
                array.AdvanceTo(step * 0.1);
            }

            var w = new double[array.Count];
            array.ReadWeights(w);
            return [.. w, array.Ledger.SourceEnergy, array.Ledger.Leakage];
        }

        var sequential = Run(77);
        var parallel = new double[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k => parallel[k] = Run(77));
        foreach (var p in parallel)
        {
            Assert.Equal(sequential, p);
        }

        Assert.NotEqual(sequential, Run(78));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WorkerThreads_GiveBitIdenticalState_CountersAndLedger(bool mismatch)
    {
        // 203×167 = 33 901 synapses: two whole chunks and a third that ends off the eight-lane grid.
        static (double[] State, int[] Counts, double[] Ledger) Run(int threads, bool mismatch)
        {
            var array = new SynapseArray(203, 167, Presets.Default, new SynapseArrayOptions(Seed: 5, Mismatch: mismatch, Threads: threads));
            var rounding = SeededRandom.Derive(5, "rounding");
            for (var step = 1; step <= 4; step++)
            {
                array.ApplyPulses(RandomWeights(array.Count, (ulong)step, 3e-3), rounding);
                array.AdvanceTo((step * 0.05) - (step == 2 ? 0.049 : 0.0));
            }

            var counts = new int[array.Count];
            array.PulsesPerSynapse(counts);
            var ledger = array.Ledger;
            return ([.. array.PlusVoltages, .. array.MinusVoltages, .. array.LastPulseSourceEnergies], counts,
                [ledger.SourceEnergy, ledger.Leakage, ledger.TunnelingDissipation, ledger.Distribution.Count, ledger.Distribution.Percentile(50.0)]);
        }

        Assert.True(SynapseArray.ChunkSize * 2 < 203 * 167, "the array must span several chunks");
        var one = Run(1, mismatch);
        foreach (var threads in new[] { 2, 3 })
        {
            var many = Run(threads, mismatch);
            Assert.Equal(one.State, many.State);
            Assert.Equal(one.Counts, many.Counts);
            Assert.Equal(one.Ledger, many.Ledger);
        }

        Assert.True(one.Ledger[0] > 0.0 && one.Ledger[1] > 0.0, "pulses and leakage were recorded");
        Assert.Throws<InputException>(() => new SynapseArray(2, 2, Presets.Default, new SynapseArrayOptions(Threads: 0)));
    }

    [Fact]
    public void SavedState_ContinuesExactlyLikeTheOriginal_AndIsRefusedByAnotherArray()
    {
        var preset = ArrayTestPresets.With(readOut: new ReadOutParameters(1e-4, 0, 0.0, 1.0));
        SynapseArray Make(ulong seed = 9) => new(7, 13, preset, new SynapseArrayOptions(Seed: seed, ReadOut: true, StartTime: 1.0));
        var original = Make();
        var rounding = new SeededRandom(4);
        original.ApplyPulses(RandomWeights(original.Count, 1, 3e-3), rounding);
        original.AdvanceTo(1.001);
        var w = new double[original.Count];
        original.ReadWeights(w);
        using var saved = new MemoryStream();
        original.SaveState(saved);

        var restored = Make();
        saved.Position = 0;
        restored.LoadState(saved);
        Assert.Equal(saved.Length, saved.Position);

        // Both continue with the same pulses, ageing (elements still ahead), temperature and noisy reads.
        foreach (var array in new[] { original, restored })
        {
            var again = new SeededRandom(5);
            array.SetTemperature(310.0);
            array.ApplyPulses(RandomWeights(array.Count, 2, 3e-3), again);
            array.AdvanceTo(2.0);
        }

        var a = new double[original.Count];
        var b = new double[original.Count];
        original.ReadWeights(a);
        restored.ReadWeights(b);
        Assert.Equal(a, b);
        Assert.Equal(original.PlusVoltages.ToArray(), restored.PlusVoltages.ToArray());
        Assert.Equal(original.MinusVoltages.ToArray(), restored.MinusVoltages.ToArray());
        Assert.Equal(original.PlusPulseCounts.ToArray(), restored.PlusPulseCounts.ToArray());
        Assert.Equal(original.Time, restored.Time);
        Assert.Equal(original.Ledger.Summary(), restored.Ledger.Summary());

        // Another seed (other mismatch draws) or a truncated state is refused, and nothing changes.
        var other = Make(seed: 10);
        var before = other.PlusVoltages.ToArray();
        saved.Position = 0;
        var e = Assert.Throws<InputException>(() => other.LoadState(saved));
        Assert.Contains("seed", e.Message, StringComparison.Ordinal);
        using var truncated = new MemoryStream(saved.ToArray()[..(int)(saved.Length / 2)]);
        var fresh = Make();
        Assert.Throws<InputException>(() => fresh.LoadState(truncated));
        Assert.Equal(before, other.PlusVoltages.ToArray());
        Assert.Equal(1.0, fresh.Time);
        Assert.Equal(0L, fresh.TotalPulses);
    }

    [Fact]
    public void ReadOut_AddsNoise_ThatTheSeedFixes_OfTheStatedSpread()
    {
        // σ_read = 1 mV on each half, read independently: w = g·(V⁺ + n⁺ − V⁻ − n⁻) spreads by g·√2·σ_read around the
        // ideal weight (0.141 at g = 100/V), with mean zero. Over 10 000 synapses the sample deviation is within 0.7 %
        // (one standard error) of that; 5 % is seven standard errors, and one half read alone would be 29 % low.
        const double Sigma = 1e-3;
        var preset = ArrayTestPresets.With(readOut: new ReadOutParameters(Sigma, 0, 0.0, 1.0));
        var a = new SynapseArray(100, 100, preset, new SynapseArrayOptions(Seed: 2, ReadOut: true));
        var b = new SynapseArray(100, 100, preset, new SynapseArrayOptions(Seed: 2, ReadOut: true));
        var ideal = new SynapseArray(100, 100, preset, new SynapseArrayOptions(Seed: 2, ReadOut: false));
        var n = a.Count;
        var (wa, wb, wi) = (new double[n], new double[n], new double[n]);
        a.ReadWeights(wa);
        b.ReadWeights(wb);
        ideal.ReadWeights(wi);
        Assert.Equal(wa, wb);

        var noise = wa.Zip(wi, (x, y) => x - y).ToArray();
        var mean = noise.Average();
        var deviation = Math.Sqrt(noise.Sum(e => (e - mean) * (e - mean)) / (n - 1));
        var expected = preset.SynapseGain * Math.Sqrt(2.0) * Sigma;
        Assert.InRange(deviation / expected, 0.95, 1.05);
        Assert.True(Math.Abs(mean) < 4.0 * expected / Math.Sqrt(n), $"read noise has mean {mean:R}, standard error {expected / Math.Sqrt(n):R}");

        // Each call is a fresh read: a second read of the same array differs from the first by noise of the same size.
        var again = new double[n];
        a.ReadWeights(again);
        var between = Math.Sqrt(again.Zip(wa, (x, y) => (x - y) * (x - y)).Sum() / n);
        Assert.InRange(between / (Math.Sqrt(2.0) * expected), 0.95, 1.05);
    }
}
