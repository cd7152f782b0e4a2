using System.Numerics;
using System.Runtime.Intrinsics;
using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>
/// <see cref="FloatFma"/>'s emulation in double precision gives the bits of IEEE fma (<see cref="MathF.FusedMultiplyAdd"/>)
/// on random triples of every kind and on the hard cases: sums that land on a midpoint between two floats when rounded to
/// double (where rounding twice is wrong, which each such test checks), subnormal results, overflow, NaN, infinities and
/// signed zeros. The emulated forms are called directly, at every width, whatever the hardware.
/// </summary>
public sealed class FloatFmaTests
{
    private const int Triples = 1_000_000;

    private static readonly float MinNormal = FromBits(0x0080_0000);

    private static bool Same(float x, float y) =>
        (float.IsNaN(x) && float.IsNaN(y)) || BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y);

    private static float Naive(float a, float b, float c) => (float)(((double)a * b) + c);

    private static float FromBits(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    // A float with a random 24-bit significand and a binary exponent in [low, high], random sign.
    private static float Scaled(SeededRandom random, int low, int high) =>
        (float)((random.NextDouble() < 0.5 ? -1 : 1) * (1 + (random.NextInt(1 << 23) / (double)(1 << 23))) * Math.Pow(2, low + random.NextInt(high - low + 1)));

    // Random triples of five kinds, 1/5 each: any bit patterns (NaN, infinities, subnormals included); operands near 1;
    // products that nearly cancel the addend (c = −round(a·b) moved by a few ulp); products and addends in float's
    // subnormal range; and products and addends near overflow.
    private static (float A, float B, float C)[] RandomTriples(ulong seed, int count)
    {
        var random = new SeededRandom(seed);
        var triples = new (float, float, float)[count];
        for (var i = 0; i < count; i++)
        {
            float a, b, c;
            switch (i % 5)
            {
                case 0:
                    a = FromBits((uint)random.NextUInt64());
                    b = FromBits((uint)random.NextUInt64());
                    c = FromBits((uint)random.NextUInt64());
                    break;
                case 1:
                    a = Scaled(random, -3, 3);
                    b = Scaled(random, -3, 3);
                    c = Scaled(random, -30, 6);
                    break;
                case 2:
                    a = Scaled(random, -60, 60);
                    b = Scaled(random, -60, 60);
                    c = -(a * b);
                    c = FromBits((uint)(BitConverter.SingleToInt32Bits(c) + random.NextInt(9) - 4));
                    break;
                case 3:
                    a = Scaled(random, -90, -60);
                    b = Scaled(random, -90, -60);
                    c = random.NextDouble() < 0.5 ? FromBits((uint)random.NextInt(1 << 23) | (random.NextDouble() < 0.5 ? 0x8000_0000u : 0u)) : Scaled(random, -140, -110);
                    break;
                default:
                    a = Scaled(random, 60, 66);
                    b = Scaled(random, 60, 66);
                    c = Scaled(random, 120, 127);
                    break;
            }

            triples[i] = (a, b, c);
        }

        return triples;
    }

    // Triples whose exact a·b + c lies a hair off a midpoint m between two floats, where the double sum is m itself:
    // rounding the double to float then ties to even, on the wrong side for half of them. The product is h·(1 ± 2^−36)
    // with h half an ulp of c, as (1 + 2^−12)·(16773121·2^−24) = 1 + 2^−36 and (1 − 2^−18)·(1 + 2^−18) = 1 − 2^−36
    // in floats; its sign and factor are picked from the parity of c's last bit so that the correct result is the odd
    // neighbour of m, which ties-to-even never gives. c runs over normal floats of every binade and subnormals at or
    // above 2^−133 (below that the double holds the 2^−36 tail exactly), both signs.
    private static List<(float A, float B, float C)> TieTriples(ulong seed, int count)
    {
        var random = new SeededRandom(seed);
        var triples = new List<(float, float, float)>(count);
        while (triples.Count < count)
        {
            float c;
            if (triples.Count % 8 == 0)
            {
                c = FromBits((uint)((1 << 16) + random.NextInt((1 << 23) - (1 << 16))));
            }
            else
            {
                c = FromBits((uint)(((1 + random.NextInt(254)) << 23) | random.NextInt(1 << 23)));
            }

            var bits = BitConverter.SingleToInt32Bits(c);
            var odd = (bits & 1) == 1;
            var up = random.NextDouble() < 0.5;
            if (!odd && !up && (bits & 0x7F_FFFF) == 0)
            {
                // Below a power of two the ulp halves, so c − h is a float, not a midpoint.
                continue;
            }

            // h = 2^exponent: half of 2^(e − 150) for a biased exponent e ≥ 1, half of 2^−149 for a subnormal.
            var exponent = Math.Max((bits >> 23) & 0xFF, 1) - 151;
            var low = exponent / 2;
            var high = exponent - low;
            float a, b;
            if (odd)
            {
                // c + h − t or c − h + t: the correct result is c, the tie goes to c's even neighbour.
                a = (float)((1 - Math.Pow(2, -18)) * Math.Pow(2, low));
                b = (float)((1 + Math.Pow(2, -18)) * Math.Pow(2, high));
            }
            else
            {
                // c + h + t or c − h − t: the correct result is c's odd neighbour, the tie goes to c.
                a = (float)((1 + Math.Pow(2, -12)) * Math.Pow(2, low));
                b = (float)(16773121 * Math.Pow(2, high - 24));
            }

            if (!up)
            {
                a = -a;
            }

            var sign = random.NextDouble() < 0.5;
            triples.Add(sign ? (-a, b, -c) : (a, b, c));
        }

        return triples;
    }

    [Fact]
    public void Emulated_GivesTheBitsOfFusedMultiplyAdd_OnMillionsOfRandomTriples()
    {
        foreach (var seed in new ulong[] { 1, 2, 3, 4 })
        {
            foreach (var (a, b, c) in RandomTriples(seed, Triples))
            {
                var expected = MathF.FusedMultiplyAdd(a, b, c);
                var actual = FloatFma.Emulated(a, b, c);
                if (!Same(expected, actual))
                {
                    Assert.Fail($"fma({a:R}, {b:R}, {c:R}) = {expected:R}, emulated {actual:R} (seed {seed})");
                }
            }
        }
    }

    [Fact]
    public void Emulated_IsRightWhereRoundingTwiceIsWrong()
    {
        var triples = TieTriples(5, 200_000);
        triples.AddRange(
        [
            // 1 + 2^−24 + 2^−60: the double is the midpoint 1 + 2^−24, which ties down to 1; the fma gives 1 + 2^−23.
            (1 + MathF.Pow(2, -12), 16773121 * MathF.Pow(2, -48), 1f),

            // MaxValue + 2^103 − 2^67: the double is the midpoint, which ties up to infinity; the fma gives MaxValue.
            (1 - MathF.Pow(2, -18), (1 + MathF.Pow(2, -18)) * MathF.Pow(2, 103), float.MaxValue),
            (-(1 - MathF.Pow(2, -18)), (1 + MathF.Pow(2, -18)) * MathF.Pow(2, 103), -float.MaxValue),

            // A subnormal result: c = 2^−127 (subnormal, even) plus 2^−150·(1 + 2^−36).
            ((1 + MathF.Pow(2, -12)) * MathF.Pow(2, -75), 16773121 * MathF.Pow(2, -99), FromBits(1u << 22)),
        ]);
        Assert.Equal(1 + MathF.Pow(2, -23), FloatFma.Emulated(triples[^4].A, triples[^4].B, triples[^4].C));
        Assert.Equal(1f, Naive(triples[^4].A, triples[^4].B, triples[^4].C));
        Assert.Equal(float.MaxValue, FloatFma.Emulated(triples[^3].A, triples[^3].B, triples[^3].C));
        Assert.Equal(float.PositiveInfinity, Naive(triples[^3].A, triples[^3].B, triples[^3].C));
        Assert.Equal(FromBits((1u << 22) + 1), FloatFma.Emulated(triples[^1].A, triples[^1].B, triples[^1].C));
        foreach (var (a, b, c) in triples)
        {
            var expected = MathF.FusedMultiplyAdd(a, b, c);
            var naive = Naive(a, b, c);
            var actual = FloatFma.Emulated(a, b, c);
            Assert.True(!Same(expected, naive), $"fma({a:R}, {b:R}, {c:R}) = {expected:R} is not a case where rounding twice is wrong");
            Assert.True(Same(expected, actual), $"fma({a:R}, {b:R}, {c:R}) = {expected:R}, emulated {actual:R}");
        }
    }

    [Fact]
    public void Emulated_GivesSubnormalsOverflowNaNInfinitiesAndSignedZerosAsIeeeFma()
    {
        var tiny = MathF.Pow(2, -75);
        var subnormal = float.Epsilon;
        var nan = float.NaN;
        var inf = float.PositiveInfinity;
        (float A, float B, float C, float Expected)[] cases =
        [
            // Subnormal results: 2^−150 ties to even (0), 2^−150·(1 + 2^−12) rounds up to 2^−149, both signs.
            (tiny, tiny, 0f, 0f),
            (tiny, -tiny, 0f, -0f),
            (tiny * (1 + MathF.Pow(2, -12)), tiny, 0f, subnormal),
            (-tiny * (1 + MathF.Pow(2, -12)), tiny, -0f, -subnormal),
            (tiny, tiny * 3, subnormal, FromBits(2)),
            (2f, subnormal, -subnormal, subnormal),
            (0.5f, MinNormal, 0f, MinNormal / 2),
            (MinNormal, 1f, -subnormal, MathF.BitDecrement(MinNormal)),

            // Overflow to infinity, and no overflow where the product alone would.
            (MathF.Pow(2, 64), MathF.Pow(2, 64), 0f, inf),
            (-MathF.Pow(2, 64), MathF.Pow(2, 64), 0f, float.NegativeInfinity),
            (float.MaxValue, 2f, -float.MaxValue, float.MaxValue),
            (float.MaxValue, 1f, float.MaxValue, inf),
            (float.MaxValue, 1f, MathF.Pow(2, 103), inf),
            (float.MaxValue, 1f, MathF.BitDecrement(MathF.Pow(2, 103)), float.MaxValue),

            // NaN in any place, and the invalid operations ∞·0 and ∞ − ∞.
            (nan, 1f, 1f, nan),
            (1f, nan, 1f, nan),
            (1f, 1f, nan, nan),
            (nan, 0f, inf, nan),
            (inf, 0f, 1f, nan),
            (0f, float.NegativeInfinity, 1f, nan),
            (inf, 1f, float.NegativeInfinity, nan),
            (inf, -1f, inf, nan),

            // Infinities.
            (inf, 2f, 1f, inf),
            (inf, -2f, float.MaxValue, float.NegativeInfinity),
            (1f, 1f, inf, inf),
            (float.MaxValue, float.MaxValue, float.NegativeInfinity, float.NegativeInfinity),
            (inf, inf, inf, inf),

            // Signed zeros: an exact cancellation is +0; −0 only from (−0) + (−0) or a negative result rounded to zero.
            (2f, 3f, -6f, 0f),
            (-2f, 3f, 6f, 0f),
            (-0f, 1f, -0f, -0f),
            (-0f, 1f, 0f, 0f),
            (0f, 1f, -0f, 0f),
            (0f, -1f, -0f, -0f),
            (-0f, -0f, -0f, 0f),
            (1e-30f, 1e-30f, -0f, 0f),
            (-1e-30f, 1e-30f, 0f, -0f),
            (-1e-30f, 1e-30f, -0f, -0f),
            (1f + MathF.Pow(2, -23), 1f - MathF.Pow(2, -23), -1f, -MathF.Pow(2, -46)),
        ];
        foreach (var (a, b, c, expected) in cases)
        {
            Assert.True(Same(expected, MathF.FusedMultiplyAdd(a, b, c)), $"case fma({a:R}, {b:R}, {c:R}) should be {expected:R} (MathF gives {MathF.FusedMultiplyAdd(a, b, c):R})");
            var actual = FloatFma.Emulated(a, b, c);
            Assert.True(Same(expected, actual), $"fma({a:R}, {b:R}, {c:R}) = {expected:R}, emulated {actual:R}");
            var vector = FloatFma.Emulated(Vector128.Create(a), Vector128.Create(b), Vector128.Create(c));
            Assert.True(Same(expected, vector.GetElement(3)), $"fma({a:R}, {b:R}, {c:R}) = {expected:R}, Vector128 {vector.GetElement(3):R}");
            Assert.True(Same(expected, FloatFma.Emulated(Vector256.Create(a), Vector256.Create(b), Vector256.Create(c)).GetElement(5)));
            Assert.True(Same(expected, FloatFma.Emulated(Vector512.Create(a), Vector512.Create(b), Vector512.Create(c)).GetElement(9)));
        }
    }

    [Fact]
    public void EmulatedVectors_GiveTheScalarBitsInEveryLane_AtEveryWidth()
    {
        var random = RandomTriples(6, Triples);
        var ties = TieTriples(7, 50_000);
        var triples = random.Concat(ties).ToArray();
        var (a, b, c, expected) = Columns(triples);
        var whole = triples.Length & ~15;
        Span<float> lanes = stackalloc float[16];
        for (var i = 0; i < whole; i += 16)
        {
            for (var half = 0; half < 16; half += 4)
            {
                FloatFma.Emulated(Vector128.Create(a, i + half), Vector128.Create(b, i + half), Vector128.Create(c, i + half)).CopyTo(lanes[half..]);
            }

            Check(expected, a, b, c, i, lanes, "Vector128");
            for (var half = 0; half < 16; half += 8)
            {
                FloatFma.Emulated(Vector256.Create(a, i + half), Vector256.Create(b, i + half), Vector256.Create(c, i + half)).CopyTo(lanes[half..]);
            }

            Check(expected, a, b, c, i, lanes, "Vector256");
            FloatFma.Emulated(Vector512.Create(a, i), Vector512.Create(b, i), Vector512.Create(c, i)).CopyTo(lanes);
            Check(expected, a, b, c, i, lanes, "Vector512");
            for (var part = 0; part < 16; part += Vector<float>.Count)
            {
                FloatFma.Emulated(new Vector<float>(a, i + part), new Vector<float>(b, i + part), new Vector<float>(c, i + part)).CopyTo(lanes[part..]);
            }

            Check(expected, a, b, c, i, lanes, $"Vector<float> ({Vector<float>.Count} lanes)");
        }
    }

    [Fact]
    public void MultiplyAdd_GivesTheBitsOfFusedMultiplyAdd_OnThisMachinesPath()
    {
        var triples = RandomTriples(8, 200_000).Concat(TieTriples(9, 20_000)).ToArray();
        var (a, b, c, expected) = Columns(triples);
        var whole = triples.Length & ~15;
        Span<float> lanes = stackalloc float[16];
        for (var i = 0; i < whole; i += 16)
        {
            for (var l = 0; l < 16; l++)
            {
                lanes[l] = FloatFma.MultiplyAdd(a[i + l], b[i + l], c[i + l]);
            }

            Check(expected, a, b, c, i, lanes, "scalar");
            for (var half = 0; half < 16; half += 4)
            {
                FloatFma.MultiplyAdd(Vector128.Create(a, i + half), Vector128.Create(b, i + half), Vector128.Create(c, i + half)).CopyTo(lanes[half..]);
            }

            Check(expected, a, b, c, i, lanes, "Vector128");
            for (var half = 0; half < 16; half += 8)
            {
                FloatFma.MultiplyAdd(Vector256.Create(a, i + half), Vector256.Create(b, i + half), Vector256.Create(c, i + half)).CopyTo(lanes[half..]);
            }

            Check(expected, a, b, c, i, lanes, "Vector256");
            for (var part = 0; part < 16; part += Vector<float>.Count)
            {
                FloatFma.MultiplyAdd(new Vector<float>(a, i + part), new Vector<float>(b, i + part), new Vector<float>(c, i + part)).CopyTo(lanes[part..]);
            }

            Check(expected, a, b, c, i, lanes, "Vector<float>");
        }
    }

    // The triples as three operand columns and the column of MathF.FusedMultiplyAdd's results.
    private static (float[] A, float[] B, float[] C, float[] Expected) Columns((float A, float B, float C)[] triples) =>
        ([.. triples.Select(t => t.A)], [.. triples.Select(t => t.B)], [.. triples.Select(t => t.C)], [.. triples.Select(t => MathF.FusedMultiplyAdd(t.A, t.B, t.C))]);

    private static void Check(float[] expected, float[] a, float[] b, float[] c, int start, ReadOnlySpan<float> lanes, string form)
    {
        for (var l = 0; l < 16; l++)
        {
            var i = start + l;
            if (!Same(expected[i], lanes[l]))
            {
                Assert.Fail($"{form} lane {l}: fma({a[i]:R}, {b[i]:R}, {c[i]:R}) = {expected[i]:R}, got {lanes[l]:R}");
            }
        }
    }
}
