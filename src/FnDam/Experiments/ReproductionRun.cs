using FnDam.Devices;
using FnDam.Results;

namespace FnDam.Experiments;

/// <summary>A finished reproduction: what was run, with which configuration, what came out, and the claims table.</summary>
/// <param name="Preset">The device preset every experiment used.</param>
/// <param name="Size">The experiment size.</param>
/// <param name="Seed">The seed of every random stream.</param>
/// <param name="Outcomes">One outcome per experiment, in run order.</param>
/// <param name="Claims">The paper's claims evaluated against the outcomes.</param>
/// <param name="Started">When the run started (from the runner's <see cref="TimeProvider"/>).</param>
/// <param name="Finished">When it finished.</param>
public sealed record ReproductionRun(
    FnDamPreset Preset,
    ExperimentSize Size,
    ulong Seed,
    IReadOnlyList<ExperimentOutcome> Outcomes,
    ClaimsTable Claims,
    DateTimeOffset Started,
    DateTimeOffset Finished)
{
    /// <summary>The results of the experiments that completed, in run order.</summary>
    public IReadOnlyList<ExperimentResult> Results => Outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToArray();

    /// <summary>The experiments that failed.</summary>
    public IReadOnlyList<ExperimentOutcome> Failures => Outcomes.Where(o => o.Status == ExperimentStatus.Failed).ToArray();
}
