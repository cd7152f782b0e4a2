using FnDam.Devices;

namespace FnDam.Tests.Devices;

/// <summary>The reference values of the textbook-sio2 constants (model.md, "textbook-sio2"), to 1e-6 relative.</summary>
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

    [Fact]
    public void PulseSourceEnergy_AtSevenVolts_HasBothTermsOfSection1_4()
    {
        // C_c·(1−κ)·V_p² = C_T·δ·(V_p − δ) = 1e-13 J, plus the tunnelling term κ·V_p·ΔQ = |C_T·δ·ΔU| = 6.04490067e-18 J
        // (ΔU = −6.04490067e-5 V; 60-digit arithmetic). The tunnelling term is 6e-5 of the total, so it is checked apart.
        var outcome = new FnDamElement(Textbook, 7.0).ApplyPulse(new ProgrammingPulse(2.0, 10e-3));
        AssertRelative(1.00006044900669e-13, outcome.SourceEnergy, 1e-12);
        AssertRelative(6.04490066936e-18, outcome.SourceEnergy - 1e-13, 1e-9);
    }

    [Fact]
    public void FreeLeakageEnergy_OverTheFirstSecond_IsTheCapacitorsLoss()
    {
        // C_T·(V_a² − V_b²)/2 from 10 V to V(1 s) = 8.93255272821 V: 1.01047508788689e-12 J (60-digit arithmetic).
        var element = new FnDamElement(Textbook, 10.0);
        AssertRelative(1.01047508788689e-12, element.Evolve(1.0), 1e-12);
    }

    [Theory]
    [InlineData(5.0, 2.3352331842527724e-12)]
    [InlineData(7.0, 3.3223582894403354e-5)]
    [InlineData(10.0, 9.4819026357441435)]
    public void FnCurrent_OverCapacitance_IsTheLawsRate(double voltage, double expected)
    {
        // Section 1.1: I_FN/C_T = A_T·α·(V/t_ox)²·e^{−β·t_ox/V}/C_T = (k1/k2)·V²·e^{−k2/V} (V/s, 60-digit arithmetic).
        var oxide = new OxideParameters(alpha: 9.625e-7, beta: 2.7646e10, oxideThickness: 10e-9, tunnelingArea: 1e-12, totalCapacitance: 100e-15);
        AssertRelative(expected, oxide.Current(voltage) / 100e-15, 1e-13);
        AssertRelative(expected, -FnPhysics.Rate(Textbook.K1, Textbook.K2, voltage), 1e-13);
    }
}
