using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FnDam.Numerics;

namespace FnDam.Energy;

/// <summary>
/// Distribution of energies per update on logarithmic bins: 32 bins per octave (about 2.2 % wide) from
/// 2^−100 J to 2^−10 J, with exact count, minimum and maximum.
/// </summary>
/// <remarks>
/// A value's bin is read from its IEEE-754 bits (exponent and the top five mantissa bits), so adding a value costs a
/// few integer operations. Percentiles interpolate geometrically within a bin and are clamped to the exact minimum
/// and maximum, so they are within one bin width (2.2 %) of the exact order statistic. Zero, or a value outside the
/// range, goes to an underflow or overflow bin and is still counted in <see cref="Count"/>; a negative, NaN or infinite
/// energy is refused.
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
    /// <param name="joules">Energy (J), finite and non-negative.</param>
    /// <exception cref="InputException"><paramref name="joules"/> is negative, NaN or infinite.</exception>
    public void Add(double joules)
    {
        Guard.NonNegative(joules, "energy", "(J)");
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

    /// <summary>Adds <paramref name="count"/> equal values.</summary>
    /// <param name="joules">Energy of each (J), finite and non-negative.</param>
    /// <param name="count">How many, non-negative.</param>
    /// <exception cref="InputException"><paramref name="joules"/> is negative, NaN or infinite, or the count would pass
    /// <see cref="long.MaxValue"/>.</exception>
    public void Add(double joules, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Guard.NonNegative(joules, "energy", "(J)");
        CheckRoom(count);
        if (count == 0)
        {
            return;
        }

        Minimum = Count == 0 ? joules : Math.Min(Minimum, joules);
        Maximum = Count == 0 ? joules : Math.Max(Maximum, joules);
        Count += count;
        if (!(joules > 0.0))
        {
            _underflow += count;
            return;
        }

        AddToBin(Key(joules), count);
    }

    /// <summary>What <see cref="AddTallied"/> needs to know of the values in <c>[start, end)</c> of
    /// <paramref name="values"/>, of which <paramref name="count"/> are positive, between <paramref name="minimum"/> and
    /// <paramref name="maximum"/>: when those two share a bin, every value does, and nothing is read; otherwise the
    /// values in the minimum's bin are counted here, one lane group at a time at any width (a pulse kernel calls this
    /// right after it wrote the range, while it is in cache).</summary>
    internal static BinTally Tally(double[] values, int start, int end, int count, double minimum, double maximum, KernelWidth width = KernelWidth.Auto)
    {
        if (count == 0)
        {
            return new BinTally(start, end, 0, 0, 0);
        }

        var key = Key(minimum);
        if (key == Key(maximum))
        {
            return new BinTally(start, end, key, count, 0);
        }

        unsafe
        {
            fixed (double* first = values)
            {
                var counter = new InBinCounter(first, key);
                LaneDispatch.Run(ref counter, width, start, end);
                return new BinTally(start, end, key, counter.InKey, count - counter.InKey);
            }
        }
    }

    /// <summary>Bin key of one value: its exponent and top mantissa bits, offset so that the lowest bin is 0 (negative
    /// below the range, at least the bin count above it).</summary>
    internal static long KeyOf(double value) => Key(value);

    /// <summary>Adds a batch whose values were counted range by range (<see cref="Tally"/>): per range of
    /// <paramref name="values"/>, how many fell in one key, and how many positive values fell elsewhere (those are
    /// binned here, one by one, from <paramref name="values"/>; zeros mean "no update" and are left out).</summary>
    /// <param name="values">The batch's values, zero where there was none.</param>
    /// <param name="tallies">What was counted, per range.</param>
    /// <param name="count">Number of positive values.</param>
    /// <param name="minimum">Smallest positive value.</param>
    /// <param name="maximum">Largest positive value.</param>
    internal void AddTallied(ReadOnlySpan<double> values, ReadOnlySpan<BinTally> tallies, long count, double minimum, double maximum)
    {
        if (count == 0)
        {
            return;
        }

        Minimum = Count == 0 ? minimum : Math.Min(Minimum, minimum);
        Maximum = Count == 0 ? maximum : Math.Max(Maximum, maximum);
        Count += count;
        foreach (var tally in tallies)
        {
            if (tally.InKey != 0)
            {
                AddToBin(tally.Key, tally.InKey);
            }

            if (tally.Elsewhere == 0)
            {
                continue;
            }

            // Rare: energies of one range straddle a bin edge (large mismatch, or widths of very different lengths).
            foreach (var v in values[tally.Start..tally.End])
            {
                if (v > 0.0 && Key(v) != tally.Key)
                {
                    TallyOne(v);
                }
            }
        }
    }

    /// <summary>Replaces the distribution by a copy of <paramref name="other"/>.</summary>
    internal void CopyFrom(EnergyHistogram other)
    {
        (Count, Minimum, Maximum) = (other.Count, other.Minimum, other.Maximum);
        (_underflow, _overflow) = (other._underflow, other._overflow);
        other._counts.CopyTo(_counts, 0);
    }

    /// <summary>Writes the whole distribution into the present section (for checkpoints): count, extremes,
    /// out-of-range counts, and the non-empty bins as an index array and a count array.</summary>
    internal void Save(StateWriter writer)
    {
        writer.Write("count", Count);
        writer.Write("minimum", Minimum);
        writer.Write("maximum", Maximum);
        writer.Write("underflow", _underflow);
        writer.Write("overflow", _overflow);
        var bins = new List<int>();
        var counts = new List<long>();
        for (var i = 0; i < Bins; i++)
        {
            if (_counts[i] != 0)
            {
                bins.Add(i);
                counts.Add(_counts[i]);
            }
        }

        writer.Write("bins", CollectionsMarshal.AsSpan(bins));
        writer.Write("bin-counts", CollectionsMarshal.AsSpan(counts));
    }

    /// <summary>Replaces the distribution by one written by <see cref="Save"/>.</summary>
    internal void Load(StateReader reader)
    {
        var count = reader.ReadInt64("count");
        var minimum = reader.ReadDouble("minimum");
        var maximum = reader.ReadDouble("maximum");
        var underflow = reader.ReadInt64("underflow");
        var overflow = reader.ReadInt64("overflow");
        var bins = reader.ReadInt32s("bins");
        var counts = reader.ReadInt64s("bin-counts");
        if (counts.Length != bins.Length)
        {
            throw reader.Refuse($"field 'bin-counts' holds {counts.Length} values; 'bins' holds {bins.Length}.");
        }

        foreach (var i in bins)
        {
            if ((uint)i >= Bins)
            {
                throw reader.Refuse($"energy histogram bin {i} is outside [0, {Bins}).");
            }
        }

        (Count, Minimum, Maximum, _underflow, _overflow) = (count, minimum, maximum, underflow, overflow);
        Array.Clear(_counts);
        for (var b = 0; b < bins.Length; b++)
        {
            _counts[bins[b]] = counts[b];
        }
    }

    /// <summary>Adds every value of <paramref name="other"/>.</summary>
    /// <param name="other">Another histogram.</param>
    /// <exception cref="InputException">The count would pass <see cref="long.MaxValue"/>.</exception>
    public void Merge(EnergyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckRoom(other.Count);
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

    /// <summary>Refuses <paramref name="count"/> more values when the count would pass <see cref="long.MaxValue"/>.</summary>
    private void CheckRoom(long count)
    {
        if (count > long.MaxValue - Count)
        {
            throw Guard.Invalid("count", count, $"count: {count} more energies would take the histogram past {long.MaxValue} values (it holds {Count}).");
        }
    }

    /// <summary>The smallest positive double of key <paramref name="key"/> (+∞ above the largest finite key).</summary>
    internal static double Edge(long key) => BitConverter.Int64BitsToDouble((key + KeyBase) << (52 - MantissaBits));

    private static long Key(double value) => (BitConverter.DoubleToInt64Bits(value) >> (52 - MantissaBits)) - KeyBase;

    /// <summary>Counts one positive value in its bin, or in the underflow or overflow bin.</summary>
    private void TallyOne(double value) => AddToBin(Key(value), 1);

    /// <summary>Counts <paramref name="n"/> values of key <paramref name="key"/> in their bin, or in the underflow or
    /// overflow bin.</summary>
    private void AddToBin(long key, long n)
    {
        if (key < 0)
        {
            _underflow += n;
        }
        else if (key >= Bins)
        {
            _overflow += n;
        }
        else
        {
            _counts[key] += n;
        }
    }

    private static double BinLower(int index) => BitConverter.Int64BitsToDouble((index + KeyBase) << (52 - MantissaBits));
}

/// <summary>What is known of the energies of one chunk of a pulse batch, <c>[Start, End)</c>: a bin key, how many fell in
/// it, and how many positive ones fell elsewhere (see <see cref="EnergyHistogram.Tally"/>).</summary>
/// <param name="Start">First index of the range.</param>
/// <param name="End">One past the last index.</param>
/// <param name="Key">Bin key (see <see cref="EnergyHistogram.KeyOf"/>).</param>
/// <param name="InKey">Values of that key.</param>
/// <param name="Elsewhere">Positive values of another key.</param>
internal readonly record struct BinTally(int Start, int End, long Key, int InKey, int Elsewhere);

/// <summary>Counts the values of one bin key, one lane group at a time (<see cref="EnergyHistogram.Tally"/>): a positive
/// double's bits order like its value, so a key is the interval [edge(key), edge(key + 1)) whose edges are the doubles
/// with the key's bits and zeros below them, and the test is two comparisons at any lane width.</summary>
internal unsafe struct InBinCounter(double* first, long key) : ILaneKernel
{
    /// <summary>Values counted so far.</summary>
    public int InKey;

    public int Run<V, L>(int start, int end)
        where V : unmanaged
        where L : struct, ILane<V>
    {
        ref var values = ref Unsafe.AsRef<double>(first);
        var low = L.Create(EnergyHistogram.Edge(key));
        var high = L.Create(EnergyHistogram.Edge(key + 1));
        var inKey = 0;
        var i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            var v = L.Load(ref values, (nuint)i);
            inKey += BitOperations.PopCount(L.Bits(L.And(L.GreaterThan(v, L.Zero), L.And(L.GreaterThanOrEqual(v, low), L.LessThan(v, high)))));
        }

        InKey += inKey;
        return i;
    }
}
