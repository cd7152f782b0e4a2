using FnDam.Datasets;
using FnDam.Learning;

namespace FnDam.Tests.Learning;

internal static class TrainingTestData
{
    public static DataSplit Iris(ulong seed = 1) => BundledDatasets.Load("iris", null, seed);

    public static DataSplit Digits(ulong seed = 1) => BundledDatasets.Load("digits", null, seed);

    public static TrainingConfig SmokeConfig(string dataset, string backend, int epochs = 1) => new TrainingConfig
    {
        Dataset = dataset,
        Backend = BackendName.Parse(backend),
        Epochs = epochs,
        BatchSize = 5,
        LearningRate = 0.1,
        Threads = 1,
    };
}
