using System.Text.Json.Serialization.Metadata;
using FnDam.Configuration;
using FnDam.Results;

namespace FnDam.Reporting;

/// <summary>
/// The one way a run's results reach the disk: every table, figure, JSON document, text and binary file goes into an
/// <see cref="OutputFolder"/>'s staging folder, each file atomically, and the folder appears whole at
/// <see cref="Commit"/> or not at all.
/// </summary>
public sealed class OutputWriter : IDisposable
{
    private readonly OutputFolder _folder;
    private readonly List<string> _written = [];

    private OutputWriter(OutputFolder folder) => _folder = folder;

    /// <summary>Where the folder will be after <see cref="Commit"/>.</summary>
    public string Destination => _folder.Destination;

    /// <summary>The staging folder written now.</summary>
    public string Path => _folder.Path;

    /// <summary>The files written so far, relative to the folder, in writing order.</summary>
    public IReadOnlyList<string> Written => _written;

    /// <summary>Checks the destination and creates the staging folder (see <see cref="OutputFolder.Begin"/>).</summary>
    /// <param name="destination">Output folder requested by the user.</param>
    /// <param name="force">Replace a non-empty destination instead of refusing.</param>
    /// <returns>The writer.</returns>
    public static OutputWriter Begin(string destination, bool force) => new(OutputFolder.Begin(destination, force));

    /// <summary>A table as <c>NAME.csv</c> (in <paramref name="folder"/>, relative, when given).</summary>
    /// <param name="table">The table.</param>
    /// <param name="folder">Sub-folder, or empty for the top.</param>
    public void Table(ResultTable table, string folder = "")
    {
        ArgumentNullException.ThrowIfNull(table);
        var relative = System.IO.Path.Combine(folder, table.Name + ".csv");
        CsvExport.Write(table, _folder.File(relative));
        _written.Add(relative);
    }

    /// <summary>A figure as <c>NAME.png</c> and <c>NAME.svg</c> (in <paramref name="folder"/>, relative, when given).</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="table">The table it plots.</param>
    /// <param name="folder">Sub-folder, or empty for the top.</param>
    /// <param name="cancellation">Stops the drawing; then neither file is written.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public void Figure(FigureSpec figure, ResultTable table, string folder = "", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(figure);
        FigureRenderer.Save(figure, table, System.IO.Path.GetDirectoryName(_folder.File(System.IO.Path.Combine(folder, figure.Name)))!, cancellation);
        _written.Add(System.IO.Path.Combine(folder, figure.Name + ".png"));
        _written.Add(System.IO.Path.Combine(folder, figure.Name + ".svg"));
    }

    /// <summary>A heat map of a row-major matrix as <c>NAME.png</c> and <c>NAME.svg</c> (see <see cref="HeatmapRenderer"/>).</summary>
    /// <param name="values">Row-major values.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    /// <param name="name">File name without extension.</param>
    /// <param name="title">Title.</param>
    /// <param name="colorLabel">Colour bar label.</param>
    /// <param name="folder">Sub-folder, or empty for the top.</param>
    public void Heatmap(ReadOnlySpan<double> values, int rows, int columns, string name, string title, string colorLabel, string folder = "")
    {
        HeatmapRenderer.Save(values, rows, columns, name, title, colorLabel, System.IO.Path.GetDirectoryName(_folder.File(System.IO.Path.Combine(folder, name)))!, symmetric: true);
        _written.Add(System.IO.Path.Combine(folder, name + ".png"));
        _written.Add(System.IO.Path.Combine(folder, name + ".svg"));
    }

    /// <summary>An experiment's result: every table as CSV, then every figure (into <paramref name="figureFolder"/>).</summary>
    /// <param name="result">The result.</param>
    /// <param name="figureFolder">Sub-folder of the figures, or empty for the top.</param>
    /// <param name="cancellation">Checked before every file and while drawing a figure.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public void Result(ExperimentResult result, string figureFolder = "", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var table in result.Tables)
        {
            cancellation.ThrowIfCancellationRequested();
            Table(table);
        }

        foreach (var figure in result.Figures)
        {
            cancellation.ThrowIfCancellationRequested();
            Figure(figure, result.Table(figure.Table), figureFolder, cancellation);
        }
    }

    /// <summary>A JSON document, written by <see cref="JsonDocuments"/> from its source-generated contract.</summary>
    /// <typeparam name="T">The document's record.</typeparam>
    /// <param name="relative">Path in the folder.</param>
    /// <param name="document">The document.</param>
    /// <param name="contract">Its contract from a source-generated context.</param>
    public void Json<T>(string relative, T document, JsonTypeInfo<T> contract) => Text(relative, JsonDocuments.Write(document, contract));

    /// <summary>UTF-8 text (no BOM).</summary>
    /// <param name="relative">Path in the folder.</param>
    /// <param name="text">Content.</param>
    public void Text(string relative, string text)
    {
        AtomicFile.WriteAllText(_folder.File(relative), text);
        _written.Add(relative);
    }

    /// <summary>A binary file, written through <paramref name="write"/>.</summary>
    /// <param name="relative">Path in the folder.</param>
    /// <param name="write">Writes the content into the stream it is given.</param>
    public void Binary(string relative, Action<Stream> write)
    {
        AtomicFile.Write(_folder.File(relative), write);
        _written.Add(relative);
    }

    /// <summary>Moves the folder into place, unless the run was cancelled (then nothing appears).</summary>
    /// <param name="cancellation">The run's token; a cancelled token throws instead of committing.</param>
    public void Commit(CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        _folder.Commit();
    }

    /// <summary>Deletes the staging folder unless the output was committed.</summary>
    public void Dispose() => _folder.Dispose();
}
