using BenchmarkDotNet.Jobs;
using FnDam.Numerics;

namespace FnDam.Benchmarks;

/// <summary>
/// One job per instruction set, forced with the runtime's own switches, so that one run reports every kernel path of
/// this machine side by side: AVX-512 (the default where present), AVX2 (<c>DOTNET_EnableAVX512=0</c>), Vector128
/// (<c>DOTNET_EnableAVX2=0</c>: SSE and AVX without FMA on x64, as on x64 processors from before 2013), Vector128 with
/// fused multiply-add (the array kernels held to two lanes on the AVX2 path, <see cref="WidthVariable"/>: the width
/// and the fused multiply-add ARM runs) and scalar (<c>DOTNET_EnableHWIntrinsic=0</c>).
/// </summary>
/// <remarks>
/// <para><c>FNDAM_BENCH_ISA</c> picks a subset, comma-separated: <c>default</c>, <c>avx2</c>, <c>vector128</c>,
/// <c>vector128-fma</c>, <c>scalar</c> (unset: <c>default,avx2,vector128,vector128-fma</c>; the scalar path is slow and
/// measured on request).</para>
/// <para><c>vector128-fma</c> holds only the array's kernels to two lanes; the training back-ends' dense float kernels
/// would keep the AVX2 path's eight lanes, so <c>TrainingBenchmarks</c> does not run it.</para>
/// <para>.NET 10 ignores <c>DOTNET_EnableAVX512F</c>; <c>DOTNET_EnableAVX512</c> is the switch that turns the AVX-512
/// family off. Both are set, so the job also means "no AVX-512" on runtimes that read the older name.</para>
/// </remarks>
internal static class InstructionSets
{
    /// <summary>The variable that holds the array kernels to one lane width (<c>vector512</c>, <c>vector256</c>,
    /// <c>vector128</c> or <c>scalar</c>; unset: the widest this machine accelerates), read by
    /// <see cref="ArrayBenchmarks"/> and the interleaved harness.</summary>
    public const string WidthVariable = "FNDAM_BENCH_WIDTH";

    /// <summary>The array kernels' width that <see cref="WidthVariable"/> asks for.</summary>
    /// <exception cref="InvalidOperationException">An unknown value.</exception>
    public static KernelWidth Width() => Environment.GetEnvironmentVariable(WidthVariable)?.Trim().ToLowerInvariant() switch
    {
        null or "" => KernelWidth.Auto,
        "vector512" => KernelWidth.Vector512,
        "vector256" => KernelWidth.Vector256,
        "vector128" => KernelWidth.Vector128,
        "scalar" => KernelWidth.Scalar,
        var other => throw new InvalidOperationException($"{WidthVariable} = '{other}' is not a kernel width; expected vector512, vector256, vector128 or scalar."),
    };

    /// <summary>The selected jobs, each derived from <paramref name="baseJob"/> and named by its instruction set.</summary>
    /// <param name="baseJob">The job the others are derived from.</param>
    /// <param name="arrayWidths">Whether to include <c>vector128-fma</c>, which only the array's kernels take.</param>
    public static IEnumerable<Job> Jobs(Job baseJob, bool arrayWidths)
    {
        var selected = (Environment.GetEnvironmentVariable("FNDAM_BENCH_ISA") ?? "default,avx2,vector128,vector128-fma")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .ToHashSet();
        if (selected.Contains("default"))
        {
            yield return baseJob.WithId("default");
        }

        if (selected.Contains("avx2"))
        {
            yield return baseJob.WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_EnableAVX512", "0"),
                new EnvironmentVariable("DOTNET_EnableAVX512F", "0")).WithId("avx2");
        }

        if (selected.Contains("vector128"))
        {
            yield return baseJob.WithEnvironmentVariable("DOTNET_EnableAVX2", "0").WithId("vector128");
        }

        if (arrayWidths && selected.Contains("vector128-fma"))
        {
            yield return baseJob.WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_EnableAVX512", "0"),
                new EnvironmentVariable("DOTNET_EnableAVX512F", "0"),
                new EnvironmentVariable(WidthVariable, "vector128")).WithId("vector128-fma");
        }

        if (selected.Contains("scalar"))
        {
            yield return baseJob.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("scalar");
        }
    }
}
