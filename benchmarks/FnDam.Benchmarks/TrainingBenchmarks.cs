using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Learning;

namespace FnDam.Benchmarks;

/// <summary>
/// Training throughput, training loop only: one epoch of the MNIST split (images 0–7999) on MLP 784-256-128-10 with
/// sigmoid hidden units, 2 threads, batch 5 and 64, float SGD and FN-DAM matched. One operation is one training
/// sample, so samples/s = 1e9 / (mean ns per op). The same workload as the PyTorch peer (benchmarks/peer).
/// </summary>
/// <remarks>One job per instruction set (<see cref="InstructionSets"/>).</remarks>
[Config(typeof(Config))]
public class TrainingBenchmarks
{
    private const int Samples = 8000;
    private DataSplit _data = null!;
    private TrainingConfig _config = null!;
    private TrainingRun _run = null!;

    [Params("float", "fndam-matched")]
    public string Backend { get; set; } = "float";

    [Params(5, 64)]
    public int Batch { get; set; } = 5;

    [GlobalSetup]
    public void Setup()
    {
        _config = new TrainingConfig { Dataset = "mnist", Backend = BackendName.Parse(Backend), BatchSize = Batch, Threads = 2, Epochs = 1, TestLimit = 100 };
        _data = TrainingSession.LoadData(_config, 1);
    }

    [IterationSetup]
    public void NewRun() => _run = new TrainingRun(_config, _data, BackendFactory.Create(BackendName.Parse(Backend), Presets.Default, _config, []), 1);

    [Benchmark(OperationsPerInvoke = Samples)]
    public double TrainOneEpoch() => _run.RunEpoch().TrainLoss;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob([.. InstructionSets.Jobs(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3))]);
    }
}
