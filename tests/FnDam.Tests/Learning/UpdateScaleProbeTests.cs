using FnDam.Datasets;
using FnDam.Learning;
using FnDam.Learning.Backends;

namespace FnDam.Tests.Learning;

/// <summary>The probe's request quantiles, on which the designed gain rests, against every request sorted.</summary>
public sealed class UpdateScaleProbeTests
{
    [Fact]
    public void Quantiles_LieWithinHalfAHistogramBinOfTheExactOnes_OverEveryRequestOfTheProbeRun()
    {
        // UCI digits: 2368 synapses × 200 steps, so the 99.99th percentile is the 47th largest of 473 600 requests.
        var config = TrainingTestData.SmokeConfig("digits", "fndam-matched");
        var data = TrainingSession.LoadData(config, 4, cancellationToken: TestContext.Current.CancellationToken);
        var scale = UpdateScaleProbe.Measure(config, data, 4, cancellationToken: TestContext.Current.CancellationToken);

        // The same float-SGD run (the probe's rows, weights and order), every non-zero request kept.
        var rows = Math.Min(data.Train.Count, UpdateScaleProbe.DefaultSteps * config.BatchSize);
        var recorder = new RecordingBackend();
        var probeData = new DataSplit(data.Train.Take(rows), data.Train.Take(1), data.Description);
        new TrainingRun(config with { Epochs = 1 }, probeData, recorder, 4).Run(cancellationToken: TestContext.Current.CancellationToken);
        var requests = recorder.Requests.ToArray();
        Array.Sort(requests);

        Assert.Equal(requests.Length, scale.Count);
        Assert.Equal(requests[^1], scale.Maximum);
        double Exact(double q) => requests[(int)Math.Ceiling(q * requests.Length) - 1];

        // A bin spans the top three mantissa bits (at most a factor 1.125), and a quantile is reported at its bin's
        // geometric centre: within √1.125 of the exact value either way.
        foreach (var (q, reported) in new[] { (0.5, scale.Median), (0.9, scale.P90), (0.99, scale.P99), (0.9999, scale.P9999) })
        {
            var ratio = reported / Exact(q);
            Assert.True(ratio > 1 / Math.Sqrt(1.125) && ratio < Math.Sqrt(1.125), $"quantile {q}: reported {reported}, exact {Exact(q)}");
        }

        Assert.True(scale.P9999 > 1.5 * scale.P99, $"the tail is heavy: 99.99th {scale.P9999} against 99th {scale.P99}");
    }

    private sealed class RecordingBackend : WeightBackend
    {
        public List<float> Requests { get; } = [];

        public override string Name => "recording";

        public override void Update(int layer, ReadOnlySpan<float> gradient, double learningRate, double time, bool measure)
        {
            var rate = (float)learningRate;
            foreach (var g in gradient)
            {
                var request = MathF.Abs(rate * g);
                if (request > 0f && float.IsFinite(request))
                {
                    Requests.Add(request);
                }
            }

            Updates += SgdStep(WeightsOf(layer), gradient, rate);
        }
    }
}
