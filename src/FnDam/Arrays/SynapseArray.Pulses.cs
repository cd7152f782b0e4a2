using FnDam.Energy;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Programming: pulses on the array and the encoder's width solver.</summary>
public sealed partial class SynapseArray
{
    private int[]? _pulsesPlus;
    private int[]? _pulsesMinus;
    private double[]? _lastSource;
    private Batch[]? _batchParts;
    private BinTally[]? _tallies;

    /// <summary><c>s_ref</c> of the matched (open-loop) encoder: |ΔV| per second of nominal pulse for a fresh nominal
    /// element at the preset's initial voltage (V/s). The matched encoder uses <c>T = |Δw| / (g·s_ref)</c>.</summary>
    /// <remarks><c>s_ref = |ΔV_pulse(T_nom)| / T_nom</c> at <c>V0</c>, with ΔV relative to free evolution (model.md 1.3).</remarks>
    public double ReferenceUpdatePerSecond { get; }

    /// <summary>Source energy of each synapse's pulse in the last <see cref="ApplyPulses"/> call (J), zero where there
    /// was none; row-major.</summary>
    public ReadOnlySpan<double> LastPulseSourceEnergies => _lastSource ??= new double[Count];

    /// <summary>
    /// Applies at most one pulse per synapse, all starting at the clock, at the preset's nominal amplitude.
    /// </summary>
    /// <param name="signedWidths">Per synapse, row-major: <c>&gt; 0</c> increases w (pulses the minus half), <c>&lt; 0</c>
    /// decreases it (pulses the plus half), 0 = none. Infinite values mean "as long as the driver allows"; NaN is refused.</param>
    /// <param name="rounding">Stream for the stochastic rounding: one 64-bit draw per call seeds a counter-based
    /// generator that gives synapse i its own uniform number (see <c>RoundingUniform</c>: SplitMix64's finaliser of <c>seed + (i + 1)·φ</c>), so the result does not
    /// depend on vector width or threads.</param>
    /// <returns>Counts and energy of the batch.</returns>
    /// <remarks>
    /// <para>|width| is clipped to <c>T_max</c> and stochastically rounded to a multiple <c>n·T_min</c>: with
    /// <c>q = |width|/T_min</c>, <c>n = ⌊q⌋ + 1</c> with probability <c>q − ⌊q⌋</c>, else <c>⌊q⌋</c> (unbiased). A request
    /// that rounds to zero is skipped and costs nothing. A request on a half at or below its floor voltage is refused
    /// and counted in <see cref="PulseBatchResult.AtFloor"/>.</para>
    /// <para>The pulse is exact (model.md 1.3): <c>U0 = V + δ</c>, <c>U1 − U0 = −U0·s/(L0 + s)</c>,
    /// <c>s = log1p(k1·T·exp(−L0))</c>, <c>L0 = k2/U0</c>, <c>V_after = U1 − δ</c>; its source energy
    /// <c>C_c·(1−κ)·V_p² + |δ·C_T·(U1 − U0)|</c> and dissipation <c>C_T·(U0² − U1²)/2</c> go to the ledger. The clock does
    /// not move: the pulsed element is ahead of it by T (see <see cref="AdvanceTo"/>).</para>
    /// </remarks>
    /// <exception cref="InputException">A length is wrong or a width is NaN; nothing is changed then.</exception>
    public PulseBatchResult ApplyPulses(ReadOnlySpan<double> signedWidths, SeededRandom rounding)
    {
        CheckLength(signedWidths.Length, Count, "signedWidths");
        ArgumentNullException.ThrowIfNull(rounding);
        var nan = Guard.IndexOfNaN(signedWidths);
        if (nan >= 0)
        {
            throw Guard.Invalid($"signedWidths[{nan}]", double.NaN, $"signedWidths[{nan}] must be a number (s, signed); got NaN.");
        }

        _pulsesPlus ??= new int[Count];
        _pulsesMinus ??= new int[Count];
        _lastSource ??= new double[Count];
        var seed = rounding.NextUInt64();
        var factor = _k1Factor;
        var parts = _batchParts ??= new Batch[ChunkCount];
        var tallies = _tallies ??= new BinTally[ChunkCount];
        unsafe
        {
            fixed (double* pointer = signedWidths)
            {
                var address = (nint)pointer;
                ForEachChunk(chunk =>
                {
                    var (start, end) = ChunkRange(chunk);
                    var kernel = new PulseKernel(this, (double*)address, seed, factor);
                    LaneDispatch.Run(ref kernel, Width, start, end);
                    parts[chunk] = new Batch
                    {
                        Pulsed = kernel.Pulsed,
                        Skipped = kernel.Requested - kernel.WithWidth,
                        AtFloor = kernel.WithWidth - kernel.Pulsed,
                        Source = LaneDispatch.Total(kernel.Source),
                        Dissipation = HasMismatch ? LaneDispatch.Total(kernel.Dissipation) : Scaled(LaneDispatch.Total(kernel.Dissipation)),
                        Minimum = kernel.Minimum,
                        Maximum = kernel.Maximum,
                    };
                    tallies[chunk] = EnergyHistogram.Tally(_lastSource, start, end, kernel.Pulsed, kernel.Minimum, kernel.Maximum, Width);
                });
            }
        }

        var batch = new Batch();
        foreach (var part in parts)
        {
            batch.Merge(part);
        }

        if (batch.Pulsed == 0)
        {
            return new PulseBatchResult(0, batch.Skipped, batch.AtFloor, 0.0, 0.0);
        }

        _anyAhead = true;
        _weightsValid = false;
        Ledger.RecordBatch(_lastSource, tallies, batch.Source, batch.Dissipation, batch.Pulsed, batch.Minimum, batch.Maximum);
        return new PulseBatchResult(batch.Pulsed, batch.Skipped, batch.AtFloor, batch.Source, batch.Dissipation);
    }

    /// <summary>
    /// The signed pulse widths (s, unquantised, unclipped) that realise <paramref name="weightChanges"/> exactly at the
    /// present state of each synapse: the closed-loop (compensated) encoder.
    /// </summary>
    /// <param name="weightChanges">Requested Δw per synapse, row-major, finite.</param>
    /// <param name="signedWidths">Widths: positive to pulse the minus half (Δw &gt; 0), negative for the plus half; 0 for
    /// Δw = 0; ±∞ where no width can realise Δw.</param>
    /// <remarks>
    /// Δw is measured relative to free evolution over the pulse: for the pulsed half, with <c>D = |Δw|/g</c>, the width
    /// solves <c>G(T) = ΔV_free(V, T) − ΔU(V + δ, T) = D</c> by Newton's method from T = 0, with
    /// <c>G'(T) = (k1/k2)·(U1²·e^{−k2/U1} − V_f²·e^{−k2/V_f})</c>. G is increasing and concave while it is below δ, so the
    /// iteration approaches the root monotonically from below; G never reaches δ, so a D ≥ δ gives ±∞.
    /// </remarks>
    public void SolveWidths(ReadOnlySpan<double> weightChanges, Span<double> signedWidths)
    {
        CheckLength(weightChanges.Length, Count, "weightChanges");
        CheckLength(signedWidths.Length, Count, "signedWidths");
        var bad = Guard.IndexOfNonFinite(weightChanges);
        if (bad >= 0)
        {
            var dw = weightChanges[bad];
            throw Guard.Invalid($"weightChanges[{bad}]", dw, $"weightChanges[{bad}] must be a finite number; got {Guard.Format(dw)}.");
        }

        unsafe
        {
            fixed (double* changes = weightChanges, widths = signedWidths)
            {
                var (changesAddress, widthsAddress) = ((nint)changes, (nint)widths);
                ForEachChunk(chunk =>
                {
                    var (start, end) = ChunkRange(chunk);
                    var kernel = new SolveKernel(this, (double*)changesAddress, (double*)widthsAddress);
                    LaneDispatch.Run(ref kernel, Width, start, end);
                });
            }
        }
    }

    /// <summary>The uniform number in [0, 1) that decides the rounding of synapse <paramref name="index"/> in a batch
    /// whose seed is <paramref name="seed"/>: SplitMix64's finaliser of <c>seed + (index + 1)·φ</c>, top 52 bits.</summary>
    /// <param name="seed">The batch's seed (one draw of the caller's stream).</param>
    /// <param name="index">Synapse index.</param>
    /// <returns>A number in [0, 1).</returns>
    internal static double RoundingUniform(ulong seed, ulong index) => LaneBits.Finalise(LaneBits.State(seed, index));

    /// <summary>Running totals of one <see cref="ApplyPulses"/> call.</summary>
    private struct Batch()
    {
        public int Pulsed;
        public int Skipped;
        public int AtFloor;
        public double Source;
        public double Dissipation;
        public double Minimum = double.PositiveInfinity;
        public double Maximum = double.NegativeInfinity;

        /// <summary>Adds another chunk's totals (chunks are merged in index order, so sums do not depend on threads); its
        /// histogram counts travel separately, as a <see cref="BinTally"/> (<see cref="EnergyHistogram.Tally"/>).</summary>
        public void Merge(in Batch other)
        {
            Pulsed += other.Pulsed;
            Skipped += other.Skipped;
            AtFloor += other.AtFloor;
            Source += other.Source;
            Dissipation += other.Dissipation;
            Minimum = Math.Min(Minimum, other.Minimum);
            Maximum = Math.Max(Maximum, other.Maximum);
        }
    }
}
