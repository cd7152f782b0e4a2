using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>Writes an <see cref="ExperimentResult"/> into a folder: one CSV per table, a PNG and an SVG per figure.</summary>
public static class ExperimentFiles
{
    /// <summary>Writes every table and figure of <paramref name="result"/> into <paramref name="folder"/>.</summary>
    /// <param name="result">The experiment's result.</param>
    /// <param name="folder">Destination folder (normally an <see cref="OutputFolder"/>'s staging path).</param>
    /// <returns>The files written, relative to <paramref name="folder"/>, in writing order.</returns>
    public static IReadOnlyList<string> Write(ExperimentResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var written = new List<string>();
        foreach (var table in result.Tables)
        {
            CsvExport.Write(table, Path.Combine(folder, table.Name + ".csv"));
            written.Add(table.Name + ".csv");
        }

        foreach (var figure in result.Figures)
        {
            var table = result.Table(figure.Table);
            FigureRenderer.Save(figure, table, folder);
            written.Add(figure.Name + ".png");
            written.Add(figure.Name + ".svg");
        }

        return written;
    }
}
