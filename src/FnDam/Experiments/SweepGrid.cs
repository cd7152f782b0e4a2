using FnDam.Numerics;

namespace FnDam.Experiments;

/// <summary>Sweep grids for experiments: logarithmically and linearly spaced points.</summary>
public static class SweepGrid
{
    /// <summary>
    /// <paramref name="count"/> points from <paramref name="minimum"/> to <paramref name="maximum"/>, evenly spaced in
    /// log10.
    /// </summary>
    /// <param name="minimum">First point, finite and positive.</param>
    /// <param name="maximum">Last point, above <paramref name="minimum"/>, with maximum/minimum finite.</param>
    /// <param name="count">Number of points, 2 to <see cref="ExperimentGrid.MaximumPoints"/>.</param>
    /// <returns>The points: <c>x_i = min·(max/min)^(i/(n−1))</c>, with the ends exact.</returns>
    public static double[] Log(double minimum, double maximum, int count)
    {
        Check(minimum, maximum, count);
        Guard.Positive(minimum, "grid minimum", "");
        if (!double.IsFinite(maximum / minimum))
        {
            throw Guard.Invalid("grid maximum", maximum, $"grid maximum / grid minimum must be a finite number (the grid's ratio); got {Guard.Format(minimum)} to {Guard.Format(maximum)}.");
        }
        var points = new double[count];
        var ratio = Math.Log(maximum / minimum);
        for (var i = 0; i < count; i++)
        {
            points[i] = minimum * Math.Exp(ratio * i / (count - 1));
        }

        points[0] = minimum;
        points[^1] = maximum;
        return points;
    }

    /// <summary><paramref name="count"/> evenly spaced points from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    /// <param name="minimum">First point, finite.</param>
    /// <param name="maximum">Last point, above <paramref name="minimum"/>, with maximum − minimum finite.</param>
    /// <param name="count">Number of points, 2 to <see cref="ExperimentGrid.MaximumPoints"/>.</param>
    /// <returns>The points: <c>x_i = min + (max − min)·i/(n−1)</c>, with the ends exact.</returns>
    public static double[] Linear(double minimum, double maximum, int count)
    {
        Check(minimum, maximum, count);
        if (!double.IsFinite(maximum - minimum))
        {
            throw Guard.Invalid("grid maximum", maximum, $"grid maximum − grid minimum must be a finite number (the grid's span); got {Guard.Format(minimum)} to {Guard.Format(maximum)}.");
        }

        var points = new double[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = minimum + ((maximum - minimum) * i / (count - 1));
        }

        points[^1] = maximum;
        return points;
    }

    private static void Check(double minimum, double maximum, int count)
    {
        Guard.Finite(minimum, "grid minimum", "");
        Guard.Finite(maximum, "grid maximum", "");
        if (maximum <= minimum)
        {
            throw Guard.Invalid("grid maximum", maximum, $"grid maximum must exceed the grid minimum {Guard.Format(minimum)}; got {Guard.Format(maximum)}.");
        }

        if (count is < 2 or > ExperimentGrid.MaximumPoints)
        {
            throw Guard.Invalid("grid points", count, $"grid points must be an integer in [2, {ExperimentGrid.MaximumPoints}]; got {count}.");
        }
    }
}
