using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Devices;

/// <summary>The closed forms against numerical integration of dV/dt = −(k1/k2)·V²·exp(−k2/V).</summary>
public sealed class ClosedFormVsOdeTests
{
    private static readonly FnDamParameters Textbook = Presets.TextbookSiO2().Parameters;

    private static double Rhs(double k1, double k2, double v) => FnPhysics.Rate(k1, k2, v);

    public static TheoryData<double, double> Grid()
    {
        var data = new TheoryData<double, double>();
        foreach (var v0 in new[] { 4.0, 6.0, 8.0, 10.0, 12.0 })
        {
            foreach (var t in new[] { 1e-6, 1e-3, 1.0, 1e3, 1e5, 1e7 })
            {
                data.Add(v0, t);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void FreeEvolution_AgreesWithAdaptiveIntegrator(double v0, double time)
    {
        var (k1, k2) = (Textbook.K1, Textbook.K2);
        var closed = FnPhysics.VoltageAfter(k1, k2, v0, time);
        var (numeric, _) = OdeIntegrator.Adaptive((_, v) => Rhs(k1, k2, v), 0.0, v0, time, relativeTolerance: 1e-13, absoluteTolerance: 1e-16);
        var rel = FnMath.RelativeDifference(closed, numeric);
        Assert.True(rel < 1e-8, $"V0 = {v0} V, t = {time} s: closed {closed:R}, ODE {numeric:R}, relative {rel:E2}");
    }

    [Theory]
    [InlineData(10.0, 1.0)]
    [InlineData(10.0, 1e4)]
    [InlineData(7.0, 1e6)]
    public void FreeEvolution_AgreesWithRk4(double v0, double time)
    {
        var (k1, k2) = (Textbook.K1, Textbook.K2);
        var closed = FnPhysics.VoltageAfter(k1, k2, v0, time);

        // RK4 on a log-time grid: integrate piecewise so that every piece is resolved.
        var v = v0;
        var t = 0.0;
        const int Pieces = 400;
        for (var p = 1; p <= Pieces; p++)
        {
            var next = time * Math.Pow(1e-9, 1.0 - ((double)p / Pieces));
            if (p == Pieces)
            {
                next = time;
            }

            v = OdeIntegrator.Rk4((_, y) => Rhs(k1, k2, y), t, v, next, 50);
            t = next;
        }

        Assert.True(FnMath.RelativeDifference(closed, v) < 1e-9, $"closed {closed:R}, RK4 {v:R}");
    }

    [Theory]
    [InlineData(7.0, 1.0, 10e-3)]
    [InlineData(7.0, -1.0, 10e-3)]
    [InlineData(5.0, 2.0, 1e-3)]
    [InlineData(10.0, 0.5, 1e-6)]
    [InlineData(9.0, -3.0, 1.0)]
    [InlineData(6.0, 4.0, 1e-2)]
    public void Pulse_AgreesWithIntegrationOverThePulse(double v, double delta, double width)
    {
        var (k1, k2) = (Textbook.K1, Textbook.K2);

        // During the pulse the oxide sees V + δ: integrate dV/dt = f(V + δ).
        var (numeric, _) = OdeIntegrator.Adaptive((_, y) => Rhs(k1, k2, y + delta), 0.0, v, width, relativeTolerance: 1e-13, absoluteTolerance: 1e-17);
        var exact = v + FnPhysics.PulseChange(k1, k2, v, delta, width);
        var rel = FnMath.RelativeDifference(exact, numeric);
        Assert.True(rel < 1e-8, $"V = {v}, δ = {delta}, T = {width}: exact {exact:R}, ODE {numeric:R}, relative {rel:E2}");

        // The change itself (not just the level) agrees, so updates 1e-5 of V are right too.
        var changeExact = exact - v;
        var changeNumeric = numeric - v;
        Assert.True(Math.Abs(changeExact - changeNumeric) <= 1e-6 * Math.Abs(changeExact) + 1e-15, $"ΔV exact {changeExact:R}, ODE {changeNumeric:R}");
    }
}
