using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Benchmarks;

/// <summary>
/// The training forward pass's kernels, called in turn within one process: <c>--dense [ROUNDS]</c>.
/// <see cref="DenseKernels.MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, Span{float}, int)"/> on one
/// thread at the shapes of the MNIST network 784-256-128-10
/// (batch 64 and 5) and at an odd shape, and the sigmoid over a batch-64 hidden layer; each reports its fastest round in
/// µs per call. Run it in alternating processes of two builds, and with the runtime's switches for the instruction set
/// (<c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_PreferredVectorBitWidth=128</c>, <c>DOTNET_EnableAVX2=0</c>).
/// </summary>
internal static class DenseInterleaved
{
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (64, 256, 784), (64, 128, 256), (64, 10, 128), (5, 256, 784), (5, 128, 256), (5, 10, 128), (63, 129, 781),
    ];

    public static void Run(string[] args)
    {
        var at = Array.IndexOf(args, "--dense");
        var rounds = at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 200;
        Console.WriteLine($"kernels {KernelPath.Description}, Vector<float> {Vector<float>.Count} lanes; {rounds} rounds; fastest round of each, µs per call");
        var random = new SeededRandom(1);
        var cases = new List<(string Name, int Repeat, Action Call)>();
        foreach (var (m, n, k) in Shapes)
        {
            var a = Fill(new float[m * k], random);
            var b = Fill(new float[n * k], random);
            var c = new float[m * n];
            cases.Add(($"MultiplyTransposed {m}×{n}×{k}", Math.Max(1, (1 << 20) / (m * n * k)), () => DenseKernels.MultiplyTransposed(a, b, m, n, k, c)));
        }

        var hidden = Fill(new float[64 * 256], random);
        var values = new float[hidden.Length];
        cases.Add(("Sigmoid 64×256", 1, () =>
        {
            hidden.CopyTo(values, 0);
            ActivationKernels.Sigmoid(values);
        }
        ));

        var best = new double[cases.Count];
        Array.Fill(best, double.PositiveInfinity);
        for (var warm = 0; warm < 400; warm++)
        {
            cases.ForEach(c => c.Call());
        }

        Thread.Sleep(500);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var repeat = 0; repeat < cases[i].Repeat; repeat++)
                {
                    cases[i].Call();
                }

                var ticks = Stopwatch.GetTimestamp() - start;
                best[i] = Math.Min(best[i], ticks * 1e6 / Stopwatch.Frequency / cases[i].Repeat);
            }
        }

        Console.WriteLine("| case | µs |");
        Console.WriteLine("| --- | ---: |");
        for (var i = 0; i < cases.Count; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cases[i].Name} | {best[i]:F2} |"));
        }
    }

    private static float[] Fill(float[] values, SeededRandom random)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2 * random.NextDouble()) - 1);
        }

        return values;
    }
}
