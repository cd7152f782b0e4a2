namespace FnDam.Numerics;

/// <summary>Summary statistics of measured values.</summary>
public static class Statistics
{
    /// <summary>The sample standard deviation, √(Σ (x − x̄)²/(n − 1)), of values drawn from a larger population
    /// (seeds, synapses of a sample); 0 for fewer than two values.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The standard deviation.</returns>
    public static double StandardDeviation(ReadOnlySpan<double> values) =>
        values.Length < 2 ? 0.0 : Math.Sqrt(SquaredDeviations(values) / (values.Length - 1));

    /// <summary>The standard deviation of a whole population, √(Σ (x − x̄)²/n): values that are every member, not a
    /// sample (every gain of a network); 0 for none.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The standard deviation.</returns>
    public static double PopulationStandardDeviation(ReadOnlySpan<double> values) =>
        values.Length == 0 ? 0.0 : Math.Sqrt(SquaredDeviations(values) / values.Length);

    /// <summary>Σ (x − x̄)², the deviations taken from the mean (not from sums of squares, which cancel).</summary>
    private static double SquaredDeviations(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return sum;
    }
}
