using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>A lane function of up to five arguments, for running at every width.</summary>
internal interface ILaneOperation
{
    V Invoke<V, L>(V a, V b, V c, V d, V e)
        where V : unmanaged
        where L : struct, ILane<V>;
}

/// <summary>Runs a lane function element-wise over arrays at a chosen width, the tail on the scalar lane, as the
/// kernels' drivers do.</summary>
internal static class LaneRun
{
    /// <summary>The function of each element's arguments (missing arguments are 0).</summary>
    public static double[] Map<TOperation>(KernelWidth width, params double[][] inputs)
        where TOperation : struct, ILaneOperation
    {
        var n = inputs[0].Length;
        var args = new double[5][];
        for (var k = 0; k < args.Length; k++)
        {
            args[k] = k < inputs.Length ? inputs[k] : new double[n];
            Assert.Equal(n, args[k].Length);
        }

        var result = new double[n];
        if (n == 0)
        {
            return result;
        }

        var kernel = new MapKernel<TOperation>(args, result);
        LaneDispatch.Run(ref kernel, width, 0, n);
        return result;
    }

    private readonly struct MapKernel<TOperation>(double[][] args, double[] result) : ILaneKernel
        where TOperation : struct, ILaneOperation
    {
        public int Run<V, L>(int start, int end)
            where V : unmanaged
            where L : struct, ILane<V>
        {
            var i = start;
            for (; i <= end - L.Count; i += L.Count)
            {
                var n = (nuint)i;
                var value = default(TOperation).Invoke<V, L>(
                    L.Load(ref args[0][0], n),
                    L.Load(ref args[1][0], n),
                    L.Load(ref args[2][0], n),
                    L.Load(ref args[3][0], n),
                    L.Load(ref args[4][0], n));
                L.Store(value, ref result[0], n);
            }

            return i;
        }
    }
}
