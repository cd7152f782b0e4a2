namespace FnDam.Numerics;

/// <summary>
/// Thin singular value decomposition <c>A = U·diag(σ)·Vᵀ</c> of a small dense matrix (rows ≥ columns) by one-sided
/// Jacobi rotations.
/// </summary>
/// <remarks>
/// One-sided Jacobi (M. R. Hestenes, J. SIAM 6, 51 (1958); J. Demmel and K. Veselić, SIAM J. Matrix Anal. Appl. 13,
/// 1204 (1992)) orthogonalises the columns of <c>A</c> pairwise; it computes small singular values to high relative
/// accuracy, which the covariance of a badly conditioned fit needs. Cost O(m·n²) per sweep, a handful of sweeps.
/// Meant for least-squares problems with a few to a few dozen parameters. Kept rather than Math.NET Numerics' SVD,
/// which gave a badly conditioned fit's covariance less accurately (decision 0078).
/// </remarks>
internal sealed class SingularValueDecomposition
{
    private SingularValueDecomposition(int rows, int columns, double[] u, double[] singularValues, double[] v)
    {
        Rows = rows;
        Columns = columns;
        U = u;
        SingularValues = singularValues;
        V = v;
    }

    /// <summary>Number of rows m.</summary>
    public int Rows { get; }

    /// <summary>Number of columns n.</summary>
    public int Columns { get; }

    /// <summary>Left singular vectors, m×n row-major; a column whose singular value is zero is zero.</summary>
    public double[] U { get; }

    /// <summary>Singular values σ, in decreasing order.</summary>
    public double[] SingularValues { get; }

    /// <summary>Right singular vectors, n×n row-major (column i is the i-th vector).</summary>
    public double[] V { get; }

    /// <summary>Decomposes an m×n row-major matrix with m ≥ n.</summary>
    /// <param name="matrix">The matrix, row-major, left unchanged.</param>
    /// <param name="rows">m.</param>
    /// <param name="columns">n, at most m.</param>
    /// <returns>The decomposition.</returns>
    public static SingularValueDecomposition Compute(ReadOnlySpan<double> matrix, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, columns);
        ArgumentOutOfRangeException.ThrowIfNotEqual(matrix.Length, rows * columns);
        var a = matrix.ToArray();
        var v = new double[columns * columns];
        for (var i = 0; i < columns; i++)
        {
            v[(i * columns) + i] = 1.0;
        }

        const int maxSweeps = 60;
        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            var rotated = false;
            for (var p = 0; p < columns - 1; p++)
            {
                for (var q = p + 1; q < columns; q++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (var r = 0; r < rows; r++)
                    {
                        var ap = a[(r * columns) + p];
                        var aq = a[(r * columns) + q];
                        alpha += ap * ap;
                        beta += aq * aq;
                        gamma += ap * aq;
                    }

                    if (gamma == 0.0 || Math.Abs(gamma) <= 1e-15 * Math.Sqrt(alpha * beta))
                    {
                        continue;
                    }

                    rotated = true;
                    var zeta = (beta - alpha) / (2.0 * gamma);
                    var t = Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1.0 + (zeta * zeta)));
                    if (zeta == 0.0)
                    {
                        t = 1.0;
                    }

                    var c = 1.0 / Math.Sqrt(1.0 + (t * t));
                    var s = c * t;
                    for (var r = 0; r < rows; r++)
                    {
                        var ap = a[(r * columns) + p];
                        var aq = a[(r * columns) + q];
                        a[(r * columns) + p] = (c * ap) - (s * aq);
                        a[(r * columns) + q] = (s * ap) + (c * aq);
                    }

                    for (var r = 0; r < columns; r++)
                    {
                        var vp = v[(r * columns) + p];
                        var vq = v[(r * columns) + q];
                        v[(r * columns) + p] = (c * vp) - (s * vq);
                        v[(r * columns) + q] = (s * vp) + (c * vq);
                    }
                }
            }

            if (!rotated)
            {
                break;
            }
        }

        var sigma = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            double norm = 0;
            for (var r = 0; r < rows; r++)
            {
                norm += a[(r * columns) + j] * a[(r * columns) + j];
            }

            sigma[j] = Math.Sqrt(norm);
        }

        // Sort by decreasing singular value and normalise the left vectors.
        var order = Enumerable.Range(0, columns).OrderByDescending(j => sigma[j]).ToArray();
        var u = new double[rows * columns];
        var vs = new double[columns * columns];
        var ss = new double[columns];
        for (var k = 0; k < columns; k++)
        {
            var j = order[k];
            ss[k] = sigma[j];
            for (var r = 0; r < rows; r++)
            {
                u[(r * columns) + k] = sigma[j] > 0 ? a[(r * columns) + j] / sigma[j] : 0.0;
            }

            for (var r = 0; r < columns; r++)
            {
                vs[(r * columns) + k] = v[(r * columns) + j];
            }
        }

        return new SingularValueDecomposition(rows, columns, u, ss, vs);
    }
}
