using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using FnDam.Numerics;

namespace FnDam.Benchmarks;

/// <summary>
/// The array benchmarks' pulse update and ageing against their float multiply-add baseline, called in turn within one
/// process: <c>--interleaved [ROUNDS]</c>. Each round times one call of each, and each reports its fastest round, so a
/// slow spell of a shared machine falls on all three alike instead of on one benchmark process, which is what moves
/// BenchmarkDotNet's ratios on such a machine (one process per benchmark, run minutes apart). The instruction set is
/// the process's own: force it with the runtime's switches (<see cref="InstructionSets"/>), e.g.
/// <c>DOTNET_EnableAVX512=0</c>, or <c>DOTNET_PreferredVectorBitWidth=128</c> for two lanes with fused multiply-add,
/// as ARM runs them.
/// </summary>
/// <remarks>A second table follows the first: the pulse update of an array with two worker threads (the training
/// back-end's setting) against the same single-threaded baseline, in rounds of its own. It runs after every
/// single-threaded case, because the idle workers of a two-thread array slowed the single-threaded cases by about 8 %
/// on a 2-core machine when the two were interleaved.</remarks>
internal static class Interleaved
{
    public static void Run(string[] args)
    {
        var at = Array.IndexOf(args, "--interleaved");
        var rounds = at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 40;
        Console.WriteLine($"kernels {KernelPath.Description}, Vector<float> {Vector<float>.Count} lanes; {rounds} rounds; fastest round of each, ns per synapse; ratio to the float multiply-add");
        Console.WriteLine("| size | mismatch | float multiply-add | pulse update | ratio | ageing | ratio |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (size, mismatch) in Cases())
        {
            var bench = new ArrayBenchmarks { Size = size, Mismatch = mismatch };
            bench.Setup();
            var best = Fastest(size, rounds, () => bench.FloatMultiplyAdd(), () => bench.PulseUpdate(), bench.AgeOneStep);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {size.Replace('x', '×')} | {(mismatch ? "on" : "off")} | {best[0]:F3} | {best[1]:F3} | {best[1] / best[0]:F1}× | {best[2]:F3} | {best[2] / best[0]:F1}× |"));
        }

        Console.WriteLine();
        Console.WriteLine("| size | mismatch | float multiply-add | pulse update, 2 threads | ratio |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var (size, mismatch) in Cases())
        {
            // The two-thread setup also builds the baseline's float arrays, as every setup does.
            var twoThreads = new ArrayBenchmarks { Size = size, Mismatch = mismatch };
            twoThreads.SetupTwoThreads();
            var best = Fastest(size, rounds, () => twoThreads.FloatMultiplyAdd(), () => twoThreads.PulseUpdateTwoThreads());
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {size.Replace('x', '×')} | {(mismatch ? "on" : "off")} | {best[0]:F3} | {best[1]:F3} | {best[1] / best[0]:F1}× |"));
        }
    }

    private static IEnumerable<(string Size, bool Mismatch)> Cases()
    {
        foreach (var size in new[] { "256x784", "1000x1000", "257x781" })
        {
            yield return (size, false);
            yield return (size, true);
        }
    }

    /// <summary>Each case's fastest call of <paramref name="rounds"/> rounds, in ns per synapse, after a warm-up long
    /// enough for tiered compilation to reach its optimised code.</summary>
    private static double[] Fastest(string size, int rounds, params Func<double>[] cases)
    {
        var (rows, columns) = ArrayBenchmarks.Parse(size);
        var n = rows * (double)columns;
        var best = new double[cases.Length];
        Array.Fill(best, double.PositiveInfinity);
        for (var k = 0; k < 60; k++)
        {
            foreach (var c in cases)
            {
                c();
            }
        }

        Thread.Sleep(200);
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var start = Stopwatch.GetTimestamp();
                cases[c]();
                best[c] = Math.Min(best[c], Stopwatch.GetElapsedTime(start).TotalNanoseconds / n);
            }
        }

        return best;
    }
}
