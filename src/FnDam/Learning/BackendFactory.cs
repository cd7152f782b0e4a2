using FnDam.Devices;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>A static memory technology as the training comparison needs it: a name and an energy per update.</summary>
/// <param name="Name">Technology name (a row of the technology table).</param>
/// <param name="EnergyPerUpdate">Energy per update (J).</param>
/// <param name="Source">Literature source of the figure.</param>
public sealed record StaticMemory(string Name, double EnergyPerUpdate, string Source);

/// <summary>Creates weight back-ends by name: one registered factory per <see cref="BackendKind"/>.</summary>
public static class BackendFactory
{
    private static readonly Dictionary<BackendKind, Func<FnDamPreset, TrainingConfig, WeightBackend>> Factories = new()
    {
        [BackendKind.FloatSgd] = (_, _) => new FloatBackend(),
        [BackendKind.Annealed] = (preset, _) => new AnnealedBackend(preset),
        [BackendKind.FnDamMatched] = (preset, config) => OnArrays(preset, FnDamEncoder.Matched, config),
        [BackendKind.FnDamCompensated] = (preset, config) => OnArrays(preset, FnDamEncoder.Compensated, config),
        [BackendKind.FnDamMatchedCount] = (preset, config) => OnArrays(preset, FnDamEncoder.MatchedByCount, config),
        [BackendKind.FnDamCompensatedCount] = (preset, config) => OnArrays(preset, FnDamEncoder.CompensatedByCount, config),
        [BackendKind.FnDamCompensatedAmplitude] = (preset, config) => OnArrays(preset, FnDamEncoder.CompensatedByAmplitude, config),
        [BackendKind.PulsedConstant] = (_, _) => new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.Constant)),
        [BackendKind.PulsedSoftBounds] = (_, _) => new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds)),
        [BackendKind.PulsedExpStep] = (_, _) => new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.ExponentialStep)),
    };

    /// <summary>Back-ends that need no table: float, annealed, the five FN-DAM encoders (matched; matched in whole
    /// nominal pulses; compensated by width, by pulse count, by amplitude) and the three pulsed models.</summary>
    public static IReadOnlyList<BackendName> FixedNames => BackendName.Fixed;

    /// <summary>Every back-end: the fixed ones and <c>static:NAME</c> for each technology.</summary>
    /// <param name="technologies">The static memories.</param>
    /// <returns>Names, in comparison order.</returns>
    public static IReadOnlyList<BackendName> AllNames(IReadOnlyList<StaticMemory> technologies)
    {
        ArgumentNullException.ThrowIfNull(technologies);
        return [.. FixedNames, .. technologies.Select(t => BackendName.Static(t.Name))];
    }

    /// <summary>What <c>fndam train --compare</c> trains by default: every back-end but the two encoders in whole
    /// nominal pulses (a pair for the reproduction's energy comparison) and the amplitude-compensated one; the
    /// closed-loop width solves of the compensated ones cost as much again per run as the whole of the rest (the
    /// reproduction's training comparison trains all three; <c>compareBackends</c> can name them).</summary>
    /// <param name="technologies">The static memories.</param>
    /// <returns>Names, in comparison order.</returns>
    public static IReadOnlyList<BackendName> DefaultCompareNames(IReadOnlyList<StaticMemory> technologies) =>
        AllNames(technologies).Where(n => n.Kind is not (BackendKind.FnDamMatchedCount or BackendKind.FnDamCompensatedCount or BackendKind.FnDamCompensatedAmplitude)).ToArray();

    /// <summary>Creates a back-end.</summary>
    /// <param name="name">The back-end; a static memory's technology is matched case-insensitively against the table.</param>
    /// <param name="preset">Device preset (FN-DAM back-ends and the annealed schedule).</param>
    /// <param name="config">Run config (mismatch, read-out, calibration).</param>
    /// <param name="technologies">The static memories.</param>
    /// <returns>A new back-end.</returns>
    /// <exception cref="InputException">A static memory not in the table; the message lists the valid back-ends.</exception>
    public static WeightBackend Create(BackendName name, FnDamPreset preset, TrainingConfig config, IReadOnlyList<StaticMemory> technologies)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(technologies);
        if (Factories.TryGetValue(name.Kind, out var factory))
        {
            return factory(preset, config);
        }

        var row = technologies.FirstOrDefault(t => string.Equals(t.Name, name.Technology, StringComparison.OrdinalIgnoreCase));
        return row is not null
            ? new StaticMemoryBackend(row.Name, row.EnergyPerUpdate)
            : throw InputException.Unknown("back-end", name.ToString(), AllNames(technologies).Select(n => n.ToString()));
    }

    private static FnDamBackend OnArrays(FnDamPreset preset, FnDamEncoder encoder, TrainingConfig config) =>
        new(preset, encoder, config.Mismatch, config.ReadOut, calibration: config.Calibration);
}
