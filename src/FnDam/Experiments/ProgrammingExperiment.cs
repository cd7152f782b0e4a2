using System.Globalization;
using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>
/// How one programming pulse moves an element (model.md 1.3–1.4): the update of the preset's nominal pulse versus
/// the time at which it is applied (the intrinsic annealing), versus pulse width and versus pulse amplitude, with
/// the energy of each pulse alongside.
/// </summary>
/// <remarks>
/// <para>For an element that started at V0 at t = 0 and evolved freely to the time of application t, the pulse
/// shifts the oxide voltage by δ = κ·V_p for T seconds: <c>U0 = V + δ</c>, <c>U1 = k2/(k2/U0 + log1p(k1·T·e^{−k2/U0}))</c>,
/// <c>V_after = U1 − δ</c>, and the update is <c>ΔV = V_after − V_free(T)</c>. Source energy
/// <c>C_c·(1−κ)·V_p² + |κ·V_p·C_T·(U1 − U0)|</c>; tunnelling dissipation <c>C_T·(U0² − U1²)/2</c>.</para>
/// <para>Tables: <c>update_vs_time</c> (t = 0 and a log grid from a0/1000 to the time the element reaches its floor,
/// at most 1e8 s; with the guide <c>|ΔV(0)|·a0/(t + a0)</c> of the 1/(t + a0) law), <c>update_vs_width</c> (T from
/// T_min to T_max at t = 0) and <c>update_vs_amplitude</c> (V_p from V_p/4 to 4·V_p at t = 0).</para>
/// </remarks>
public sealed class ProgrammingExperiment
{
    /// <summary>The experiment's file-safe name.</summary>
    public const string Name = "device_programming";

    /// <summary>Names of the scalars this experiment returns that other code reads.</summary>
    public static class Scalars
    {
        /// <summary>|ΔV| of the nominal pulse at t = 0 over that at the last time of the sweep.</summary>
        public const string AnnealingRatio = "annealing_ratio";
    }

    private readonly FnDamPreset _preset;
    private readonly int _points;

    /// <summary>Creates the experiment.</summary>
    /// <param name="preset">The operating point: element, V0 and nominal pulse.</param>
    /// <param name="size">Run size: 20, 100 or 400 points per sweep at smoke, default and full size.</param>
    public ProgrammingExperiment(FnDamPreset preset, ExperimentSize size)
        : this(preset, ExperimentGrid.Count(size, 20, 100, 400))
    {
    }

    /// <summary>Creates the experiment with an explicit number of points per sweep.</summary>
    /// <param name="preset">The operating point.</param>
    /// <param name="points">Points per sweep, in [2, 100000].</param>
    public ProgrammingExperiment(FnDamPreset preset, int points)
    {
        _preset = preset ?? throw new ArgumentNullException(nameof(preset));
        if (points is < 2 or > 100_000)
        {
            throw Guard.Invalid("points", points, $"points must be an integer in [2, 100000]; got {points}.");
        }

        _points = points;
    }

    /// <summary>Time after t = 0 at which the preset's element reaches its floor by free evolution (s), or infinity.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns><c>exp(k2/V_floor)/k1 − a0</c>.</returns>
    public static double TimeToFloor(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var p = preset.Parameters;
        return p.FloorVoltage > 0.0 ? FnPhysics.Age(p.K1, p.K2, p.FloorVoltage) - preset.InitialAge : double.PositiveInfinity;
    }

    /// <summary>Runs the experiment.</summary>
    /// <returns>Tables, figures and scalars; no files.</returns>
    public ExperimentResult Run()
    {
        var a0 = _preset.InitialAge;
        var nominal = _preset.NominalPulse;
        var start = _preset.CreateElement().Preview(nominal);
        var byTime = Table("update_vs_time", "Update of the nominal pulse versus time of application", "time_s", "s", "time of application since V0");
        byTime = WithGuide(byTime);
        var end = Math.Min(1e8, TimeToFloor(_preset) * 0.999);
        var first = Math.Max(1e-6, a0 * 1e-3);
        var times = end > first * 10 ? SweepGrid.Log(first, end, _points) : SweepGrid.Log(first, first * 10, _points);
        foreach (var t in times.Prepend(0.0))
        {
            var element = _preset.CreateElement();
            element.Evolve(t);
            var o = element.Preview(nominal);
            var guide = Math.Abs(start.Change) * a0 / (t + a0);
            byTime.Add(t, o.VoltageBefore, element.Age, o.Change, Math.Abs(o.Change), o.SourceEnergy, o.TunnelingDissipation, guide);
        }

        var byWidth = Table("update_vs_width", "Update versus pulse width at t = 0", "pulse_width_s", "s", "pulse width T");
        foreach (var w in SweepGrid.Log(_preset.MinimumWidth, Math.Max(_preset.MaximumWidth, _preset.MinimumWidth * 10), _points))
        {
            var o = _preset.CreateElement().Preview(new ProgrammingPulse(_preset.PulseAmplitude, w));
            byWidth.Add(w, o.VoltageBefore, _preset.InitialAge, o.Change, Math.Abs(o.Change), o.SourceEnergy, o.TunnelingDissipation);
        }

        var byAmplitude = Table("update_vs_amplitude", "Update versus pulse amplitude at t = 0", "pulse_amplitude_v", "V", "pulse amplitude V_p");
        foreach (var vp in SweepGrid.Linear(_preset.PulseAmplitude / 4.0, _preset.PulseAmplitude * 4.0, _points))
        {
            var o = _preset.CreateElement().Preview(new ProgrammingPulse(vp, _preset.PulseWidth));
            byAmplitude.Add(vp, o.VoltageBefore, _preset.InitialAge, o.Change, Math.Abs(o.Change), o.SourceEnergy, o.TunnelingDissipation);
        }

        var figures = new List<FigureSpec>
        {
            new(
                "update_vs_time",
                $"Annealing: update of the nominal pulse versus time ({_preset.Name})",
                byTime.Name,
                "time_s",
                [new FigureSeries("update_magnitude_v", Legend: "|ΔV| of the pulse", Style: SeriesStyle.LineAndMarkers), new FigureSeries("guide_v", Legend: "|ΔV(0)|·a0/(t + a0)")],
                "time of application since V0 (s)",
                "update |ΔV| (V)",
                AxisScale.Log10,
                AxisScale.Log10),
            new(
                "energy_vs_time",
                $"Energy of the nominal pulse versus time ({_preset.Name})",
                byTime.Name,
                "time_s",
                [new FigureSeries("source_energy_j", Legend: "source energy"), new FigureSeries("tunneling_dissipation_j", Legend: "tunnelling dissipation")],
                "time of application since V0 (s)",
                "energy per pulse (J)",
                AxisScale.Log10,
                AxisScale.Log10),
            new(
                "update_vs_width",
                $"Update versus pulse width at t = 0 ({_preset.Name})",
                byWidth.Name,
                "pulse_width_s",
                [new FigureSeries("update_magnitude_v", Legend: "|ΔV|")],
                "pulse width T (s)",
                "update |ΔV| (V)",
                AxisScale.Log10,
                AxisScale.Log10),
            new(
                "update_vs_amplitude",
                $"Update versus pulse amplitude at t = 0 ({_preset.Name})",
                byAmplitude.Name,
                "pulse_amplitude_v",
                [new FigureSeries("update_magnitude_v", Legend: "|ΔV|")],
                "pulse amplitude V_p (V)",
                "update |ΔV| (V)",
                YScale: AxisScale.Log10),
        };

        var late = byTime.Rows[^1];
        var iMag = byTime.IndexOf("update_magnitude_v");
        var scalars = new List<ResultScalar>
        {
            new("update_at_start_v", start.Change, "V", "change of the nominal pulse relative to free evolution, at t = 0"),
            new("source_energy_at_start_j", start.SourceEnergy, "J", "source energy of the nominal pulse at t = 0 (model.md 1.4)"),
            new("tunneling_dissipation_at_start_j", start.TunnelingDissipation, "J", "oxide dissipation of the nominal pulse at t = 0"),
            new("initial_age_s", a0, "s", "a0 = exp(k2/V0)/k1"),
            new(Scalars.AnnealingRatio, Math.Abs(start.Change) / late[iMag], "", $"|ΔV| at t = 0 over |ΔV| at t = {Text(late[0])} s"),
        };
        var summary = $"The nominal pulse ({Text(_preset.PulseAmplitude)} V, {Text(_preset.PulseWidth)} s; preset {_preset.Name}) moves the element by "
            + $"{Text(start.Change)} V at t = 0 for {Text(start.SourceEnergy)} J of source energy. Applied later, the same pulse moves it less, "
            + "about as 1/(t + a0): the intrinsic annealing of the learning rate. Width is a linear knob on the update, amplitude an exponential one.";
        return new ExperimentResult(Name, "Programming pulses on one FN-DAM element", summary, [byTime, byWidth, byAmplitude], figures, scalars);
    }

    private static ResultTable Table(string name, string title, string x, string unit, string description) =>
        new(
            name,
            title,
            "exact pulse on the master curve (model.md 1.3), energies by model.md 1.4",
            [
                new ResultColumn(x, unit, description),
                new ResultColumn("voltage_v", "V", "voltage when the pulse starts"),
                new ResultColumn("age_s", "s", "age of the element when the pulse starts"),
                new ResultColumn("update_v", "V", "change relative to free evolution over the pulse, V_after − V_free(T)"),
                new ResultColumn("update_magnitude_v", "V", "|update|"),
                new ResultColumn("source_energy_j", "J", "energy drawn from the programming driver"),
                new ResultColumn("tunneling_dissipation_j", "J", "energy dissipated in the oxide during the pulse"),
            ]);

    private static ResultTable WithGuide(ResultTable table) =>
        new(table.Name, table.Title, table.Provenance, [.. table.Columns, new ResultColumn("guide_v", "V", "|ΔV(0)|·a0/(t + a0), the 1/(t + a0) law")]);

    private static string Text(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
