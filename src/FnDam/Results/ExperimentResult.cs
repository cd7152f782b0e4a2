namespace FnDam.Results;

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
