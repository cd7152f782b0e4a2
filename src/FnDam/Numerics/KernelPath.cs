namespace FnDam.Numerics;

/// <summary>
/// Which arithmetic this process's array kernels run (docs/model.md, "Kernels"): the lane width and whether
/// multiply–adds are fused in hardware. Results agree bit for bit across widths, but not between machines with and
/// without hardware fused multiply-add, so run records (a reproduction's and a training run's manifest) name both.
/// </summary>
/// <remarks>Both follow the runtime's instruction-set switches (for example <c>DOTNET_EnableAVX512=0</c>,
/// <c>DOTNET_EnableAVX2=0</c>), so a record says what ran, not what the processor could do.</remarks>
public static class KernelPath
{
    /// <summary>The lane width the kernels run at: <c>Vector512</c> (AVX-512), <c>Vector256</c> (AVX2),
    /// <c>Vector128</c> (SSE, ARM's AdvSIMD) or <c>scalar</c>.</summary>
    public static string Width { get; } = LaneDispatch.Widest switch
    {
        KernelWidth.Vector512 => "Vector512",
        KernelWidth.Vector256 => "Vector256",
        KernelWidth.Vector128 => "Vector128",
        _ => "scalar",
    };

    /// <summary>Whether multiply–adds in exp and log1p are fused in hardware (x86 FMA3, every 64-bit ARM core); where
    /// not, each is a multiply and an add, and results differ from a fusing machine's in the last bits.</summary>
    public static bool FusedMultiplyAdd => LaneBits.HardwareFma;

    /// <summary>Both in words, e.g. <c>Vector256 with fused multiply-add</c>.</summary>
    public static string Description => $"{Width} {(FusedMultiplyAdd ? "with" : "without")} fused multiply-add";
}
