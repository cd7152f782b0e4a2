namespace FnDam.Numerics;

/// <summary>The outcome of a least-squares fit: estimate, residuals, covariance and how the iteration ended.</summary>
/// <remarks>
/// <para><c>Covariance = s²·(JᵀJ)⁻¹</c> with <c>s² = ‖r‖²/(m − n)</c> (the residual variance) and J the Jacobian at the
/// estimate. Standard errors are the square roots of its diagonal, correlations
/// <c>C_ij/√(C_ii·C_jj)</c>. A parameter on a numerically singular direction of J has infinite variance and NaN
/// covariances. When m = n the residual variance is undefined (NaN) and so are the standard errors.</para>
/// </remarks>
public sealed class LeastSquaresResult
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    private LeastSquaresResult(
        double[] parameters,
        double[] residuals,
        double[] jacobian,
        double[] covariance,
        double conditionNumber,
        int iterations,
        int evaluations,
        LeastSquaresTermination termination)
    {
        Parameters = parameters;
        Residuals = residuals;
        Jacobian = jacobian;
        Covariance = covariance;
        ConditionNumber = conditionNumber;
        Iterations = iterations;
        FunctionEvaluations = evaluations;
        Termination = termination;
    }

    /// <summary>The estimate θ̂ (length n).</summary>
    public IReadOnlyList<double> Parameters { get; }

    /// <summary>The residuals r(θ̂) (length m).</summary>
    public IReadOnlyList<double> Residuals { get; }

    /// <summary>The Jacobian at θ̂, m×n row-major.</summary>
    public IReadOnlyList<double> Jacobian { get; }

    /// <summary>Covariance of θ̂, n×n row-major: <c>s²·(JᵀJ)⁻¹</c>.</summary>
    public IReadOnlyList<double> Covariance { get; }

    /// <summary>Number of parameters n.</summary>
    public int ParameterCount => Parameters.Count;

    /// <summary>Number of residuals m.</summary>
    public int ResidualCount => Residuals.Count;

    /// <summary>Degrees of freedom m − n.</summary>
    public int DegreesOfFreedom => ResidualCount - ParameterCount;

    /// <summary>Sum of squared residuals ‖r‖².</summary>
    public double SumOfSquares => LevenbergMarquardt.SumOfSquares(Residuals is double[] a ? a : [.. Residuals]);

    /// <summary>Residual variance s² = ‖r‖²/(m − n); NaN when m = n.</summary>
    public double ResidualVariance => DegreesOfFreedom > 0 ? SumOfSquares / DegreesOfFreedom : double.NaN;

    /// <summary>Ratio of the largest to the smallest singular value of the column-scaled Jacobian (∞ when singular).</summary>
    public double ConditionNumber { get; }

    /// <summary>Outer iterations (Jacobian evaluations) used.</summary>
    public int Iterations { get; }

    /// <summary>Residual-function evaluations used, including those of a finite-difference Jacobian.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Why the iteration stopped.</summary>
    public LeastSquaresTermination Termination { get; }

    /// <summary>Whether a convergence test was met (not the iteration limit, not a stall).</summary>
    public bool Converged => Termination is not (LeastSquaresTermination.MaximumIterations or LeastSquaresTermination.NoProgress);

    /// <summary>Standard error of parameter <paramref name="index"/>: <c>√C_ii</c>.</summary>
    /// <param name="index">Parameter index.</param>
    /// <returns>The standard error (∞ when not identifiable, NaN when m = n).</returns>
    public double StandardError(int index) => Math.Sqrt(Covariance[(index * ParameterCount) + index]);

    /// <summary>Correlation of parameters <paramref name="i"/> and <paramref name="j"/>.</summary>
    /// <param name="i">First index.</param>
    /// <param name="j">Second index.</param>
    /// <returns><c>C_ij/√(C_ii·C_jj)</c>; 1 on the diagonal; NaN when undefined.</returns>
    public double Correlation(int i, int j)
    {
        if (i == j)
        {
            return 1.0;
        }

        var n = ParameterCount;
        return Covariance[(i * n) + j] / Math.Sqrt(Covariance[(i * n) + i] * Covariance[(j * n) + j]);
    }

    internal static LeastSquaresResult Create(double[] theta, double[] r, double[] j, int iterations, int evaluations, LeastSquaresTermination termination)
    {
        var n = theta.Length;
        var m = r.Length;
        var (inverse, condition) = InverseNormalMatrix(j, m, n);
        var s2 = m > n ? LevenbergMarquardt.SumOfSquares(r) / (m - n) : double.NaN;
        var covariance = new double[n * n];
        for (var i = 0; i < n * n; i++)
        {
            covariance[i] = inverse[i] * s2;
        }

        // An exact fit has s² = 0; an unidentifiable parameter keeps its infinite variance.
        for (var i = 0; i < n; i++)
        {
            if (double.IsPositiveInfinity(inverse[(i * n) + i]))
            {
                covariance[(i * n) + i] = double.PositiveInfinity;
            }
        }

        return new LeastSquaresResult(theta, r, j, covariance, condition, iterations, evaluations, termination);
    }

    /// <summary>(JᵀJ)⁻¹ through the SVD of J·D⁻¹ (D: column norms), and the condition number of J·D⁻¹.</summary>
    internal static (double[] Inverse, double Condition) InverseNormalMatrix(double[] j, int m, int n)
    {
        var norms = new double[n];
        for (var col = 0; col < n; col++)
        {
            double s = 0;
            for (var row = 0; row < m; row++)
            {
                s += j[(row * n) + col] * j[(row * n) + col];
            }

            norms[col] = Math.Sqrt(s);
        }

        var scaled = new double[m * n];
        for (var row = 0; row < m; row++)
        {
            for (var col = 0; col < n; col++)
            {
                scaled[(row * n) + col] = norms[col] > 0 ? j[(row * n) + col] / norms[col] : 0.0;
            }
        }

        var svd = SingularValueDecomposition.Compute(scaled, m, n);
        var sigma = svd.SingularValues;
        var threshold = Math.Max(m, n) * MachineEpsilon * sigma[0];
        var singular = new bool[n];
        var anySingular = false;
        for (var k = 0; k < n; k++)
        {
            if (sigma[k] <= threshold)
            {
                anySingular = true;
                for (var col = 0; col < n; col++)
                {
                    if (Math.Abs(svd.V[(col * n) + k]) > 1e-8)
                    {
                        singular[col] = true;
                    }
                }
            }
        }

        for (var col = 0; col < n; col++)
        {
            if (norms[col] == 0.0)
            {
                singular[col] = true;
                anySingular = true;
            }
        }

        var inverse = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (singular[a] || singular[b])
                {
                    inverse[(a * n) + b] = a == b ? double.PositiveInfinity : double.NaN;
                    continue;
                }

                double s = 0;
                for (var k = 0; k < n; k++)
                {
                    if (sigma[k] > threshold)
                    {
                        s += svd.V[(a * n) + k] * svd.V[(b * n) + k] / (sigma[k] * sigma[k]);
                    }
                }

                inverse[(a * n) + b] = s / (norms[a] * norms[b]);
            }
        }

        var condition = anySingular || sigma[n - 1] == 0.0 ? double.PositiveInfinity : sigma[0] / sigma[n - 1];
        return (inverse, condition);
    }
}
