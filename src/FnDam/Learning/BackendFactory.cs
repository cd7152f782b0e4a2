using FnDam.Devices;
using FnDam.Learning.Backends;

namespace FnDam.Learning;

/// <summary>A static memory technology as the training comparison needs it: a name and an energy per update.</summary>
/// <param name="Name">Technology name (a row of the technology table).</param>
/// <param name="EnergyPerUpdate">Energy per update (J).</param>
/// <param name="Source">Literature source of the figure.</param>
public sealed record StaticMemory(string Name, double EnergyPerUpdate, string Source);

/// <summary>Creates weight back-ends by name.</summary>
public static class BackendFactory
{
    /// <summary>Back-ends that need no table: float, annealed, the four FN-DAM encoders (matched; compensated by width,
    /// by pulse count, by amplitude) and the three pulsed models.</summary>
    public static IReadOnlyList<string> FixedNames { get; } =
        ["float", "annealed", "fndam-matched", "fndam-compensated", "fndam-compensated-count", "fndam-compensated-amplitude", "pulsed-constant", "pulsed-softbounds", "pulsed-expstep"];

    /// <summary>Every back-end name: the fixed ones and <c>static:NAME</c> for each technology.</summary>
    /// <param name="technologies">The static memories.</param>
    /// <returns>Names, in comparison order.</returns>
    public static IReadOnlyList<string> AllNames(IReadOnlyList<StaticMemory> technologies)
    {
        ArgumentNullException.ThrowIfNull(technologies);
        return [.. FixedNames, .. technologies.Select(t => "static:" + t.Name)];
    }

    /// <summary>What <c>fndam train --compare</c> trains by default: every back-end but the count- and
    /// amplitude-compensated encoders, whose closed-loop width solve costs as much again per run as the whole of the
    /// rest (the reproduction's training comparison trains them; <c>compareBackends</c> can name them).</summary>
    /// <param name="technologies">The static memories.</param>
    /// <returns>Names, in comparison order.</returns>
    public static IReadOnlyList<string> DefaultCompareNames(IReadOnlyList<StaticMemory> technologies) =>
        AllNames(technologies).Where(n => n is not ("fndam-compensated-count" or "fndam-compensated-amplitude")).ToArray();

    /// <summary>Creates a back-end.</summary>
    /// <param name="name">A name from <see cref="AllNames"/> (case-insensitive).</param>
    /// <param name="preset">Device preset (FN-DAM back-ends and the annealed schedule).</param>
    /// <param name="config">Run config (mismatch, read-out).</param>
    /// <param name="technologies">The static memories.</param>
    /// <returns>A new back-end.</returns>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static WeightBackend Create(string name, FnDamPreset preset, TrainingConfig config, IReadOnlyList<StaticMemory> technologies)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(technologies);
        switch (name.ToLowerInvariant())
        {
            case "float":
                return new FloatBackend();
            case "annealed":
                return new AnnealedBackend(preset);
            case "fndam-matched":
                return new FnDamBackend(preset, FnDamEncoder.Matched, config.Mismatch, config.ReadOut, calibration: config.CalibrationMethod);
            case "fndam-compensated":
                return new FnDamBackend(preset, FnDamEncoder.Compensated, config.Mismatch, config.ReadOut, calibration: config.CalibrationMethod);
            case "fndam-compensated-count":
                return new FnDamBackend(preset, FnDamEncoder.CompensatedByCount, config.Mismatch, config.ReadOut, calibration: config.CalibrationMethod);
            case "fndam-compensated-amplitude":
                return new FnDamBackend(preset, FnDamEncoder.CompensatedByAmplitude, config.Mismatch, config.ReadOut, calibration: config.CalibrationMethod);
            case "pulsed-constant":
                return new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.Constant));
            case "pulsed-softbounds":
                return new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds));
            case "pulsed-expstep":
                return new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.ExponentialStep));
            default:
                if (name.StartsWith("static:", StringComparison.OrdinalIgnoreCase))
                {
                    var technology = name["static:".Length..];
                    var row = technologies.FirstOrDefault(t => string.Equals(t.Name, technology, StringComparison.OrdinalIgnoreCase));
                    if (row is not null)
                    {
                        return new StaticMemoryBackend(row.Name, row.EnergyPerUpdate);
                    }
                }

                throw new ArgumentException($"unknown back-end '{name}'; valid: {string.Join(", ", AllNames(technologies))}.", nameof(name));
        }
    }
}
