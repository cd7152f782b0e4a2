namespace FnDam.Numerics;

/// <summary>
/// A seeded, splittable pseudo-random stream (xoshiro256** seeded through SplitMix64).
/// </summary>
/// <remarks>
/// Every random quantity in FnDam comes from a stream derived from one user seed and a purpose
/// (mismatch, read noise, data order, ...) with <see cref="Derive(ulong, string)"/>, so that turning one source of
/// randomness on or off never shifts the numbers of another, and results do not depend on thread count: parallel
/// work derives one stream per work item, not per thread. Algorithms: D. Blackman and S. Vigna, "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47 (2021); SplitMix64 from G. Steele et al., OOPSLA 2014.
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Creates a stream from a 64-bit seed.</summary>
    /// <param name="seed">Any value; equal seeds give equal streams.</param>
    public SeededRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>The stream for a named purpose under a user seed.</summary>
    /// <param name="seed">The user's seed.</param>
    /// <param name="purpose">A fixed name such as <c>"mismatch"</c>; its FNV-1a hash is mixed into the seed.</param>
    /// <returns>A new stream, independent of the streams of other purposes.</returns>
    public static SeededRandom Derive(ulong seed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new SeededRandom(Mix(seed, Fnv1A(purpose)));
    }

    /// <summary>The stream for one indexed item (a row, a layer, a trial) of this stream's purpose.</summary>
    /// <param name="index">The item's index.</param>
    /// <returns>A new stream that depends only on this stream's seed state and <paramref name="index"/>.</returns>
    /// <remarks>Does not advance this stream.</remarks>
    public SeededRandom Fork(ulong index) => new(Mix(_s0 ^ Rotl(_s2, 17), index + 0x9E3779B97F4A7C15UL));

    /// <summary>Next 64 uniformly distributed bits.</summary>
    /// <returns>A 64-bit value.</returns>
    public ulong NextUInt64()
    {
        var result = Rotl(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = Rotl(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>A value in [0, 1).</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    /// <param name="exclusiveMax">Upper bound, positive.</param>
    /// <returns>An integer in range.</returns>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        return (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);
    }

    /// <summary>Moves this stream to <paramref name="other"/>'s position (what <see cref="Save"/> and
    /// <see cref="Load"/> would carry over).</summary>
    internal void CopyFrom(SeededRandom other)
    {
        (_s0, _s1, _s2, _s3) = (other._s0, other._s1, other._s2, other._s3);
        (_spareNormal, _hasSpare) = (other._spareNormal, other._hasSpare);
    }

    /// <summary>Writes the stream's position into the present section (for checkpoints).</summary>
    internal void Save(StateWriter writer)
    {
        writer.Write("s0", _s0);
        writer.Write("s1", _s1);
        writer.Write("s2", _s2);
        writer.Write("s3", _s3);
        writer.Write("spare-normal", _spareNormal);
        writer.Write("has-spare", _hasSpare);
    }

    /// <summary>Restores a position written by <see cref="Save"/>.</summary>
    internal void Load(StateReader reader)
    {
        _s0 = reader.ReadUInt64("s0");
        _s1 = reader.ReadUInt64("s1");
        _s2 = reader.ReadUInt64("s2");
        _s3 = reader.ReadUInt64("s3");
        _spareNormal = reader.ReadDouble("spare-normal");
        _hasSpare = reader.ReadBoolean("has-spare");
    }

    /// <summary>Standard normal deviate (polar Box–Muller; the second deviate of each pair is kept).</summary>
    /// <returns>A draw from N(0, 1).</returns>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>Fills a span with uniform draws in [0, 1).</summary>
    /// <param name="destination">Where the draws go.</param>
    public void FillUniform(Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NextDouble();
        }
    }

    /// <summary>Shuffles a span in place (Fisher–Yates).</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="items">The items to permute.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Mix(ulong a, ulong b)
    {
        var state = a ^ Rotl(b, 32) ^ 0xD1B54A32D192ED03UL;
        _ = SplitMix(ref state);
        return SplitMix(ref state) ^ b;
    }

    private static ulong Fnv1A(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }

        return hash;
    }
}
