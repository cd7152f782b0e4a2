using FnDam.Devices;
using FnDam.Experiments;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>What the Markdown and HTML reports share: file names, checks, and text of numbers and claims.</summary>
public static class ReportContent
{
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
    public static string SizeText(ExperimentSize size) => size.ToString().ToLowerInvariant();

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
