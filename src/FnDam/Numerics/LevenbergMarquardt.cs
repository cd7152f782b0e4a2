namespace FnDam.Numerics;

/// <summary>Evaluates the residuals <c>r(θ)</c> of a least-squares problem.</summary>
/// <param name="parameters">The parameter vector θ (length n).</param>
/// <param name="residuals">Where the m residuals go. A non-finite residual marks θ as outside the model's domain.</param>
public delegate void ResidualFunction(ReadOnlySpan<double> parameters, Span<double> residuals);

/// <summary>Evaluates the Jacobian <c>J_ij = ∂r_i/∂θ_j</c> of a least-squares problem.</summary>
/// <param name="parameters">The parameter vector θ (length n).</param>
/// <param name="jacobian">Where the m×n Jacobian goes, row-major (row i is residual i).</param>
public delegate void JacobianFunction(ReadOnlySpan<double> parameters, Span<double> jacobian);

/// <summary>Why a Levenberg–Marquardt run stopped.</summary>
public enum LeastSquaresTermination
{
    /// <summary>Every residual is zero: the model passes through every point.</summary>
    ExactFit,

    /// <summary>The gradient is orthogonal to the residual to within the gradient tolerance.</summary>
    GradientTolerance,

    /// <summary>The last accepted step was smaller than the step tolerance relative to the parameters.</summary>
    StepTolerance,

    /// <summary>Actual and predicted relative reductions of the sum of squares were below the cost tolerance.</summary>
    CostTolerance,

    /// <summary>The iteration limit was reached before any tolerance was met.</summary>
    MaximumIterations,

    /// <summary>No step reduced the sum of squares even at the largest damping.</summary>
    NoProgress,
}

/// <summary>Tolerances and limits of <see cref="LevenbergMarquardt"/>.</summary>
/// <param name="MaximumIterations">Most Jacobian evaluations (outer iterations), positive.</param>
/// <param name="GradientTolerance">Stop when every <c>|J_jᵀr|/(‖J_j‖·‖r‖)</c> is at most this (MINPACK's gtol).</param>
/// <param name="StepTolerance">Stop when the scaled step is at most this times the scaled parameter norm (xtol).</param>
/// <param name="CostTolerance">Stop when actual and predicted relative reductions of ‖r‖² are at most this (ftol).</param>
/// <param name="InitialDamping">Initial damping as a fraction of the largest squared singular value of the scaled Jacobian.</param>
/// <param name="FiniteDifferenceStep">Relative step h of the central-difference Jacobian (used when none is given): <c>h·max(|θ_j|, 1)</c>.</param>
public sealed record LevenbergMarquardtOptions(
    int MaximumIterations = 200,
    double GradientTolerance = 1e-12,
    double StepTolerance = 1e-12,
    double CostTolerance = 1e-15,
    double InitialDamping = 1e-3,
    double FiniteDifferenceStep = 6e-6)
{
    /// <summary>The defaults.</summary>
    public static LevenbergMarquardtOptions Default { get; } = new();
}

/// <summary>
/// Levenberg–Marquardt non-linear least squares for small dense problems: minimises <c>‖r(θ)‖²</c> over θ and
/// returns the estimate with its covariance.
/// </summary>
/// <remarks>
/// <para>Each iteration solves <c>(JᵀJ + μ·Dᵀ D)·δ = −Jᵀr</c> with <c>D</c> the running maximum of the Jacobian's
/// column norms (Moré's scaling, so the method does not depend on the units of θ), through the singular value
/// decomposition of the scaled Jacobian <c>J·D⁻¹</c>: <c>D·δ = −Σ σ_i/(σ_i² + μ)·(u_iᵀr)·v_i</c>. The damping μ
/// follows Nielsen's rule: after a step with gain ratio ρ &gt; 0 it is multiplied by <c>max(1/3, 1 − (2ρ − 1)³)</c>,
/// after a rejected step by ν (then ν doubles). A trial point whose residuals are not finite is rejected like a step
/// that increases the cost, so a residual function can mark its domain with NaN. References: K. Levenberg (1944),
/// D. W. Marquardt (1963), J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory" (1978),
/// H. B. Nielsen, IMM-REP-1999-05. Math.NET Numerics' minimiser has neither the scaling nor the rejection of
/// non-finite trial points, and does not give the same fits (decision 0078).</para>
/// <para>At the solution the covariance is <c>s²·(JᵀJ)⁻¹</c> with <c>s² = ‖r‖²/(m − n)</c>, computed from the SVD of the
/// column-scaled Jacobian. Singular values below <c>max(m, n)·ε·σ_max</c> count as zero: the parameters that load on
/// such a direction get an infinite variance (and NaN covariances), which marks them as not identifiable.</para>
/// </remarks>
public static class LevenbergMarquardt
{
    /// <summary>Minimises the sum of squared residuals.</summary>
    /// <param name="residuals">The residual function r(θ).</param>
    /// <param name="residualCount">Number of residuals m, at least the number of parameters n.</param>
    /// <param name="initial">Starting point θ0 (length n ≥ 1); r(θ0) must be finite.</param>
    /// <param name="jacobian">The analytic Jacobian, or null for central differences.</param>
    /// <param name="options">Tolerances and limits, or null for <see cref="LevenbergMarquardtOptions.Default"/>.</param>
    /// <param name="cancellation">Checked before every Jacobian and every trial step.</param>
    /// <returns>The estimate, its covariance and how the run ended.</returns>
    /// <exception cref="ArgumentException">Sizes do not fit, or r(θ0) is not finite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static LeastSquaresResult Solve(
        ResidualFunction residuals,
        int residualCount,
        ReadOnlySpan<double> initial,
        JacobianFunction? jacobian = null,
        LevenbergMarquardtOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        options ??= LevenbergMarquardtOptions.Default;
        var n = initial.Length;
        var m = residualCount;
        if (n < 1)
        {
            throw new ArgumentException("a least-squares problem needs at least one parameter.", nameof(initial));
        }

        if (m < n)
        {
            throw new ArgumentException($"a least-squares problem needs at least as many residuals as parameters; got {m} residuals for {n} parameters.", nameof(residualCount));
        }

        cancellation.ThrowIfCancellationRequested();
        var evaluations = 0;
        var theta = initial.ToArray();
        var r = new double[m];
        residuals(theta, r);
        evaluations++;
        if (!AllFinite(r))
        {
            throw new ArgumentException("the residuals are not finite at the starting point.", nameof(initial));
        }

        jacobian ??= CentralDifferences(residuals, m, options.FiniteDifferenceStep);
        var cost = SumOfSquares(r);
        var j = new double[m * n];
        var scaled = new double[m * n];
        var scale = new double[n];
        var trial = new double[n];
        var rTrial = new double[m];
        var ur = new double[n];
        var z = new double[n];
        var mu = 0.0;
        var nu = 2.0;
        var iterations = 0;
        var termination = LeastSquaresTermination.MaximumIterations;

        while (true)
        {
            if (cost == 0.0)
            {
                termination = LeastSquaresTermination.ExactFit;
                break;
            }

            if (iterations >= options.MaximumIterations)
            {
                termination = LeastSquaresTermination.MaximumIterations;
                break;
            }

            cancellation.ThrowIfCancellationRequested();
            iterations++;
            jacobian(theta, j);
            evaluations += jacobian.Target is CentralDifferenceJacobian ? 2 * n : 0;
            UpdateScale(j, m, n, scale);
            for (var row = 0; row < m; row++)
            {
                for (var col = 0; col < n; col++)
                {
                    scaled[(row * n) + col] = j[(row * n) + col] / scale[col];
                }
            }

            // Gradient test: the cosine between r and each column of J.
            var rNorm = Math.Sqrt(cost);
            var gradientMax = 0.0;
            for (var col = 0; col < n; col++)
            {
                double dot = 0;
                for (var row = 0; row < m; row++)
                {
                    dot += scaled[(row * n) + col] * r[row];
                }

                gradientMax = Math.Max(gradientMax, Math.Abs(dot) / rNorm);
            }

            if (gradientMax <= options.GradientTolerance)
            {
                termination = LeastSquaresTermination.GradientTolerance;
                break;
            }

            var svd = SingularValueDecomposition.Compute(scaled, m, n);
            var sigma = svd.SingularValues;
            for (var k = 0; k < n; k++)
            {
                double dot = 0;
                for (var row = 0; row < m; row++)
                {
                    dot += svd.U[(row * n) + k] * r[row];
                }

                ur[k] = dot;
            }

            if (iterations == 1)
            {
                mu = options.InitialDamping * sigma[0] * sigma[0];
            }

            var accepted = false;
            var stop = false;
            for (var attempt = 0; attempt < 60; attempt++)
            {
                // Scaled step z = D·δ and the predicted reduction ‖r‖² − ‖r + Jδ‖².
                Array.Clear(z);
                var predicted = 0.0;
                for (var k = 0; k < n; k++)
                {
                    if (sigma[k] == 0.0)
                    {
                        continue;
                    }

                    var coefficient = -sigma[k] / ((sigma[k] * sigma[k]) + mu) * ur[k];
                    for (var col = 0; col < n; col++)
                    {
                        z[col] += coefficient * svd.V[(col * n) + k];
                    }

                    // Along u_k the residual changes from ur to ur + σ·c.
                    var after = ur[k] + (sigma[k] * coefficient);
                    predicted += (ur[k] * ur[k]) - (after * after);
                }

                double stepNorm = 0, thetaNorm = 0;
                for (var col = 0; col < n; col++)
                {
                    trial[col] = theta[col] + (z[col] / scale[col]);
                    stepNorm += z[col] * z[col];
                    thetaNorm += scale[col] * theta[col] * scale[col] * theta[col];
                }

                stepNorm = Math.Sqrt(stepNorm);
                thetaNorm = Math.Sqrt(thetaNorm);
                cancellation.ThrowIfCancellationRequested();
                residuals(trial, rTrial);
                evaluations++;
                var trialCost = AllFinite(rTrial) ? SumOfSquares(rTrial) : double.PositiveInfinity;
                var rho = predicted > 0 ? (cost - trialCost) / predicted : -1.0;
                if (rho > 0 && trialCost < cost)
                {
                    var actualReduction = (cost - trialCost) / cost;
                    var predictedReduction = predicted / cost;
                    Array.Copy(trial, theta, n);
                    Array.Copy(rTrial, r, m);
                    cost = trialCost;
                    var factor = 1.0 - Math.Pow((2.0 * rho) - 1.0, 3);
                    mu *= Math.Max(1.0 / 3.0, factor);
                    nu = 2.0;
                    accepted = true;
                    if (actualReduction <= options.CostTolerance && predictedReduction <= options.CostTolerance)
                    {
                        termination = LeastSquaresTermination.CostTolerance;
                        stop = true;
                    }
                    else if (stepNorm <= options.StepTolerance * (thetaNorm + options.StepTolerance))
                    {
                        termination = LeastSquaresTermination.StepTolerance;
                        stop = true;
                    }

                    break;
                }

                if (stepNorm <= options.StepTolerance * (thetaNorm + options.StepTolerance))
                {
                    termination = LeastSquaresTermination.StepTolerance;
                    stop = true;
                    break;
                }

                mu *= nu;
                nu *= 2.0;
            }

            if (stop)
            {
                break;
            }

            if (!accepted)
            {
                termination = LeastSquaresTermination.NoProgress;
                break;
            }
        }

        jacobian(theta, j);
        return LeastSquaresResult.Create(theta, r, j, iterations, evaluations, termination);
    }

    /// <summary>A central-difference Jacobian of <paramref name="residuals"/>.</summary>
    /// <param name="residuals">The residual function.</param>
    /// <param name="residualCount">Number of residuals m.</param>
    /// <param name="relativeStep">Relative step h: θ_j is moved by <c>±h·max(|θ_j|, 1)</c>.</param>
    /// <returns>A Jacobian function, accurate to O(h²).</returns>
    public static JacobianFunction CentralDifferences(ResidualFunction residuals, int residualCount, double relativeStep = 6e-6)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        return new CentralDifferenceJacobian(residuals, residualCount, relativeStep).Evaluate;
    }

    private static void UpdateScale(double[] j, int m, int n, double[] scale)
    {
        for (var col = 0; col < n; col++)
        {
            double norm = 0;
            for (var row = 0; row < m; row++)
            {
                norm += j[(row * n) + col] * j[(row * n) + col];
            }

            norm = Math.Sqrt(norm);
            scale[col] = Math.Max(scale[col], norm);
            if (scale[col] == 0.0)
            {
                scale[col] = 1.0;
            }
        }
    }

    internal static double SumOfSquares(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v * v;
        }

        return sum;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class CentralDifferenceJacobian(ResidualFunction residuals, int residualCount, double relativeStep)
    {
        public void Evaluate(ReadOnlySpan<double> parameters, Span<double> jacobian)
        {
            var n = parameters.Length;
            var shifted = parameters.ToArray();
            var plus = new double[residualCount];
            var minus = new double[residualCount];
            for (var col = 0; col < n; col++)
            {
                var h = relativeStep * Math.Max(Math.Abs(parameters[col]), 1.0);
                shifted[col] = parameters[col] + h;
                residuals(shifted, plus);
                shifted[col] = parameters[col] - h;
                residuals(shifted, minus);
                shifted[col] = parameters[col];
                for (var row = 0; row < residualCount; row++)
                {
                    jacobian[(row * n) + col] = (plus[row] - minus[row]) / (2.0 * h);
                }
            }
        }
    }
}
