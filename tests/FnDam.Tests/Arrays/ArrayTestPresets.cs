using FnDam.Devices;

namespace FnDam.Tests.Arrays;

/// <summary>Variants of the built-in presets for array tests.</summary>
internal static class ArrayTestPresets
{
    /// <summary>The default preset with some fields replaced.</summary>
    public static FnDamPreset With(
        FnDamPreset? basis = null,
        double? floorVoltage = null,
        double? minimumWidth = null,
        double? maximumWidth = null,
        MismatchSpread? mismatch = null,
        ReadOutParameters? readOut = null,
        TemperatureModel? temperature = null)
    {
        var b = basis ?? Presets.Default;
        var p = b.Parameters;
        var parameters = new FnDamParameters(p.K1, p.K2, p.TotalCapacitance, p.CouplingRatio, floorVoltage ?? p.FloorVoltage);
        return new FnDamPreset(
            b.Name,
            b.Description,
            parameters,
            b.InitialVoltage,
            b.PulseAmplitude,
            b.PulseWidth,
            minimumWidth ?? b.MinimumWidth,
            maximumWidth ?? b.MaximumWidth,
            b.SynapseGain,
            readOut ?? b.ReadOut,
            mismatch ?? b.Mismatch,
            temperature ?? b.Temperature,
            b.Provenance);
    }

    /// <summary>Parameters and initial voltage of element <paramref name="index"/> (2·i plus, 2·i + 1 minus), drawn
    /// independently of the array the way its documentation says.</summary>
    public static (FnDamParameters Parameters, double V0) Element(FnDamPreset preset, ulong seed, int index)
    {
        var stream = FnDam.Numerics.SeededRandom.Derive(seed, "mismatch").Fork((ulong)index);
        var sample = preset.Mismatch.Sample(stream);
        return (sample.Apply(preset.Parameters), preset.InitialVoltage + sample.InitialVoltageOffset);
    }
}
