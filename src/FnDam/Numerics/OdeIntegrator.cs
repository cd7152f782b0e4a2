namespace FnDam.Numerics;

/// <summary>
/// Reference integrators for a scalar ordinary differential equation <c>dy/dt = f(t, y)</c>.
/// </summary>
/// <remarks>
/// These exist to check the closed forms of the FN-DAM model (model.md section 1), never to run the simulation:
/// the simulator evolves every element exactly. <see cref="Rk4"/> is the classical fourth-order Runge–Kutta method
/// with fixed steps; <see cref="Adaptive"/> is the Dormand–Prince 5(4) embedded pair (J. R. Dormand and
/// P. J. Prince, J. Comput. Appl. Math. 6, 19–26, 1980) with a standard step-size controller.
/// </remarks>
public static class OdeIntegrator
{
    // Dormand–Prince 5(4) tableau.
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    private const double E1 = (35.0 / 384) - (5179.0 / 57600), E3 = (500.0 / 1113) - (7571.0 / 16695),
        E4 = (125.0 / 192) - (393.0 / 640), E5 = (-2187.0 / 6784) - (-92097.0 / 339200),
        E6 = (11.0 / 84) - (187.0 / 2100), E7 = -1.0 / 40;

    /// <summary>Integrates with <paramref name="steps"/> equal fourth-order Runge–Kutta steps.</summary>
    /// <param name="f">The right-hand side <c>f(t, y)</c>.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="y0">Value at <paramref name="t0"/>.</param>
    /// <param name="t1">End time, at or after <paramref name="t0"/>.</param>
    /// <param name="steps">Number of steps, positive.</param>
    /// <returns>The value at <paramref name="t1"/>.</returns>
    public static double Rk4(Func<double, double, double> f, double t0, double y0, double t1, int steps)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var h = (t1 - t0) / steps;
        var y = y0;
        for (var i = 0; i < steps; i++)
        {
            var t = t0 + (i * h);
            var k1 = f(t, y);
            var k2 = f(t + (h / 2), y + (h / 2 * k1));
            var k3 = f(t + (h / 2), y + (h / 2 * k2));
            var k4 = f(t + h, y + (h * k3));
            y += h / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
        }

        return y;
    }

    /// <summary>Integrates adaptively to the requested tolerances with the Dormand–Prince 5(4) pair.</summary>
    /// <param name="f">The right-hand side <c>f(t, y)</c>.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="y0">Value at <paramref name="t0"/>.</param>
    /// <param name="t1">End time, at or after <paramref name="t0"/>.</param>
    /// <param name="relativeTolerance">Relative error allowed per step, positive.</param>
    /// <param name="absoluteTolerance">Absolute error allowed per step, positive.</param>
    /// <param name="maxSteps">Steps allowed before giving up.</param>
    /// <returns>The value at <paramref name="t1"/> and the number of accepted steps.</returns>
    /// <exception cref="InvalidOperationException">The step budget was exhausted.</exception>
    public static (double Value, int Steps) Adaptive(
        Func<double, double, double> f,
        double t0,
        double y0,
        double t1,
        double relativeTolerance = 1e-12,
        double absoluteTolerance = 1e-15,
        int maxSteps = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(relativeTolerance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(absoluteTolerance);
        ArgumentOutOfRangeException.ThrowIfLessThan(t1, t0);
        if (t1 == t0)
        {
            return (y0, 0);
        }

        var t = t0;
        var y = y0;
        var h = Math.Max((t1 - t0) * 1e-6, 1e-12 * Math.Max(1.0, Math.Abs(t0)));
        var k1 = f(t, y);
        var accepted = 0;
        for (var n = 0; n < maxSteps; n++)
        {
            if (t + h > t1)
            {
                h = t1 - t;
            }

            var k2 = f(t + (C2 * h), y + (h * A21 * k1));
            var k3 = f(t + (C3 * h), y + (h * ((A31 * k1) + (A32 * k2))));
            var k4 = f(t + (C4 * h), y + (h * ((A41 * k1) + (A42 * k2) + (A43 * k3))));
            var k5 = f(t + (C5 * h), y + (h * ((A51 * k1) + (A52 * k2) + (A53 * k3) + (A54 * k4))));
            var k6 = f(t + h, y + (h * ((A61 * k1) + (A62 * k2) + (A63 * k3) + (A64 * k4) + (A65 * k5))));
            var yNew = y + (h * ((B1 * k1) + (B3 * k3) + (B4 * k4) + (B5 * k5) + (B6 * k6)));
            var k7 = f(t + h, yNew);
            var err = h * ((E1 * k1) + (E3 * k3) + (E4 * k4) + (E5 * k5) + (E6 * k6) + (E7 * k7));
            var scale = absoluteTolerance + (relativeTolerance * Math.Max(Math.Abs(y), Math.Abs(yNew)));
            var ratio = Math.Abs(err) / scale;
            if (ratio <= 1.0)
            {
                t += h;
                y = yNew;
                k1 = k7;
                accepted++;
                if (t >= t1)
                {
                    return (y, accepted);
                }
            }

            var factor = ratio == 0.0 ? 5.0 : Math.Clamp(0.9 * Math.Pow(ratio, -0.2), 0.2, 5.0);
            h *= factor;
        }

        throw new InvalidOperationException($"Adaptive integration did not reach t = {t1} s within {maxSteps} steps (stopped at t = {t} s).");
    }
}
