using FnDam.Numerics;

namespace FnDam.Calibration;

/// <summary>
/// One measured free-decay trace of a floating gate: times since the start of the measurement and the voltages read
/// there, in SI units.
/// </summary>
/// <remarks>
/// The fit models the trace as <c>V(t) = k2/ln(k1·(t + a0))</c>, so t = 0 is the instant whose age is a0. Times must be
/// finite, non-negative and strictly increasing; voltages finite and positive (the law holds for a positive oxide
/// voltage).
/// </remarks>
public sealed record MeasuredTrace
{
    private readonly double[] _times;
    private readonly double[] _voltages;

    /// <summary>Creates and validates a trace.</summary>
    /// <param name="name">Name of the trace (a device or a measurement run), non-empty.</param>
    /// <param name="times">Times t (s), finite, ≥ 0 and strictly increasing.</param>
    /// <param name="voltages">Floating-gate voltages V (V), finite and positive, one per time.</param>
    /// <exception cref="InputException">A value is out of range; the message names the point.</exception>
    public MeasuredTrace(string name, IReadOnlyList<double> times, IReadOnlyList<double> voltages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(voltages);
        if (times.Count != voltages.Count)
        {
            throw Guard.Invalid("voltages", voltages.Count, $"trace '{name}' has {times.Count} times but {voltages.Count} voltages; give one voltage per time.");
        }

        for (var i = 0; i < times.Count; i++)
        {
            Guard.NonNegative(times[i], $"time {i} of trace '{name}'", "(s)");
            Guard.Positive(voltages[i], $"voltage {i} of trace '{name}'", "(V)");
            if (i > 0 && times[i] <= times[i - 1])
            {
                throw Guard.Invalid("times", times[i], $"times of trace '{name}' must increase strictly; time {i} = {Guard.Format(times[i])} s follows {Guard.Format(times[i - 1])} s.");
            }
        }

        Name = name;
        _times = [.. times];
        _voltages = [.. voltages];
    }

    /// <summary>Name of the trace.</summary>
    public string Name { get; }

    /// <summary>Times t (s), strictly increasing.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>Voltages V (V).</summary>
    public IReadOnlyList<double> Voltages => _voltages;

    /// <summary>Number of points.</summary>
    public int Count => _times.Length;

    /// <summary>Duration covered, <c>t_last − t_first</c> (s).</summary>
    public double Span => _times.Length == 0 ? 0.0 : _times[^1] - _times[0];
}

/// <summary>A set of traces read from one file; they share k1 and k2 in a fit.</summary>
/// <param name="Source">Where the traces come from (a file name), for messages and provenance.</param>
/// <param name="Traces">The traces, in order of first appearance.</param>
public sealed record TraceSet(string Source, IReadOnlyList<MeasuredTrace> Traces)
{
    /// <summary>Total number of points over every trace.</summary>
    public int PointCount => Traces.Sum(t => t.Count);
}

/// <summary>One measured pulse response: the change of the floating-gate voltage over one programming pulse.</summary>
/// <param name="Width">Pulse width T (s), positive.</param>
/// <param name="Amplitude">Pulse amplitude V_p on the coupling capacitor (V), non-zero.</param>
/// <param name="VoltageBefore">Floating-gate voltage V just before the pulse (V), positive.</param>
/// <param name="Step">Measured step <c>V_after − V_before</c> (V), negative for a programming pulse.</param>
/// <remarks>
/// The model is <c>Step = FnPhysics.PulseChange(k1, k2, V_before, κ·V_p, T)</c> (model.md 1.3): the change over the
/// pulse including the free decay during it, V_after read at the end of the pulse.
/// </remarks>
public readonly record struct PulseMeasurement(double Width, double Amplitude, double VoltageBefore, double Step);

/// <summary>Pulse responses read from one file.</summary>
/// <param name="Source">Where they come from (a file name).</param>
/// <param name="Pulses">The measurements, in file order.</param>
public sealed record PulseSet(string Source, IReadOnlyList<PulseMeasurement> Pulses);
