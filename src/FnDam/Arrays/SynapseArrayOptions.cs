namespace FnDam.Arrays;

/// <summary>Options of a <see cref="SynapseArray"/>.</summary>
/// <param name="Seed">Seed of the array's random streams. Mismatch is drawn per element from
/// <c>SeededRandom.Derive(Seed, "mismatch").Fork(index)</c> (index 2·i for the plus half of synapse i, 2·i + 1 for its
/// minus half), so it does not depend on thread count or on the order elements are visited; read noise comes from
/// <c>Derive(Seed, "read-noise")</c>.</param>
/// <param name="Mismatch">Whether the preset's device-to-device spreads apply (when the preset has none, every
/// element is nominal either way).</param>
/// <param name="ReadOut">Whether reads (weights, forward, transposed) go through the preset's read noise and ADC.</param>
/// <param name="StartTime">The clock's start (s); every element is at the preset's initial voltage then.</param>
/// <param name="Threads">Worker threads for pulses and free evolution (at least 1). Results do not depend on it: the
/// array is cut into fixed chunks of <see cref="SynapseArray.ChunkSize"/> synapses whatever the thread count, and
/// their partial sums are added in chunk order.</param>
public sealed record SynapseArrayOptions(ulong Seed = 1, bool Mismatch = true, bool ReadOut = false, double StartTime = 0.0, int Threads = 1);

/// <summary>What one <see cref="SynapseArray.ApplyPulses"/> call did.</summary>
/// <param name="Pulsed">Elements that received a pulse.</param>
/// <param name="Skipped">Non-zero requests that rounded to zero width (they cost nothing).</param>
/// <param name="AtFloor">Requests refused because the element to pulse is at or below its floor (reported, never
/// clamped silently).</param>
/// <param name="SourceEnergy">Source energy of the pulses (J).</param>
/// <param name="TunnelingDissipation">Tunnelling dissipation of the pulses (J).</param>
public readonly record struct PulseBatchResult(int Pulsed, int Skipped, int AtFloor, double SourceEnergy, double TunnelingDissipation);
