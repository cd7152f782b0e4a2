namespace FnDam.Experiments;

/// <summary>Sampling grids shared by the experiments.</summary>
public static class ExperimentGrid
{
    /// <summary>Most points of one grid: far more than any figure draws, and small enough to build in milliseconds.</summary>
    public const int MaximumPoints = 1_000_000;

    /// <summary>Points logarithmically spaced from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    /// <param name="first">First point, positive and finite.</param>
    /// <param name="last">Last point, at least <paramref name="first"/>, with last/first a finite number.</param>
    /// <param name="count">Number of points, 2 to <see cref="MaximumPoints"/>.</param>
    /// <returns><c>x_i = first·(last/first)^(i/(count−1))</c>.</returns>
    public static double[] Logarithmic(double first, double last, int count)
    {
        if (!(first > 0.0) || !(last >= first) || count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"a logarithmic grid needs 0 < first <= last and at least 2 points; got first {first}, last {last}, count {count}.");
        }

        if (!double.IsFinite(last / first))
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, $"a logarithmic grid needs last/first to be a finite number (the grid's ratio); got first {first}, last {last}.");
        }

        if (count > MaximumPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"a logarithmic grid holds at most {MaximumPoints} points; got {count}.");
        }

        var points = new double[count];
        var ratio = Math.Log(last / first);
        for (var i = 0; i < count; i++)
        {
            points[i] = first * Math.Exp(ratio * i / (count - 1));
        }

        points[^1] = last;
        return points;
    }

    /// <summary>Number of points for a size: <paramref name="smoke"/>, <paramref name="standard"/> or <paramref name="full"/>.</summary>
    /// <param name="size">The size.</param>
    /// <param name="smoke">Points at smoke size.</param>
    /// <param name="standard">Points at default size.</param>
    /// <param name="full">Points at full size.</param>
    /// <returns>The count for <paramref name="size"/>.</returns>
    public static int Count(ExperimentSize size, int smoke, int standard, int full) => size switch
    {
        ExperimentSize.Smoke => smoke,
        ExperimentSize.Default => standard,
        ExperimentSize.Full => full,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "unknown experiment size."),
    };
}
