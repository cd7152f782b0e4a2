using System.Runtime.Intrinsics;

namespace FnDam.Numerics;

/// <summary>Which lane width the array kernels run at. Every width gives the same results bit for bit (model.md,
/// "Kernels"); only the speed differs.</summary>
internal enum KernelWidth
{
    /// <summary>The widest width this machine runs in vector hardware (<see cref="LaneDispatch.Widest"/>).</summary>
    Auto,

    /// <summary>Eight doubles (<see cref="Lane512"/>).</summary>
    Vector512,

    /// <summary>Four doubles (<see cref="Lane256"/>).</summary>
    Vector256,

    /// <summary>Two doubles (<see cref="Lane128"/>).</summary>
    Vector128,

    /// <summary>One double (<see cref="Lane1"/>).</summary>
    Scalar,
}

/// <summary>A kernel over a range of elements, written once over a lane type.</summary>
internal interface ILaneKernel
{
    /// <summary>Runs elements <paramref name="start"/>, <paramref name="start"/> + L.Count, … while a whole lane group
    /// fits before <paramref name="end"/>.</summary>
    /// <returns>The first element left over.</returns>
    int Run<V, L>(int start, int end)
        where V : unmanaged
        where L : struct, ILane<V>;
}

/// <summary>Runs a kernel at a lane width, then its tail one element at a time.</summary>
internal static class LaneDispatch
{
    /// <summary>The widest width that runs in vector hardware here: Vector512 with AVX-512, Vector256 with AVX2,
    /// Vector128 with SSE or ARM's AdvSIMD, else scalar.</summary>
    public static KernelWidth Widest { get; } =
        Vector512.IsHardwareAccelerated ? KernelWidth.Vector512
        : Vector256.IsHardwareAccelerated ? KernelWidth.Vector256
        : Vector128.IsHardwareAccelerated ? KernelWidth.Vector128
        : KernelWidth.Scalar;

    /// <summary>Every width, in the order the dispatch tries them (tests run each on every machine: a width without
    /// vector hardware runs in software, slowly but with the same results).</summary>
    public static IReadOnlyList<KernelWidth> All { get; } = [KernelWidth.Vector512, KernelWidth.Vector256, KernelWidth.Vector128, KernelWidth.Scalar];

    /// <summary>Runs <paramref name="kernel"/> over [<paramref name="start"/>, <paramref name="end"/>) at
    /// <paramref name="width"/> (<see cref="KernelWidth.Auto"/>: <see cref="Widest"/>), the tail on <see cref="Lane1"/>.</summary>
    public static void Run<K>(ref K kernel, KernelWidth width, int start, int end)
        where K : struct, ILaneKernel
    {
        var i = (width == KernelWidth.Auto ? Widest : width) switch
        {
            KernelWidth.Vector512 => kernel.Run<Vector512<double>, Lane512>(start, end),
            KernelWidth.Vector256 => kernel.Run<Vector256<double>, Lane256>(start, end),
            KernelWidth.Vector128 => kernel.Run<Vector128<double>, Lane128>(start, end),
            _ => start,
        };
        kernel.Run<double, Lane1>(i, end);
    }

    /// <summary>The total of eight partial sums (<see cref="ILane{V}.AddTo"/>), added in lane order: the same bits
    /// whatever width formed them.</summary>
    public static double Total(in PartialSums sums)
    {
        Span<double> lanes = stackalloc double[PartialSums.Length];
        sums.Lanes.CopyTo(lanes);
        return Total(lanes);
    }

    /// <summary>The total of eight partial sums held as doubles, added in the same order as
    /// <see cref="Total(in PartialSums)"/>.</summary>
    public static double Total(ReadOnlySpan<double> sums)
    {
        var total = 0.0;
        for (var k = 0; k < PartialSums.Length; k++)
        {
            total += sums[k];
        }

        return total;
    }
}

/// <summary>Eight partial sums: element i of a kernel's range adds into sum i mod 8 (<see cref="ILane{V}.AddTo"/>).</summary>
/// <remarks>One <c>Vector512</c> field, passed by value, so that the eight-lane kernels keep the sums in a register and
/// the four-lane ones in two (where AVX-512 is off, <c>Vector512</c> is a struct of two <c>Vector256</c> halves); the
/// narrower widths add into quarters through a reference.</remarks>
internal struct PartialSums
{
    /// <summary>Partial sums per group.</summary>
    public const int Length = 8;

    /// <summary>The sums, sum k in lane k.</summary>
    public Vector512<double> Lanes;

    /// <summary>Sum <paramref name="k"/>.</summary>
    public readonly double this[int k] => Lanes[k];
}

/// <summary>A switch a driver fixes when it is compiled (<see cref="On"/> and <see cref="Off"/>): a loop written once
/// with <c>if (S.IsOn)</c> is compiled twice, each copy without the other's branch and with its own registers (the
/// four-lane pulse loop with mismatch spilled its per-element constants through memory when one loop served both
/// cases).</summary>
internal interface ISwitch
{
    /// <summary>Whether the switch is on.</summary>
    static abstract bool IsOn { get; }
}

/// <summary>The switch on.</summary>
internal readonly struct On : ISwitch
{
    public static bool IsOn => true;
}

/// <summary>The switch off.</summary>
internal readonly struct Off : ISwitch
{
    public static bool IsOn => false;
}
