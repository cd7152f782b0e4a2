using FnDam.Datasets;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>How large the requested weight changes |Δw| = η·|G| of a workload are (non-zero requests only).</summary>
/// <param name="Median">Median |Δw|.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P9999">99.99th percentile: the request the designed gain fits in one T_max pulse (model.md, "The gain").</param>
/// <param name="Maximum">Largest |Δw| seen.</param>
/// <param name="Count">Non-zero requests counted.</param>
/// <param name="Description">How the figures were obtained (which rows, how many steps).</param>
public sealed record UpdateScale(double Median, double P90, double P99, double P9999, double Maximum, long Count, string Description);

/// <summary>
/// Measures a workload's update scale with a short float-SGD run on its <b>training rows only</b>: the first
/// <c>steps</c> minibatches of the first epoch's seeded order, from the same initial weights as the real run. No test
/// row is read (the probe evaluates on one training row, for the record only).
/// </summary>
/// <remarks>
/// The quantiles come from a histogram of 8 bins per octave (the top three mantissa bits of the single-precision
/// value), so they are exact to 2^(1/8) ≈ 9 %; each reported quantile is its bin's geometric centre.
/// </remarks>
public static class UpdateScaleProbe
{
    /// <summary>Minibatch steps the probe runs by default.</summary>
    public const int DefaultSteps = 200;

    /// <summary>Runs the probe.</summary>
    /// <param name="config">The workload's config (network, batch, η, seed-independent fields).</param>
    /// <param name="data">The workload's split; only its training rows are used.</param>
    /// <param name="seed">The run's seed (initial weights and data order as in the real run).</param>
    /// <param name="steps">Minibatch steps, positive.</param>
    /// <param name="cancellationToken">Checked before every step, as in a training run.</param>
    /// <returns>The update scale.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static UpdateScale Measure(TrainingConfig config, DataSplit data, ulong seed, int steps = DefaultSteps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var rows = (int)Math.Min(data.Train.Count, (long)steps * config.BatchSize);
        var probeConfig = config with { Epochs = 1, TrainLimit = null, TestLimit = null };
        var probeData = new DataSplit(data.Train.Take(rows), data.Train.Take(1), data.Description);
        var backend = new ProbeBackend();
        new TrainingRun(probeConfig, probeData, backend, seed).Run(cancellationToken: cancellationToken);
        var description = $"float SGD probe: the first {(rows + config.BatchSize - 1) / config.BatchSize} minibatches (batch {config.BatchSize}, η = {config.LearningRate}) on training rows only";
        return backend.Scale(description);
    }

    /// <summary>Float SGD that counts every non-zero |η·G| into a log histogram.</summary>
    private sealed class ProbeBackend : WeightBackend
    {
        private const int Shift = 20;
        private readonly long[] _bins = new long[1 << (31 - Shift)];
        private long _count;
        private float _maximum;

        public override string Name => "update-probe";

        public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
        {
            var rate = (float)learningRate;
            foreach (var g in gradient)
            {
                var request = MathF.Abs(rate * g);
                if (request > 0f && float.IsFinite(request))
                {
                    _bins[BitConverter.SingleToInt32Bits(request) >> Shift]++;
                    _count++;
                    _maximum = MathF.Max(_maximum, request);
                }
            }

            Updates += SgdStep(WeightsOf(layer), gradient, rate);
        }

        public UpdateScale Scale(string description)
        {
            if (_count == 0)
            {
                throw new InputException("training data", "the update probe saw no non-zero gradient; the workload does not learn from its training rows.");
            }

            return new UpdateScale(Quantile(0.5), Quantile(0.9), Quantile(0.99), Quantile(0.9999), _maximum, _count, description);
        }

        private double Quantile(double q)
        {
            var target = (long)Math.Ceiling(q * _count);
            long seen = 0;
            for (var b = 0; b < _bins.Length; b++)
            {
                seen += _bins[b];
                if (seen >= target)
                {
                    var low = BitConverter.Int32BitsToSingle(b << Shift);
                    var high = BitConverter.Int32BitsToSingle((b + 1) << Shift);
                    return Math.Sqrt((double)low * high);
                }
            }

            return _maximum;
        }
    }
}
