using BenchmarkDotNet.Running;

namespace FnDam.Benchmarks;

internal static class Program
{
    public static void Main(string[] args)
    {
        if (args.Contains("--interleaved"))
        {
            Interleaved.Run(args);
            return;
        }

        if (args.Contains("--dense"))
        {
            DenseInterleaved.Run(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
