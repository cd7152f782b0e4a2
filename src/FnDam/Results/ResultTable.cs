namespace FnDam.Results;

/// <summary>One column of a <see cref="ResultTable"/>: a name that is also its CSV header, and its unit.</summary>
/// <param name="Name">Column name in snake_case with the unit as suffix where it has one, e.g. <c>time_s</c>.</param>
/// <param name="Unit">Unit in words or symbols (empty for dimensionless).</param>
/// <param name="Description">What the column holds.</param>
public sealed record ResultColumn(string Name, string Unit, string Description);

/// <summary>
/// A named table of numbers with units and provenance: what an experiment returns and what reporting turns into CSV
/// files and figures. Text-valued columns (labels) are held separately from the numeric ones.
/// </summary>
public sealed class ResultTable
{
    private readonly List<double[]> _rows = [];
    private readonly List<string> _labels = [];

    /// <summary>Creates an empty table.</summary>
    /// <param name="name">File-safe name (used as the CSV file name), e.g. <c>free_trajectories</c>.</param>
    /// <param name="title">Human title.</param>
    /// <param name="provenance">How the numbers were obtained (closed form, ODE, measured run, ...).</param>
    /// <param name="columns">Numeric columns.</param>
    /// <param name="labelColumn">Optional text column written first (series name, back-end, ...), or null.</param>
    public ResultTable(string name, string title, string provenance, IReadOnlyList<ResultColumn> columns, string? labelColumn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("a result table needs at least one column.", nameof(columns));
        }

        Name = name;
        Title = title ?? string.Empty;
        Provenance = provenance ?? string.Empty;
        Columns = columns;
        LabelColumn = labelColumn;
    }

    /// <summary>File-safe name.</summary>
    public string Name { get; }

    /// <summary>Human title.</summary>
    public string Title { get; }

    /// <summary>How the numbers were obtained.</summary>
    public string Provenance { get; }

    /// <summary>Numeric columns.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>Name of the text column, or null when the table has none.</summary>
    public string? LabelColumn { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>The numeric rows, in insertion order.</summary>
    public IReadOnlyList<double[]> Rows => _rows;

    /// <summary>The label of each row (empty strings when the table has no label column).</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Appends a row.</summary>
    /// <param name="values">One value per numeric column.</param>
    public void Add(params double[] values) => Add(string.Empty, values);

    /// <summary>Appends a labelled row.</summary>
    /// <param name="label">The row's label.</param>
    /// <param name="values">One value per numeric column.</param>
    public void Add(string label, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"table '{Name}' has {Columns.Count} columns; got a row of {values.Length} values.", nameof(values));
        }

        _rows.Add((double[])values.Clone());
        _labels.Add(label ?? string.Empty);
    }

    /// <summary>Index of a column by name.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The index.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"table '{Name}' has no column '{name}'.");
    }

    /// <summary>One column's values, optionally only for rows with a given label.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="label">Only rows with this label, or null for all rows.</param>
    /// <returns>The values in row order.</returns>
    public double[] Column(string name, string? label = null)
    {
        var index = IndexOf(name);
        var values = new List<double>(_rows.Count);
        for (var r = 0; r < _rows.Count; r++)
        {
            if (label is null || _labels[r] == label)
            {
                values.Add(_rows[r][index]);
            }
        }

        return [.. values];
    }

    /// <summary>The distinct labels in order of first appearance.</summary>
    /// <returns>The labels.</returns>
    public IReadOnlyList<string> DistinctLabels() => _labels.Distinct(StringComparer.Ordinal).ToArray();
}
