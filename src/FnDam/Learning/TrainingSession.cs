using FnDam.Datasets;

namespace FnDam.Learning;

/// <summary>Helpers shared by the command line and the experiments: the data a config selects.</summary>
public static class TrainingSession
{
    /// <summary>Loads, splits, normalises and limits the data set a config names.</summary>
    /// <param name="config">Validated config.</param>
    /// <param name="seed">Seed of seeded splits.</param>
    /// <returns>The split; its description says which rows were used.</returns>
    public static DataSplit LoadData(TrainingConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        var split = config.Data is not null ? BundledDatasets.LoadFile(config.Data, seed) : BundledDatasets.Load(config.Dataset, config.DataRoot, seed);
        var train = config.TrainLimit is { } t && t < split.Train.Count ? split.Train.Take(t) : split.Train;
        var test = config.TestLimit is { } u && u < split.Test.Count ? split.Test.Take(u) : split.Test;
        var description = split.Description;
        if (!ReferenceEquals(train, split.Train) || !ReferenceEquals(test, split.Test))
        {
            description += $"; limited to the first {train.Count} training and {test.Count} test rows";
        }

        return new DataSplit(train, test, description);
    }
}
