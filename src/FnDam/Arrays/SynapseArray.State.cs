using System.Text;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Saving and restoring the array's whole state (checkpoints).</summary>
public sealed partial class SynapseArray
{
    private const string StateMagic = "FNDAM-ARRAY-STATE-1";

    /// <summary>
    /// Writes everything that changes as the array is used: the clock, the temperature factor, every element's
    /// voltage and "ahead" time, the pulse counters, the last batch's per-synapse energies, the read-noise stream and
    /// the energy ledger.
    /// </summary>
    /// <param name="stream">Destination (binary, little-endian; left open).</param>
    /// <remarks>Mismatch draws are not written: they follow from the seed, so <see cref="LoadState"/> needs an array
    /// built with the same shape, preset and options, and checks that it is.</remarks>
    public void SaveState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(StateMagic);
        writer.Write(Options.Seed);
        foreach (var (_, value) in Identity())
        {
            writer.Write(value);
        }

        writer.Write(Time);
        writer.Write(_k1Factor);
        writer.Write(_referenceVoltage);
        writer.Write(_anyAhead);
        WriteAll(writer, _plus);
        WriteAll(writer, _minus);
        WriteAll(writer, _aheadPlus);
        WriteAll(writer, _aheadMinus);
        WriteAll(writer, PlusPulseCounts);
        WriteAll(writer, MinusPulseCounts);
        WriteAll(writer, LastPulseSourceEnergies);
        _readNoise.Save(writer);
        Ledger.Save(writer);
    }

    /// <summary>Restores a state written by <see cref="SaveState"/> from an array of the same shape, preset and
    /// options; afterwards the array continues exactly as the saved one would have.</summary>
    /// <param name="stream">Source.</param>
    /// <exception cref="InvalidDataException">The data is not an array state, is truncated, or belongs to an array of
    /// another shape, preset, seed or mismatch setting (the message names which); nothing is changed then.</exception>
    public void LoadState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != StateMagic)
            {
                throw new InvalidDataException("not a synapse array state.");
            }

            var seed = reader.ReadUInt64();
            if (seed != Options.Seed)
            {
                throw new InvalidDataException($"the saved array state has seed = {seed}; this array has {Options.Seed} (its mismatch draws differ).");
            }

            foreach (var (name, value) in Identity())
            {
                var saved = reader.ReadDouble();
                if (!saved.Equals(value))
                {
                    throw new InvalidDataException($"the saved array state has {name} = {Guard.Format(saved)}; this array has {Guard.Format(value)}.");
                }
            }

            var time = reader.ReadDouble();
            var factor = reader.ReadDouble();
            var reference = reader.ReadDouble();
            var anyAhead = reader.ReadBoolean();
            var plus = ReadDoubles(reader);
            var minus = ReadDoubles(reader);
            var aheadPlus = ReadDoubles(reader);
            var aheadMinus = ReadDoubles(reader);
            var countsPlus = ReadInts(reader);
            var countsMinus = ReadInts(reader);
            var sources = ReadDoubles(reader);
            var noise = new SeededRandom(0);
            noise.Load(reader);
            var ledger = new Energy.EnergyLedger(Ledger.Name);
            ledger.Load(reader);

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
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the synapse array state is truncated.", e);
        }

        double[] ReadDoubles(BinaryReader reader)
        {
            CheckCount(reader.ReadInt32());
            var values = new double[Count];
            for (var i = 0; i < Count; i++)
            {
                values[i] = reader.ReadDouble();
            }

            return values;
        }

        int[] ReadInts(BinaryReader reader)
        {
            CheckCount(reader.ReadInt32());
            var values = new int[Count];
            for (var i = 0; i < Count; i++)
            {
                values[i] = reader.ReadInt32();
            }

            return values;
        }

        void CheckCount(int n)
        {
            if (n != Count)
            {
                throw new InvalidDataException($"the saved array state holds {n} synapses per field; this array has {Count}.");
            }
        }
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

    private static void WriteAll(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static void WriteAll(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }
}
