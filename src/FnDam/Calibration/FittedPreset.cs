using System.Globalization;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>Turns a fit into a device preset: fitted k1, k2, V0 (and κ) over every other field of a base preset.</summary>
/// <remarks>
/// <para>k1 and k2 come from the trace fit; the initial voltage is V0 of the first trace (the state at its t = 0);
/// κ comes from the pulse fit when there is one. Every other field (C_T, pulse amplitude and widths, read-out,
/// mismatch, temperature, synapse gain) is the base preset's, with its provenance. If V0 is not above the base
/// preset's floor voltage, the floor is scaled to keep the base preset's ratio V_floor/V0
/// (docs/decisions/0063-fitted-preset-fields.md).</para>
/// </remarks>
public static class FittedPreset
{
    /// <summary>Builds the preset.</summary>
    /// <param name="trajectory">The trace fit.</param>
    /// <param name="couplingRatio">The κ fit, or null to keep the base preset's κ.</param>
    /// <param name="basis">The preset that supplies every field not fitted.</param>
    /// <param name="sourceName">The trace file's name as the user gave it, for the provenance.</param>
    /// <param name="pulseSourceName">The pulse file's name, or null.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="InputException">The fitted values are outside a preset's ranges (decision 0095);
    /// the message names the trace file and the value.</exception>
    public static FnDamPreset Build(TrajectoryFitResult trajectory, CouplingRatioFitResult? couplingRatio, FnDamPreset basis, string sourceName, string? pulseSourceName = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(sourceName);
        try
        {
            return Create(trajectory, couplingRatio, basis, sourceName, pulseSourceName);
        }
        catch (InputException e)
        {
            // The fitted numbers come from the data: a preset that cannot hold them is the data's fault, said as such.
            var ridge = trajectory.Warnings.Any(w => w.Parameters.Contains("k1") || w.Parameters.Contains("k2"))
                ? " These traces do not identify k1 and k2 apart (the fit lands anywhere along their ridge): measure a longer span, or fix k2 from the oxide thickness with --fix-k2."
                : string.Empty;
            throw new InputException($"trace file '{sourceName}'", $"the fitted preset is outside the model's ranges: {e.Message}{ridge}", e);
        }
    }

    private static FnDamPreset Create(TrajectoryFitResult trajectory, CouplingRatioFitResult? couplingRatio, FnDamPreset basis, string sourceName, string? pulseSourceName)
    {
        var file = Path.GetFileName(sourceName);
        var first = trajectory.Traces[0];
        var v0 = first.InitialVoltage.Estimate;
        var floor = basis.Parameters.FloorVoltage;
        var provenance = new Dictionary<string, string>(basis.Provenance, StringComparer.Ordinal);
        if (v0 <= floor)
        {
            floor = v0 * (floor / basis.InitialVoltage);
            provenance["floorVoltage"] = $"scaled: V_floor/V0 of base preset {basis.Name} kept, because the fitted V0 is below its floor";
        }

        var kappa = couplingRatio?.Kappa.Estimate ?? basis.Parameters.CouplingRatio;
        var parameters = new FnDamParameters(trajectory.K1.Estimate, trajectory.K2.Estimate, basis.Parameters.TotalCapacitance, kappa, floor);
        provenance["k1"] = $"fitted by fndam fit from {file}: {Describe(trajectory.K1)}";
        provenance["k2"] = trajectory.K2.Fixed
            ? $"fixed (--fix-k2) in fndam fit from {file}: {Format(trajectory.K2.Estimate)} V"
            : $"fitted by fndam fit from {file}: {Describe(trajectory.K2)}";
        provenance["initialVoltage"] = $"fitted by fndam fit from {file}: V0 of trace '{first.Name}', {Describe(first.InitialVoltage)} (a0 = {Format(first.InitialAge.Estimate)} s)";
        if (couplingRatio is not null)
        {
            provenance["couplingRatio"] = $"fitted by fndam fit from {Path.GetFileName(pulseSourceName ?? couplingRatio.Data.Source)}: {Describe(couplingRatio.Kappa)}";
        }

        var name = "fit-" + Path.GetFileNameWithoutExtension(file);
        return new FnDamPreset(
            name,
            $"Fitted by fndam fit from {file} ({trajectory.Traces.Count} trace(s){(couplingRatio is null ? string.Empty : ", κ from pulses")}); other fields from {basis.Name}.",
            parameters,
            v0,
            basis.PulseAmplitude,
            basis.PulseWidth,
            basis.MinimumWidth,
            basis.MaximumWidth,
            basis.SynapseGain,
            basis.ReadOut,
            basis.Mismatch,
            basis.Temperature,
            provenance);
    }

    private static string Describe(FittedParameter p) =>
        $"{Format(p.Estimate)} ± {Format(p.StandardError)} {p.Unit}".TrimEnd();

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
