using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FnDam.Numerics;

/// <summary>
/// A lane type: one double (<see cref="Lane1"/>) or a vector of them (<see cref="Lane128"/>, <see cref="Lane256"/>,
/// <see cref="Lane512"/>). The model rules (<see cref="FnRules"/>) and their exp and log1p (<see cref="LaneMath"/>) are
/// written once over this interface; the kernels' drivers instantiate them at each width.
/// </summary>
/// <remarks>
/// <para>A mask is a lane value whose bits are all ones (true) or all zeros (false); <c>mask &amp; x</c> is x or +0.</para>
/// <para>Every operation is exact or correctly rounded lane by lane (IEEE addition, multiplication, division; the fused
/// multiply–add of <see cref="LaneMath.MultiplyAdd{L}"/>), so a lane's result depends only on its own inputs: the widths
/// give bit-identical results.</para>
/// </remarks>
/// <typeparam name="TSelf">The lane type itself.</typeparam>
internal interface ILane<TSelf>
    where TSelf : unmanaged, ILane<TSelf>
{
    /// <summary>Doubles per lane value.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on vector hardware here.</summary>
    static abstract bool IsAccelerated { get; }

    /// <summary>All lanes +0.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>A mask with every lane true.</summary>
    static abstract TSelf AllBits { get; }

    static abstract TSelf Create(double value);

    static abstract TSelf Load(ref double source, nuint index);

    /// <summary>Single-precision values, widened exactly.</summary>
    static abstract TSelf LoadWidened(ref float source, nuint index);

    static abstract void Store(TSelf value, ref double destination, nuint index);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    static abstract TSelf operator &(TSelf left, TSelf right);

    static abstract TSelf operator |(TSelf left, TSelf right);

    static abstract TSelf operator ~(TSelf value);

    /// <summary><c>a·b + c</c> rounded once.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Abs(TSelf value);

    static abstract TSelf Floor(TSelf value);

    /// <summary>The smaller of two numbers (neither NaN).</summary>
    static abstract TSelf Min(TSelf left, TSelf right);

    /// <summary>The larger of two numbers (neither NaN).</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    static abstract TSelf Equal(TSelf left, TSelf right);

    static abstract TSelf LessThan(TSelf left, TSelf right);

    static abstract TSelf LessThanOrEqual(TSelf left, TSelf right);

    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    static abstract TSelf GreaterThanOrEqual(TSelf left, TSelf right);

    /// <summary>Per lane, <paramref name="whenTrue"/> where <paramref name="mask"/> is set, else <paramref name="whenFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Bit k set where lane k's sign bit is set (for a mask: where it is true).</summary>
    static abstract uint Bits(TSelf mask);

    /// <summary><c>p·2^k</c>, with the integer k in the low bits of <paramref name="shifted"/> = k + 1.5·2^52 (exp's
    /// scaling through the exponent field; p in [0.7, 1.5], the result normal).</summary>
    static abstract TSelf ScaleByShifted(TSelf p, TSelf shifted);

    /// <summary>u = 2^k·m with m in [√2/2, √2), for finite u &gt; 0 (log's reduction): returns k and m.</summary>
    static abstract (TSelf K, TSelf M) Reduce(TSelf u);

    /// <summary>The rounding uniforms of elements <paramref name="index"/>… (one per lane): SplitMix64's finaliser of
    /// <c>seed + (i + 1)·φ</c>, top 53 bits, in [0, 1) (the rounding of model.md 2.4).</summary>
    static abstract TSelf Uniform(ulong seed, ulong index);

    /// <summary>Adds each lane to <paramref name="sums"/>' lane (index + k) mod 8, so that sums formed at any width hold
    /// the same eight partial sums, added in the same order (<paramref name="index"/> is a multiple of <see cref="Count"/>).</summary>
    static abstract void AddTo(ref Vector512<double> sums, TSelf value, nuint index);

    /// <summary>Adds one to <c>counts[index + k]</c> wherever lane k of <paramref name="mask"/> is set.</summary>
    static abstract void Increment(ref int counts, nuint index, TSelf mask);

    /// <summary>The smallest lane (no NaN).</summary>
    static abstract double MinAcross(TSelf value);

    /// <summary>The largest lane (no NaN).</summary>
    static abstract double MaxAcross(TSelf value);
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

    /// <summary>2^−53.</summary>
    public const double Unit = 1.0 / (1UL << 53);

    /// <summary>Offset that moves the log reduction's split from 1 to √2/2 (fdlibm).</summary>
    public const long SplitOffset = 0x3FF0000000000000L - 0x3FE6A09E00000000L;

    /// <summary>Exponent bits of √2/2 (fdlibm), restored after the split.</summary>
    public const long SplitBase = 0x3FE6A09E00000000L;

    public const long MantissaMask = 0x000FFFFFFFFFFFFFL;

    /// <summary>Whether fused multiply–add runs in hardware (x86 FMA3, every 64-bit ARM core). Where it does not, the
    /// lane math uses a multiply and an add instead of a software fused operation (see <see cref="LaneMath.MultiplyAdd{L}"/>).</summary>
    public static bool HardwareFma => Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>SplitMix64's finaliser, top 53 bits as a double in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        z ^= z >> 31;
        return (z >> 11) * Unit;
    }

    /// <summary><see cref="Finalise(ulong)"/> per lane of any vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Finalise(Vector128<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector128.Create(Mix1);
        z = (z ^ (z >> 27)) * Vector128.Create(Mix2);
        z ^= z >> 31;
        return Vector128.ConvertToDouble((z >> 11).AsInt64()) * Vector128.Create(Unit);
    }

    /// <inheritdoc cref="Finalise(Vector128{ulong})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Finalise(Vector256<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector256.Create(Mix1);
        z = (z ^ (z >> 27)) * Vector256.Create(Mix2);
        z ^= z >> 31;
        return Vector256.ConvertToDouble((z >> 11).AsInt64()) * Vector256.Create(Unit);
    }

    /// <inheritdoc cref="Finalise(Vector128{ulong})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Finalise(Vector512<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector512.Create(Mix1);
        z = (z ^ (z >> 27)) * Vector512.Create(Mix2);
        z ^= z >> 31;
        return Vector512.ConvertToDouble((z >> 11).AsInt64()) * Vector512.Create(Unit);
    }
}

/// <summary>One double: the scalar path, and the tail of every vector path.</summary>
internal readonly struct Lane1 : ILane<Lane1>
{
    public readonly double Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lane1(double value) => Value = value;

    public static int Count => 1;

    public static bool IsAccelerated => true;

    public static Lane1 Zero => default;

    public static Lane1 AllBits => FromBits(-1L);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Create(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Load(ref double source, nuint index) => new(Unsafe.Add(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 LoadWidened(ref float source, nuint index) => new(Unsafe.Add(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane1 value, ref double destination, nuint index) => Unsafe.Add(ref destination, index) = value.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator +(Lane1 left, Lane1 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator -(Lane1 left, Lane1 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator *(Lane1 left, Lane1 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator /(Lane1 left, Lane1 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator -(Lane1 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator &(Lane1 left, Lane1 right) => FromBits(BitsOf(left) & BitsOf(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator |(Lane1 left, Lane1 right) => FromBits(BitsOf(left) | BitsOf(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator ~(Lane1 value) => FromBits(~BitsOf(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 FusedMultiplyAdd(Lane1 a, Lane1 b, Lane1 c) => new(Math.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Abs(Lane1 value) => new(Math.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Floor(Lane1 value) => new(Math.Floor(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Min(Lane1 left, Lane1 right) => left.Value < right.Value ? left : right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Max(Lane1 left, Lane1 right) => left.Value > right.Value ? left : right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Equal(Lane1 left, Lane1 right) => Mask(left.Value == right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 LessThan(Lane1 left, Lane1 right) => Mask(left.Value < right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 LessThanOrEqual(Lane1 left, Lane1 right) => Mask(left.Value <= right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 GreaterThan(Lane1 left, Lane1 right) => Mask(left.Value > right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 GreaterThanOrEqual(Lane1 left, Lane1 right) => Mask(left.Value >= right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Select(Lane1 mask, Lane1 whenTrue, Lane1 whenFalse) => BitsOf(mask) != 0 ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Lane1 mask) => (uint)((ulong)BitsOf(mask) >> 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 ScaleByShifted(Lane1 p, Lane1 shifted) => FromBits(BitsOf(p) + (BitsOf(shifted) << 52));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lane1 K, Lane1 M) Reduce(Lane1 u)
    {
        var bits = BitsOf(u) + LaneBits.SplitOffset;
        return (new((bits >> 52) - 0x3FF), FromBits((bits & LaneBits.MantissaMask) + LaneBits.SplitBase));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Uniform(ulong seed, ulong index) => new(LaneBits.Finalise(seed + ((index + 1UL) * LaneBits.Golden)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(ref Vector512<double> sums, Lane1 value, nuint index)
    {
        ref var lane = ref Unsafe.Add(ref Unsafe.As<Vector512<double>, double>(ref sums), (int)(index & 7));
        lane += value.Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, Lane1 mask) => Unsafe.Add(ref counts, index) -= (int)BitsOf(mask);

    public static double MinAcross(Lane1 value) => value.Value;

    public static double MaxAcross(Lane1 value) => value.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long BitsOf(Lane1 value) => BitConverter.DoubleToInt64Bits(value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lane1 FromBits(long bits) => new(BitConverter.Int64BitsToDouble(bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lane1 Mask(bool condition) => FromBits(condition ? -1L : 0L);
}

/// <summary>Two doubles (SSE, ARM's AdvSIMD).</summary>
internal readonly struct Lane128 : ILane<Lane128>
{
    public readonly Vector128<double> Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lane128(Vector128<double> value) => Value = value;

    public static int Count => Vector128<double>.Count;

    public static bool IsAccelerated => Vector128.IsHardwareAccelerated;

    public static Lane128 Zero => default;

    public static Lane128 AllBits => new(Vector128<double>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Create(double value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Load(ref double source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 LoadWidened(ref float source, nuint index) =>
        new(Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, index)))).AsSingle()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane128 value, ref double destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator +(Lane128 left, Lane128 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator -(Lane128 left, Lane128 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator *(Lane128 left, Lane128 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator /(Lane128 left, Lane128 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator -(Lane128 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator &(Lane128 left, Lane128 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator |(Lane128 left, Lane128 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 operator ~(Lane128 value) => new(~value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 FusedMultiplyAdd(Lane128 a, Lane128 b, Lane128 c) => new(Vector128.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Abs(Lane128 value) => new(Vector128.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Floor(Lane128 value) => new(Vector128.Floor(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Min(Lane128 left, Lane128 right) => new(Vector128.MinNative(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Max(Lane128 left, Lane128 right) => new(Vector128.MaxNative(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Equal(Lane128 left, Lane128 right) => new(Vector128.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 LessThan(Lane128 left, Lane128 right) => new(Vector128.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 LessThanOrEqual(Lane128 left, Lane128 right) => new(Vector128.LessThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 GreaterThan(Lane128 left, Lane128 right) => new(Vector128.GreaterThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 GreaterThanOrEqual(Lane128 left, Lane128 right) => new(Vector128.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Select(Lane128 mask, Lane128 whenTrue, Lane128 whenFalse) => new(Vector128.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Lane128 mask) => mask.Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 ScaleByShifted(Lane128 p, Lane128 shifted) => new((p.Value.AsInt64() + (shifted.Value.AsInt64() << 52)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lane128 K, Lane128 M) Reduce(Lane128 u)
    {
        var bits = u.Value.AsInt64() + Vector128.Create(LaneBits.SplitOffset);
        var k = Vector128.ConvertToDouble((bits >> 52) - Vector128.Create(0x3FFL));
        var m = ((bits & Vector128.Create(LaneBits.MantissaMask)) + Vector128.Create(LaneBits.SplitBase)).AsDouble();
        return (new(k), new(m));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane128 Uniform(ulong seed, ulong index) =>
        new(LaneBits.Finalise(Vector128.Create(seed) + ((Vector128.Create(index) + Vector128.Create(1UL, 2UL)) * Vector128.Create(LaneBits.Golden))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(ref Vector512<double> sums, Lane128 value, nuint index)
    {
        ref var part = ref Unsafe.As<Vector512<double>, Vector128<double>>(ref sums);
        ref var lanes = ref Unsafe.Add(ref part, (int)((index >> 1) & 3));
        lanes += value.Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, Lane128 mask)
    {
        var bits = mask.Value.ExtractMostSignificantBits();
        Unsafe.Add(ref counts, index) += (int)(bits & 1);
        Unsafe.Add(ref counts, index + 1) += (int)(bits >> 1);
    }

    public static double MinAcross(Lane128 value) => Math.Min(value.Value.GetElement(0), value.Value.GetElement(1));

    public static double MaxAcross(Lane128 value) => Math.Max(value.Value.GetElement(0), value.Value.GetElement(1));
}

/// <summary>Four doubles (AVX2).</summary>
internal readonly struct Lane256 : ILane<Lane256>
{
    public readonly Vector256<double> Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lane256(Vector256<double> value) => Value = value;

    public static int Count => Vector256<double>.Count;

    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    public static Lane256 Zero => default;

    public static Lane256 AllBits => new(Vector256<double>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Create(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Load(ref double source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 LoadWidened(ref float source, nuint index) =>
        new(Vector256.WidenLower(Vector128.LoadUnsafe(ref source, index).ToVector256Unsafe()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane256 value, ref double destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator +(Lane256 left, Lane256 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator -(Lane256 left, Lane256 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator *(Lane256 left, Lane256 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator /(Lane256 left, Lane256 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator -(Lane256 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator &(Lane256 left, Lane256 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator |(Lane256 left, Lane256 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator ~(Lane256 value) => new(~value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 FusedMultiplyAdd(Lane256 a, Lane256 b, Lane256 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Abs(Lane256 value) => new(Vector256.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Floor(Lane256 value) => new(Vector256.Floor(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Min(Lane256 left, Lane256 right) => new(Vector256.MinNative(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Max(Lane256 left, Lane256 right) => new(Vector256.MaxNative(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Equal(Lane256 left, Lane256 right) => new(Vector256.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 LessThan(Lane256 left, Lane256 right) => new(Vector256.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 LessThanOrEqual(Lane256 left, Lane256 right) => new(Vector256.LessThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 GreaterThan(Lane256 left, Lane256 right) => new(Vector256.GreaterThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 GreaterThanOrEqual(Lane256 left, Lane256 right) => new(Vector256.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Select(Lane256 mask, Lane256 whenTrue, Lane256 whenFalse) => new(Vector256.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Lane256 mask) => mask.Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 ScaleByShifted(Lane256 p, Lane256 shifted) => new((p.Value.AsInt64() + (shifted.Value.AsInt64() << 52)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lane256 K, Lane256 M) Reduce(Lane256 u)
    {
        var bits = u.Value.AsInt64() + Vector256.Create(LaneBits.SplitOffset);
        var k = Vector256.ConvertToDouble((bits >> 52) - Vector256.Create(0x3FFL));
        var m = ((bits & Vector256.Create(LaneBits.MantissaMask)) + Vector256.Create(LaneBits.SplitBase)).AsDouble();
        return (new(k), new(m));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Uniform(ulong seed, ulong index) =>
        new(LaneBits.Finalise(Vector256.Create(seed) + ((Vector256.Create(index) + Vector256.Create(1UL, 2UL, 3UL, 4UL)) * Vector256.Create(LaneBits.Golden))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(ref Vector512<double> sums, Lane256 value, nuint index)
    {
        ref var part = ref Unsafe.As<Vector512<double>, Vector256<double>>(ref sums);
        ref var lanes = ref Unsafe.Add(ref part, (int)((index >> 2) & 1));
        lanes += value.Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, Lane256 mask)
    {
        var narrowed = Vector256.Narrow(mask.Value.AsInt64(), mask.Value.AsInt64()).GetLower();
        (Vector128.LoadUnsafe(ref counts, index) - narrowed).StoreUnsafe(ref counts, index);
    }

    public static double MinAcross(Lane256 value) =>
        Math.Min(Math.Min(value.Value.GetElement(0), value.Value.GetElement(1)), Math.Min(value.Value.GetElement(2), value.Value.GetElement(3)));

    public static double MaxAcross(Lane256 value) =>
        Math.Max(Math.Max(value.Value.GetElement(0), value.Value.GetElement(1)), Math.Max(value.Value.GetElement(2), value.Value.GetElement(3)));
}

/// <summary>Eight doubles (AVX-512).</summary>
internal readonly struct Lane512 : ILane<Lane512>
{
    public readonly Vector512<double> Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lane512(Vector512<double> value) => Value = value;

    public static int Count => Vector512<double>.Count;

    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;

    public static Lane512 Zero => default;

    public static Lane512 AllBits => new(Vector512<double>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Load(ref double source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 LoadWidened(ref float source, nuint index) =>
        new(Vector512.WidenLower(Vector256.LoadUnsafe(ref source, index).ToVector512Unsafe()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane512 value, ref double destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator +(Lane512 left, Lane512 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator -(Lane512 left, Lane512 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator *(Lane512 left, Lane512 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator /(Lane512 left, Lane512 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator -(Lane512 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator &(Lane512 left, Lane512 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator |(Lane512 left, Lane512 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator ~(Lane512 value) => new(~value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 FusedMultiplyAdd(Lane512 a, Lane512 b, Lane512 c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Abs(Lane512 value) => new(Vector512.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Floor(Lane512 value) => new(Vector512.Floor(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Min(Lane512 left, Lane512 right) => new(Vector512.MinNative(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Max(Lane512 left, Lane512 right) => new(Vector512.MaxNative(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Equal(Lane512 left, Lane512 right) => new(Vector512.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 LessThan(Lane512 left, Lane512 right) => new(Vector512.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 LessThanOrEqual(Lane512 left, Lane512 right) => new(Vector512.LessThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 GreaterThan(Lane512 left, Lane512 right) => new(Vector512.GreaterThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 GreaterThanOrEqual(Lane512 left, Lane512 right) => new(Vector512.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Select(Lane512 mask, Lane512 whenTrue, Lane512 whenFalse) => new(Vector512.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Lane512 mask) => (uint)mask.Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 ScaleByShifted(Lane512 p, Lane512 shifted) => new((p.Value.AsInt64() + (shifted.Value.AsInt64() << 52)).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lane512 K, Lane512 M) Reduce(Lane512 u)
    {
        var bits = u.Value.AsInt64() + Vector512.Create(LaneBits.SplitOffset);
        var k = Vector512.ConvertToDouble((bits >> 52) - Vector512.Create(0x3FFL));
        var m = ((bits & Vector512.Create(LaneBits.MantissaMask)) + Vector512.Create(LaneBits.SplitBase)).AsDouble();
        return (new(k), new(m));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Uniform(ulong seed, ulong index) =>
        new(LaneBits.Finalise(Vector512.Create(seed) + ((Vector512.Create(index) + Vector512.Create(1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL, 8UL)) * Vector512.Create(LaneBits.Golden))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(ref Vector512<double> sums, Lane512 value, nuint index) => sums += value.Value;

    /// <remarks>Narrowing a mask is one <c>vpmovqd</c> where AVX-512 is there; the portable narrowing elsewhere.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Increment(ref int counts, nuint index, Lane512 mask)
    {
        var narrowed = Avx512F.IsSupported
            ? Avx512F.ConvertToVector256Int32(mask.Value.AsInt64())
            : Vector512.Narrow(mask.Value.AsInt64(), mask.Value.AsInt64()).GetLower();
        (Vector256.LoadUnsafe(ref counts, index) - narrowed).StoreUnsafe(ref counts, index);
    }

    public static double MinAcross(Lane512 value)
    {
        var half = Vector256.Min(value.Value.GetLower(), value.Value.GetUpper());
        return Lane256.MinAcross(new Lane256(half));
    }

    public static double MaxAcross(Lane512 value)
    {
        var half = Vector256.Max(value.Value.GetLower(), value.Value.GetUpper());
        return Lane256.MaxAcross(new Lane256(half));
    }
}
