using FnDam.Devices;
using FnDam.Energy;
using FnDam.Numerics;
using FnDam.Results;

namespace FnDam.Arrays;

/// <summary>One programming event of an <see cref="ArraySimulationSpec"/>: a pulse per synapse, optionally repeated.</summary>
/// <param name="Time">Time of the first occurrence (s), non-negative.</param>
/// <param name="SignedWidths">Per synapse, row-major: width (s) of a pulse that increases w (&gt; 0) or decreases it
/// (&lt; 0), 0 = none; as <see cref="SynapseArray.ApplyPulses"/> takes them.</param>
/// <param name="Repeat">Number of occurrences, at least 1.</param>
/// <param name="Period">Time between occurrences (s), positive when <paramref name="Repeat"/> &gt; 1.</param>
public sealed record PulseEvent(double Time, IReadOnlyList<double> SignedWidths, int Repeat = 1, double Period = 0.0);

/// <summary>What <c>fndam array simulate</c> runs: an array, its initial weights, a pulse schedule and the times at
/// which the weights are recorded while the array ages.</summary>
public sealed record ArraySimulationSpec
{
    /// <summary>Creates and validates a specification.</summary>
    /// <param name="rows">Rows, 1 to 1024.</param>
    /// <param name="columns">Columns, 1 to 1024.</param>
    /// <param name="initialWeights">Pre-programmed weights, row-major, rows·columns, finite.</param>
    /// <param name="events">Pulse events.</param>
    /// <param name="sampleTimes">Times (s) at which weights are recorded; non-negative, finite; 1 to 10 000 of them.</param>
    /// <param name="mismatch">Whether the preset's device-to-device spreads apply.</param>
    /// <param name="readOut">Whether recorded weights are read through the preset's read noise and ADC.</param>
    public ArraySimulationSpec(int rows, int columns, IReadOnlyList<double> initialWeights, IReadOnlyList<PulseEvent> events, IReadOnlyList<double> sampleTimes, bool mismatch = true, bool readOut = false)
    {
        if (rows is < 1 or > 1024)
        {
            throw Guard.Invalid("rows", rows, $"rows must be an integer in [1, 1024]; got {rows}.");
        }

        if (columns is < 1 or > 1024)
        {
            throw Guard.Invalid("columns", columns, $"columns must be an integer in [1, 1024]; got {columns}.");
        }

        ArgumentNullException.ThrowIfNull(initialWeights);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(sampleTimes);
        var n = rows * columns;
        if (initialWeights.Count != n)
        {
            throw Guard.Invalid("initialWeights", initialWeights.Count, $"initialWeights must have rows × columns = {n} values; got {initialWeights.Count}.");
        }

        for (var i = 0; i < n; i++)
        {
            Guard.Finite(initialWeights[i], $"initialWeights[{i / columns}][{i % columns}]", "(dimensionless)");
        }

        for (var e = 0; e < events.Count; e++)
        {
            var ev = events[e] ?? throw new ArgumentNullException(nameof(events));
            Guard.InRange(ev.Time, $"pulses[{e}].time", "(s)", 0.0, MaximumTime);
            if (ev.SignedWidths.Count != n)
            {
                throw Guard.Invalid($"pulses[{e}]", ev.SignedWidths.Count, $"pulses[{e}] must give rows × columns = {n} widths; got {ev.SignedWidths.Count}.");
            }

            for (var i = 0; i < n; i++)
            {
                Guard.Finite(ev.SignedWidths[i], $"pulses[{e}] width of synapse [{i / columns}][{i % columns}]", "(s)");
            }

            if (ev.Repeat is < 1 or > 100_000)
            {
                throw Guard.Invalid($"pulses[{e}].repeat", ev.Repeat, $"pulses[{e}].repeat must be an integer in [1, 100000]; got {ev.Repeat}.");
            }

            Guard.InRange(ev.Period, $"pulses[{e}].period", "(s)", 0.0, MaximumTime);
            if (ev.Repeat > 1 && ev.Period <= 0.0)
            {
                throw Guard.Invalid($"pulses[{e}].period", ev.Period, $"pulses[{e}].period must be > 0 s when repeat > 1; got {Guard.Format(ev.Period)}.");
            }

            if (LastOccurrence(ev.Time, ev.Repeat, ev.Period) is var last && last > MaximumTime)
            {
                throw Guard.Invalid($"pulses[{e}]", last, $"pulses[{e}] {PastTheEnd(ev.Time, ev.Repeat, ev.Period, last)}");
            }
        }

        if (sampleTimes.Count is < 1 or > MaximumSamples)
        {
            throw Guard.Invalid("sampleTimes", sampleTimes.Count, $"sampleTimes must hold 1 to {MaximumSamples} times; got {sampleTimes.Count}.");
        }

        MemoryBudget.Require(
            "sampleTimes",
            $"{sampleTimes.Count} times for {rows} × {columns} synapses",
            (double)n * sampleTimes.Count * BytesPerRecordedSynapse,
            "recording every synapse at every sample time");

        for (var i = 0; i < sampleTimes.Count; i++)
        {
            Guard.InRange(sampleTimes[i], $"sampleTimes[{i}]", "(s)", 0.0, MaximumTime);
        }

        Rows = rows;
        Columns = columns;
        InitialWeights = [.. initialWeights];
        Events = [.. events];
        SampleTimes = [.. sampleTimes.Distinct().Order()];
        Mismatch = mismatch;
        ReadOut = readOut;
    }

    /// <summary>Most sample times a run records.</summary>
    public const int MaximumSamples = 10_000;

    // Planning figure for one synapse at one sample time: a weights-table row (six doubles in their own array and its
    // list slot, about 80 bytes), held until weights.csv is written, with room to spare for the run's other state; the
    // CSV itself is streamed to its file row by row, never held as text.
    private const double BytesPerRecordedSynapse = 400.0;

    /// <summary>Latest time (s) a pulse, a pulse period or a sample may have: 10¹² s (about 32 000 years) keeps the
    /// simulated time, its leakage and its energy finite and is far beyond any device's retention. The last occurrence
    /// of a repeated pulse, <see cref="LastOccurrence"/>, is held to it too.</summary>
    public const double MaximumTime = 1e12;

    /// <summary>When the last occurrence of a repeated pulse falls: <c>time + (repeat − 1)·period</c> (s).</summary>
    /// <param name="time">First occurrence (s).</param>
    /// <param name="repeat">Occurrences.</param>
    /// <param name="period">Time between occurrences (s).</param>
    /// <returns>The time of the last one (s).</returns>
    public static double LastOccurrence(double time, int repeat, double period) => time + ((repeat - 1) * period);

    /// <summary>Why a repeated pulse is refused when its last occurrence falls after <see cref="MaximumTime"/>.</summary>
    internal static string PastTheEnd(double time, int repeat, double period, double last) =>
        $"occurs {repeat} times {Guard.Format(period)} s apart from {Guard.Format(time)} s, so its last occurrence, time + (repeat − 1)·period = {Guard.Format(last)} s, falls after the latest time {Guard.Format(MaximumTime)} s; give a smaller repeat or period.";

    /// <summary>Rows.</summary>
    public int Rows { get; }

    /// <summary>Columns.</summary>
    public int Columns { get; }

    /// <summary>Pre-programmed weights, row-major.</summary>
    public IReadOnlyList<double> InitialWeights { get; }

    /// <summary>Pulse events.</summary>
    public IReadOnlyList<PulseEvent> Events { get; }

    /// <summary>Recording times (s), sorted, distinct.</summary>
    public IReadOnlyList<double> SampleTimes { get; }

    /// <summary>Whether the preset's spreads apply.</summary>
    public bool Mismatch { get; }

    /// <summary>Whether recorded weights go through the read-out path.</summary>
    public bool ReadOut { get; }

    /// <summary>The default run: an 8 × 8 array pre-programmed with a gradient across columns (±0.5), then fifty
    /// 50 ms pulses every 100 ms from t = 1 s that raise the main diagonal and lower the anti-diagonal, recorded at t = 0
    /// and four times per decade from 0.1 s to 1e6 s (before the elements age to the floor), without device mismatch so
    /// that programming and intrinsic decay show cleanly (docs/decisions/0023-array-simulate.md).</summary>
    /// <returns>The specification.</returns>
    public static ArraySimulationSpec Default()
    {
        const int N = 8;
        var initial = new double[N * N];
        var widths = new double[N * N];
        for (var r = 0; r < N; r++)
        {
            for (var c = 0; c < N; c++)
            {
                initial[(r * N) + c] = 0.5 * ((2.0 * c / (N - 1)) - 1.0);
            }

            widths[(r * N) + r] = 50e-3;
            widths[(r * N) + (N - 1 - r)] = -50e-3;
        }

        return new ArraySimulationSpec(N, N, initial, [new PulseEvent(1.0, widths, 50, 0.1)], LogTimes(0.1, 1e6, 4), mismatch: false);
    }

    /// <summary>0 and <paramref name="perDecade"/> log-spaced times per decade from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">First positive time (s).</param>
    /// <param name="to">Last time (s), at least <paramref name="from"/>.</param>
    /// <param name="perDecade">Times per decade, 1 to 100.</param>
    /// <returns>The times, starting with 0.</returns>
    public static double[] LogTimes(double from, double to, int perDecade)
    {
        Guard.Positive(from, "sampleTimes.from", "(s)");
        Guard.Positive(to, "sampleTimes.to", "(s)");
        if (to < from)
        {
            throw Guard.Invalid("sampleTimes.to", to, $"sampleTimes.to must be at least sampleTimes.from = {Guard.Format(from)} s; got {Guard.Format(to)}.");
        }

        if (perDecade is < 1 or > 100)
        {
            throw Guard.Invalid("sampleTimes.perDecade", perDecade, $"sampleTimes.perDecade must be an integer in [1, 100]; got {perDecade}.");
        }

        // Decades as a difference of logarithms: to/from overflows for from = 1e-200, to = 1e200.
        var steps = Math.Floor(((Math.Log10(to) - Math.Log10(from)) * perDecade) + 1e-9);
        if (steps + 3 > MaximumSamples)
        {
            throw Guard.Invalid("sampleTimes", steps + 3, $"sampleTimes {{from, to, perDecade}} must give at most {MaximumSamples} times; from {Guard.Format(from)} s to {Guard.Format(to)} s at {perDecade} per decade got {steps + 3:0}.");
        }

        var count = (int)steps;
        var times = new List<double> { 0.0 };
        for (var k = 0; k <= count; k++)
        {
            // from·10^(k/n) keeps the times of every span whose ratio a double holds; a wider one goes through logarithms.
            var factor = Math.Pow(10.0, (double)k / perDecade);
            times.Add(double.IsFinite(factor) ? from * factor : Math.Pow(10.0, Math.Log10(from) + ((double)k / perDecade)));
        }

        if (times[^1] < to)
        {
            times.Add(to);
        }

        return [.. times];
    }
}

/// <summary>What an array simulation produced.</summary>
/// <param name="Weights">Every synapse's weight and voltages at every recording time.</param>
/// <param name="Traces">Weight over time of a few representative synapses (label: synapse).</param>
/// <param name="EnergySteps">Energy of each pulse occurrence (one ledger step each).</param>
/// <param name="Counters">Per synapse at the end: pulses, remaining range, common mode, usage.</param>
/// <param name="Snapshots">Weights (row-major) at the first recording, the first recording after the last pulse, and the
/// last recording.</param>
/// <param name="Energy">The ledger's summary.</param>
/// <param name="Technologies">Energy the same number of updates would cost on each static memory of the technology table.</param>
/// <param name="Array">The array in its final state.</param>
public sealed record ArraySimulationResult(
    ResultTable Weights,
    ResultTable Traces,
    ResultTable EnergySteps,
    ResultTable Counters,
    IReadOnlyList<(string Name, double Time, double[] Weights)> Snapshots,
    EnergySummary Energy,
    IReadOnlyList<(MemoryTechnology Technology, double Energy)> Technologies,
    SynapseArray Array);

/// <summary>Runs an <see cref="ArraySimulationSpec"/>: pre-program, pulse, age, record.</summary>
public static class ArraySimulation
{
    /// <summary>Runs the simulation.</summary>
    /// <param name="spec">What to simulate.</param>
    /// <param name="preset">Device operating point.</param>
    /// <param name="seed">Seed of the mismatch, rounding and read-noise streams.</param>
    /// <param name="technologies">Static memories to compare the energy with; the shipped table when null.</param>
    /// <param name="threads">Worker threads of the array's pulses and free evolution (at least 1; results do not depend on it).</param>
    /// <param name="cancellation">Stops between events.</param>
    /// <returns>Tables, snapshots and the energy account.</returns>
    /// <remarks>At each time of the merged timeline the array advances exactly; recordings at a time are taken before
    /// pulses at the same time; each pulse occurrence is one ledger step.</remarks>
    public static ArraySimulationResult Run(ArraySimulationSpec spec, FnDamPreset preset, ulong seed, IReadOnlyList<MemoryTechnology>? technologies = null, int threads = 1, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(preset);
        var array = new SynapseArray(spec.Rows, spec.Columns, preset, new SynapseArrayOptions(seed, spec.Mismatch, spec.ReadOut, Threads: threads));
        try
        {
            array.SetWeights(spec.InitialWeights.ToArray());
        }
        catch (InputException e)
        {
            throw Guard.Invalid("initialWeights", null, $"initialWeights (row-major, {spec.Columns} per row): {e.Message}");
        }

        var rounding = SeededRandom.Derive(seed, "rounding");
        var n = array.Count;

        var occurrences = new List<(double Time, int Event, int Repeat)>();
        for (var e = 0; e < spec.Events.Count; e++)
        {
            for (var k = 0; k < spec.Events[e].Repeat; k++)
            {
                occurrences.Add((spec.Events[e].Time + (k * spec.Events[e].Period), e, k));
            }
        }

        occurrences = [.. occurrences.OrderBy(o => o.Time).ThenBy(o => o.Event).ThenBy(o => o.Repeat)];
        var lastPulse = occurrences.Count > 0 ? occurrences[^1].Time : double.NegativeInfinity;

        var weights = new ResultTable(
            "weights",
            "Weights of every synapse over time",
            $"exact closed-form simulation of a {spec.Rows}×{spec.Columns} FN-DAM array, preset {preset.Name}, seed {seed}",
            [
                new("time_s", "s", "time"), new("row", "", "row index"), new("column", "", "column index"),
                new("weight", "", "w = g·(V+ − V−)"), new("v_plus_V", "V", "plus-half voltage"), new("v_minus_V", "V", "minus-half voltage"),
            ]);
        var traces = new ResultTable("traces", "Weight over time of representative synapses", weights.Provenance, [new("time_s", "s", "time"), new("weight", "", "weight")], "synapse");
        var steps = new ResultTable(
            "energy_steps",
            "Energy of each pulse occurrence",
            weights.Provenance,
            [
                new("time_s", "s", "time of the occurrence"), new("event", "", "index of the pulse event"), new("updates", "", "pulses applied"),
                new("at_floor", "", "requests refused at the floor"), new("source_energy_J", "J", "source energy"),
                new("tunneling_dissipation_J", "J", "oxide dissipation during the pulses"), new("leakage_J", "J", "free leakage since the previous occurrence"),
                new("mean_energy_per_update_fJ", "fJ", "mean source energy per update"),
            ]);

        var chosen = Representatives(spec);
        var snapshots = new List<(string, double, double[])>();
        var read = new double[n];
        var sample = 0;
        var pulse = 0;
        var pendingLeakage = 0.0;
        while (sample < spec.SampleTimes.Count || pulse < occurrences.Count)
        {
            cancellation.ThrowIfCancellationRequested();
            var nextSample = sample < spec.SampleTimes.Count ? spec.SampleTimes[sample] : double.PositiveInfinity;
            var nextPulse = pulse < occurrences.Count ? occurrences[pulse].Time : double.PositiveInfinity;
            if (nextSample <= nextPulse)
            {
                var before = array.Ledger.Leakage;
                array.AdvanceTo(Math.Max(array.Time, nextSample));
                pendingLeakage += array.Ledger.Leakage - before;
                array.ReadWeights(read);
                for (var i = 0; i < n; i++)
                {
                    weights.Add(nextSample, i / spec.Columns, i % spec.Columns, read[i], array.PlusVoltages[i], array.MinusVoltages[i]);
                }

                foreach (var (label, index) in chosen)
                {
                    traces.Add(label, nextSample, read[index]);
                }

                var name = sample == 0 ? "start" : sample == spec.SampleTimes.Count - 1 ? "end" : null;
                if (name is null && nextSample >= lastPulse && !snapshots.Any(s => s.Item1 == "programmed"))
                {
                    name = "programmed";
                }

                if (name is not null)
                {
                    snapshots.Add((name, nextSample, (double[])read.Clone()));
                }

                sample++;
            }
            else
            {
                var (time, e, _) = occurrences[pulse];
                array.Ledger.BeginStep($"pulse event {e} at {time:R} s");
                var before = array.Ledger.Leakage;
                array.AdvanceTo(Math.Max(array.Time, time));
                var leakage = pendingLeakage + (array.Ledger.Leakage - before);
                pendingLeakage = 0.0;
                var result = array.ApplyPulses(spec.Events[e].SignedWidths.ToArray(), rounding);
                var step = array.Ledger.EndStep();
                steps.Add(time, e, result.Pulsed, result.AtFloor, result.SourceEnergy, result.TunnelingDissipation, leakage, step.MeanEnergyPerUpdate * 1e15);
                pulse++;
            }
        }

        var counters = new ResultTable(
            "counters",
            "Per-synapse counters at the end of the run",
            weights.Provenance,
            [
                new("row", "", "row index"), new("column", "", "column index"), new("pulses_plus", "", "pulses on the plus half"),
                new("pulses_minus", "", "pulses on the minus half"), new("remaining_range_V", "V", "min(V+, V−) − V_floor"),
                new("common_mode_V", "V", "(V+ + V−)/2"), new("usage_V", "V", "nominal free voltage − common mode"),
            ]);
        var range = new double[n];
        var common = new double[n];
        var usage = new double[n];
        array.RemainingRange(range);
        array.CommonModeVoltages(common);
        array.Usage(usage);
        for (var i = 0; i < n; i++)
        {
            counters.Add(i / spec.Columns, i % spec.Columns, array.PlusPulseCounts[i], array.MinusPulseCounts[i], range[i], common[i], usage[i]);
        }

        var table = technologies ?? TechnologyTable.Default;
        var summary = array.Ledger.Summary();
        var comparison = table.Select(t => (t, t.EnergyPerUpdate * summary.Updates)).ToArray();
        return new ArraySimulationResult(weights, traces, steps, counters, snapshots, summary, comparison, array);
    }

    /// <summary>Up to six synapses to trace: the most pulsed towards increase, towards decrease, and an unpulsed one,
    /// plus the corners.</summary>
    private static List<(string Label, int Index)> Representatives(ArraySimulationSpec spec)
    {
        var n = spec.Rows * spec.Columns;
        var net = new double[n];
        foreach (var e in spec.Events)
        {
            for (var i = 0; i < n; i++)
            {
                net[i] += e.SignedWidths[i] * e.Repeat;
            }
        }

        var candidates = new List<int>();
        var up = Enumerable.Range(0, n).OrderByDescending(i => net[i]).ThenBy(i => i).First();
        var down = Enumerable.Range(0, n).OrderBy(i => net[i]).ThenBy(i => i).First();
        if (net[up] > 0.0)
        {
            candidates.Add(up);
        }

        if (net[down] < 0.0)
        {
            candidates.Add(down);
        }

        var quiet = Enumerable.Range(0, n).FirstOrDefault(i => net[i] == 0.0, -1);
        if (quiet >= 0)
        {
            candidates.Add(quiet);
        }

        candidates.AddRange([0, spec.Columns - 1, n - spec.Columns, n - 1]);
        return [.. candidates.Distinct().Take(6).Select(i => ($"r{i / spec.Columns} c{i % spec.Columns}", i))];
    }
}
