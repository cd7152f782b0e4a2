using System.Globalization;
using FnDam.Devices;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>What <see cref="FreeTrajectoryExperiment"/> computes: which initial voltages, over which times.</summary>
public sealed record FreeTrajectorySettings
{
    /// <summary>Creates and validates settings.</summary>
    /// <param name="initialVoltages">One or more V0 (V), each finite and above the preset's floor.</param>
    /// <param name="startTime">First time of the log grid t_min (s), finite and positive.</param>
    /// <param name="endTime">Last time t_max (s), finite and above <paramref name="startTime"/>.</param>
    /// <param name="points">Points of the closed-form grid per V0, in [2, 100000].</param>
    /// <param name="referencePoints">ODE reference points per V0, in [0, 1000] (0: none).</param>
    public FreeTrajectorySettings(IReadOnlyList<double> initialVoltages, double startTime, double endTime, int points, int referencePoints)
    {
        ArgumentNullException.ThrowIfNull(initialVoltages);
        if (initialVoltages.Count is 0 or > MaximumVoltages)
        {
            throw Guard.Invalid("initial voltages V0", initialVoltages.Count, $"1 to {MaximumVoltages} initial voltages V0 are needed; got {initialVoltages.Count}.");
        }

        foreach (var v0 in initialVoltages)
        {
            Guard.InRange(v0, "initial voltage V0", "(V)", 0.0, MaximumVoltage, minimumInclusive: false);
        }

        InitialVoltages = [.. initialVoltages];
        StartTime = Guard.Positive(startTime, "start time t_min", "(s)");
        EndTime = Guard.InRange(endTime, "end time t_max", "(s)", 0.0, MaximumEndTime, minimumInclusive: false);
        if (endTime <= startTime)
        {
            throw Guard.Invalid("end time t_max", endTime, $"end time t_max must exceed the start time t_min = {Guard.Format(startTime)} s; got {Guard.Format(endTime)} s.");
        }

        if (points is < 2 or > 100_000)
        {
            throw Guard.Invalid("points", points, $"points must be an integer in [2, 100000]; got {points}.");
        }

        if (referencePoints is < 0 or > 1000)
        {
            throw Guard.Invalid("reference points", referencePoints, $"reference points must be an integer in [0, 1000]; got {referencePoints}.");
        }

        Points = points;
        ReferencePoints = referencePoints;
    }

    /// <summary>Initial voltages V0 (V).</summary>
    public IReadOnlyList<double> InitialVoltages { get; }

    /// <summary>First time of the grid (s).</summary>
    public double StartTime { get; }

    /// <summary>Last time of the grid (s).</summary>
    public double EndTime { get; }

    /// <summary>Closed-form points per V0.</summary>
    public int Points { get; }

    /// <summary>ODE reference points per V0.</summary>
    public int ReferencePoints { get; }

    /// <summary>
    /// The default settings for a preset: V0 = V0,preset + k·(V0,preset − V_floor)/2 for k = −1, 0, 1, 2, from 1 µs to
    /// 1e7 s, with 25/200/1000 closed-form points and 5/12/40 ODE points per V0 at smoke/default/full size.
    /// </summary>
    /// <param name="preset">The preset.</param>
    /// <param name="size">The run size.</param>
    /// <returns>The settings.</returns>
    public static FreeTrajectorySettings For(FnDamPreset preset, ExperimentSize size)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new FreeTrajectorySettings(DefaultVoltages(preset), 1e-6, 1e7, PointsFor(size), ReferencePointsFor(size));
    }

    /// <summary>Most initial voltages one run takes: each is a curve of the figure and a column set of the table.</summary>
    public const int MaximumVoltages = 32;

    /// <summary>Highest initial voltage V0 (V), the highest a preset takes: far above any floating gate's programming
    /// range, and low enough that the ODE reference reaches its first grid time.</summary>
    public const double MaximumVoltage = FnDamPreset.MaximumInitialVoltage;

    /// <summary>Latest end time t_max (s): 10¹² s (about 32 000 years) is far beyond any retention, and keeps the
    /// log-time grid and the ODE reference finite.</summary>
    public const double MaximumEndTime = 1e12;

    /// <summary>The default initial voltages of a preset (see <see cref="For"/>), those above
    /// <see cref="MaximumVoltage"/> left out (a preset's own V0 is never above it).</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>Two to four voltages, all above the floor and at most <see cref="MaximumVoltage"/>.</returns>
    public static IReadOnlyList<double> DefaultVoltages(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var v0 = preset.InitialVoltage;
        var half = (v0 - preset.Parameters.FloorVoltage) / 2.0;
        double[] all = [v0 - half, v0, v0 + half, v0 + (2.0 * half)];
        return [.. all.Where(v => v <= MaximumVoltage)];
    }

    /// <summary>Closed-form points per V0 at a size: 25, 200, 1000.</summary>
    /// <param name="size">The run size.</param>
    /// <returns>The point count.</returns>
    public static int PointsFor(ExperimentSize size) => ExperimentGrid.Count(size, 25, 200, 1000);

    /// <summary>ODE reference points per V0 at a size: 5, 12, 40.</summary>
    /// <param name="size">The run size.</param>
    /// <returns>The point count.</returns>
    public static int ReferencePointsFor(ExperimentSize size) => ExperimentGrid.Count(size, 5, 12, 40);
}

/// <summary>
/// Free trajectories V(t) of one element for several initial voltages on a log-time grid (model.md 1.2), by the
/// closed form, with reference points from the adaptive ODE integrator so that a figure can overlay the two.
/// </summary>
/// <remarks>
/// <para>Closed form: <c>V(t) = k2 / ln(k1·(t + a0))</c> with <c>a0 = exp(k2/V0)/k1</c>, evaluated as
/// <see cref="FnPhysics.VoltageAfter"/> from V0 over t. Reference: Dormand–Prince 5(4) on
/// <c>dV/dt = −(k1/k2)·V²·exp(−k2/V)</c> from t = 0, chained from one reference time to the next, relative
/// tolerance 1e−12.</para>
/// <para>Tables: <c>free_trajectory</c> (label <c>series</c>: "closed form V0=… V" or "ODE V0=… V"; columns
/// <c>initial_voltage_v</c>, <c>time_s</c>, <c>voltage_v</c>) and <c>ode_check</c> (per reference point, closed
/// form, ODE and their relative difference). Scalars: <c>max_relative_difference</c>, <c>initial_age_s</c> of the
/// preset's V0.</para>
/// </remarks>
public sealed class FreeTrajectoryExperiment
{
    private readonly FnDamPreset _preset;
    private readonly FreeTrajectorySettings _settings;

    /// <summary>Creates the experiment with the preset's default settings at <paramref name="size"/>.</summary>
    /// <param name="preset">The operating point.</param>
    /// <param name="size">The run size.</param>
    public FreeTrajectoryExperiment(FnDamPreset preset, ExperimentSize size)
        : this(preset, FreeTrajectorySettings.For(preset, size))
    {
    }

    /// <summary>Creates the experiment with explicit settings.</summary>
    /// <param name="preset">The operating point (its k1, k2 and floor).</param>
    /// <param name="settings">Initial voltages and time grid; every V0 must exceed the preset's floor voltage.</param>
    public FreeTrajectoryExperiment(FnDamPreset preset, FreeTrajectorySettings settings)
    {
        _preset = preset ?? throw new ArgumentNullException(nameof(preset));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        var floor = preset.Parameters.FloorVoltage;
        foreach (var v0 in settings.InitialVoltages)
        {
            if (v0 <= floor)
            {
                throw Guard.Invalid("initial voltage V0", v0, $"initial voltage V0 must exceed the floor voltage {Guard.Format(floor)} V of preset '{preset.Name}'; got {Guard.Format(v0)} V.");
            }
        }
    }

    /// <summary>The experiment's file-safe name.</summary>
    public const string Name = "device_free_trajectory";

    /// <summary>Runs the experiment.</summary>
    /// <returns>Tables, a figure and scalars; no files.</returns>
    public ExperimentResult Run() => Run(CancellationToken.None);

    /// <summary>Runs the experiment until done or cancelled.</summary>
    /// <param name="cancellationToken">Stops between initial voltages and between ODE reference points.</param>
    /// <returns>Tables, a figure and scalars; no files.</returns>
    public ExperimentResult Run(CancellationToken cancellationToken)
    {
        var p = _preset.Parameters;
        var (k1, k2) = (p.K1, p.K2);
        var times = SweepGrid.Log(_settings.StartTime, _settings.EndTime, _settings.Points);
        var trajectory = new ResultTable(
            "free_trajectory",
            "Free trajectories V(t)",
            $"closed form V(t) = k2/ln(k1·(t + a0)) (preset {_preset.Name}); ODE rows: Dormand–Prince 5(4), relative tolerance 1e-12",
            [
                new ResultColumn("initial_voltage_v", "V", "initial voltage V0"),
                new ResultColumn("time_s", "s", "time since V0"),
                new ResultColumn("voltage_v", "V", "floating-gate voltage"),
            ],
            labelColumn: "series");
        var check = new ResultTable(
            "ode_check",
            "Closed form against the ODE integrator",
            "closed form vs Dormand–Prince 5(4) integration of dV/dt = −(k1/k2)·V²·exp(−k2/V)",
            [
                new ResultColumn("initial_voltage_v", "V", "initial voltage V0"),
                new ResultColumn("time_s", "s", "time since V0"),
                new ResultColumn("closed_form_v", "V", "closed-form voltage"),
                new ResultColumn("ode_v", "V", "integrated voltage"),
                new ResultColumn("relative_difference", "", "|closed − ODE| / max(|closed|, |ODE|)"),
            ]);

        var series = new List<FigureSeries>();
        var maxDifference = 0.0;
        var references = _settings.ReferencePoints >= 2
            ? SweepGrid.Log(_settings.StartTime, _settings.EndTime, _settings.ReferencePoints)
            : _settings.ReferencePoints == 1 ? [_settings.EndTime] : [];
        foreach (var v0 in _settings.InitialVoltages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var closedLabel = $"closed form V0={Text(v0)} V";
            var odeLabel = $"ODE V0={Text(v0)} V";
            foreach (var t in times)
            {
                trajectory.Add(closedLabel, v0, t, FnPhysics.VoltageAfter(k1, k2, v0, t));
            }

            series.Add(new FigureSeries("voltage_v", closedLabel, $"V0 = {Text(v0)} V", SeriesStyle.Line));
            if (references.Length == 0)
            {
                continue;
            }

            var (t0, y) = (0.0, v0);
            foreach (var t in references)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (y, _) = OdeIntegrator.Adaptive((_, v) => FnPhysics.Rate(k1, k2, v), t0, y, t, relativeTolerance: 1e-12, absoluteTolerance: 1e-15);
                t0 = t;
                var closed = FnPhysics.VoltageAfter(k1, k2, v0, t);
                var difference = FnMath.RelativeDifference(closed, y);
                maxDifference = Math.Max(maxDifference, difference);
                trajectory.Add(odeLabel, v0, t, y);
                check.Add(v0, t, closed, y, difference);
            }

            series.Add(new FigureSeries("voltage_v", odeLabel, $"ODE V0 = {Text(v0)} V", SeriesStyle.Markers));
        }

        var figure = new FigureSpec(
            "free_trajectory",
            $"Free FN-DAM trajectories ({_preset.Name})",
            trajectory.Name,
            "time_s",
            series,
            "time since V0 (s)",
            "floating-gate voltage V (V)",
            XScale: AxisScale.Log10);

        var scalars = new List<ResultScalar>
        {
            new("initial_age_s", _preset.InitialAge, "s", $"a0 = exp(k2/V0)/k1 at the preset's V0 = {Text(_preset.InitialVoltage)} V"),
        };
        if (references.Length > 0)
        {
            scalars.Add(new ResultScalar("max_relative_difference", maxDifference, "", "largest relative difference between closed form and ODE reference points (rounding noise; the report shows the bound it stays below)", ShownBelow: 1e-9));
        }

        var summary = $"Free evolution of one element (preset {_preset.Name}) from {_settings.InitialVoltages.Count} initial voltages over "
            + $"{Text(_settings.StartTime)}–{Text(_settings.EndTime)} s, closed form with {references.Length} ODE reference points per V0. "
            + "The trajectories are flat for t ≪ a0, then fall like 1/ln t; higher V0 (younger elements) catch up with lower ones.";
        return new ExperimentResult(Name, "Free trajectories of one FN-DAM element", summary, [trajectory, check], [figure], scalars);
    }

    private static string Text(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
