using FnDam.Devices;
using FnDam.Energy;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// Experiment 5, static versus dynamic memory: retention against energy per update, the trade-off of the paper's
/// Figure 1. A static memory is one point (a fixed barrier); the dynamic memory moves along a curve as it ages.
/// </summary>
/// <remarks>
/// <para>For the dynamic memory, at each time t of a fresh element of the preset, aged freely to t:</para>
/// <list type="bullet">
/// <item>retention is the time constant of the intrinsic decay of a weight stored on a pair at that state,
/// <c>τ = 1/λ = a/(1 + 2V/k2)</c> (model.md 2);</item>
/// <item>energy per update is the source energy (model.md 1.4) of the pulse that makes the same voltage update
/// <c>ΔV_ref</c> that one nominal pulse makes at t = 0: either at the nominal amplitude with a longer pulse (width
/// solved by bisection), or at the nominal width with a higher amplitude (amplitude solved by bisection; the rising
/// barrier); and, for reference, the energy of the nominal pulse itself, whose update shrinks with age;</item>
/// <item>resolution is <see cref="FnDamElement.ResolutionBits"/> at the nominal amplitude, T_min and σ_read.</item>
/// </list>
/// <para>Static memories come from the technology table (<see cref="TechnologyTable"/>) and are drawn as fixed points;
/// one with unbounded retention (volatile SRAM, kept while powered) stays in the table but cannot sit on a log axis.</para>
/// </remarks>
public sealed class StaticVsDynamicExperiment
{
    /// <summary>The experiment's file-safe name.</summary>
    public const string Name = "static_vs_dynamic";

    /// <summary>Label of the dynamic series with pulse width solved.</summary>
    public const string WidthSolved = "FN-DAM, fixed update by width";

    /// <summary>Label of the dynamic series with pulse amplitude solved.</summary>
    public const string AmplitudeSolved = "FN-DAM, fixed update by amplitude";

    /// <summary>Label of the dynamic series of the nominal pulse.</summary>
    public const string Nominal = "FN-DAM, nominal pulse";

    /// <summary>Names of the scalars this experiment returns that other code reads.</summary>
    public static class Scalars
    {
        /// <summary>Lowest source energy of the nominal pulse over the dynamic curve (J).</summary>
        public const string DynamicEnergyPerUpdateMin = "dynamic_energy_per_update_min_j";

        /// <summary>Highest programming resolution over the dynamic curve (bits).</summary>
        public const string DynamicResolutionMax = "dynamic_resolution_max_bits";

        /// <summary>|ΔV| of the nominal pulse at the first time over that at the last.</summary>
        public const string NominalUpdateRatioFirstLast = "nominal_update_ratio_first_last";
    }

    private readonly FnDamPreset _preset;
    private readonly ExperimentSize _size;
    private readonly IReadOnlyList<MemoryTechnology> _static;

    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">Device preset of the dynamic memory.</param>
    /// <param name="size">Size: number of times along the dynamic curve.</param>
    /// <param name="technologies">The static memories to compare with (null: the shipped <see cref="TechnologyTable.Default"/>; empty: the dynamic memory alone).</param>
    public StaticVsDynamicExperiment(FnDamPreset preset, ExperimentSize size, IReadOnlyList<MemoryTechnology>? technologies = null)
    {
        _preset = preset ?? throw new ArgumentNullException(nameof(preset));
        _size = size;
        _static = technologies ?? TechnologyTable.Default;
        for (var i = 0; i < _static.Count; i++)
        {
            if (_static[i] is null)
            {
                throw new ArgumentNullException(nameof(technologies), $"technologies[{i}] is null.");
            }
        }
    }

    /// <summary>Runs the experiment.</summary>
    /// <returns>Table <c>memory_tradeoff</c>, figures <c>memory_tradeoff</c> and <c>dynamic_energy_versus_time</c>, scalars.</returns>
    public ExperimentResult Run()
    {
        var p = _preset.Parameters;
        var a0 = _preset.InitialAge;
        var floorTime = FnPhysics.Age(p.K1, p.K2, p.FloorVoltage) - a0;
        var times = ExperimentGrid.Logarithmic(1e-2 * a0, 0.5 * floorTime, ExperimentGrid.Count(_size, 8, 40, 120));
        var reference = Math.Abs(_preset.CreateElement().Preview(_preset.NominalPulse).Change);
        var table = new ResultTable(
            "memory_tradeoff",
            "Retention against energy per update",
            $"dynamic: exact pulse relation and source energy (model.md 1.3, 1.4), τ = 1/λ (model.md 2), fixed update ΔV_ref = {NumberText.Significant(reference * 1e6)} µV; static: technology table",
            [
                new ResultColumn("time_s", "s", "age of the dynamic memory since t = 0 (NaN for static memories)"),
                new ResultColumn("energy_per_update_j", "J", "source energy of one update"),
                new ResultColumn("retention_s", "s", "dynamic: 1/λ of a stored weight; static: the technology's retention"),
                new ResultColumn("update_v", "V", "|ΔV| of the update (NaN for static memories)"),
                new ResultColumn("pulse_width_s", "s", "width of the pulse (NaN for static memories)"),
                new ResultColumn("pulse_amplitude_v", "V", "amplitude of the pulse (NaN for static memories)"),
                new ResultColumn("resolution_bits", "bits", "programming resolution at that state (NaN for static memories)"),
            ],
            "memory");

        double minNominalEnergy = double.PositiveInfinity, maxBits = 0.0, firstUpdate = double.NaN, lastUpdate = double.NaN;
        double firstAmplitudeEnergy = double.NaN, lastAmplitudeEnergy = double.NaN;
        var rows = new List<(string Label, double[] Values)>();
        foreach (var t in times)
        {
            var element = _preset.CreateElement();
            element.AdvanceTo(t);
            var v = element.Voltage;
            var retention = element.Age / (1.0 + (2.0 * v / p.K2));
            var bits = element.ResolutionBits(_preset.PulseAmplitude, _preset.MinimumWidth, _preset.ReadOut.NoiseSigma);
            maxBits = Math.Max(maxBits, bits);

            var nominal = element.Preview(_preset.NominalPulse);
            minNominalEnergy = Math.Min(minNominalEnergy, nominal.SourceEnergy);
            firstUpdate = double.IsNaN(firstUpdate) ? Math.Abs(nominal.Change) : firstUpdate;
            lastUpdate = Math.Abs(nominal.Change);
            rows.Add((Nominal, [t, nominal.SourceEnergy, retention, Math.Abs(nominal.Change), _preset.PulseWidth, _preset.PulseAmplitude, bits]));

            var width = Solve(w => Math.Abs(element.Preview(new ProgrammingPulse(_preset.PulseAmplitude, w)).Change), reference, _preset.PulseWidth);
            var byWidth = element.Preview(new ProgrammingPulse(_preset.PulseAmplitude, width));
            rows.Add((WidthSolved, [t, byWidth.SourceEnergy, retention, Math.Abs(byWidth.Change), width, _preset.PulseAmplitude, bits]));

            var amplitude = Solve(a => Math.Abs(element.Preview(new ProgrammingPulse(a, _preset.PulseWidth)).Change), reference, _preset.PulseAmplitude);
            var byAmplitude = element.Preview(new ProgrammingPulse(amplitude, _preset.PulseWidth));
            rows.Add((AmplitudeSolved, [t, byAmplitude.SourceEnergy, retention, Math.Abs(byAmplitude.Change), _preset.PulseWidth, amplitude, bits]));
            firstAmplitudeEnergy = double.IsNaN(firstAmplitudeEnergy) ? byAmplitude.SourceEnergy : firstAmplitudeEnergy;
            lastAmplitudeEnergy = byAmplitude.SourceEnergy;
        }

        // Rows grouped by series so that each line is drawn in time order.
        foreach (var label in new[] { Nominal, WidthSolved, AmplitudeSolved })
        {
            foreach (var row in rows.Where(r => r.Label == label))
            {
                table.Add(row.Label, row.Values);
            }
        }

        foreach (var memory in _static)
        {
            table.Add(memory.Name, double.NaN, memory.EnergyPerUpdate, memory.Retention, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var series = new List<FigureSeries>
        {
            new("retention_s", AmplitudeSolved, Style: SeriesStyle.LineAndMarkers),
            new("retention_s", WidthSolved, Style: SeriesStyle.LineAndMarkers),
            new("retention_s", Nominal, Style: SeriesStyle.LineAndMarkers),
        };
        // A volatile memory (retention ∞: kept while powered) has no place on a log axis; it stays in the table and the text.
        var drawn = _static.Where(m => double.IsFinite(m.Retention) && m.Retention > 0 && m.EnergyPerUpdate > 0).ToArray();
        series.AddRange(drawn.Select(m => new FigureSeries("retention_s", m.Name, Style: SeriesStyle.Markers)));
        var figures = new List<FigureSpec>
        {
            new("memory_tradeoff", "Retention against energy per update: static and dynamic memory", table.Name, "energy_per_update_j", series,
                "energy per update (J)", "retention (s)", AxisScale.Log10, AxisScale.Log10),
            new("dynamic_energy_versus_time", "Energy of one update of the dynamic memory as it ages", table.Name, "time_s",
                [new("energy_per_update_j", AmplitudeSolved, Style: SeriesStyle.LineAndMarkers), new("energy_per_update_j", WidthSolved, Style: SeriesStyle.LineAndMarkers), new("energy_per_update_j", Nominal, Style: SeriesStyle.LineAndMarkers)],
                "time (s)", "source energy per update (J)", AxisScale.Log10, AxisScale.Log10),
        };

        var scalars = new List<ResultScalar>
        {
            new(Scalars.DynamicEnergyPerUpdateMin, minNominalEnergy, "J", "lowest source energy of the nominal pulse over the dynamic curve"),
            new(Scalars.DynamicResolutionMax, maxBits, "bits", "highest programming resolution over the dynamic curve"),
            new(Scalars.NominalUpdateRatioFirstLast, firstUpdate / lastUpdate, "", "|ΔV| of the nominal pulse at the first time over that at the last (device annealing)"),
            new("dynamic_retention_first_s", times.Length > 0 ? table.Column("retention_s", Nominal)[0] : double.NaN, "s", "retention 1/λ at the first time"),
            new("dynamic_retention_last_s", table.Column("retention_s", Nominal)[^1], "s", "retention 1/λ at the last time"),
            new("fixed_update_energy_rise_ratio", lastAmplitudeEnergy / firstAmplitudeEnergy, "", "energy of the fixed update by amplitude, last time over first (the rising barrier)"),
        };
        if (_static.Count > 0)
        {
            scalars.Add(new ResultScalar("static_energy_per_update_min_j", _static.Min(m => m.EnergyPerUpdate), "J", "cheapest static memory in the technology table"));
        }

        var undrawn = _static.Except(drawn).Select(m => m.Name).ToArray();
        var staticNote = _static.Count > 0
            ? $"Static memories ({string.Join(", ", drawn.Select(m => m.Name))}) are fixed points from the technology table (order-of-magnitude literature values, each with its source)." +
                (undrawn.Length > 0 ? $" Not drawn for unbounded retention (volatile, kept while powered): {string.Join(", ", undrawn)}." : string.Empty)
            : "No static memories were given to this run, so only the dynamic memory is drawn.";
        var summary =
            $"The dynamic memory (preset {_preset.Name}) trades energy for retention as it ages: a weight stored at age t decays with time constant 1/λ(t), which grows about linearly with age, " +
            $"while the update one nominal pulse makes shrinks, so the same update needs a longer or a stronger pulse. " +
            $"At the nominal amplitude the energy is dominated by charging the coupling capacitor, so a longer pulse costs about the same (its width can exceed the driver's T_max = {NumberText.Significant(_preset.MaximumWidth * 1e3)} ms late in life; column pulse_width_s); a stronger pulse costs the rising barrier of the paper's Figure 1. {staticNote}";
        return new ExperimentResult(Name, "Static versus dynamic memory", summary, [table], figures, scalars);
    }

    /// <summary>Solves <c>f(x) = target</c> for increasing <paramref name="f"/> by bracketing upward from <paramref name="start"/> then bisecting in log space.</summary>
    private static double Solve(Func<double, double> f, double target, double start)
    {
        double low = start, high = start;
        while (f(low) > target && low > start * 1e-9)
        {
            low /= 4.0;
        }

        while (f(high) < target)
        {
            high *= 4.0;
            if (high > start * 1e9)
            {
                return double.NaN;
            }
        }

        for (var i = 0; i < 80; i++)
        {
            var mid = Math.Sqrt(low * high);
            if (f(mid) < target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return Math.Sqrt(low * high);
    }
}
