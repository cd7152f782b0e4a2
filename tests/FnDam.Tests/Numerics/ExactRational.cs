using System.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>Exact rational arithmetic for references: every finite double is M·2^E, so sums, products and a
/// Gauss–Jordan inverse of doubles are exact.</summary>
internal readonly record struct ExactRational(BigInteger Numerator, BigInteger Denominator)
{
    public static ExactRational Zero { get; } = new(BigInteger.Zero, BigInteger.One);

    public static ExactRational One { get; } = new(BigInteger.One, BigInteger.One);

    public bool IsZero => Numerator.IsZero;

    public static ExactRational FromDouble(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "only finite numbers are exact rationals.");
        }

        if (x == 0)
        {
            return Zero;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        BigInteger numerator = bits < 0 ? -mantissa : mantissa;
        return exponent >= 0 ? new(numerator << exponent, BigInteger.One) : Reduce(numerator, BigInteger.One << -exponent);
    }

    public static ExactRational operator +(ExactRational a, ExactRational b) =>
        Reduce((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static ExactRational operator -(ExactRational a, ExactRational b) => a + new ExactRational(-b.Numerator, b.Denominator);

    public static ExactRational operator *(ExactRational a, ExactRational b) =>
        Reduce(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static ExactRational operator /(ExactRational a, ExactRational b) =>
        b.IsZero ? throw new DivideByZeroException() : Reduce(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>The nearest double but for the last bit: the quotient to 64 significant bits, then scaled.</summary>
    public double ToDouble()
    {
        if (IsZero)
        {
            return 0.0;
        }

        var shift = 64 - (int)(BigInteger.Abs(Numerator).GetBitLength() - Denominator.GetBitLength());
        var quotient = shift >= 0 ? (Numerator << shift) / Denominator : Numerator / (Denominator << -shift);
        return Math.ScaleB((double)quotient, -shift);
    }

    /// <summary>The inverse of the n×n row-major matrix <c>JᵀJ</c> of an m×n row-major <paramref name="j"/>, exactly.</summary>
    public static ExactRational[] InverseNormalMatrix(IReadOnlyList<double> j, int m, int n)
    {
        var exact = j.Select(FromDouble).ToArray();
        var a = new ExactRational[n, 2 * n];
        for (var p = 0; p < n; p++)
        {
            for (var q = 0; q < n; q++)
            {
                var sum = Zero;
                for (var row = 0; row < m; row++)
                {
                    sum += exact[(row * n) + p] * exact[(row * n) + q];
                }

                a[p, q] = sum;
                a[p, n + q] = p == q ? One : Zero;
            }
        }

        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).First(r => !a[r, c].IsZero);
            for (var k = 0; k < 2 * n; k++)
            {
                (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            }

            var d = a[c, c];
            for (var k = 0; k < 2 * n; k++)
            {
                a[c, k] /= d;
            }

            for (var r = 0; r < n; r++)
            {
                var f = a[r, c];
                if (r == c || f.IsZero)
                {
                    continue;
                }

                for (var k = 0; k < 2 * n; k++)
                {
                    a[r, k] -= f * a[c, k];
                }
            }
        }

        var inverse = new ExactRational[n * n];
        for (var p = 0; p < n; p++)
        {
            for (var q = 0; q < n; q++)
            {
                inverse[(p * n) + q] = a[p, n + q];
            }
        }

        return inverse;
    }

    private static ExactRational Reduce(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return g.IsOne || g.IsZero ? new(numerator, denominator) : new(numerator / g, denominator / g);
    }
}
