using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Tests.Experiments;

/// <summary>The device experiments at smoke size: self-consistent, and showing what the model says they show.</summary>
public sealed class DeviceExperimentTests
{
    private static readonly FnDamPreset Mehta = Presets.Mehta2022();

    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (var preset in Presets.Names)
        {
            foreach (var experiment in new[] { "free", "programming", "energy" })
            {
                data.Add(preset, experiment);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void SmokeRun_EveryFigureReadsExistingColumns(string presetName, string which)
    {
        var preset = Presets.Get(presetName);
        Func<ExperimentResult> run = which switch
        {
            "free" => new FreeTrajectoryExperiment(preset, ExperimentSize.Smoke).Run,
            "programming" => new ProgrammingExperiment(preset, ExperimentSize.Smoke).Run,
            _ => new EnergyResolutionExperiment(preset, ExperimentSize.Smoke).Run,
        };
        var result = run();

        Assert.NotEmpty(result.Tables);
        Assert.NotEmpty(result.Figures);
        Assert.NotEmpty(result.Scalars);
        foreach (var figure in result.Figures)
        {
            var table = result.Table(figure.Table);
            table.IndexOf(figure.XColumn);
            foreach (var series in figure.Series)
            {
                table.IndexOf(series.YColumn);
                if (series.Label is not null)
                {
                    Assert.Contains(series.Label, table.Labels);
                }
            }
        }

        foreach (var table in result.Tables)
        {
            Assert.True(table.RowCount >= 2, $"table {table.Name} has {table.RowCount} rows");
            Assert.All(table.Rows, row => Assert.All(row, v => Assert.True(double.IsFinite(v), $"table {table.Name} holds {v}")));
        }

        Assert.All(result.Scalars, s => Assert.True(double.IsFinite(s.Value), $"scalar {s.Name} is {s.Value}"));
    }

    [Fact]
    public void FreeTrajectory_AgreesWithTheOdeReference_AndDecaysMonotonically()
    {
        var result = new FreeTrajectoryExperiment(Mehta, ExperimentSize.Smoke).Run(TestContext.Current.CancellationToken);
        Assert.True(result.Scalar("max_relative_difference").Value < 1e-8);
        var table = result.Table("free_trajectory");
        var voltages = FreeTrajectorySettings.DefaultVoltages(Mehta);
        Assert.Equal(voltages.Count * 2, table.DistinctLabels().Count);
        foreach (var label in table.DistinctLabels().Where(l => l.StartsWith("closed form", StringComparison.Ordinal)))
        {
            var v = table.Column("voltage_v", label);
            Assert.Equal(FreeTrajectorySettings.PointsFor(ExperimentSize.Smoke), v.Length);
            for (var i = 1; i < v.Length; i++)
            {
                Assert.True(v[i] <= v[i - 1], $"{label}: not monotone at row {i}");
            }
        }

        Assert.Equal(voltages.Count * FreeTrajectorySettings.ReferencePointsFor(ExperimentSize.Smoke), result.Table("ode_check").RowCount);
    }

    [Fact]
    public void FreeTrajectory_DefaultVoltages_StayWithinTheHighestV0_ForAHighPreset()
    {
        // V0 = 60 V over a 6 V floor: the default V0 + 2·(V0 − V_floor)/2 would be 114 V, above what --v0 and a preset take.
        var high = PresetFile.Parse("""{ "initialVoltage": 60 }""", "high.json");
        Assert.Equal([33.0, 60.0, 87.0], FreeTrajectorySettings.DefaultVoltages(high));
        var result = new FreeTrajectoryExperiment(high, FreeTrajectorySettings.For(high, ExperimentSize.Smoke)).Run(TestContext.Current.CancellationToken);
        Assert.Equal(6, result.Table("free_trajectory").DistinctLabels().Count);
    }

    [Fact]
    public void FreeTrajectory_RejectsVoltagesAtOrBelowTheFloor_AndBadGrids()
    {
        Assert.Throws<InputException>(() => new FreeTrajectoryExperiment(Mehta, new FreeTrajectorySettings([6.0], 1e-6, 1.0, 10, 0)));
        Assert.Throws<InputException>(() => new FreeTrajectorySettings([7.0], 1.0, 1.0, 10, 0));
        Assert.Throws<InputException>(() => new FreeTrajectorySettings([7.0], -1.0, 1.0, 10, 0));
        Assert.Throws<InputException>(() => new FreeTrajectorySettings([7.0], 1e-6, 1.0, 1, 0));
        Assert.Throws<InputException>(() => new FreeTrajectorySettings([double.NaN], 1e-6, 1.0, 10, 0));
        Assert.Throws<InputException>(() => new FreeTrajectorySettings([], 1e-6, 1.0, 10, 0));
    }

    [Fact]
    public void Programming_ShowsAnnealing_LinearWidth_AndExponentialAmplitude()
    {
        var result = new ProgrammingExperiment(Mehta, ExperimentSize.Smoke).Run();
        var op = Mehta.OperatingPointAt(0.0);
        Assert.Equal(op.NominalUpdate, result.Scalar("update_at_start_v").Value);
        Assert.Equal(op.SourceEnergy, result.Scalar("source_energy_at_start_j").Value);

        // The same pulse later moves the element less, about as 1/(t + a0).
        var byTime = result.Table("update_vs_time");
        var magnitude = byTime.Column("update_magnitude_v");
        var guide = byTime.Column("guide_v");
        for (var i = 1; i < magnitude.Length; i++)
        {
            Assert.True(magnitude[i] < magnitude[i - 1], $"update did not shrink at row {i}");
            Assert.InRange(magnitude[i] / guide[i], 0.7, 1.5);
        }

        Assert.True(result.Scalar("annealing_ratio").Value > 100.0);

        // Width: linear knob while T is short against the age.
        var byWidth = result.Table("update_vs_width");
        var widths = byWidth.Column("pulse_width_s");
        var perWidth = byWidth.Column("update_magnitude_v").Zip(widths, (u, w) => u / w).ToArray();
        Assert.InRange(perWidth[^1] / perWidth[0], 0.95, 1.0 + 1e-5);

        // Amplitude: exponential knob, |ΔV| grows faster than linearly.
        var byAmplitude = result.Table("update_vs_amplitude");
        var amplitude = byAmplitude.Column("pulse_amplitude_v");
        var update = byAmplitude.Column("update_magnitude_v");
        Assert.True(update[^1] / update[0] > 2 * (amplitude[^1] / amplitude[0]), $"{update[^1] / update[0]:G3}× for {amplitude[^1] / amplitude[0]:G3}× the amplitude");
        for (var i = 1; i < update.Length; i++)
        {
            Assert.True(update[i] > update[i - 1]);
        }
    }

    [Fact]
    public void EnergyResolution_ReportsTheOperatingPoint_AndResolutionFallsWithAge()
    {
        var result = new EnergyResolutionExperiment(Mehta, ExperimentSize.Smoke).Run();
        var op = Mehta.OperatingPointAt(0.0);
        Assert.Equal(op.SourceEnergy, result.Scalar("source_energy_per_update_j").Value);
        Assert.Equal(op.ResolutionBits, result.Scalar("resolution_bits").Value);

        // The values model.md quotes for the preset at its operating point: 4.96127 fJ per update, of which
        // C_c·(1 − κ)·V_p² is 4.96125 fJ; a resolution of log2((V0 − V_floor)/σ_read) = log2(1.6 V/50 µV) = 14.97 bits,
        // set by the read noise.
        var p = Mehta.Parameters;
        var capacitor = p.CouplingCapacitance * (1 - p.CouplingRatio) * Mehta.PulseAmplitude * Mehta.PulseAmplitude;
        Approx.Relative(4.96125e-15, capacitor, 1e-6, "coupling-capacitor term");
        Approx.Relative(4.96127e-15, result.Scalar("source_energy_per_update_j").Value, 2e-6, "source energy per update");
        Assert.InRange(result.Scalar("source_energy_per_update_j").Value - capacitor, 1e-20, 3e-20);
        Assert.Equal(Math.Log2((Mehta.InitialVoltage - p.FloorVoltage) / Mehta.ReadOut.NoiseSigma), result.Scalar("resolution_bits").Value, 12);
        Assert.Equal(14.97, result.Scalar("resolution_bits").Value, 2);

        var byTime = result.Table("energy_resolution_vs_time");
        var bits = byTime.Column("resolution_bits");
        var stepLimited = byTime.Column("step_limited_bits");
        for (var i = 1; i < bits.Length; i++)
        {
            Assert.True(bits[i] <= bits[i - 1] + 1e-12, $"resolution rose at row {i}");
            Assert.True(stepLimited[i] >= bits[i], "read noise can only lower the resolution");
        }

        var byVoltage = result.Table("energy_resolution_vs_voltage");
        Assert.All(byVoltage.Column("source_energy_j"), e => Assert.True(e > 0.0));
        Assert.All(byVoltage.Column("tunneling_dissipation_j"), e => Assert.True(e >= 0.0));
    }

    [Fact]
    public void EnergyResolution_EffectiveBits_TakeTheStepWithTheNoise_AndNeverExceedTheResolution()
    {
        // Where the noise limits (the preset as it is), the effective bits are the noise's: log2(range/(2√2·σ_read)).
        var op = Mehta.OperatingPointAt(0.0);
        var range = op.Voltage - Mehta.Parameters.FloorVoltage;
        var noisy = new EnergyResolutionExperiment(Mehta, ExperimentSize.Smoke).Run();
        Assert.Equal(Math.Log2(range / (2 * Math.Sqrt(2) * Mehta.ReadOut.NoiseSigma)), noisy.Scalar("effective_bits").Value, 12);

        // With read noise far below one T_min step, the step limits: the effective bits are the resolution, not the
        // noise-only figure above it.
        var sigma = Math.Abs(op.SmallestUpdate) / 100;
        var m = Mehta;
        var readOut = new ReadOutParameters(sigma, m.ReadOut.AdcBits, m.ReadOut.AdcMinimum, m.ReadOut.AdcMaximum);
        var quiet = new FnDamPreset(m.Name, m.Description, m.Parameters, m.InitialVoltage, m.PulseAmplitude, m.PulseWidth, m.MinimumWidth, m.MaximumWidth, m.SynapseGain, readOut, m.Mismatch, m.Temperature, m.Provenance);
        var result = new EnergyResolutionExperiment(quiet, ExperimentSize.Smoke).Run();
        var resolution = result.Scalar("resolution_bits").Value;
        Assert.Equal(Math.Log2(range / Math.Abs(op.SmallestUpdate)), resolution, 12);
        Assert.Equal(resolution, result.Scalar("effective_bits").Value, 12);
        Assert.True(Math.Log2(range / (2 * Math.Sqrt(2) * sigma)) > resolution + 5, "the noise alone would give more bits");
    }

    [Fact]
    public void Experiments_AreDeterministic()
    {
        var a = new ProgrammingExperiment(Mehta, ExperimentSize.Smoke).Run();
        var b = new ProgrammingExperiment(Mehta, ExperimentSize.Smoke).Run();
        for (var t = 0; t < a.Tables.Count; t++)
        {
            Assert.Equal(a.Tables[t].Rows, b.Tables[t].Rows);
        }
    }

    [Fact]
    public void SweepGrid_HitsItsEndsExactly()
    {
        var log = SweepGrid.Log(1e-6, 1e7, 14);
        Assert.Equal(1e-6, log[0]);
        Assert.Equal(1e7, log[^1]);
        Assert.Equal(1e-3, log[3], 15);
        var linear = SweepGrid.Linear(-1.0, 2.0, 4);
        Assert.Equal([-1.0, 0.0, 1.0, 2.0], linear);
        Assert.Throws<InputException>(() => SweepGrid.Log(0.0, 1.0, 3));
        Assert.Throws<InputException>(() => SweepGrid.Linear(1.0, 1.0, 3));
        Assert.Throws<InputException>(() => SweepGrid.Linear(0.0, 1.0, 1));
    }
}
