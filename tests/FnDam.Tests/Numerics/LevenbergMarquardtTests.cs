using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

public sealed class LevenbergMarquardtTests
{
    private static readonly double[] Xs = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0];

    private static void Exponential(ReadOnlySpan<double> p, Span<double> r, double[] ys)
    {
        for (var i = 0; i < Xs.Length; i++)
        {
            r[i] = (p[0] * Math.Exp(-p[1] * Xs[i])) - ys[i];
        }
    }

    [Fact]
    public void ExactData_RecoveredToRoundOff_WithFiniteDifferenceJacobian()
    {
        var ys = Xs.Select(x => 3.0 * Math.Exp(-0.7 * x)).ToArray();
        var fit = LevenbergMarquardt.Solve((p, r) => Exponential(p, r, ys), Xs.Length, [1.0, 0.1], cancellation: TestContext.Current.CancellationToken);
        Assert.True(fit.Converged, fit.Termination.ToString());
        Assert.Equal(3.0, fit.Parameters[0], 1e-9);
        Assert.Equal(0.7, fit.Parameters[1], 1e-9);
    }

    [Fact]
    public void Rosenbrock_FromTheClassicStart_ReachesTheMinimum()
    {
        // r = (10(y − x²), 1 − x): minimum at (1, 1), a curved valley that defeats plain Gauss–Newton steps.
        void R(ReadOnlySpan<double> p, Span<double> r)
        {
            r[0] = 10 * (p[1] - (p[0] * p[0]));
            r[1] = 1 - p[0];
        }

        void J(ReadOnlySpan<double> p, Span<double> j)
        {
            j[0] = -20 * p[0];
            j[1] = 10;
            j[2] = -1;
            j[3] = 0;
        }

        var fit = LevenbergMarquardt.Solve(R, 2, [-1.2, 1.0], J, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(1.0, fit.Parameters[0], 1e-8);
        Assert.Equal(1.0, fit.Parameters[1], 1e-8);
    }

    [Fact]
    public void StraightLine_CovarianceEqualsTheTextbookFormula()
    {
        // For a linear model the covariance is exactly s²(XᵀX)⁻¹ with s² = SSR/(n − 2).
        double[] ys = [1.1, 1.9, 3.2, 3.8, 5.1, 7.2, 8.8, 13.1];
        void R(ReadOnlySpan<double> p, Span<double> r)
        {
            for (var i = 0; i < Xs.Length; i++)
            {
                r[i] = p[0] + (p[1] * Xs[i]) - ys[i];
            }
        }

        var fit = LevenbergMarquardt.Solve(R, Xs.Length, [0.0, 0.0], cancellation: TestContext.Current.CancellationToken);
        var n = Xs.Length;
        double sx = Xs.Sum(), sxx = Xs.Sum(x => x * x), sy = ys.Sum(), sxy = Xs.Zip(ys, (x, y) => x * y).Sum();
        var det = (n * sxx) - (sx * sx);
        var slope = ((n * sxy) - (sx * sy)) / det;
        var intercept = (sy - (slope * sx)) / n;
        var ssr = Xs.Select((x, i) => ys[i] - intercept - (slope * x)).Sum(e => e * e);
        var s2 = ssr / (n - 2);
        Assert.Equal(intercept, fit.Parameters[0], 1e-9);
        Assert.Equal(slope, fit.Parameters[1], 1e-9);
        Assert.Equal(s2 * sxx / det, fit.Covariance[0], 1e-9);
        Assert.Equal(s2 * n / det, fit.Covariance[3], 1e-9);
        Assert.Equal(-s2 * sx / det, fit.Covariance[1], 1e-9);
        Assert.Equal(s2, fit.ResidualVariance, 1e-12);
        Assert.Equal(-sx / Math.Sqrt(n * sxx), fit.Correlation(0, 1), 1e-9);
    }

    [Fact]
    public void AnalyticAndFiniteDifferenceJacobians_Agree()
    {
        var ys = Xs.Select(x => (2.0 * Math.Exp(-0.3 * x)) + (0.01 * Math.Sin(7 * x))).ToArray();
        void J(ReadOnlySpan<double> p, Span<double> j)
        {
            for (var i = 0; i < Xs.Length; i++)
            {
                j[2 * i] = Math.Exp(-p[1] * Xs[i]);
                j[(2 * i) + 1] = -p[0] * Xs[i] * Math.Exp(-p[1] * Xs[i]);
            }
        }

        var analytic = LevenbergMarquardt.Solve((p, r) => Exponential(p, r, ys), Xs.Length, [1.0, 1.0], J, cancellation: TestContext.Current.CancellationToken);
        var numeric = LevenbergMarquardt.Solve((p, r) => Exponential(p, r, ys), Xs.Length, [1.0, 1.0], cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(analytic.Parameters[0], numeric.Parameters[0], 1e-8);
        Assert.Equal(analytic.Parameters[1], numeric.Parameters[1], 1e-8);
        Assert.Equal(analytic.StandardError(1), numeric.StandardError(1), 1e-8);
        Assert.True(numeric.FunctionEvaluations > analytic.FunctionEvaluations);
    }

    [Fact]
    public void RedundantParameters_GetInfiniteVariance()
    {
        // r = a + b − y: only a + b is determined.
        double[] ys = [1.0, 1.2, 0.9];
        void R(ReadOnlySpan<double> p, Span<double> r)
        {
            for (var i = 0; i < ys.Length; i++)
            {
                r[i] = p[0] + p[1] - ys[i];
            }
        }

        var fit = LevenbergMarquardt.Solve(R, ys.Length, [0.0, 0.0], cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(ys.Average(), fit.Parameters[0] + fit.Parameters[1], 1e-9);
        Assert.True(double.IsPositiveInfinity(fit.StandardError(0)));
        Assert.True(double.IsPositiveInfinity(fit.StandardError(1)));
        Assert.True(double.IsPositiveInfinity(fit.ConditionNumber));
    }

    [Fact]
    public void NonFiniteTrialResiduals_AreRejectedNotAccepted()
    {
        // The model sqrt(p) is undefined for p < 0; the minimum (p = 0.04) lies close to that edge.
        double[] ys = [0.2, 0.2, 0.2];
        void R(ReadOnlySpan<double> p, Span<double> r)
        {
            for (var i = 0; i < ys.Length; i++)
            {
                r[i] = Math.Sqrt(p[0]) - ys[i];
            }
        }

        var fit = LevenbergMarquardt.Solve(R, ys.Length, [25.0], cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(0.04, fit.Parameters[0], 1e-10);
    }

    [Fact]
    public void Cancellation_StopsTheSolver_AtItsNextIteration()
    {
        // A problem whose optimum moves away at each evaluation, so that the solver keeps trying steps.
        var evaluations = 0;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        void R(ReadOnlySpan<double> p, Span<double> r)
        {
            evaluations++;
            if (evaluations == 10)
            {
                cancel.Cancel();
            }

            r[0] = p[0] - evaluations;
            r[1] = 2 * (p[0] - evaluations);
        }

        static void J(ReadOnlySpan<double> _, Span<double> j)
        {
            j[0] = 1;
            j[1] = 2;
        }

        var options = new LevenbergMarquardtOptions(MaximumIterations: 100_000, GradientTolerance: 0, StepTolerance: 0, CostTolerance: 0);
        Assert.Throws<OperationCanceledException>(() => LevenbergMarquardt.Solve(R, 2, [0.0], J, options, cancel.Token));
        Assert.Equal(10, evaluations);

        evaluations = 0;
        Assert.Throws<OperationCanceledException>(() => LevenbergMarquardt.Solve(R, 2, [0.0], J, options, cancel.Token));
        Assert.Equal(0, evaluations);
    }

    [Fact]
    public void TooFewResiduals_AreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => LevenbergMarquardt.Solve((p, r) => r[0] = p[0] + p[1], 1, [0.0, 0.0], cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("1 residuals for 2 parameters", e.Message, StringComparison.Ordinal);
    }
}
