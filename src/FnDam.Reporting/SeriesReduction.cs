namespace FnDam.Reporting;

/// <summary>
/// The points a figure draws of a series longer than can be seen: a line through the envelope of each pixel column,
/// markers one to a cell of half a marker, and in both the ends and every column's extremes, so that the drawing looks
/// as the full series would. Series of at most <see cref="Threshold"/> points are drawn whole.
/// </summary>
/// <remarks>
/// The frame's x span is cut into <see cref="Columns"/> equal columns and its y span into <see cref="Rows"/> rows: the
/// figure's size in pixels, so that a column is narrower than a pixel of the data area (which is smaller than the
/// figure, and spans the data with margins). A line keeps, of each run of consecutive points in one column, the first,
/// the last and the ones of least and greatest y and x: the segments inside the column cover exactly the rows from its
/// least to its greatest y, and the line enters and leaves it where it did (the M4 reduction, with the x extremes
/// added so that a line that turns back inside a column keeps its reach; for a series in x order each column is one
/// run, at most four points). Markers keep, of each column, the points of least and greatest y, the points of least
/// and greatest x of the series, its first and last point, and the first point in each cell of
/// <see cref="MarkerCellPixels"/> pixels, so every dropped marker has a kept one within half a marker in x and in y and
/// the cloud keeps its outline, its holes and its outliers. Kept points stay in their order, and every extreme is kept,
/// so the axes' limits are those of the whole series.
/// </remarks>
public static class SeriesReduction
{
    /// <summary>Columns the frame's x span is cut into: the figure's width in pixels.</summary>
    public const int Columns = FigureRenderer.Width;

    /// <summary>Rows the frame's y span is cut into: the figure's height in pixels.</summary>
    public const int Rows = FigureRenderer.Height;

    /// <summary>Most points of a series drawn whole: four per column, the most a line in x order keeps when reduced.</summary>
    public const int Threshold = 4 * Columns;

    /// <summary>Side (px) of the cells of which reduced markers keep one point each: half of a 7 px marker.</summary>
    public const double MarkerCellPixels = 3.5;

    // Points between two looks at the cancellation token: about a millisecond of work.
    private const int CancellationStride = 1 << 16;

    /// <summary>The frame of a figure's series: the least and greatest x and y of all their points.</summary>
    /// <param name="series">The series, in plot coordinates.</param>
    /// <returns>The frame; a span of zero counts as one, so that every point lies in the first column or row.</returns>
    public static PlotFrame Frame(IEnumerable<DrawnSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (xMin, xMax, yMin, yMax) = (double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity);
        foreach (var s in series)
        {
            foreach (var x in s.X)
            {
                (xMin, xMax) = (Math.Min(xMin, x), Math.Max(xMax, x));
            }

            foreach (var y in s.Y)
            {
                (yMin, yMax) = (Math.Min(yMin, y), Math.Max(yMax, y));
            }
        }

        return xMin > xMax ? new PlotFrame(0, 1, 0, 1) : new PlotFrame(xMin, xMax - xMin > 0 ? xMax - xMin : 1.0, yMin, yMax - yMin > 0 ? yMax - yMin : 1.0);
    }

    /// <summary>The points a line keeps: of each run of consecutive points in one column, the first, the last, and
    /// those of least and greatest y and x (the first of equal ones).</summary>
    /// <param name="x">x values in plot coordinates, all finite.</param>
    /// <param name="y">y values, as many.</param>
    /// <param name="frame">The figure's frame.</param>
    /// <param name="cancellation">Looked at every 65536 points.</param>
    /// <returns>The indices kept, ascending.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static int[] Line(ReadOnlySpan<double> x, ReadOnlySpan<double> y, PlotFrame frame, CancellationToken cancellation = default)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y differ in length.", nameof(y));
        }

        var kept = new List<int>();
        Span<int> run = stackalloc int[6];
        var start = 0;
        while (start < x.Length)
        {
            var column = frame.Column(x[start]);
            var (minY, maxY, minX, maxX) = (start, start, start, start);
            var end = start + 1;
            for (; end < x.Length && frame.Column(x[end]) == column; end++)
            {
                if (end % CancellationStride == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                minY = y[end] < y[minY] ? end : minY;
                maxY = y[end] > y[maxY] ? end : maxY;
                minX = x[end] < x[minX] ? end : minX;
                maxX = x[end] > x[maxX] ? end : maxX;
            }

            (run[0], run[1], run[2], run[3], run[4], run[5]) = (start, end - 1, minY, maxY, minX, maxX);
            run.Sort();
            for (var k = 0; k < run.Length; k++)
            {
                if (k == 0 || run[k] != run[k - 1])
                {
                    kept.Add(run[k]);
                }
            }

            if (end / CancellationStride != start / CancellationStride)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            start = end;
        }

        return [.. kept];
    }

    /// <summary>The points markers keep: the first and the last, those of least and greatest x, those of least and
    /// greatest y in each column, and the first point in each cell of <see cref="MarkerCellPixels"/> pixels.</summary>
    /// <param name="x">x values in plot coordinates, all finite.</param>
    /// <param name="y">y values, as many.</param>
    /// <param name="frame">The figure's frame.</param>
    /// <param name="cancellation">Looked at every 65536 points.</param>
    /// <returns>The indices kept, ascending.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static int[] Markers(ReadOnlySpan<double> x, ReadOnlySpan<double> y, PlotFrame frame, CancellationToken cancellation = default)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y differ in length.", nameof(y));
        }

        if (x.Length == 0)
        {
            return [];
        }

        var keep = new bool[x.Length];
        var least = new int[Columns];
        var greatest = new int[Columns];
        Array.Fill(least, -1);
        Array.Fill(greatest, -1);
        var cellColumns = (int)Math.Ceiling(Columns / MarkerCellPixels);
        var cellRows = (int)Math.Ceiling(Rows / MarkerCellPixels);
        var taken = new bool[cellColumns * cellRows];
        var (minX, maxX) = (0, 0);
        for (var i = 0; i < x.Length; i++)
        {
            if (i % CancellationStride == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            var column = frame.Column(x[i]);
            least[column] = least[column] < 0 || y[i] < y[least[column]] ? i : least[column];
            greatest[column] = greatest[column] < 0 || y[i] > y[greatest[column]] ? i : greatest[column];
            minX = x[i] < x[minX] ? i : minX;
            maxX = x[i] > x[maxX] ? i : maxX;
            var cell = (Math.Min((int)(frame.Pixel(x[i]) / MarkerCellPixels), cellColumns - 1) * cellRows) + Math.Min((int)(frame.PixelRow(y[i]) / MarkerCellPixels), cellRows - 1);
            if (!taken[cell])
            {
                taken[cell] = true;
                keep[i] = true;
            }
        }

        keep[0] = keep[^1] = keep[minX] = keep[maxX] = true;
        for (var c = 0; c < Columns; c++)
        {
            if (least[c] >= 0)
            {
                keep[least[c]] = keep[greatest[c]] = true;
            }
        }

        cancellation.ThrowIfCancellationRequested();
        var kept = new List<int>();
        for (var i = 0; i < keep.Length; i++)
        {
            if (keep[i])
            {
                kept.Add(i);
            }
        }

        return [.. kept];
    }

    /// <summary>The note under a figure that says which series were drawn through fewer points, or null when none were.</summary>
    /// <param name="reduced">Legend, points drawn and points of each reduced series, in drawing order.</param>
    /// <returns>For example "Drawn through fewer points, every pixel column's extremes kept (the CSV has all): fit 3,190 of 2,000,200".</returns>
    /// <exception cref="ArgumentException">A legend is null, or a series has a negative count or more points drawn than it
    /// has.</exception>
    public static string? Note(IReadOnlyList<(string Legend, int Drawn, int Points)> reduced)
    {
        ArgumentNullException.ThrowIfNull(reduced);
        foreach (var (legend, drawn, points) in reduced)
        {
            if (legend is null || drawn < 0 || drawn > points)
            {
                throw new ArgumentException($"reduced series '{legend}': {drawn} points drawn of {points}; a series names its legend and draws 0 to all of its points.", nameof(reduced));
            }
        }

        return reduced.Count == 0
            ? null
            : "Drawn through fewer points, every pixel column's extremes kept (the CSV has all): "
                + string.Join("; ", reduced.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Legend} {r.Drawn:N0} of {r.Points:N0}")));
    }
}

/// <summary>The span of a figure's points in plot coordinates, cut into <see cref="SeriesReduction.Columns"/> columns
/// and <see cref="SeriesReduction.Rows"/> rows.</summary>
/// <param name="XMin">Least x.</param>
/// <param name="XSpan">Greatest less least x, positive.</param>
/// <param name="YMin">Least y.</param>
/// <param name="YSpan">Greatest less least y, positive.</param>
public readonly record struct PlotFrame(double XMin, double XSpan, double YMin, double YSpan)
{
    /// <summary>The column of an x value, 0 to <see cref="SeriesReduction.Columns"/> − 1 (the greatest x falls in the last).</summary>
    /// <param name="x">The value.</param>
    /// <returns>The column.</returns>
    public int Column(double x) => Math.Clamp((int)Pixel(x), 0, SeriesReduction.Columns - 1);

    /// <summary>The distance of an x value from the frame's left edge in columns, 0 to <see cref="SeriesReduction.Columns"/>.</summary>
    /// <param name="x">The value.</param>
    /// <returns>The distance.</returns>
    public double Pixel(double x) => Math.Clamp((x - XMin) / XSpan * SeriesReduction.Columns, 0, SeriesReduction.Columns);

    /// <summary>The distance of a y value from the frame's bottom edge in rows, 0 to <see cref="SeriesReduction.Rows"/>.</summary>
    /// <param name="y">The value.</param>
    /// <returns>The distance.</returns>
    public double PixelRow(double y) => Math.Clamp((y - YMin) / YSpan * SeriesReduction.Rows, 0, SeriesReduction.Rows);
}
