using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FnDam.Numerics;

/// <summary>
/// The operations of a lane type <typeparamref name="V"/>: one double (<see cref="Lane1"/>) or a vector of them
/// (<see cref="Lane128"/>, <see cref="Lane256"/>, <see cref="Lane512"/>). The model rules (<see cref="FnRules"/>) and
/// their exp and log1p (<see cref="LaneMath"/>) are written once over this interface; the kernels' drivers instantiate
/// them at each width.
/// </summary>
/// <remarks>
/// <para>The operations act on the framework's own types (<c>double</c>, <c>Vector128/256/512&lt;double&gt;</c>), not on
/// wrappers, so each inlines to the instruction it names and the JIT keeps the values in registers: a wrapper struct
/// per value cost the JIT so many locals that it stopped inlining inside the larger kernels (decision 0072).</para>
/// <para>A mask is a value whose bits are all ones (true) or all zeros (false) per lane; <c>And(mask, x)</c> is x or
/// +0.</para>
/// <para>Every operation is exact or correctly rounded lane by lane (IEEE addition, multiplication, division; the multiply–add
/// of <see cref="ILane{V}.MultiplyAdd"/>), so a lane's result depends only on its own inputs: the
/// widths give bit-identical results.</para>
/// </remarks>
/// <typeparam name="V">The value type of one lane group.</typeparam>
internal interface ILane<V>
    where V : unmanaged
{
    /// <summary>Doubles per value.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes +0.</summary>
    static abstract V Zero { get; }

    static abstract V Create(double value);

    static abstract V Load(ref double source, nuint index);

    /// <summary>Single-precision values, widened exactly.</summary>
    static abstract V LoadWidened(ref float source, nuint index);

    static abstract void Store(V value, ref double destination, nuint index);

    static abstract V Add(V left, V right);

    static abstract V Subtract(V left, V right);

    static abstract V Multiply(V left, V right);

    static abstract V Divide(V left, V right);

    static abstract V Negate(V value);

    static abstract V And(V left, V right);

    static abstract V Or(V left, V right);

    /// <summary><c>left &amp; ~right</c>.</summary>
    static abstract V AndNot(V left, V right);

    static abstract V Not(V value);

    /// <summary><c>a·b + c</c>: fused (rounded once) where the hardware fuses, else a multiply and an add
    /// (<see cref="LaneBits.HardwareFma"/>); a software fused operation would cost more than the rest of a kernel.</summary>
    static abstract V MultiplyAdd(V a, V b, V c);

    static abstract V Abs(V value);

    static abstract V Floor(V value);

    /// <summary>The smaller of two numbers (neither NaN).</summary>
    static abstract V Min(V left, V right);

    /// <summary>The larger of two numbers (neither NaN).</summary>
    static abstract V Max(V left, V right);

    static abstract V Equal(V left, V right);

    static abstract V LessThan(V left, V right);

    static abstract V LessThanOrEqual(V left, V right);

    static abstract V GreaterThan(V left, V right);

    static abstract V GreaterThanOrEqual(V left, V right);

    /// <summary>Per lane, <paramref name="whenTrue"/> where <paramref name="mask"/> is set, else <paramref name="whenFalse"/>.</summary>
    static abstract V Select(V mask, V whenTrue, V whenFalse);

    /// <summary>Bit k set where lane k's sign bit is set (for a mask: where it is true).</summary>
    static abstract uint Bits(V mask);

    /// <summary>Whether every lane of <paramref name="left"/> is at most its lane of <paramref name="right"/> (a compare
    /// and a test, where forming the mask and reading its bits takes four instructions on AVX-512).</summary>
    static abstract bool AllLessThanOrEqual(V left, V right);

    /// <summary>Whether some lane of <paramref name="left"/> is at most its lane of <paramref name="right"/>.</summary>
    static abstract bool AnyLessThanOrEqual(V left, V right);

    /// <summary><c>p·2^k</c>, with the integer k in the low bits of <paramref name="shifted"/> = k + 1.5·2^52 (exp's
    /// scaling through the exponent field; p in [0.7, 1.5], the result normal).</summary>
    static abstract V ScaleByShifted(V p, V shifted);

    /// <summary>u = 2^k·m with m in [√2/2, √2), for finite u &gt; 0 (log's reduction): returns k and m.</summary>
    static abstract V ReduceExponent(V u, out V mantissa);

    /// <summary>A rounding counter at the SplitMix64 states of elements <paramref name="index"/>… (one per lane,
    /// <see cref="LaneBits.State"/>), for <see cref="Uniforms"/> and <see cref="Advance"/>. The 64-bit states ride in
    /// the lane type's bits (never used as numbers), so the counter is a register of the kernel's own width.</summary>
    static abstract V StartUniforms(ulong seed, ulong index);

    /// <summary>The rounding uniforms of the elements <paramref name="counter"/> stands at (one per lane): SplitMix64's
    /// finaliser of their states, top 52 bits, in [0, 1) (the stochastic rounding of model.md, "Array and energy
    /// ledger").</summary>
    static abstract V Uniforms(V counter);

    /// <summary><paramref name="counter"/> moved on by one lane group (<see cref="Count"/> elements).</summary>
    static abstract V Advance(V counter);

    /// <summary><paramref name="sums"/> with each lane added to its lane (index + k) mod 8, so that sums formed at any
    /// width hold the same eight partial sums, added in the same order (<paramref name="index"/> is a multiple of
    /// <see cref="Count"/>). By value, not by reference: a kernel's sums then stay in a register where the width allows
    /// (a reference made them a memory round trip on every lane group).</summary>
    static abstract PartialSums AddTo(PartialSums sums, V value, nuint index);

    /// <summary>Adds one to <c>counts[index + k]</c> wherever lane k of <paramref name="mask"/> is set.</summary>
    static abstract void Increment(ref int counts, nuint index, V mask);

    /// <summary>The smallest lane (no NaN).</summary>
    static abstract double MinAcross(V value);

    /// <summary>The largest lane (no NaN).</summary>
    static abstract double MaxAcross(V value);
}

/// <summary>Shared pieces of the lane types.</summary>
internal static class LaneBits
{
    /// <summary>φ = 2^64/golden ratio, SplitMix64's increment.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's first multiplier.</summary>
    public const ulong Mix1 = 0xBF58476D1CE4E5B9UL;

    /// <summary>SplitMix64's second multiplier.</summary>
    public const ulong Mix2 = 0x94D049BB133111EBUL;

    /// <summary>The bits of 1.0: ORed onto 52 random mantissa bits they make a number in [1, 2).</summary>
    public const ulong OneBits = 0x3FF0000000000000UL;

    /// <summary>The bits of 2^52, and 2^52: ORed onto an integer below 2^52 and less 2^52 they convert it exactly
    /// without a 64-bit integer conversion (which AVX2 lacks).</summary>
    public const ulong TwoTo52Bits = 0x4330000000000000UL;

    public const double TwoTo52 = 4503599627370496.0;

    /// <summary>Offset that moves the log reduction's split from 1 to √2/2 (fdlibm).</summary>
    public const long SplitOffset = 0x3FF0000000000000L - 0x3FE6A09E00000000L;

    /// <summary>Exponent bits of √2/2 (fdlibm), restored after the split.</summary>
    public const long SplitBase = 0x3FE6A09E00000000L;

    public const long MantissaMask = 0x000FFFFFFFFFFFFFL;

    /// <summary>Whether fused multiply–add runs in hardware (x86 FMA3, every 64-bit ARM core). Where it does not, the
    /// lane math uses a multiply and an add instead of a software fused operation (see <see cref="ILane{V}.MultiplyAdd"/>);
    /// the float training kernels emulate it exactly instead (<see cref="FloatFma"/>).</summary>
    public static bool HardwareFma => Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>The SplitMix64 state of element <paramref name="index"/> of a batch with seed <paramref name="seed"/>:
    /// <c>seed + (index + 1)·φ</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong State(ulong seed, ulong index) => seed + ((index + 1UL) * Golden);

    /// <summary>SplitMix64's finaliser, top 52 bits as a double in [0, 1) (exactly <c>(z &gt;&gt; 12)·2^−52</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        z ^= z >> 31;
        return BitConverter.UInt64BitsToDouble((z >> 12) | OneBits) - 1.0;
    }

    /// <summary><see cref="Finalise(ulong)"/> per lane of any vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Finalise(Vector128<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector128.Create(Mix1);
        z = (z ^ (z >> 27)) * Vector128.Create(Mix2);
        z ^= z >> 31;
        return ((z >> 12) | Vector128.Create(OneBits)).AsDouble() - Vector128.Create(1.0);
    }

    /// <inheritdoc cref="Finalise(Vector128{ulong})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Finalise(Vector256<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector256.Create(Mix1);
        z = (z ^ (z >> 27)) * Vector256.Create(Mix2);
        z ^= z >> 31;
        return ((z >> 12) | Vector256.Create(OneBits)).AsDouble() - Vector256.Create(1.0);
    }

    /// <inheritdoc cref="Finalise(Vector128{ulong})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Finalise(Vector512<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector512.Create(Mix1);
        z = (z ^ (z >> 27)) * Vector512.Create(Mix2);
        z ^= z >> 31;
        return ((z >> 12) | Vector512.Create(OneBits)).AsDouble() - Vector512.Create(1.0);
    }
}

/// <summary>One double: the scalar path, and the tail of every vector path.</summary>
internal readonly struct Lane1 : ILane<double>
{
    public static int Count => 1;

    public static double Zero => 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Create(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(ref double source, nuint index) => Unsafe.Add(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LoadWidened(ref float source, nuint index) => Unsafe.Add(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double value, ref double destination, nuint index) => Unsafe.Add(ref destination, index) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double left, double right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Subtract(double left, double right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double left, double right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Divide(double left, double right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Negate(double value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double And(double left, double right) => FromBits(BitsOf(left) & BitsOf(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Or(double left, double right) => FromBits(BitsOf(left) | BitsOf(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AndNot(double left, double right) => FromBits(BitsOf(left) & ~BitsOf(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Not(double value) => FromBits(~BitsOf(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => LaneBits.HardwareFma ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double value) => Math.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Floor(double value) => Math.Floor(value);

    /// <remarks>As x86's <c>minpd</c>: the second operand where they are equal.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double left, double right) => left < right ? left : right;

    /// <remarks>As x86's <c>maxpd</c>: the second operand where they are equal.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double left, double right) => left > right ? left : right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Equal(double left, double right) => Mask(left == right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LessThan(double left, double right) => Mask(left < right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LessThanOrEqual(double left, double right) => Mask(left <= right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GreaterThan(double left, double right) => Mask(left > right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GreaterThanOrEqual(double left, double right) => Mask(left >= right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(double mask, double whenTrue, double whenFalse) => BitsOf(mask) != 0 ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(double mask) => (uint)((ulong)BitsOf(mask) >> 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLessThanOrEqual(double left, double right) => left <= right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyLessThanOrEqual(double left, double right) => left <= right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ScaleByShifted(double p, double shifted) => FromBits(BitsOf(p) + (BitsOf(shifted) << 52));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReduceExponent(double u, out double mantissa)
    {
        var bits = BitsOf(u) + LaneBits.SplitOffset;
        mantissa = FromBits((bits & LaneBits.MantissaMask) + LaneBits.SplitBase);
        return (bits >> 52) - 0x3FF;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StartUniforms(ulong seed, ulong index) => BitConverter.UInt64BitsToDouble(LaneBits.State(seed, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniforms(double counter) => LaneBits.Finalise(BitConverter.DoubleToUInt64Bits(counter));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Advance(double counter) => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(counter) + LaneBits.Golden);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PartialSums AddTo(PartialSums sums, double value, nuint index)
    {
        Unsafe.Add(ref Unsafe.As<PartialSums, double>(ref sums), (int)(index & 7)) += value;
        return sums;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, double mask) => Unsafe.Add(ref counts, index) -= (int)BitsOf(mask);

    public static double MinAcross(double value) => value;

    public static double MaxAcross(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long BitsOf(double value) => BitConverter.DoubleToInt64Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FromBits(long bits) => BitConverter.Int64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Mask(bool condition) => FromBits(condition ? -1L : 0L);
}

/// <summary>Two doubles (SSE, ARM's AdvSIMD).</summary>
internal readonly struct Lane128 : ILane<Vector128<double>>
{
    public static int Count => Vector128<double>.Count;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(ref double source, nuint index) => Vector128.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LoadWidened(ref float source, nuint index) =>
        Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, index)))).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, ref double destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> left, Vector128<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> left, Vector128<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> left, Vector128<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Divide(Vector128<double> left, Vector128<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Negate(Vector128<double> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> And(Vector128<double> left, Vector128<double> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Or(Vector128<double> left, Vector128<double> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AndNot(Vector128<double> left, Vector128<double> right) => Vector128.AndNot(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Not(Vector128<double> value) => ~value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Abs(Vector128<double> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Floor(Vector128<double> value) => Vector128.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Min(Vector128<double> left, Vector128<double> right) => Vector128.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Max(Vector128<double> left, Vector128<double> right) => Vector128.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Equal(Vector128<double> left, Vector128<double> right) => Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LessThan(Vector128<double> left, Vector128<double> right) => Vector128.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LessThanOrEqual(Vector128<double> left, Vector128<double> right) => Vector128.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> GreaterThan(Vector128<double> left, Vector128<double> right) => Vector128.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> GreaterThanOrEqual(Vector128<double> left, Vector128<double> right) => Vector128.GreaterThanOrEqual(left, right);

    /// <remarks>A mask's lanes are all ones or all zeros, so a blend by its sign bits (one <c>blendvpd</c> on x86) is
    /// the bitwise select; elsewhere (ARM's <c>bsl</c>) the portable form is already one instruction.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> mask, Vector128<double> whenTrue, Vector128<double> whenFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(whenFalse, whenTrue, mask) : Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Vector128<double> mask) => (uint)mask.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLessThanOrEqual(Vector128<double> left, Vector128<double> right) => Bits(Vector128.LessThanOrEqual(left, right)) == 0b11u;

    /// <remarks>Through the sign bits (a compare and a move mask), not the framework's <c>LessThanOrEqualAny</c>: the
    /// log1p band tests measured about 12 % slower in the four-lane ageing pass with the latter.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyLessThanOrEqual(Vector128<double> left, Vector128<double> right) => Bits(Vector128.LessThanOrEqual(left, right)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ScaleByShifted(Vector128<double> p, Vector128<double> shifted) => (p.AsInt64() + (shifted.AsInt64() << 52)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ReduceExponent(Vector128<double> u, out Vector128<double> mantissa)
    {
        var bits = u.AsInt64() + Vector128.Create(LaneBits.SplitOffset);
        mantissa = ((bits & Vector128.Create(LaneBits.MantissaMask)) + Vector128.Create(LaneBits.SplitBase)).AsDouble();

        // The biased exponent e (0..2047) as a double by the same trick: (2^52 + e) − 2^52, then k = e − 1023.
        var exponent = ((bits.AsUInt64() >> 52) | Vector128.Create(LaneBits.TwoTo52Bits)).AsDouble() - Vector128.Create(LaneBits.TwoTo52);
        return exponent - Vector128.Create(1023.0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> StartUniforms(ulong seed, ulong index) =>
        (Vector128.Create(LaneBits.State(seed, index)) + (Vector128.Create(0UL, 1UL) * Vector128.Create(LaneBits.Golden))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Uniforms(Vector128<double> counter) => LaneBits.Finalise(counter.AsUInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Advance(Vector128<double> counter) => (counter.AsUInt64() + Vector128.Create(unchecked(2UL * LaneBits.Golden))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PartialSums AddTo(PartialSums sums, Vector128<double> value, nuint index)
    {
        Unsafe.Add(ref Unsafe.As<PartialSums, Vector128<double>>(ref sums), (int)((index >> 1) & 3)) += value;
        return sums;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, Vector128<double> mask)
    {
        var bits = mask.ExtractMostSignificantBits();
        Unsafe.Add(ref counts, index) += (int)(bits & 1);
        Unsafe.Add(ref counts, index + 1) += (int)(bits >> 1);
    }

    public static double MinAcross(Vector128<double> value) =>
        Math.Min(value.GetElement(0), value.GetElement(1));

    public static double MaxAcross(Vector128<double> value) =>
        Math.Max(value.GetElement(0), value.GetElement(1));
}

/// <summary>Four doubles (AVX2).</summary>
internal readonly struct Lane256 : ILane<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source, nuint index) => Vector256.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadWidened(ref float source, nuint index) =>
        Vector256.WidenLower(Vector128.LoadUnsafe(ref source, index).ToVector256Unsafe());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> left, Vector256<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Negate(Vector256<double> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> left, Vector256<double> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> left, Vector256<double> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AndNot(Vector256<double> left, Vector256<double> right) => Vector256.AndNot(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Not(Vector256<double> value) => ~value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> value) => Vector256.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Floor(Vector256<double> value) => Vector256.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> left, Vector256<double> right) => Vector256.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> left, Vector256<double> right) => Vector256.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Equal(Vector256<double> left, Vector256<double> right) => Vector256.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThan(Vector256<double> left, Vector256<double> right) => Vector256.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThanOrEqual(Vector256<double> left, Vector256<double> right) => Vector256.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterThan(Vector256<double> left, Vector256<double> right) => Vector256.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterThanOrEqual(Vector256<double> left, Vector256<double> right) => Vector256.GreaterThanOrEqual(left, right);

    /// <remarks>A mask's lanes are all ones or all zeros, so a blend by its sign bits (one <c>vblendvpd</c> on x86) is
    /// the bitwise select, which the portable form writes as three instructions.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(whenFalse, whenTrue, mask) : Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Vector256<double> mask) => (uint)mask.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLessThanOrEqual(Vector256<double> left, Vector256<double> right) => Bits(Vector256.LessThanOrEqual(left, right)) == 0b1111u;

    /// <remarks>Through the sign bits (a compare and a move mask), not the framework's <c>LessThanOrEqualAny</c>: the
    /// log1p band tests measured about 12 % slower in the four-lane ageing pass with the latter.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyLessThanOrEqual(Vector256<double> left, Vector256<double> right) => Bits(Vector256.LessThanOrEqual(left, right)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ScaleByShifted(Vector256<double> p, Vector256<double> shifted) => (p.AsInt64() + (shifted.AsInt64() << 52)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ReduceExponent(Vector256<double> u, out Vector256<double> mantissa)
    {
        var bits = u.AsInt64() + Vector256.Create(LaneBits.SplitOffset);
        mantissa = ((bits & Vector256.Create(LaneBits.MantissaMask)) + Vector256.Create(LaneBits.SplitBase)).AsDouble();

        // The biased exponent e (0..2047) as a double by the same trick: (2^52 + e) − 2^52, then k = e − 1023.
        var exponent = ((bits.AsUInt64() >> 52) | Vector256.Create(LaneBits.TwoTo52Bits)).AsDouble() - Vector256.Create(LaneBits.TwoTo52);
        return exponent - Vector256.Create(1023.0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> StartUniforms(ulong seed, ulong index) =>
        (Vector256.Create(LaneBits.State(seed, index)) + (Vector256.Create(0UL, 1UL, 2UL, 3UL) * Vector256.Create(LaneBits.Golden))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Uniforms(Vector256<double> counter) => LaneBits.Finalise(counter.AsUInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Advance(Vector256<double> counter) => (counter.AsUInt64() + Vector256.Create(unchecked(4UL * LaneBits.Golden))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PartialSums AddTo(PartialSums sums, Vector256<double> value, nuint index)
    {
        var (lower, upper) = (sums.Lanes.GetLower(), sums.Lanes.GetUpper());
        return new() { Lanes = (index & 4) == 0 ? Vector512.Create(lower + value, upper) : Vector512.Create(lower, upper + value) };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, Vector256<double> mask)
    {
        // A mask lane is −1 or 0 in both of its halves, so its low half is the 32-bit count step: one permute (vpermd
        // on AVX2), where the general narrowing took four instructions.
        var narrowed = Vector256.Shuffle(mask.AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower();
        (Vector128.LoadUnsafe(ref counts, index) - narrowed).StoreUnsafe(ref counts, index);
    }

    public static double MinAcross(Vector256<double> value) =>
        Math.Min(Math.Min(value.GetElement(0), value.GetElement(1)), Math.Min(value.GetElement(2), value.GetElement(3)));

    public static double MaxAcross(Vector256<double> value) =>
        Math.Max(Math.Max(value.GetElement(0), value.GetElement(1)), Math.Max(value.GetElement(2), value.GetElement(3)));
}

/// <summary>Eight doubles (AVX-512).</summary>
internal readonly struct Lane512 : ILane<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source, nuint index) => Vector512.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LoadWidened(ref float source, nuint index) =>
        Vector512.WidenLower(Vector256.LoadUnsafe(ref source, index).ToVector512Unsafe());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> left, Vector512<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> left, Vector512<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Negate(Vector512<double> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> left, Vector512<double> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Or(Vector512<double> left, Vector512<double> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AndNot(Vector512<double> left, Vector512<double> right) => Vector512.AndNot(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Not(Vector512<double> value) => ~value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Abs(Vector512<double> value) => Vector512.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Floor(Vector512<double> value) => Vector512.Floor(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Min(Vector512<double> left, Vector512<double> right) => Vector512.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> left, Vector512<double> right) => Vector512.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Equal(Vector512<double> left, Vector512<double> right) => Vector512.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThan(Vector512<double> left, Vector512<double> right) => Vector512.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GreaterThan(Vector512<double> left, Vector512<double> right) => Vector512.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GreaterThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Vector512<double> mask) => (uint)mask.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLessThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.LessThanOrEqualAll(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyLessThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.LessThanOrEqualAny(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ScaleByShifted(Vector512<double> p, Vector512<double> shifted) => (p.AsInt64() + (shifted.AsInt64() << 52)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ReduceExponent(Vector512<double> u, out Vector512<double> mantissa)
    {
        var bits = u.AsInt64() + Vector512.Create(LaneBits.SplitOffset);
        mantissa = ((bits & Vector512.Create(LaneBits.MantissaMask)) + Vector512.Create(LaneBits.SplitBase)).AsDouble();

        // The biased exponent e (0..2047) as a double by the same trick: (2^52 + e) − 2^52, then k = e − 1023.
        var exponent = ((bits.AsUInt64() >> 52) | Vector512.Create(LaneBits.TwoTo52Bits)).AsDouble() - Vector512.Create(LaneBits.TwoTo52);
        return exponent - Vector512.Create(1023.0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> StartUniforms(ulong seed, ulong index) =>
        (Vector512.Create(LaneBits.State(seed, index)) + (Vector512.Create(0UL, 1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL) * Vector512.Create(LaneBits.Golden))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Uniforms(Vector512<double> counter) => LaneBits.Finalise(counter.AsUInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Advance(Vector512<double> counter) => (counter.AsUInt64() + Vector512.Create(unchecked(8UL * LaneBits.Golden))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PartialSums AddTo(PartialSums sums, Vector512<double> value, nuint index) => new() { Lanes = sums.Lanes + value };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, Vector512<double> mask)
    {
        // Narrowing a mask is one vpmovqd where AVX-512 is there; the portable narrowing elsewhere.
        var narrowed = Avx512F.IsSupported
            ? Avx512F.ConvertToVector256Int32(mask.AsInt64())
            : Vector512.Narrow(mask.AsInt64(), mask.AsInt64()).GetLower();
        (Vector256.LoadUnsafe(ref counts, index) - narrowed).StoreUnsafe(ref counts, index);
    }

    public static double MinAcross(Vector512<double> value) =>
        Lane256.MinAcross(Vector256.Min(value.GetLower(), value.GetUpper()));

    public static double MaxAcross(Vector512<double> value) =>
        Lane256.MaxAcross(Vector256.Max(value.GetLower(), value.GetUpper()));
}
