using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>A rectangular programming pulse on an element's coupling capacitor.</summary>
/// <remarks>
/// The pulse shifts the oxide voltage by δ = κ·V_p for its width (model.md 1.3). A positive amplitude accelerates
/// tunnelling (the element ends lower than its free trajectory); a negative one slows it.
/// </remarks>
public readonly record struct ProgrammingPulse
{
    /// <summary>Creates and validates a pulse.</summary>
    /// <param name="amplitude">Amplitude V_p (V), finite, signed.</param>
    /// <param name="width">Width T (s), finite and non-negative.</param>
    public ProgrammingPulse(double amplitude, double width)
    {
        Amplitude = Guard.Finite(amplitude, "pulse amplitude V_p", "(V)");
        Width = Guard.NonNegative(width, "pulse width T", "(s)");
    }

    /// <summary>Amplitude V_p on the coupling capacitor (V), signed.</summary>
    public double Amplitude { get; }

    /// <summary>Width T (s).</summary>
    public double Width { get; }
}

/// <summary>What one pulse did to an element, and what it cost.</summary>
/// <param name="StartTime">Time the pulse began (s).</param>
/// <param name="Width">Pulse width T (s).</param>
/// <param name="Shift">Oxide-voltage shift δ = κ·V_p (V).</param>
/// <param name="VoltageBefore">Voltage V at the start (V).</param>
/// <param name="ShiftedChange">Change of the shifted voltage over the pulse, <c>ΔU = U1 − U0</c> (V), which is also
/// <c>V_after − V</c>.</param>
/// <param name="FreeChange">Change the element would have made over T with no pulse, <c>ΔV_free</c> (V).</param>
/// <param name="SourceEnergy">Energy drawn from the programming driver (J): the update energy of model.md 1.4.</param>
/// <param name="TunnelingDissipation">Energy dissipated in the oxide during the pulse, <c>C_T·(U0² − U1²)/2</c> (J).</param>
public readonly record struct PulseOutcome(
    double StartTime,
    double Width,
    double Shift,
    double VoltageBefore,
    double ShiftedChange,
    double FreeChange,
    double SourceEnergy,
    double TunnelingDissipation)
{
    /// <summary>Voltage at the end, <c>U1 − δ = V + ΔU</c> (V).</summary>
    public double VoltageAfter => VoltageBefore + ShiftedChange;

    /// <summary>Where the element would be after T with no pulse, <c>V + ΔV_free</c> (V).</summary>
    public double FreeVoltageAfter => VoltageBefore + FreeChange;

    /// <summary>Net change relative to no pulse, <c>ΔU − ΔV_free</c> (V), formed from the two changes so it keeps its
    /// digits when both are far below a nanovolt. Negative for δ &gt; 0.</summary>
    public double Change => ShiftedChange - FreeChange;

    /// <summary>Change relative to the voltage at the start of the pulse: <c>V_after − V = ΔU</c> (V).</summary>
    public double ChangeFromStart => ShiftedChange;
}

/// <summary>What a pulse train did, summed over its pulses and gaps.</summary>
/// <param name="Pulses">Every pulse's outcome, in order.</param>
/// <param name="VoltageBefore">Voltage when the train began (V).</param>
/// <param name="VoltageAfter">Voltage when the last pulse ended (V).</param>
/// <param name="FreeVoltageAfter">Where the element would be at that time with no pulses (V).</param>
/// <param name="GapLeakage">Free leakage energy in the gaps (J).</param>
public sealed record PulseTrainOutcome(
    IReadOnlyList<PulseOutcome> Pulses,
    double VoltageBefore,
    double VoltageAfter,
    double FreeVoltageAfter,
    double GapLeakage)
{
    /// <summary>Net change relative to no pulses over the train's duration (V).</summary>
    public double Change => VoltageAfter - FreeVoltageAfter;

    /// <summary>Total source energy of the train (J).</summary>
    public double SourceEnergy => Pulses.Sum(p => p.SourceEnergy);

    /// <summary>Total tunnelling dissipation during the pulses (J).</summary>
    public double TunnelingDissipation => Pulses.Sum(p => p.TunnelingDissipation);
}
