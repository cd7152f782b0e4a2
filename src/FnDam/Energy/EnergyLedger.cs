using FnDam.Numerics;

namespace FnDam.Energy;

/// <summary>
/// The energy account of an array (or of a whole run): every pulse's source energy and tunnelling dissipation, the
/// free leakage of every interval, per step and in total, and the distribution of energy per update.
/// </summary>
/// <remarks>
/// <para>Terms as in model.md 1.4 (docs/decisions/0003-energy-accounting.md): the source energy of a pulse,
/// <c>C_c·(1−κ)·V_p² + |κ·V_p·ΔQ|</c>, is the energy per update; tunnelling dissipation <c>C_T·(U0² − U1²)/2</c> and
/// free leakage <c>C_T·(V_a² − V_b²)/2</c> are reported separately and never counted as update energy.</para>
/// <para>Steps: between <see cref="BeginStep"/> and <see cref="EndStep"/> every record also goes to the open step; a
/// closed step becomes an <see cref="EnergyStep"/> in <see cref="Steps"/>. Records outside a step count only in the
/// totals. Aggregation over arrays: <see cref="Combine"/>.</para>
/// </remarks>
public sealed class EnergyLedger
{
    private readonly List<EnergyStep> _steps = [];
    private EnergyStep? _open;

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="name">What it accounts for (an array's or a run's name).</param>
    public EnergyLedger(string name = "array")
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>What the ledger accounts for.</summary>
    public string Name { get; }

    /// <summary>Source energy of all pulses so far (J): Σ <c>C_c·(1−κ)·V_p² + |κ·V_p·ΔQ|</c>.</summary>
    public double SourceEnergy { get; private set; }

    /// <summary>Tunnelling dissipation of all pulses so far (J): Σ <c>C_T·(U0² − U1²)/2</c>.</summary>
    public double TunnelingDissipation { get; private set; }

    /// <summary>Free leakage between events so far (J): Σ <c>C_T·(V_a² − V_b²)/2</c>.</summary>
    public double Leakage { get; private set; }

    /// <summary>Number of pulses (updates) so far.</summary>
    public long Updates { get; private set; }

    /// <summary>Mean source energy per update (J): <c>SourceEnergy / Updates</c>, 0 when there has been none.</summary>
    public double MeanEnergyPerUpdate => Updates == 0 ? 0.0 : SourceEnergy / Updates;

    /// <summary>Mean source energy per update in femtojoules.</summary>
    public double MeanEnergyPerUpdateFemtojoules => MeanEnergyPerUpdate * 1e15;

    /// <summary>Distribution of the source energy per update (J).</summary>
    public EnergyHistogram Distribution { get; } = new();

    /// <summary>The closed steps, in order.</summary>
    public IReadOnlyList<EnergyStep> Steps => _steps;

    /// <summary>Whether a step is open.</summary>
    public bool InStep => _open is not null;

    /// <summary>Opens a step; records until <see cref="EndStep"/> are also accounted to it.</summary>
    /// <param name="label">What the step is (for example "epoch 3, batch 17"); empty by default.</param>
    /// <exception cref="InvalidOperationException">A step is already open.</exception>
    public void BeginStep(string? label = null)
    {
        if (_open is not null)
        {
            throw new InvalidOperationException($"energy ledger '{Name}': step {_open.Value.Index} is still open; call EndStep first.");
        }

        _open = new EnergyStep(_steps.Count, label ?? string.Empty, 0.0, 0.0, 0.0, 0);
    }

    /// <summary>Closes the open step.</summary>
    /// <returns>The closed step's record.</returns>
    /// <exception cref="InvalidOperationException">No step is open.</exception>
    public EnergyStep EndStep()
    {
        var step = _open ?? throw new InvalidOperationException($"energy ledger '{Name}': no step is open; call BeginStep first.");
        _steps.Add(step);
        _open = null;
        return step;
    }

    /// <summary>Records one pulse.</summary>
    /// <param name="sourceEnergy">Its source energy (J), finite and non-negative.</param>
    /// <param name="tunnelingDissipation">Its tunnelling dissipation (J), finite and non-negative.</param>
    /// <exception cref="InputException">A value is negative or not finite, or it would take a total past the largest
    /// finite double; nothing is recorded then.</exception>
    public void RecordPulse(double sourceEnergy, double tunnelingDissipation)
    {
        Guard.NonNegative(sourceEnergy, "pulse source energy", "(J)");
        Guard.NonNegative(tunnelingDissipation, "pulse tunnelling dissipation", "(J)");
        CheckRoom("pulse source energy", sourceEnergy, tunnelingDissipation, 0.0, 1);
        Distribution.Add(sourceEnergy);
        Accumulate(sourceEnergy, tunnelingDissipation, 0.0, 1);
    }

    /// <summary>Records <paramref name="count"/> equal pulses (for example the further nominal pulses of an encoder that
    /// realises one change with several).</summary>
    /// <param name="count">How many, non-negative.</param>
    /// <param name="sourceEnergy">Source energy of each (J), finite and non-negative.</param>
    /// <param name="tunnelingDissipation">Tunnelling dissipation of each (J), finite and non-negative.</param>
    /// <exception cref="InputException">A value is negative or not finite, or it would take a total past the largest
    /// finite double; nothing is recorded then.</exception>
    public void RecordPulses(long count, double sourceEnergy, double tunnelingDissipation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Guard.NonNegative(sourceEnergy, "pulse source energy", "(J)");
        Guard.NonNegative(tunnelingDissipation, "pulse tunnelling dissipation", "(J)");
        CheckRoom($"{count} pulses' source energy", count * sourceEnergy, count * tunnelingDissipation, 0.0, count);
        Distribution.Add(sourceEnergy, count);
        Accumulate(count * sourceEnergy, count * tunnelingDissipation, 0.0, count);
    }

    /// <summary>Adds source energy to pulses already recorded, without counting new ones: what a driver pays beyond the
    /// recorded pulses' energy (the amplitude-compensated encoder's raised amplitude). The distribution keeps the
    /// recorded pulses' energies; totals and means include the surcharge.</summary>
    /// <param name="joules">The surcharge (J), finite and non-negative.</param>
    /// <exception cref="InputException">A value is negative or not finite, or it would take a total past the largest
    /// finite double; nothing is recorded then.</exception>
    public void RecordSurcharge(double joules)
    {
        Guard.NonNegative(joules, "source energy surcharge", "(J)");
        CheckRoom("source energy surcharge", joules, 0.0, 0.0, 0);
        Accumulate(joules, 0.0, 0.0, 0);
    }

    /// <summary>Records free leakage over an interval.</summary>
    /// <param name="joules">Leakage (J), finite and non-negative.</param>
    /// <exception cref="InputException">A value is negative or not finite, or it would take a total past the largest
    /// finite double; nothing is recorded then.</exception>
    public void RecordLeakage(double joules)
    {
        Guard.NonNegative(joules, "leakage energy", "(J)");
        CheckRoom("leakage energy", 0.0, 0.0, joules, 0);
        Accumulate(0.0, 0.0, joules, 0);
    }

    /// <summary>Aggregates ledgers (for example every array of a network) into one.</summary>
    /// <param name="name">Name of the aggregate.</param>
    /// <param name="ledgers">The ledgers.</param>
    /// <returns>A new ledger with summed totals, the merged distribution and steps summed by index.</returns>
    /// <exception cref="InputException">The sum of a total would pass the largest finite double.</exception>
    public static EnergyLedger Combine(string name, IEnumerable<EnergyLedger> ledgers)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        var result = new EnergyLedger(name);
        foreach (var ledger in ledgers)
        {
            ArgumentNullException.ThrowIfNull(ledger);
            result.CheckRoom($"ledger '{InputException.Printable(ledger.Name)}'", ledger.SourceEnergy, ledger.TunnelingDissipation, ledger.Leakage, ledger.Updates);
            result.SourceEnergy += ledger.SourceEnergy;
            result.TunnelingDissipation += ledger.TunnelingDissipation;
            result.Leakage += ledger.Leakage;
            result.Updates += ledger.Updates;
            result.Distribution.Merge(ledger.Distribution);
            for (var i = 0; i < ledger._steps.Count; i++)
            {
                var s = ledger._steps[i];
                if (i < result._steps.Count)
                {
                    var t = result._steps[i];
                    result._steps[i] = t with
                    {
                        SourceEnergy = t.SourceEnergy + s.SourceEnergy,
                        TunnelingDissipation = t.TunnelingDissipation + s.TunnelingDissipation,
                        Leakage = t.Leakage + s.Leakage,
                        Updates = t.Updates + s.Updates,
                    };
                }
                else
                {
                    result._steps.Add(s);
                }
            }
        }

        return result;
    }

    /// <summary>The ledger's figures in the units people read (fJ per update, percentiles).</summary>
    /// <returns>The summary.</returns>
    public EnergySummary Summary() => new(
        Name,
        Updates,
        SourceEnergy,
        TunnelingDissipation,
        Leakage,
        MeanEnergyPerUpdateFemtojoules,
        Distribution.Minimum * 1e15,
        Distribution.Percentile(5.0) * 1e15,
        Distribution.Percentile(50.0) * 1e15,
        Distribution.Percentile(95.0) * 1e15,
        Distribution.Maximum * 1e15,
        _steps.Count);

    /// <summary>Replaces the ledger's contents by a copy of <paramref name="other"/>'s (totals, steps, distribution).</summary>
    internal void CopyFrom(EnergyLedger other)
    {
        (SourceEnergy, TunnelingDissipation, Leakage, Updates) = (other.SourceEnergy, other.TunnelingDissipation, other.Leakage, other.Updates);
        _steps.Clear();
        _steps.AddRange(other._steps);
        _open = other._open;
        Distribution.CopyFrom(other.Distribution);
    }

    /// <summary>Writes totals, steps (closed and open) and the distribution into the present section (for
    /// checkpoints).</summary>
    internal void Save(StateWriter writer)
    {
        writer.Write("source-energy", SourceEnergy);
        writer.Write("tunneling-dissipation", TunnelingDissipation);
        writer.Write("leakage", Leakage);
        writer.Write("updates", Updates);
        writer.Items("steps", _steps, Write);
        writer.Write("has-open-step", _open is not null);
        if (_open is { } open)
        {
            writer.Section("open-step", w => Write(w, open));
        }

        writer.Section("distribution", Distribution.Save);
    }

    /// <summary>Replaces the ledger's contents by those written by <see cref="Save"/>.</summary>
    internal void Load(StateReader reader)
    {
        SourceEnergy = reader.ReadDouble("source-energy");
        TunnelingDissipation = reader.ReadDouble("tunneling-dissipation");
        Leakage = reader.ReadDouble("leakage");
        Updates = reader.ReadInt64("updates");
        _steps.Clear();
        _steps.AddRange(reader.Items("steps", Read));
        _open = reader.ReadBoolean("has-open-step") ? reader.Section("open-step", Read) : null;
        reader.Section("distribution", Distribution.Load);
    }

    private static void Write(StateWriter writer, EnergyStep step)
    {
        writer.Write("index", step.Index);
        writer.Write("label", step.Label);
        writer.Write("source-energy", step.SourceEnergy);
        writer.Write("tunneling-dissipation", step.TunnelingDissipation);
        writer.Write("leakage", step.Leakage);
        writer.Write("updates", step.Updates);
    }

    private static EnergyStep Read(StateReader reader) =>
        new(reader.ReadInt32("index"), reader.ReadString("label"), reader.ReadDouble("source-energy"), reader.ReadDouble("tunneling-dissipation"), reader.ReadDouble("leakage"), reader.ReadInt64("updates"));

    /// <summary>Refuses an entry that would take a total past the largest finite double (or the pulse count past
    /// <see cref="long.MaxValue"/>), before anything is recorded: a ledger never holds an infinite total. Open steps need no
    /// check of their own, since their sums are parts of the totals.</summary>
    /// <param name="entry">The entry as the caller knows it, for the message.</param>
    /// <param name="source">Source energy to add (J).</param>
    /// <param name="dissipation">Tunnelling dissipation to add (J).</param>
    /// <param name="leakage">Leakage to add (J).</param>
    /// <param name="updates">Pulses to add.</param>
    private void CheckRoom(string entry, double source, double dissipation, double leakage, long updates)
    {
        Room("source energy", SourceEnergy, source);
        Room("tunnelling dissipation", TunnelingDissipation, dissipation);
        Room("leakage", Leakage, leakage);
        if (updates > long.MaxValue - Updates)
        {
            throw Guard.Invalid(entry, updates, $"{entry}: {updates} pulses would take ledger '{InputException.Printable(Name)}' past {long.MaxValue} pulses (it holds {Updates}); record them in another ledger.");
        }

        void Room(string total, double held, double adding)
        {
            if (!double.IsFinite(held + adding))
            {
                throw Guard.Invalid(entry, adding, $"{entry}: adding {Guard.Format(adding)} J to the {total} of ledger '{InputException.Printable(Name)}' ({Guard.Format(held)} J) would pass the largest finite number, {Guard.Format(double.MaxValue)} J; a ledger holds no infinite total, so record it in another ledger.");
            }
        }
    }

    /// <summary>Records a batch of pulses whose per-synapse source energies are in <paramref name="sourcePerSynapse"/>
    /// (zero where no pulse was given), counted chunk by chunk (<paramref name="tallies"/>, see
    /// <see cref="EnergyHistogram.Tally"/>), and whose sums, minimum and maximum the kernel has formed.</summary>
    internal void RecordBatch(ReadOnlySpan<double> sourcePerSynapse, ReadOnlySpan<BinTally> tallies, double sourceSum, double dissipationSum, int pulses, double minimum, double maximum)
    {
        if (pulses == 0)
        {
            return;
        }

        CheckRoom("pulse batch", sourceSum, dissipationSum, 0.0, pulses);
        Distribution.AddTallied(sourcePerSynapse, tallies, pulses, minimum, maximum);
        Accumulate(sourceSum, dissipationSum, 0.0, pulses);
    }

    private void Accumulate(double source, double dissipation, double leakage, long updates)
    {
        SourceEnergy += source;
        TunnelingDissipation += dissipation;
        Leakage += leakage;
        Updates += updates;
        if (_open is { } step)
        {
            _open = step with
            {
                SourceEnergy = step.SourceEnergy + source,
                TunnelingDissipation = step.TunnelingDissipation + dissipation,
                Leakage = step.Leakage + leakage,
                Updates = step.Updates + updates,
            };
        }
    }
}

/// <summary>The energy of one step (for example one training step).</summary>
/// <param name="Index">Position in the ledger's steps, from 0.</param>
/// <param name="Label">What the step was.</param>
/// <param name="SourceEnergy">Source energy of the step's pulses (J).</param>
/// <param name="TunnelingDissipation">Their tunnelling dissipation (J).</param>
/// <param name="Leakage">Free leakage during the step (J).</param>
/// <param name="Updates">Number of pulses.</param>
public readonly record struct EnergyStep(int Index, string Label, double SourceEnergy, double TunnelingDissipation, double Leakage, long Updates)
{
    /// <summary>Mean source energy per update in the step (J); 0 when it had none.</summary>
    public double MeanEnergyPerUpdate => Updates == 0 ? 0.0 : SourceEnergy / Updates;
}

/// <summary>A ledger's figures: totals in joules, energy per update in femtojoules.</summary>
/// <param name="Name">The ledger's name.</param>
/// <param name="Updates">Number of pulses.</param>
/// <param name="SourceEnergy">Total source energy (J).</param>
/// <param name="TunnelingDissipation">Total tunnelling dissipation (J).</param>
/// <param name="Leakage">Total free leakage (J).</param>
/// <param name="MeanPerUpdateFemtojoules">Mean source energy per update (fJ).</param>
/// <param name="MinimumPerUpdateFemtojoules">Smallest energy of one update (fJ).</param>
/// <param name="P5PerUpdateFemtojoules">5th percentile (fJ).</param>
/// <param name="MedianPerUpdateFemtojoules">Median (fJ).</param>
/// <param name="P95PerUpdateFemtojoules">95th percentile (fJ).</param>
/// <param name="MaximumPerUpdateFemtojoules">Largest energy of one update (fJ).</param>
/// <param name="Steps">Number of closed steps.</param>
public sealed record EnergySummary(
    string Name,
    long Updates,
    double SourceEnergy,
    double TunnelingDissipation,
    double Leakage,
    double MeanPerUpdateFemtojoules,
    double MinimumPerUpdateFemtojoules,
    double P5PerUpdateFemtojoules,
    double MedianPerUpdateFemtojoules,
    double P95PerUpdateFemtojoules,
    double MaximumPerUpdateFemtojoules,
    int Steps);
