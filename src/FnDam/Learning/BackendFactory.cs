using FnDam.Devices;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>A static memory technology as the training comparison needs it: a name and an energy per update.</summary>
/// <param name="Name">Technology name (a row of the technology table).</param>
/// <param name="EnergyPerUpdate">Energy per update (J).</param>
/// <param name="Source">Literature source of the figure.</param>
public sealed record StaticMemory(string Name, double EnergyPerUpdate, string Source);

/// <summary>Creates weight back-ends by name: FN-DAM arrays programmed with the name's <see cref="BackendName.Encoder"/>,
/// one registered factory for each other <see cref="BackendKind"/>, and a static memory from the technology table.</summary>
public static class BackendFactory
{
    private static readonly Dictionary<BackendKind, Func<FnDamPreset, TrainingConfig, WeightBackend>> Factories = new()
    {
        [BackendKind.FloatSgd] = (_, _) => new FloatBackend(),
        [BackendKind.Annealed] = (preset, _) => new AnnealedBackend(preset),
        [BackendKind.FloatAsymmetric] = (preset, config) => new AsymmetricFloatBackend(preset, config.Mismatch, config.ReadOut, config.Calibration),
        [BackendKind.PulsedConstant] = (_, _) => new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.Constant)),
        [BackendKind.PulsedSoftBounds] = (_, _) => new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds)),
        [BackendKind.PulsedExpStep] = (_, _) => new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.ExponentialStep)),
    };

    /// <summary>Back-ends that need no table: float, annealed, float with asymmetric gains, the five FN-DAM encoders
    /// (matched; matched in whole nominal pulses; compensated by width, by pulse count, by amplitude) and the three
    /// pulsed models.</summary>
    public static IReadOnlyList<BackendName> FixedNames => BackendName.Fixed;

    /// <summary>Every back-end: the fixed ones and <c>static:NAME</c> for each technology.</summary>
    /// <param name="technologies">The static memories.</param>
    /// <returns>Names, in comparison order.</returns>
    public static IReadOnlyList<BackendName> AllNames(IReadOnlyList<StaticMemory> technologies)
    {
        ArgumentNullException.ThrowIfNull(technologies);
        return [.. FixedNames, .. technologies.Select(t => BackendName.Static(t.Name))];
    }

    /// <summary>What <c>fndam train --compare</c> trains by default: every back-end whose
    /// <see cref="BackendName.InDefaultComparison"/> holds, that is all but the two encoders in whole nominal pulses (a
    /// pair for the reproduction's energy comparison) and the amplitude-compensated one (the reproduction's training
    /// comparison trains all three; <c>compareBackends</c> can name them).</summary>
    /// <param name="technologies">The static memories.</param>
    /// <returns>Names, in comparison order.</returns>
    public static IReadOnlyList<BackendName> DefaultCompareNames(IReadOnlyList<StaticMemory> technologies) =>
        AllNames(technologies).Where(n => n.InDefaultComparison).ToArray();

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
        if (name.Encoder is { } encoder)
        {
            return new FnDamBackend(preset, encoder, config.Mismatch, config.ReadOut, calibration: config.Calibration);
        }

        if (Factories.TryGetValue(name.Kind, out var factory))
        {
            return factory(preset, config);
        }

        var row = technologies.FirstOrDefault(t => string.Equals(t.Name, name.Technology, StringComparison.OrdinalIgnoreCase));
        return row is not null
            ? new StaticMemoryBackend(row.Name, row.EnergyPerUpdate)
            : throw InputException.Unknown("back-end", name.ToString(), AllNames(technologies).Select(n => n.ToString()));
    }
}
