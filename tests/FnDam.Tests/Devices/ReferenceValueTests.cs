using FnDam.Devices;

namespace FnDam.Tests.Devices;

/// <summary>The reference values of model.md section 6, to 1e-6 relative.</summary>
public sealed class ReferenceValueTests
{
    private const double Tolerance = 1e-6;
    private static readonly FnDamParameters Textbook = Presets.TextbookSiO2().Parameters;

    private static void AssertRelative(double expected, double actual, double tolerance = Tolerance) => Approx.Relative(expected, actual, tolerance);

    [Fact]
    public void WeinbergConstants_MatchSection6()
    {
        // model.md quotes α ≈ 9.625e-7 and β ≈ 2.7646e10 (five significant digits).
        AssertRelative(9.625e-7, OxideParameters.WeinbergAlpha(3.2, 0.5));
        AssertRelative(2.7646e10, OxideParameters.WeinbergBeta(3.2, 0.5), 5e-6);
    }

    [Fact]
    public void LawConstants_MatchSection6()
    {
        AssertRelative(2.660928e13, Textbook.K1);
        AssertRelative(276.46, Textbook.K2);
        AssertRelative(3.814804e-2, Textbook.InitialAge(10.0));
    }

    [Theory]
    [InlineData(1.0, 8.932553)]
    [InlineData(100.0, 7.783696)]
    [InlineData(1e4, 6.890377)]
    [InlineData(1e6, 6.180945)]
    public void FreeTrajectory_MatchesSection6(double time, double expected)
    {
        var element = new FnDamElement(Textbook, 10.0);
        element.AdvanceTo(time);
        AssertRelative(expected, element.Voltage);
        AssertRelative(expected, FnPhysics.VoltageAtAge(Textbook.K1, Textbook.K2, time + Textbook.InitialAge(10.0)));
    }

    [Fact]
    public void Pulse_AtSevenVolts_MatchesSection6()
    {
        // δ = +1 V for 10 ms at V = 7 V (κ = 0.5, V_p = 2 V).
        var element = new FnDamElement(Textbook, 7.0);
        var outcome = element.ApplyPulse(new ProgrammingPulse(2.0, 10e-3));
        Assert.Equal(1.0, outcome.Shift, 15);
        AssertRelative(-6.044901e-5, outcome.ChangeFromStart);
        AssertRelative(4.835902e-4, outcome.TunnelingDissipation / Textbook.TotalCapacitance);
    }
}
