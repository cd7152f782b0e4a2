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

/// <summary>A named number an experiment measured, with its unit and how it was obtained.</summary>
/// <remarks>
/// A value that is rounding noise (a closed form against an ODE, say) differs in its last digits from one processor
/// and instruction set to another. Such a scalar carries <paramref name="ShownBelow"/>: the report then prints the bound
/// ("&lt; 1e-9") while it holds, so the report reads the same on every machine, and the value itself if it does not. The
/// CSV files keep the exact value.
/// </remarks>
/// <param name="Name">File-safe name, e.g. <c>energy_per_update_fj</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Provenance">How it was obtained.</param>
/// <param name="ShownBelow">A bound the report shows instead of the value while the value is below it, or null to show the value.</param>
public sealed record ResultScalar(string Name, double Value, string Unit, string Provenance, double? ShownBelow = null)
{
    /// <summary>The value as the report prints it: "&lt; bound" when <see cref="ShownBelow"/> holds, else the value to
    /// <see cref="NumberText.DefaultDigits"/> significant digits.</summary>
    public string DisplayText => ShownBelow is { } bound && Math.Abs(Value) < bound
        ? "< " + NumberText.Significant(bound)
        : NumberText.Significant(Value);
}

/// <summary>What one experiment returns: tables, figures described as data, and scalars. Never files.</summary>
/// <param name="Name">File-safe name of the experiment.</param>
/// <param name="Title">Human title.</param>
/// <param name="Summary">A paragraph saying what was run and what it shows.</param>
/// <param name="Tables">Named tables.</param>
/// <param name="Figures">Figures over those tables.</param>
/// <param name="Scalars">Named scalars.</param>
public sealed record ExperimentResult(
    string Name,
    string Title,
    string Summary,
    IReadOnlyList<ResultTable> Tables,
    IReadOnlyList<FigureSpec> Figures,
    IReadOnlyList<ResultScalar> Scalars)
{
    /// <summary>A table by name.</summary>
    /// <param name="name">The table's name.</param>
    /// <returns>The table.</returns>
    /// <exception cref="KeyNotFoundException">No such table.</exception>
    public ResultTable Table(string name) =>
        Tables.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"experiment '{Name}' has no table '{name}'.");

    /// <summary>A scalar by name.</summary>
    /// <param name="name">The scalar's name.</param>
    /// <returns>The scalar.</returns>
    /// <exception cref="KeyNotFoundException">No such scalar.</exception>
    public ResultScalar Scalar(string name) =>
        Scalars.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"experiment '{Name}' has no scalar '{name}'.");
}
