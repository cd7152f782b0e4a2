using System.Diagnostics;
using FnDam.Datasets;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>Metrics of one epoch (epoch 0 is the untrained network).</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="SimulatedTime">Simulated time at the end of the epoch (s).</param>
/// <param name="TrainLoss">Mean training loss over the epoch's minibatches (nats; NaN at epoch 0).</param>
/// <param name="TrainAccuracy">Training accuracy over the epoch's minibatches (NaN at epoch 0).</param>
/// <param name="TestLoss">Mean test loss at the end of the epoch (nats).</param>
/// <param name="TestAccuracy">Test accuracy at the end of the epoch.</param>
/// <param name="UpdateEnergy">Cumulative update energy (J).</param>
/// <param name="Updates">Cumulative updates written (weights changed or pulses applied).</param>
/// <param name="Skipped">Cumulative non-zero requests that wrote nothing.</param>
/// <param name="Refused">Cumulative requests refused at a device floor.</param>
/// <param name="EffectiveLearningRate">Realised/requested update ratio measured over the epoch (NaN when not measured).</param>
/// <param name="WallSeconds">Cumulative wall-clock seconds of the training loop.</param>
public sealed record EpochMetrics(
    int Epoch,
    double SimulatedTime,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double UpdateEnergy,
    long Updates,
    long Skipped,
    long Refused,
    double EffectiveLearningRate,
    double WallSeconds);

/// <summary>Progress of a running epoch.</summary>
/// <param name="Epoch">Epoch being run (1-based).</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Steps">Steps in an epoch.</param>
/// <param name="Loss">Mean loss so far in this epoch.</param>
/// <param name="Accuracy">Training accuracy so far in this epoch.</param>
/// <param name="UpdateEnergy">Cumulative update energy (J).</param>
public readonly record struct StepProgress(int Epoch, int Step, int Steps, double Loss, double Accuracy, double UpdateEnergy);

/// <summary>
/// One network trained on one back-end: minibatch SGD over a seeded data order, each step lasting
/// <see cref="TrainingConfig.StepSeconds"/> of simulated time, evaluated on the test set after every epoch.
/// </summary>
/// <remarks>
/// Random streams, all from the run's seed: initial weights <c>Derive(seed, "weights")</c>; data order of epoch e
/// <c>Derive(seed, "order").Fork(e)</c>; the back-end's own streams (device spreads, rounding, noise) from the seed and
/// the epoch. Streams restart at every epoch boundary from (seed, epoch), so a run resumed from an epoch's checkpoint
/// continues exactly. Step k (0-based, counted over the run) starts at simulated time k·Δt.
/// </remarks>
public sealed class TrainingRun
{
    private const string CheckpointKind = "training-checkpoint";
    private readonly List<EpochMetrics> _metrics = [];
    private readonly int[] _order;
    private double _wall;

    /// <summary>Builds the network, draws the initial weights and evaluates the untrained network (epoch 0).</summary>
    /// <param name="config">Validated config.</param>
    /// <param name="data">Train/test split (already limited and normalised).</param>
    /// <param name="backend">Weight back-end (not yet initialised).</param>
    /// <param name="seed">Seed of the run.</param>
    public TrainingRun(TrainingConfig config, DataSplit data, WeightBackend backend, ulong seed)
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        Data = data ?? throw new ArgumentNullException(nameof(data));
        Backend = backend ?? throw new ArgumentNullException(nameof(backend));
        Seed = seed;
        var sizes = TrainingSession.Sizes(config, data);
        Network = new Mlp(sizes, config.Activation, Math.Max(config.BatchSize, 256), config.Threads);
        StepsPerEpoch = (data.Train.Count + config.BatchSize - 1) / config.BatchSize;
        _order = new int[data.Train.Count];
        backend.Initialise(Network, Network.InitialWeights(SeededRandom.Derive(seed, "weights")), seed);
        backend.BeginStep(0.0);
        var (testLoss, testAccuracy) = EvaluateTest();
        _metrics.Add(new EpochMetrics(0, 0.0, double.NaN, double.NaN, testLoss, testAccuracy, backend.UpdateEnergy, backend.Updates, backend.Skipped, backend.Refused, double.NaN, 0.0));
    }

    /// <summary>The config.</summary>
    public TrainingConfig Config { get; }

    /// <summary>The data.</summary>
    public DataSplit Data { get; }

    /// <summary>The weight back-end.</summary>
    public WeightBackend Backend { get; }

    /// <summary>The network.</summary>
    public Mlp Network { get; }

    /// <summary>Seed of the run.</summary>
    public ulong Seed { get; }

    /// <summary>Minibatch steps per epoch.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs => _metrics.Count - 1;

    /// <summary>Simulated time now (s).</summary>
    public double Time => (long)CompletedEpochs * StepsPerEpoch * Config.StepSeconds;

    /// <summary>Metrics, epoch 0 (untrained) first.</summary>
    public IReadOnlyList<EpochMetrics> Metrics => _metrics;

    /// <summary>Trains one epoch and evaluates the test set.</summary>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <param name="progress">Called after every step (may be null).</param>
    /// <returns>The epoch's metrics.</returns>
    public EpochMetrics RunEpoch(Action<StepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var epoch = CompletedEpochs;
        var clock = Stopwatch.StartNew();
        Splits.Permutation(_order, SeededRandom.Derive(Seed, "order").Fork((ulong)epoch));
        Backend.BeginEpoch(epoch);
        Backend.ResetEffectiveLearningRate();
        var train = Data.Train;
        double lossSum = 0;
        var correct = 0;
        var seen = 0;
        var firstStep = (long)epoch * StepsPerEpoch;
        for (var s = 0; s < StepsPerEpoch; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = s * Config.BatchSize;
            var rows = _order.AsSpan(start, Math.Min(Config.BatchSize, train.Count - start));
            var time = (firstStep + s) * Config.StepSeconds;
            Backend.BeginStep(time);
            var (loss, ok) = Network.TrainStep(Backend.Weights, train.Features, train.Labels, rows);
            var measure = (firstStep + s) % Config.MeasureEvery == 0;
            for (var l = 0; l < Network.LayerCount; l++)
            {
                Backend.Update(l, Network.Gradient(l), Config.LearningRate, time, measure);
            }

            Backend.EndStep(time, (firstStep + s + 1) * Config.StepSeconds);
            lossSum += loss;
            correct += ok;
            seen += rows.Length;
            progress?.Invoke(new StepProgress(epoch + 1, s + 1, StepsPerEpoch, lossSum / seen, (double)correct / seen, Backend.UpdateEnergy));
        }

        var end = (firstStep + StepsPerEpoch) * Config.StepSeconds;
        _wall += clock.Elapsed.TotalSeconds;
        Backend.BeginStep(end);
        var (testLoss, testAccuracy) = EvaluateTest();
        var metrics = new EpochMetrics(epoch + 1, end, lossSum / seen, (double)correct / seen, testLoss, testAccuracy, Backend.UpdateEnergy, Backend.Updates, Backend.Skipped, Backend.Refused, Backend.EffectiveLearningRateRatio, _wall);
        _metrics.Add(metrics);
        return metrics;
    }

    /// <summary>Trains until <see cref="TrainingConfig.Epochs"/> epochs are complete.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="progress">Step progress (may be null).</param>
    /// <param name="afterEpoch">Called after every epoch (for checkpoints; may be null).</param>
    public void Run(Action<StepProgress>? progress = null, Action<TrainingRun>? afterEpoch = null, CancellationToken cancellationToken = default)
    {
        while (CompletedEpochs < Config.Epochs)
        {
            RunEpoch(progress, cancellationToken);
            afterEpoch?.Invoke(this);
        }
    }

    /// <summary>Evaluates the current weights on the test set.</summary>
    /// <returns>Mean loss and accuracy.</returns>
    public (double Loss, double Accuracy) EvaluateTest()
    {
        var test = Data.Test;
        var (loss, correct) = Network.Evaluate(Backend.Weights, test.Features, test.Labels, test.Count);
        return (loss / test.Count, (double)correct / test.Count);
    }

    /// <summary>Writes a checkpoint, a state file of kind <c>training-checkpoint</c> (decision 0077): the run's identity
    /// (back-end, seed, effective config), the metrics of the epochs done, wall time and the back-end's whole state.</summary>
    /// <remarks>Every random stream restarts from (seed, epoch) and step k starts at k·Δt, so no stream state or clock
    /// is needed beyond the back-end's own state (decision 0041).</remarks>
    /// <param name="stream">Destination.</param>
    public void SaveCheckpoint(Stream stream) => StateWriter.Write(stream, CheckpointKind, writer =>
    {
        writer.Write("backend", Backend.Name);
        writer.Write("seed", Seed);
        writer.Write("config", Config.ToJson());
        writer.Items("metrics", _metrics, (w, m) =>
        {
            w.Write("epoch", m.Epoch);
            w.Write("simulated-time", m.SimulatedTime);
            w.Write("train-loss", m.TrainLoss);
            w.Write("train-accuracy", m.TrainAccuracy);
            w.Write("test-loss", m.TestLoss);
            w.Write("test-accuracy", m.TestAccuracy);
            w.Write("update-energy", m.UpdateEnergy);
            w.Write("updates", m.Updates);
            w.Write("skipped", m.Skipped);
            w.Write("refused", m.Refused);
            w.Write("effective-learning-rate", m.EffectiveLearningRate);
            w.Write("wall-seconds", m.WallSeconds);
        });
        writer.Write("wall-seconds", _wall);
        writer.Section("backend-state", Backend.Save);
    });

    /// <summary>Continues from a checkpoint written by <see cref="SaveCheckpoint"/> for the same config, seed and back-end.</summary>
    /// <param name="stream">Checkpoint (read to its end); a <see cref="FileStream"/>'s path names the file in messages.</param>
    /// <exception cref="Numerics.InputException">The checkpoint is not one, is truncated, edited or damaged, is of another
    /// format version, or belongs to another run; the message names the file, and the section and field where known.</exception>
    public void Resume(Stream stream) => StateReader.Read(stream, CheckpointKind, reader =>
    {
        var backend = reader.ReadString("backend");
        var seed = reader.ReadUInt64("seed");
        var config = reader.ReadString("config");
        // Threads change nothing in the numbers (results do not depend on the thread count), so a run may resume
        // with another --threads. The config is FnDam's own record, read as the version that wrote it meant it
        // (decision 0099).
        if (backend != Backend.Name || seed != Seed || TrainingConfig.ParseRecord(config, "the checkpoint's config") with { Threads = Config.Threads } != Config)
        {
            throw reader.Refuse($"the checkpoint belongs to another run (back-end {backend}, seed {seed}); run without --resume or with the same options.");
        }

        var metrics = reader.Items("metrics", r => new EpochMetrics(
            r.ReadInt32("epoch"),
            r.ReadDouble("simulated-time"),
            r.ReadDouble("train-loss"),
            r.ReadDouble("train-accuracy"),
            r.ReadDouble("test-loss"),
            r.ReadDouble("test-accuracy"),
            r.ReadDouble("update-energy"),
            r.ReadInt64("updates"),
            r.ReadInt64("skipped"),
            r.ReadInt64("refused"),
            r.ReadDouble("effective-learning-rate"),
            r.ReadDouble("wall-seconds")));
        var wall = reader.ReadDouble("wall-seconds");
        reader.Section("backend-state", Backend.Load);
        _metrics.Clear();
        _metrics.AddRange(metrics);
        _wall = wall;
        Backend.BeginStep(Time);
    });
}
