using FnDam.Configuration;
using FnDam.Devices;

namespace FnDam.Reporting;

/// <summary>A preset's figures at its operating point as <c>fndam device info --json</c> writes them.</summary>
public static class DeviceInfo
{
    /// <summary>The figures as indented JSON (SI units).</summary>
    /// <param name="preset">The preset.</param>
    /// <param name="point">Its operating point (<see cref="FnDamPreset.OperatingPointAt"/>).</param>
    /// <returns>JSON text ending in a newline.</returns>
    public static string Json(FnDamPreset preset, OperatingPoint point)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var p = preset.Parameters;
        var document = new DeviceInfoDocument(
            preset.Name, p.K1, p.K2, preset.InitialVoltage, preset.InitialAge, p.FloorVoltage, p.TotalCapacitance, p.CouplingRatio,
            preset.PulseAmplitude, preset.PulseWidth, preset.MinimumWidth, preset.MaximumWidth, point.NominalUpdate, point.SourceEnergy,
            point.TunnelingDissipation, point.SmallestUpdate, preset.ReadOut.NoiseSigma, point.ResolutionBits, point.UpdatePerSecond, preset.SynapseGain);
        return JsonDocuments.Write(document, ReportingJson.Escaped.DeviceInfoDocument);
    }
}
