using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Saving and restoring the array's whole state (checkpoints).</summary>
public sealed partial class SynapseArray
{
    /// <summary>The kind a standalone array state is written under (<see cref="StateWriter"/>).</summary>
    private const string StateKind = "synapse-array";

    /// <summary>
    /// Writes everything that changes as the array is used, as a state file of kind <c>synapse-array</c> (decision
    /// 0077): the clock, the temperature factor, every element's voltage and "ahead" time, the pulse counters, the last
    /// batch's per-synapse energies, the read-noise stream and the energy ledger.
    /// </summary>
    /// <param name="stream">Destination (left open).</param>
    /// <remarks>Mismatch draws are not written: they follow from the seed, so <see cref="LoadState(Stream)"/> needs an array
    /// built with the same shape, preset and options, and checks that it is.</remarks>
    public void SaveState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        StateWriter.Write(stream, StateKind, SaveState);
    }

    /// <summary>Restores a state written by <see cref="SaveState(Stream)"/> from an array of the same shape, preset and
    /// options; afterwards the array continues exactly as the saved one would have.</summary>
    /// <param name="stream">Source (read to its end).</param>
    /// <exception cref="Numerics.InputException">The data is not an array state, is truncated, edited or damaged, or
    /// belongs to an array of another shape, preset, seed or mismatch setting (the message names which, and the file
    /// when <paramref name="stream"/> is a file); nothing is changed then.</exception>
    public void LoadState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        StateReader.Read(stream, StateKind, LoadState);
    }

    /// <summary>Writes the array's state into the present section of <paramref name="writer"/> (a checkpoint that holds
    /// arrays gives each its own section).</summary>
    /// <param name="writer">The state being written.</param>
    public void SaveState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("seed", Options.Seed);
        foreach (var (name, value) in Identity())
        {
            writer.Write(name, value);
        }

        writer.Write("time", Time);
        writer.Write("k1-factor", _k1Factor);
        writer.Write("reference-voltage", _referenceVoltage);
        writer.Write("any-ahead", _anyAhead);
        writer.Write("plus", _plus);
        writer.Write("minus", _minus);
        writer.Write("ahead-plus", _aheadPlus);
        writer.Write("ahead-minus", _aheadMinus);
        writer.Write("plus-pulses", PlusPulseCounts);
        writer.Write("minus-pulses", MinusPulseCounts);
        writer.Write("last-source-energies", LastPulseSourceEnergies);
        writer.Section("read-noise", _readNoise.Save);
        writer.Section("ledger", Ledger.Save);
    }

    /// <summary>Restores a state written by <see cref="SaveState(StateWriter)"/> from the present section of
    /// <paramref name="reader"/>; the same checks as <see cref="LoadState(Stream)"/>, and nothing is changed when one
    /// fails.</summary>
    /// <param name="reader">The state being read.</param>
    /// <exception cref="Numerics.InputException">The state belongs to another array or does not match its fields.</exception>
    public void LoadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var seed = reader.ReadUInt64("seed");
        if (seed != Options.Seed)
        {
            throw reader.Refuse($"the saved array state has seed = {seed}; this array has {Options.Seed} (its mismatch draws differ).");
        }

        foreach (var (name, value) in Identity())
        {
            var saved = reader.ReadDouble(name);
            if (!saved.Equals(value))
            {
                throw reader.Refuse($"the saved array state has {name} = {Guard.Format(saved)}; this array has {Guard.Format(value)}.");
            }
        }

        var time = reader.ReadDouble("time");
        var factor = reader.ReadDouble("k1-factor");
        var reference = reader.ReadDouble("reference-voltage");
        var anyAhead = reader.ReadBoolean("any-ahead");
        var plus = new double[Count];
        var minus = new double[Count];
        var aheadPlus = new double[Count];
        var aheadMinus = new double[Count];
        var countsPlus = new int[Count];
        var countsMinus = new int[Count];
        var sources = new double[Count];
        reader.ReadDoubles("plus", plus);
        reader.ReadDoubles("minus", minus);
        reader.ReadDoubles("ahead-plus", aheadPlus);
        reader.ReadDoubles("ahead-minus", aheadMinus);
        reader.ReadInt32s("plus-pulses", countsPlus);
        reader.ReadInt32s("minus-pulses", countsMinus);
        reader.ReadDoubles("last-source-energies", sources);
        var noise = new SeededRandom(0);
        reader.Section("read-noise", noise.Load);
        var ledger = new Energy.EnergyLedger(Ledger.Name);
        reader.Section("ledger", ledger.Load);

        // Everything read: now replace the state.
        Time = time;
        _k1Factor = factor;
        _referenceVoltage = reference;
        _anyAhead = anyAhead;
        plus.CopyTo(_plus, 0);
        minus.CopyTo(_minus, 0);
        aheadPlus.CopyTo(_aheadPlus, 0);
        aheadMinus.CopyTo(_aheadMinus, 0);
        _pulsesPlus = countsPlus;
        _pulsesMinus = countsMinus;
        _lastSource = sources;
        _readNoise.CopyFrom(noise);
        Ledger.CopyFrom(ledger);

        _weightsValid = false;
    }

    /// <summary>What an array state must match: shape, options that decide the mismatch draws, and the nominal
    /// constants of the preset.</summary>
    private (string Name, double Value)[] Identity() =>
    [
        ("rows", Rows),
        ("columns", Columns),
        ("mismatch", HasMismatch ? 1.0 : 0.0),
        ("read-out", _readOut ? 1.0 : 0.0),
        ("k1 (1/s)", _nominal.K1),
        ("k2 (V)", _nominal.K2),
        ("C_T (F)", _nominal.Capacitance),
        ("δ (V)", _nominal.Delta),
        ("floor voltage (V)", _floor),
        ("gain (1/V)", _gain),
        ("T_min (s)", Preset.MinimumWidth),
        ("T_max (s)", Preset.MaximumWidth),
    ];
}
