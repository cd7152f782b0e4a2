using BenchmarkDotNet.Jobs;

namespace FnDam.Benchmarks;

/// <summary>
/// One job per instruction set, forced with the runtime's own switches, so that one run reports every kernel path of
/// this machine side by side: AVX-512 (the default where present), AVX2 (<c>DOTNET_EnableAVX512=0</c>), Vector128
/// (<c>DOTNET_EnableAVX2=0</c>: SSE and AVX without FMA on x64, as on x64 processors from before 2013), Vector128 with
/// fused multiply-add (<c>DOTNET_PreferredVectorBitWidth=128</c> on the AVX2 path: the array kernels at two lanes and
/// <c>Vector&lt;float&gt;</c> at four, with FMA, as ARM runs them) and scalar (<c>DOTNET_EnableHWIntrinsic=0</c>).
/// </summary>
/// <remarks>
/// <para><c>FNDAM_BENCH_ISA</c> picks a subset, comma-separated: <c>default</c>, <c>avx2</c>, <c>vector128</c>,
/// <c>vector128-fma</c>, <c>scalar</c> (unset: <c>default,avx2,vector128,vector128-fma</c>; the scalar path is slow and
/// measured on request).</para>
/// <para>.NET 10 ignores <c>DOTNET_EnableAVX512F</c>; <c>DOTNET_EnableAVX512</c> is the switch that turns the AVX-512
/// family off. Both are set, so the job also means "no AVX-512" on runtimes that read the older name.</para>
/// </remarks>
internal static class InstructionSets
{
    /// <summary>The selected jobs, each derived from <paramref name="baseJob"/> and named by its instruction set.</summary>
    public static IEnumerable<Job> Jobs(Job baseJob)
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

        if (selected.Contains("vector128-fma"))
        {
            yield return baseJob.WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_EnableAVX512", "0"),
                new EnvironmentVariable("DOTNET_EnableAVX512F", "0"),
                new EnvironmentVariable("DOTNET_PreferredVectorBitWidth", "128")).WithId("vector128-fma");
        }

        if (selected.Contains("scalar"))
        {
            yield return baseJob.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("scalar");
        }
    }
}
