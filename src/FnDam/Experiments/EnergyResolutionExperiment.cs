using System.Globalization;
using FnDam.Devices;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// Energy per update and programming resolution of one element (model.md 1.4–1.5), versus time since V0 and versus
/// the state (voltage), with the preset's operating point at t = 0 as scalars.
/// </summary>
/// <remarks>
/// <para>At each state: source energy and tunnelling dissipation of the nominal pulse (model.md 1.4), the smallest
/// update |ΔV_min| (a pulse of T_min at the nominal amplitude) and the resolution
/// <c>bits = log2((V − V_floor) / max(|ΔV_min|, σ_read))</c> (model.md 1.5), and beside it the step-limited
/// resolution <c>log2((V − V_floor)/|ΔV_min|)</c> that an ideal read-out would give.</para>
/// <para>Tables: <c>energy_resolution_vs_time</c> (t = 0 and a log grid from a0/1000 up to the time the element
/// reaches its floor, at most 1e8 s) and <c>energy_resolution_vs_voltage</c> (V from just above the floor to
/// V0 + (V0 − V_floor)). Scalars: the operating point at t = 0.</para>
/// </remarks>
public sealed class EnergyResolutionExperiment
{
    /// <summary>The experiment's file-safe name.</summary>
    public const string Name = "device_energy_resolution";

    /// <summary>Names of the tables this experiment returns.</summary>
    public static class Tables
    {
        /// <summary>Energy and resolution versus time since V0.</summary>
        public const string ByTime = "energy_resolution_vs_time";

        /// <summary>Energy and resolution versus the state (voltage).</summary>
        public const string ByVoltage = "energy_resolution_vs_voltage";
    }

    /// <summary>Names of the columns both tables share.</summary>
    public static class Columns
    {
        /// <summary>Source energy of the nominal pulse (J).</summary>
        public const string SourceEnergy = "source_energy_j";

        /// <summary>Programming resolution with the read noise (bits).</summary>
        public const string ResolutionBits = "resolution_bits";
    }

    /// <summary>Names of the scalars this experiment returns that other code reads.</summary>
    public static class Scalars
    {
        /// <summary>Effective bits at t = 0, the read noise as a Gaussian together with the programming step (never above the
        /// resolution); present only when σ_read &gt; 0.</summary>
        public const string EffectiveBits = "effective_bits";
    }

    private readonly FnDamPreset _preset;
    private readonly int _points;

    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">The operating point.</param>
    /// <param name="size">Run size: 20, 100 or 400 points per sweep at smoke, default and full size.</param>
    public EnergyResolutionExperiment(FnDamPreset preset, ExperimentSize size)
    {
        _preset = preset ?? throw new ArgumentNullException(nameof(preset));
        _points = ExperimentGrid.Count(size, 20, 100, 400);
    }

    /// <summary>Runs the experiment.</summary>
    /// <returns>Tables, figures and scalars; no files.</returns>
    public ExperimentResult Run()
    {
        var p = _preset.Parameters;
        var a0 = _preset.InitialAge;
        var byTime = Table(Tables.ByTime, "Energy and resolution versus time since V0", "time_s", "s", "time since V0");
        var end = Math.Min(1e8, ProgrammingExperiment.TimeToFloor(_preset) * 0.999);
        var first = Math.Max(1e-6, a0 * 1e-3);
        var times = end > first * 10 ? SweepGrid.Log(first, end, _points) : SweepGrid.Log(first, first * 10, _points);
        foreach (var t in times.Prepend(0.0))
        {
            var element = _preset.CreateElement();
            element.Evolve(t);
            byTime.Add([t, .. Row(element)]);
        }

        var byVoltage = Table(Tables.ByVoltage, "Energy and resolution versus state", "state_voltage_v", "V", "voltage of the element");
        var floor = p.FloorVoltage;
        var top = _preset.InitialVoltage + (_preset.InitialVoltage - floor);
        var span = top - floor;
        foreach (var v in SweepGrid.Linear(floor + (span * 1e-3), top, _points))
        {
            var element = new FnDamElement(p, v);
            byVoltage.Add([v, .. Row(element)]);
        }

        var op = _preset.OperatingPointAt(0.0);
        var scalars = new List<ResultScalar>
        {
            new("voltage_at_start_v", op.Voltage, "V", "V0 of the preset"),
            new("initial_age_s", op.Age, "s", "a0 = exp(k2/V0)/k1"),
            new("source_energy_per_update_j", op.SourceEnergy, "J", "source energy of the nominal pulse at t = 0 (model.md 1.4)"),
            new("tunneling_dissipation_per_update_j", op.TunnelingDissipation, "J", "oxide dissipation of the nominal pulse at t = 0"),
            new("nominal_update_v", op.NominalUpdate, "V", "change of the nominal pulse relative to free evolution at t = 0"),
            new("smallest_update_v", op.SmallestUpdate, "V", "change of a T_min pulse at t = 0"),
            new("resolution_bits", op.ResolutionBits, "bits", "log2((V0 − V_floor)/max(|ΔV_min|, σ_read)) at t = 0 (model.md 1.5)"),
            new("read_noise_v", _preset.ReadOut.NoiseSigma, "V", "σ_read of the preset"),
            new("time_to_floor_s", ProgrammingExperiment.TimeToFloor(_preset), "s", "free evolution time from V0 to V_floor"),
        };
        if (_preset.ReadOut.NoiseSigma > 0)
        {
            scalars.Add(new(Scalars.EffectiveBits, FnPhysics.EffectiveBits(op.Voltage - _preset.Parameters.FloorVoltage, op.SmallestUpdate, _preset.ReadOut.NoiseSigma), "bits", "log2((V0 − V_floor)/max(|ΔV_min|, 2√2·σ_read)) at t = 0: the read noise as a Gaussian, with the programming step; never above resolution_bits (model.md 1.5)"));
        }


        var figures = new List<FigureSpec>
        {
            new(
                "energy_vs_time",
                $"Energy per update versus time ({_preset.Name})",
                byTime.Name,
                "time_s",
                [new FigureSeries("source_energy_j", Legend: "source energy"), new FigureSeries("tunneling_dissipation_j", Legend: "tunnelling dissipation")],
                "time since V0 (s)",
                "energy per nominal pulse (J)",
                AxisScale.Log10,
                AxisScale.Log10),
            new(
                "resolution_vs_time",
                $"Resolution versus time ({_preset.Name})",
                byTime.Name,
                "time_s",
                [new FigureSeries("resolution_bits", Legend: "with read noise"), new FigureSeries("step_limited_bits", Legend: "step-limited (ideal read-out)")],
                "time since V0 (s)",
                "resolution (bits)",
                AxisScale.Log10),
            new(
                "resolution_vs_voltage",
                $"Resolution versus state ({_preset.Name})",
                byVoltage.Name,
                "state_voltage_v",
                [new FigureSeries("resolution_bits", Legend: "with read noise"), new FigureSeries("step_limited_bits", Legend: "step-limited (ideal read-out)")],
                "voltage V (V)",
                "resolution (bits)"),
            new(
                "energy_vs_voltage",
                $"Energy per update versus state ({_preset.Name})",
                byVoltage.Name,
                "state_voltage_v",
                [new FigureSeries("source_energy_j", Legend: "source energy"), new FigureSeries("tunneling_dissipation_j", Legend: "tunnelling dissipation")],
                "voltage V (V)",
                "energy per nominal pulse (J)",
                YScale: AxisScale.Log10),
        };

        var summary = $"At t = 0 the nominal pulse of preset {_preset.Name} costs {Text(op.SourceEnergy)} J of source energy and the element "
            + $"resolves {op.ResolutionBits.ToString("F2", CultureInfo.InvariantCulture)} bits. As the element ages the update shrinks and the "
            + "programmable span above the floor narrows; the tables show how energy and resolution follow the state.";
        return new ExperimentResult(Name, "Energy and resolution of one FN-DAM element", summary, [byTime, byVoltage], figures, scalars);
    }

    private double[] Row(FnDamElement element)
    {
        var nominal = element.Preview(_preset.NominalPulse);
        var smallest = element.Preview(new ProgrammingPulse(_preset.PulseAmplitude, _preset.MinimumWidth));
        var range = element.ProgrammableRange;
        return
        [
            element.Voltage,
            element.Age,
            nominal.SourceEnergy,
            nominal.TunnelingDissipation,
            nominal.Change,
            smallest.Change,
            FnPhysics.ResolutionBits(range, smallest.Change, _preset.ReadOut.NoiseSigma),
            FnPhysics.ResolutionBits(range, smallest.Change, 0.0),
        ];
    }

    private static ResultTable Table(string name, string title, string x, string unit, string description) =>
        new(
            name,
            title,
            "closed forms of model.md 1.3–1.5 at each state",
            [
                new ResultColumn(x, unit, description),
                new ResultColumn("voltage_v", "V", "voltage of the element"),
                new ResultColumn("age_s", "s", "age of the element"),
                new ResultColumn(Columns.SourceEnergy, "J", "source energy of the nominal pulse"),
                new ResultColumn("tunneling_dissipation_j", "J", "oxide dissipation of the nominal pulse"),
                new ResultColumn("nominal_update_v", "V", "change of the nominal pulse relative to free evolution"),
                new ResultColumn("smallest_update_v", "V", "change of a T_min pulse relative to free evolution"),
                new ResultColumn(Columns.ResolutionBits, "bits", "log2((V − V_floor)/max(|ΔV_min|, σ_read))"),
                new ResultColumn("step_limited_bits", "bits", "log2((V − V_floor)/|ΔV_min|)"),
            ]);

    private static string Text(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
