namespace FnDam.Experiments;

/// <summary>Size of an experiment run: smoke (seconds, what the tests run), default (minutes), full (as large as is useful).</summary>
public enum ExperimentSize
{
    /// <summary>Seconds; what the test suite runs.</summary>
    Smoke,

    /// <summary>The default: a few minutes on two cores for the whole reproduction.</summary>
    Default,

    /// <summary>Everything at full size.</summary>
    Full,
}
