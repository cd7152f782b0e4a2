using CsCheck;
using FnDam.Devices;

namespace FnDam.Tests.Devices;

/// <summary>
/// Invariants of the exact element (model.md 1.2–1.4) over random laws, states and pulses. CsCheck prints the seed of
/// any failing case in the exception message ("Set seed: ..."), so a failure can be replayed.
/// </summary>
public sealed class ElementPropertyTests
{
    private const long Iterations = 400;

    // Law constants spanning both presets and beyond: k1 in [1e10, 1e16] 1/s, k2 in [150, 400] V.
    private static readonly Gen<FnDamParameters> Law =
        Gen.Select(Gen.Double[10.0, 16.0], Gen.Double[150.0, 400.0], (logK1, k2) => new FnDamParameters(Math.Pow(10.0, logK1), k2, 50e-15, 0.3, 2.0));

    private static readonly Gen<double> LogTime = Gen.Double[-6.0, 10.0];

    [Fact]
    public void FreeDecay_IsMonotoneAndStaysPositive()
    {
        Gen.Select(Law, Gen.Double[4.0, 12.0], LogTime, LogTime).Sample(
            (p, v0, la, lb) =>
            {
                var (t1, t2) = (Math.Pow(10, Math.Min(la, lb)), Math.Pow(10, Math.Max(la, lb)));
                var v1 = FnPhysics.VoltageAfter(p.K1, p.K2, v0, t1);
                var v2 = FnPhysics.VoltageAfter(p.K1, p.K2, v0, t2);
                Assert.True(v1 <= v0, $"V({t1:G3}) = {v1:R} above V0 = {v0:R}");
                // Monotone to rounding: without hardware FMA the logarithm of two arguments an ulp apart can round
                // the later voltage an ulp above the earlier one (seed 3hr3DjOvSGn1, t1 and t2 both ≈ 1 s).
                Assert.True(v2 <= v1 + 2.0 * (Math.BitIncrement(v1) - v1), $"not monotone: V({t1:G3}) = {v1:R}, V({t2:G3}) = {v2:R}");
                Assert.True(v2 > 0.0, $"V({t2:G3}) = {v2:R} not positive");

                // Stepping through the intermediate time gives the same state (free evolution composes).
                var stepped = FnPhysics.VoltageAfter(p.K1, p.K2, v1, t2 - t1);
                Assert.True(Math.Abs(stepped - v2) <= 1e-12 * v2, $"composition: {stepped:R} vs {v2:R}");
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public void PositivePulse_EndsBelowTheFreeTrajectory()
    {
        Gen.Select(Law, Gen.Double[4.0, 12.0], Gen.Double[0.05, 3.0], Gen.Double[-6.0, 0.0]).Sample(
            (p, v, delta, logWidth) =>
            {
                var element = new FnDamElement(p, v);
                var o = element.ApplyPulse(new ProgrammingPulse(delta / p.CouplingRatio, Math.Pow(10, logWidth)));
                Assert.True(o.VoltageAfter <= o.FreeVoltageAfter, $"δ = {delta}: after {o.VoltageAfter:R} above free {o.FreeVoltageAfter:R}");
                if (o.VoltageBefore - o.FreeVoltageAfter > 1e-10)
                {
                    Assert.True(o.Change < 0.0, $"δ = {delta}: change {o.Change:R} not negative although the free decay is {o.VoltageBefore - o.FreeVoltageAfter:R}");
                }
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public void NegativePulse_EndsAboveTheFreeTrajectory_ByNoMoreThanTheFreeDecay()
    {
        Gen.Select(Law, Gen.Double[4.0, 12.0], Gen.Double[-12.0, -0.05], Gen.Double[-6.0, 2.0]).Sample(
            (p, v, delta, logWidth) =>
            {
                var element = new FnDamElement(p, v);
                var o = element.ApplyPulse(new ProgrammingPulse(delta / p.CouplingRatio, Math.Pow(10, logWidth)));
                var freeDecay = -o.FreeChange;
                Assert.True(o.Change >= 0.0, $"δ = {delta}: change {o.Change:R} negative");
                Assert.True(o.Change <= freeDecay, $"δ = {delta}: change {o.Change:R} exceeds the free decay {freeDecay:R}");
                Assert.True(o.VoltageAfter <= o.VoltageBefore, $"tunnelling reversed: {o.VoltageBefore:R} -> {o.VoltageAfter:R}");
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public void SamePulse_MovesAYoungerElementMore()
    {
        Gen.Select(Law, Gen.Double[4.0, 12.0], Gen.Double[0.01, 2.0], Gen.Double[0.05, 2.0], Gen.Double[-6.0, -1.0]).Sample(
            (p, vOld, gap, delta, logWidth) =>
            {
                var vYoung = vOld + gap;
                var pulse = new ProgrammingPulse(delta / p.CouplingRatio, Math.Pow(10, logWidth));
                var youngElement = new FnDamElement(p, vYoung);
                var young = Math.Abs(youngElement.Preview(pulse).Change);
                var old = Math.Abs(new FnDamElement(p, vOld).Preview(pulse).Change);

                // A pulse far longer than the element's age saturates at |ΔV| → δ for both; allow a few ulps of V there.
                Assert.True(young >= old - (4e-16 * vYoung), $"young (V = {vYoung:R}) moved {young:R}, old (V = {vOld:R}) moved {old:R}");
                if (young > 1e-9 && pulse.Width < youngElement.Age)
                {
                    Assert.True(young > old, $"young moved {young:R}, old {old:R}: not strictly more");
                }
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public void Energies_AreNonNegative()
    {
        Gen.Select(Law, Gen.Double[4.0, 12.0], Gen.Double[-10.0, 10.0], Gen.Double[-7.0, 1.0], LogTime).Sample(
            (p, v, amplitude, logWidth, logGap) =>
            {
                var element = new FnDamElement(p, v);
                var leakage = element.Evolve(Math.Pow(10, logGap));
                var o = element.ApplyPulse(new ProgrammingPulse(amplitude, Math.Pow(10, logWidth)));
                Assert.True(leakage >= 0.0, $"free leakage {leakage:R}");
                Assert.True(o.SourceEnergy >= 0.0, $"source energy {o.SourceEnergy:R}");
                Assert.True(o.TunnelingDissipation >= 0.0, $"tunnelling dissipation {o.TunnelingDissipation:R}");
                var train = element.ApplyPulseTrain(new ProgrammingPulse(amplitude, Math.Pow(10, logWidth)), 3, 1e-3);
                Assert.True(train.SourceEnergy >= 0.0 && train.TunnelingDissipation >= 0.0 && train.GapLeakage >= 0.0, "a pulse train reported negative energy");
            },
            iter: Iterations,
            threads: 1);
    }
}
