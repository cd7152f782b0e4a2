using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>How a cell of a <see cref="ReportTable"/> is set.</summary>
public enum ReportCellKind
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>A name set as code (a scalar's or a column's name).</summary>
    Code,

    /// <summary>A number, right-aligned in HTML.</summary>
    Number,

    /// <summary>A claim's status: bold in Markdown, coloured in HTML.</summary>
    Status,
}

/// <summary>One cell of a <see cref="ReportTable"/>.</summary>
/// <param name="Text">The text as shown.</param>
/// <param name="Kind">How it is set.</param>
public sealed record ReportCell(string Text, ReportCellKind Kind = ReportCellKind.Text);

/// <summary>A table as both reports show it: the one description that report.md and report.html render, so that they
/// always carry the same tables.</summary>
/// <param name="Title">Title, shown above the table; unique within a report.</param>
/// <param name="Header">Column headers.</param>
/// <param name="Rows">Rows of cells, each as long as <paramref name="Header"/>.</param>
/// <param name="DataPath">Relative path of the CSV file holding the table's numbers, or null.</param>
/// <param name="Provenance">How the numbers were obtained, or null.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<ReportCell>> Rows, string? DataPath = null, string? Provenance = null);

/// <summary>What the Markdown and HTML reports share: file names, checks, tables, and text of numbers and claims.</summary>
public static class ReportContent
{
    /// <summary>Most rows of a result table shown in full in the reports.</summary>
    public const int MaxInlineRows = 40;

    /// <summary>The claims table of a run.</summary>
    /// <param name="claims">The claims.</param>
    /// <returns>Claim, measured value, condition, result, basis, reason and source per claim.</returns>
    public static ReportTable ClaimsTable(ClaimsTable claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return new ReportTable(
            "Claims and whether this run holds them",
            ["Claim", "Measured in this run", "Condition", "Result", "Basis", "Reason", "Source"],
            [.. claims.Rows.Select(row => (IReadOnlyList<ReportCell>)
            [
                new(row.Claim), new(row.Measured.Length == 0 ? "—" : row.Measured), new(row.Condition), new(StatusText(row.Status), ReportCellKind.Status),
                new(row.BasisNote.Length == 0 ? row.BasisText : $"{row.BasisText}: {row.BasisNote}"), new(row.Reason ?? string.Empty), new(row.Source),
            ])]);
    }

    /// <summary>The preset's main figures as a table.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>Quantity, value and unit per row of <see cref="PresetRows"/>.</returns>
    public static ReportTable ConfigurationTable(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new ReportTable(
            $"Preset {preset.Name}",
            ["Quantity", "Value", "Unit"],
            [.. PresetRows(preset).Select(r => (IReadOnlyList<ReportCell>)[new(r.Quantity), new(r.Value, ReportCellKind.Number), new(r.Unit)])]);
    }

    /// <summary>How a column of a result table is shown: one SI prefix for the whole column (in its header) when its
    /// values lie within a factor of 1000 of one another, else null: each cell then carries its own prefixed unit, so
    /// that 4.962 fJ and 10 pJ in one column both read at a glance.</summary>
    private static (double Factor, string Unit)? ColumnDisplay(IEnumerable<double> values, string unit)
    {
        var magnitudes = values.Where(v => double.IsFinite(v) && v != 0.0).Select(Math.Abs).ToArray();
        if (magnitudes.Length > 0 && magnitudes.Max() >= 1000 * magnitudes.Min() && NumberText.TakesPrefix(unit))
        {
            return null;
        }

        return NumberText.ColumnScale(magnitudes, unit);
    }

    private static bool CsvOnly(string column) =>
        column.StartsWith("wall", StringComparison.Ordinal) || column is "skipped" or "refused";

    private static string Cell(double value, string unit, (double Factor, string Unit)? scale) =>
        scale is { } column ? NumberText.Significant(value * column.Factor) : NumberText.WithUnit(value, unit);

    /// <summary>
    /// The tables an experiment shows in the reports, in order: each result table that no figure draws and that has one
    /// row per label (a comparison of named things, such as the per-back-end comparison of a training run) and at most
    /// <see cref="MaxInlineRows"/> rows, in full but for wall-clock columns (<c>wall_*</c>); then the experiment's scalars.
    /// </summary>
    /// <param name="title">The experiment's title.</param>
    /// <param name="result">Its result.</param>
    /// <returns>The tables.</returns>
    public static IReadOnlyList<ReportTable> ExperimentTables(string title, ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tables = new List<ReportTable>();
        foreach (var table in InlineTables(result))
        {
            // Wall-clock columns, and the counts of requests skipped or refused (one request near the one-step threshold
            // can flip with the last bit of the kernel's exp and log, which differ between instruction sets, docs/model.md),
            // stay in the CSV only: the report's text is the same on every run and machine.
            var shown = Enumerable.Range(0, table.Columns.Count).Where(i => !CsvOnly(table.Columns[i].Name)).ToArray();
            var scales = shown.ToDictionary(i => i, i => ColumnDisplay(table.Rows.Select(row => row[i]), table.Columns[i].Unit));
            var header = shown.Select(i => (table.Columns[i].Name, Unit: scales[i]?.Unit ?? string.Empty)).Select(c => c.Unit.Length == 0 ? c.Name : $"{c.Name} ({c.Unit})").Prepend(table.LabelColumn!).ToArray();
            var rows = table.Rows.Select((values, r) => (IReadOnlyList<ReportCell>)[.. shown.Select(i => new ReportCell(Cell(values[i], table.Columns[i].Unit, scales[i]), ReportCellKind.Number)).Prepend(new ReportCell(table.Labels[r], ReportCellKind.Code))]);
            tables.Add(new ReportTable($"{table.Title} ({FileName(result.Name, table.Name)})", header, [.. rows], TablePath(result.Name, table), table.Provenance));
        }

        if (result.Scalars.Count > 0)
        {
            tables.Add(new ReportTable(
                $"Quantities of {title}",
                ["Quantity", "Value", "Unit", "How it was obtained"],
                [.. result.Scalars.Select(s => (IReadOnlyList<ReportCell>)[new(s.Name, ReportCellKind.Code), new(s.DisplayText, ReportCellKind.Number), new(s.DisplayUnit), new(s.Provenance)])]));
        }

        return tables;
    }

    /// <summary>Every table of a run's report, in the order the reports show them.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The claims table, the configuration table, then each completed experiment's tables.</returns>
    public static IReadOnlyList<ReportTable> Tables(ReproductionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tables = new List<ReportTable> { ClaimsTable(run.Claims), ConfigurationTable(run.Preset) };
        foreach (var outcome in run.Outcomes)
        {
            if (outcome.Result is { } result)
            {
                tables.AddRange(ExperimentTables(outcome.Title, result));
            }
        }

        return tables;
    }

    /// <summary>The result tables of an experiment that the reports show in full (see <see cref="ExperimentTables"/>).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The tables, in the result's order.</returns>
    public static IReadOnlyList<ResultTable> InlineTables(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Tables.Where(t => result.Figures.All(f => f.Table != t.Name) && t.LabelColumn is not null && t.RowCount is > 0 and <= MaxInlineRows
            && t.Labels.Distinct(StringComparer.Ordinal).Count() == t.RowCount)];
    }
    /// <summary>Title of every reproduction report.</summary>
    public const string Title = "FnDam reproduction of Mehta et al. (2022)";

    /// <summary>Folder of the PNG figures inside the output folder.</summary>
    public const string FiguresFolder = "figures";

    /// <summary>Folder of the CSV tables inside the output folder.</summary>
    public const string DataFolder = "data";

    /// <summary>File-safe base name of an experiment's table or figure: <c>experiment-name</c>.</summary>
    /// <param name="experiment">The experiment's name.</param>
    /// <param name="name">The table's or figure's name.</param>
    /// <returns>The base name, without extension.</returns>
    public static string FileName(string experiment, string name) => $"{experiment}-{name}";

    /// <summary>Relative path of a figure's PNG.</summary>
    /// <param name="experiment">The experiment's name.</param>
    /// <param name="figure">The figure.</param>
    /// <returns><c>figures/experiment-figure.png</c>.</returns>
    public static string FigurePath(string experiment, FigureSpec figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return $"{FiguresFolder}/{FileName(experiment, figure.Name)}.png";
    }

    /// <summary>Relative path of a table's CSV.</summary>
    /// <param name="experiment">The experiment's name.</param>
    /// <param name="table">The table.</param>
    /// <returns><c>data/experiment-table.csv</c>.</returns>
    public static string TablePath(string experiment, ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{DataFolder}/{FileName(experiment, table.Name)}.csv";
    }

    /// <summary>
    /// Problems of an experiment's result that would make its report wrong: a figure whose table or columns do not
    /// exist, a figure with no drawable point, duplicate table or figure names, names that are not file-safe.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <returns>One line per problem; empty when the result is sound.</returns>
    public static IReadOnlyList<string> Problems(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        foreach (var name in result.Tables.Select(t => t.Name).Concat(result.Figures.Select(f => f.Name)).Append(result.Name))
        {
            if (!IsFileSafe(name))
            {
                problems.Add($"'{name}' is not a file-safe name");
            }
        }

        foreach (var duplicate in result.Tables.GroupBy(t => t.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"table '{duplicate.Key}' is declared twice");
        }

        foreach (var duplicate in result.Figures.GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"figure '{duplicate.Key}' is declared twice");
        }

        foreach (var figure in result.Figures)
        {
            var table = result.Tables.FirstOrDefault(t => t.Name == figure.Table);
            if (table is null)
            {
                problems.Add($"figure '{figure.Name}' refers to table '{figure.Table}', which does not exist");
                continue;
            }

            var columns = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var missing = figure.Series.Select(s => s.YColumn).Prepend(figure.XColumn).Where(c => !columns.Contains(c)).ToArray();
            foreach (var column in missing)
            {
                problems.Add($"figure '{figure.Name}' uses column '{column}', which table '{table.Name}' does not have");
            }

            if (missing.Length > 0)
            {
                continue;
            }

            // A series may be empty on a log axis (a back-end that spends no energy); the renderer leaves it out.
            // A figure with nothing at all to draw is a defect.
            var drawable = figure.Series.Any(series =>
            {
                IReadOnlyList<string?> labels = figure.SplitByLabel && series.Label is null ? [.. table.DistinctLabels()] : [series.Label];
                return labels.Any(label => HasDrawablePoint(table.Column(figure.XColumn, label), table.Column(series.YColumn, label), figure));
            });
            if (!drawable)
            {
                problems.Add($"figure '{figure.Name}' has no point to draw");
            }
        }

        return problems;
    }

    /// <summary>Text of a claim's status.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>held</c>, <c>not held</c> or <c>not run</c>.</returns>
    public static string StatusText(ClaimStatus status) => status switch
    {
        ClaimStatus.Held => "held",
        ClaimStatus.NotHeld => "not held",
        _ => "not run",
    };

    /// <summary>One sentence counting the claims by status.</summary>
    /// <param name="claims">The claims table.</param>
    /// <returns>For example "4 of 7 claims held, 1 not held, 2 not run."</returns>
    public static string ClaimsSummary(ClaimsTable claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var held = claims.Rows.Count(r => r.Status == ClaimStatus.Held);
        var notHeld = claims.Rows.Count(r => r.Status == ClaimStatus.NotHeld);
        var notRun = claims.Rows.Count(r => r.Status == ClaimStatus.NotRun);
        return $"{held} of {claims.Rows.Count} claims held, {notHeld} not held, {notRun} not run.";
    }

    /// <summary>The preset's main figures for the report's configuration section, in display units.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>Rows of quantity, value (fixed significant digits) and unit.</returns>
    public static IReadOnlyList<(string Quantity, string Value, string Unit)> PresetRows(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var p = preset.Parameters;
        static string S(double v) => NumberText.Significant(v);
        static (string Quantity, string Value, string Unit) Q(string quantity, double value, string unit)
        {
            var (number, shown) = NumberText.Scaled(value, unit);
            return (quantity, number, shown);
        }

        return
        [
            Q("k1", p.K1, "1/s"),
            Q("k2", p.K2, "V"),
            Q("initial voltage V0", preset.InitialVoltage, "V"),
            Q("initial age a0", preset.InitialAge, "s"),
            Q("floor voltage", p.FloorVoltage, "V"),
            Q("total capacitance C_T", p.TotalCapacitance, "F"),
            Q("coupling ratio κ", p.CouplingRatio, ""),
            Q("nominal pulse amplitude V_p", preset.PulseAmplitude, "V"),
            Q("nominal pulse width", preset.PulseWidth, "s"),
            ("driver step T_min / longest pulse T_max", $"{NumberText.WithUnit(preset.MinimumWidth, "s")} / {NumberText.WithUnit(preset.MaximumWidth, "s")}", ""),
            Q("synapse gain g", preset.SynapseGain, "1/V"),
            Q("read noise σ_read", preset.ReadOut.NoiseSigma, "V"),
            ("mismatch σ (area, capacitance, thickness, V0)", $"{S(preset.Mismatch.AreaSigma)}, {S(preset.Mismatch.CapacitanceSigma)}, {S(preset.Mismatch.ThicknessSigma)}, {NumberText.WithUnit(preset.Mismatch.InitialVoltageSigma, "V")}", ""),
            ("temperature coefficient of k1", S(preset.Temperature.Coefficient), "1/K"),
        ];
    }

    /// <summary>The size as the command line spells it.</summary>
    /// <param name="size">The size.</param>
    /// <returns><c>smoke</c>, <c>default</c> or <c>full</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not a defined size (its number would be
    /// written as the size of the run).</exception>
    public static string SizeText(ExperimentSize size) => Enum.IsDefined(size)
        ? size.ToString().ToLowerInvariant()
        : throw new ArgumentOutOfRangeException(nameof(size), size, $"size must be one of {string.Join(", ", Enum.GetNames<ExperimentSize>())}; got {(int)size}.");

    private static bool IsFileSafe(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool HasDrawablePoint(double[] xs, double[] ys, FigureSpec figure)
    {
        for (var i = 0; i < xs.Length; i++)
        {
            var xOk = double.IsFinite(xs[i]) && (figure.XScale != AxisScale.Log10 || xs[i] > 0);
            var yOk = double.IsFinite(ys[i]) && (figure.YScale != AxisScale.Log10 || ys[i] > 0);
            if (xOk && yOk)
            {
                return true;
            }
        }

        return false;
    }
}
