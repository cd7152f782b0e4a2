using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FnDam.Energy;

/// <summary>
/// Distribution of energies per update on logarithmic bins: 32 bins per octave (about 2.2 % wide) from
/// 2^−100 J to 2^−10 J, with exact count, minimum and maximum.
/// </summary>
/// <remarks>
/// A value's bin is read from its IEEE-754 bits (exponent and the top five mantissa bits), so adding a value costs a
/// few integer operations. Percentiles interpolate geometrically within a bin and are clamped to the exact minimum
/// and maximum, so they are within one bin width (2.2 %) of the exact order statistic. Values at or below zero, or
/// outside the range, go to an underflow or overflow bin and are still counted in <see cref="Count"/>.
/// </remarks>
public sealed class EnergyHistogram
{
    /// <summary>Bins per octave.</summary>
    public const int BinsPerOctave = 32;

    private const int MantissaBits = 5;
    private const int LowestOctave = -100;
    private const int HighestOctave = -10;
    private const int Octaves = HighestOctave - LowestOctave;
    private const int Bins = Octaves * BinsPerOctave;
    private const long KeyBase = (long)(1023 + LowestOctave) << MantissaBits;

    private readonly long[] _counts = new long[Bins];
    private long _underflow;
    private long _overflow;

    /// <summary>Number of values added.</summary>
    public long Count { get; private set; }

    /// <summary>Smallest value added (J); 0 when empty.</summary>
    public double Minimum { get; private set; }

    /// <summary>Largest value added (J); 0 when empty.</summary>
    public double Maximum { get; private set; }

    /// <summary>Adds one value.</summary>
    /// <param name="joules">Energy (J).</param>
    public void Add(double joules)
    {
        if (Count == 0)
        {
            Minimum = joules;
            Maximum = joules;
        }
        else
        {
            Minimum = Math.Min(Minimum, joules);
            Maximum = Math.Max(Maximum, joules);
        }

        Count++;
        if (!(joules > 0.0))
        {
            _underflow++;
            return;
        }

        TallyOne(joules);
    }

    /// <summary>Adds the positive values of <paramref name="values"/> (zeros mean "no update" and are left out), whose
    /// count, minimum and maximum the caller has already formed.</summary>
    internal void AddPositive(ReadOnlySpan<double> values, long count, double minimum, double maximum)
    {
        if (count == 0)
        {
            return;
        }

        Minimum = Count == 0 ? minimum : Math.Min(Minimum, minimum);
        Maximum = Count == 0 ? maximum : Math.Max(Maximum, maximum);
        Count += count;
        // Energies of one batch mostly share a bin (the fixed part of the source energy dominates): count the lanes
        // that fall in the first value's bin in a register, eight at a time, and tally the others one by one.
        var hot = -1L;
        foreach (var v in values)
        {
            if (v > 0.0)
            {
                hot = Key(v);
                break;
            }
        }

        long hotCount = 0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && hot >= 0 && hot < Bins)
        {
            var hotKey = Vector512.Create(hot);
            var keyBase = Vector512.Create(KeyBase);
            ref var first = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var v = Vector512.LoadUnsafe(ref first, (nuint)i);
                var positive = Vector512.GreaterThan(v, Vector512<double>.Zero).AsInt64();
                var match = positive & Vector512.Equals((v.AsInt64() >> (52 - MantissaBits)) - keyBase, hotKey);
                hotCount += BitOperations.PopCount(match.ExtractMostSignificantBits());
                var rest = (positive & ~match).ExtractMostSignificantBits();
                while (rest != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(rest);
                    TallyOne(values[i + lane]);
                    rest &= rest - 1;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] > 0.0)
            {
                TallyOne(values[i]);
            }
        }

        if (hotCount != 0)
        {
            _counts[hot] += hotCount;
        }
    }

    /// <summary>Writes the whole distribution (for checkpoints): count, extremes, out-of-range counts, non-empty bins.</summary>
    internal void Save(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(Minimum);
        writer.Write(Maximum);
        writer.Write(_underflow);
        writer.Write(_overflow);
        var bins = 0;
        foreach (var c in _counts)
        {
            bins += c != 0 ? 1 : 0;
        }

        writer.Write(bins);
        for (var i = 0; i < Bins; i++)
        {
            if (_counts[i] != 0)
            {
                writer.Write(i);
                writer.Write(_counts[i]);
            }
        }
    }

    /// <summary>Replaces the distribution by one written by <see cref="Save"/>.</summary>
    internal void Load(BinaryReader reader)
    {
        Count = reader.ReadInt64();
        Minimum = reader.ReadDouble();
        Maximum = reader.ReadDouble();
        _underflow = reader.ReadInt64();
        _overflow = reader.ReadInt64();
        Array.Clear(_counts);
        var bins = reader.ReadInt32();
        for (var b = 0; b < bins; b++)
        {
            var i = reader.ReadInt32();
            if ((uint)i >= Bins)
            {
                throw new InvalidDataException($"energy histogram bin {i} is outside [0, {Bins}).");
            }

            _counts[i] = reader.ReadInt64();
        }
    }

    /// <summary>Adds every value of <paramref name="other"/>.</summary>
    /// <param name="other">Another histogram.</param>
    public void Merge(EnergyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        Minimum = Count == 0 ? other.Minimum : Math.Min(Minimum, other.Minimum);
        Maximum = Count == 0 ? other.Maximum : Math.Max(Maximum, other.Maximum);
        Count += other.Count;
        _underflow += other._underflow;
        _overflow += other._overflow;
        for (var i = 0; i < Bins; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>The <paramref name="percent"/>-th percentile (J).</summary>
    /// <param name="percent">In [0, 100].</param>
    /// <returns>The value below which that share of the values lie, within one bin width; 0 when empty.</returns>
    /// <remarks>Rank <c>r = p/100·(n − 1)</c>; the bin holding rank r is found by cumulative count, and the value is
    /// interpolated geometrically across it, then clamped to [minimum, maximum].</remarks>
    public double Percentile(double percent)
    {
        if (!double.IsFinite(percent) || percent < 0.0 || percent > 100.0)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "percentile must be in [0, 100].");
        }

        if (Count == 0)
        {
            return 0.0;
        }

        var rank = percent / 100.0 * (Count - 1);
        double cumulative = _underflow;
        if (rank < cumulative)
        {
            return Minimum;
        }

        for (var i = 0; i < Bins; i++)
        {
            var c = _counts[i];
            if (c == 0)
            {
                continue;
            }

            if (rank < cumulative + c)
            {
                var fraction = (rank - cumulative + 0.5) / c;
                var lower = BinLower(i);
                var value = lower * Math.Pow(2.0, fraction / BinsPerOctave);
                return Math.Clamp(value, Minimum, Maximum);
            }

            cumulative += c;
        }

        return Maximum;
    }

    /// <summary>The non-empty bins, in increasing order of energy.</summary>
    /// <returns>For each bin its lower and upper edge (J) and its count; under- and overflow are left out.</returns>
    public IReadOnlyList<(double Lower, double Upper, long Count)> NonEmptyBins()
    {
        var list = new List<(double, double, long)>();
        for (var i = 0; i < Bins; i++)
        {
            if (_counts[i] > 0)
            {
                list.Add((BinLower(i), BinLower(i + 1), _counts[i]));
            }
        }

        return list;
    }

    private static long Key(double value) => (BitConverter.DoubleToInt64Bits(value) >> (52 - MantissaBits)) - KeyBase;

    /// <summary>Counts one positive value in its bin, or in the underflow or overflow bin.</summary>
    private void TallyOne(double value)
    {
        var key = Key(value);
        if (key < 0)
        {
            _underflow++;
        }
        else if (key >= Bins)
        {
            _overflow++;
        }
        else
        {
            _counts[key]++;
        }
    }

    private static double BinLower(int index) => BitConverter.Int64BitsToDouble((index + KeyBase) << (52 - MantissaBits));
}
