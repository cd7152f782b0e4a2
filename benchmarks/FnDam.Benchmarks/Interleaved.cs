using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;

namespace FnDam.Benchmarks;

/// <summary>
/// The array benchmarks' pulse update and ageing against their float multiply-add baseline, called in turn within one
/// process: <c>--interleaved [ROUNDS]</c>. Each round times one call of each, and each reports its fastest round, so a
/// slow spell of a shared machine falls on all three alike instead of on one benchmark process, which is what moves
/// BenchmarkDotNet's ratios on such a machine (one process per benchmark, run minutes apart). The instruction set is
/// the process's own: force it with the runtime's switches (<see cref="InstructionSets"/>), e.g.
/// <c>DOTNET_EnableAVX512=0</c>.
/// </summary>
internal static class Interleaved
{
    public static void Run(string[] args)
    {
        var at = Array.IndexOf(args, "--interleaved");
        var rounds = at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 40;
        var width = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
        Console.WriteLine($"kernel width {width}; {rounds} rounds; fastest round of each, ns per synapse; ratio to the float multiply-add");
        Console.WriteLine("| size | mismatch | float multiply-add | pulse update | ratio | ageing | ratio |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in new[] { "256x784", "1000x1000", "257x781" })
        {
            foreach (var mismatch in new[] { false, true })
            {
                var bench = new ArrayBenchmarks { Size = size, Mismatch = mismatch };
                bench.Setup();
                var (rows, columns) = ArrayBenchmarks.Parse(size);
                var n = rows * (double)columns;
                var cases = new Func<double>[] { () => bench.FloatMultiplyAdd(), () => bench.PulseUpdate(), bench.AgeOneStep };
                var best = new double[cases.Length];
                Array.Fill(best, double.PositiveInfinity);

                // Warm-up long enough for tiered compilation to reach its optimised code.
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

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {size.Replace('x', '×')} | {(mismatch ? "on" : "off")} | {best[0]:F3} | {best[1]:F3} | {best[1] / best[0]:F1}× | {best[2]:F3} | {best[2] / best[0]:F1}× |"));
            }
        }
    }
}
