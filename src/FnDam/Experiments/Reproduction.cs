using FnDam.Devices;

namespace FnDam.Experiments;

/// <summary>The experiments that reproduce the paper, in the order the report shows them.</summary>
public static class Reproduction
{
    /// <summary>Name of experiment 1, free trajectories.</summary>
    public const string FreeTrajectories = FreeTrajectoryExperiment.Name;

    /// <summary>Name of experiment 2, programming (update size versus time, width and amplitude).</summary>
    public const string Programming = ProgrammingExperiment.Name;

    /// <summary>Name of experiment 3, the differential synapse.</summary>
    public const string Synapse = SynapseExperiment.Name;

    /// <summary>Name of experiment 4, energy per update and resolution.</summary>
    public const string EnergyResolution = EnergyResolutionExperiment.Name;

    /// <summary>Name of experiment 5, static versus dynamic memory.</summary>
    public const string StaticVersusDynamic = StaticVsDynamicExperiment.Name;

    /// <summary>Name of experiment 6, the training comparison.</summary>
    public const string TrainingComparison = TrainingComparisonExperiment.Name;

    /// <summary>Name of experiment 7, device variability.</summary>
    public const string Variability = VariabilityExperiment.Name;

    /// <summary>Name of experiment 8, the accuracy–energy front across operating points.</summary>
    public const string Front = AccuracyEnergyFrontExperiment.Name;

    /// <summary>The experiments of a reproduction, ready to run in order.</summary>
    /// <param name="preset">Device preset of every experiment.</param>
    /// <param name="size">Experiment size.</param>
    /// <param name="seed">Seed of every random stream.</param>
    /// <param name="dataRoot">Folder of the bundled data sets for the training experiments (null: found by <c>DataLocator</c>).</param>
    /// <returns>The experiments; each is built when it runs, so building the list is cheap.</returns>
    public static IReadOnlyList<ExperimentDefinition> Experiments(FnDamPreset preset, ExperimentSize size, ulong seed, string? dataRoot = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return
        [
            new(FreeTrajectories, "Free trajectories: closed form and ODE reference", token => new FreeTrajectoryExperiment(preset, size).Run(token)),
            new(Programming, "Programming: update versus time of application, pulse width and amplitude", _ => new ProgrammingExperiment(preset, size).Run()),
            new(Synapse, "The differential synapse: weight decay, common mode, mismatch", _ => new SynapseExperiment(preset, size, seed).Run()),
            new(EnergyResolution, "Energy per update and resolution versus time and state", _ => new EnergyResolutionExperiment(preset, size).Run()),
            new(StaticVersusDynamic, "Static versus dynamic memory: retention against energy per update", _ => new StaticVsDynamicExperiment(preset, size).Run()),
            new(TrainingComparison, "Training comparison on MNIST and UCI digits", (sink, token) => new TrainingComparisonExperiment(preset, size, seed, dataRoot).Run(sink, token)),
            new(Variability, "Device variability: matched training as mismatch grows", (sink, token) => new VariabilityExperiment(preset, size, seed, dataRoot).Run(sink, token)),
            new(Front, "The accuracy–energy front across operating points", (sink, token) => new AccuracyEnergyFrontExperiment(preset, size, seed, dataRoot).Run(sink, token)),
        ];
    }
}
