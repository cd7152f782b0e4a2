using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// The read-out path of an element: Gaussian read noise, then an optional n-bit ADC over a voltage range
/// (model.md 1.6).
/// </summary>
public sealed record ReadOutParameters
{
    /// <summary>An ideal read-out: no noise, no quantisation.</summary>
    public static ReadOutParameters Ideal { get; } = new(0.0, 0, 0.0, 1.0);

    /// <summary>Creates and validates a read-out path.</summary>
    /// <param name="noiseSigma">Read noise σ_read (V), in [0, <see cref="MaximumNoiseSigma"/>].</param>
    /// <param name="adcBits">ADC resolution in bits, 0 (no ADC) to 24.</param>
    /// <param name="adcMinimum">Lowest voltage the ADC codes (V).</param>
    /// <param name="adcMaximum">Highest voltage the ADC codes (V), above <paramref name="adcMinimum"/>.</param>
    public ReadOutParameters(double noiseSigma, int adcBits, double adcMinimum, double adcMaximum)
    {
        NoiseSigma = Guard.NonNegative(noiseSigma, "read noise σ_read", "(V)");
        if (noiseSigma > MaximumNoiseSigma)
        {
            throw Guard.Invalid("read noise σ_read", noiseSigma, $"read noise σ_read must be a finite number in [0, {Guard.Format(MaximumNoiseSigma)}] (V), as the initial-voltage spread: a larger noise buries a floating gate's whole programming span; got {Guard.Format(noiseSigma)} V.");
        }

        if (adcBits is < 0 or > 24)
        {
            throw Guard.Invalid("ADC bits", adcBits, $"ADC bits must be an integer in [0, 24] (0 turns the ADC off); got {adcBits}.");
        }

        AdcBits = adcBits;
        AdcMinimum = Guard.Finite(adcMinimum, "ADC minimum", "(V)");
        AdcMaximum = Guard.Finite(adcMaximum, "ADC maximum", "(V)");
        if (adcMaximum <= adcMinimum)
        {
            throw Guard.Invalid("ADC maximum", adcMaximum, $"ADC maximum must exceed the ADC minimum {Guard.Format(adcMinimum)} V; got {Guard.Format(adcMaximum)} V.");
        }

        if (!double.IsFinite(adcMaximum - adcMinimum))
        {
            throw Guard.Invalid("ADC maximum", adcMaximum, $"ADC maximum − ADC minimum must be a finite number (V), so that an ADC code has a finite width; got {Guard.Format(adcMinimum)} to {Guard.Format(adcMaximum)} V.");
        }
    }

    /// <summary>Largest read noise σ_read (V): a floating gate's whole programming span is a volt or two.</summary>
    public const double MaximumNoiseSigma = 1.0;

    /// <summary>Read noise σ_read (V).</summary>
    public double NoiseSigma { get; }

    /// <summary>ADC resolution in bits; 0 means no ADC.</summary>
    public int AdcBits { get; }

    /// <summary>Lowest voltage the ADC codes (V).</summary>
    public double AdcMinimum { get; }

    /// <summary>Highest voltage the ADC codes (V).</summary>
    public double AdcMaximum { get; }

    /// <summary>Voltage of one ADC code (V); zero when there is no ADC.</summary>
    public double AdcStep => AdcBits == 0 ? 0.0 : (AdcMaximum - AdcMinimum) / ((1 << AdcBits) - 1);

    /// <summary>Reads a voltage through noise and the ADC.</summary>
    /// <param name="voltage">The true voltage (V), finite.</param>
    /// <param name="noise">Stream for the read noise; may be null when <see cref="NoiseSigma"/> is zero.</param>
    /// <returns>The voltage as read (V): noisy, then clamped to the ADC range and rounded to its nearest code.</returns>
    /// <exception cref="InputException"><paramref name="voltage"/> is NaN or infinite.</exception>
    public double Read(double voltage, SeededRandom? noise) => ReadUnchecked(Guard.Finite(voltage, "voltage", "(V)"), noise);

    /// <summary>The read of <see cref="Read"/> without the check of the voltage: for an array's own voltages, which are
    /// finite by construction, read synapse by synapse.</summary>
    internal double ReadUnchecked(double voltage, SeededRandom? noise)
    {
        var v = voltage;
        if (NoiseSigma > 0.0)
        {
            ArgumentNullException.ThrowIfNull(noise);
            v += NoiseSigma * noise.NextNormal();
        }

        return QuantizeUnchecked(v);
    }

    /// <summary>Applies the ADC alone.</summary>
    /// <param name="voltage">Voltage (V), finite.</param>
    /// <returns>The nearest code's voltage within [min, max], or <paramref name="voltage"/> when there is no ADC.</returns>
    /// <exception cref="InputException"><paramref name="voltage"/> is NaN or infinite.</exception>
    public double Quantize(double voltage) => QuantizeUnchecked(Guard.Finite(voltage, "voltage", "(V)"));

    private double QuantizeUnchecked(double voltage)
    {
        if (AdcBits == 0)
        {
            return voltage;
        }

        var step = AdcStep;
        var code = Math.Round((Math.Clamp(voltage, AdcMinimum, AdcMaximum) - AdcMinimum) / step, MidpointRounding.ToEven);
        return AdcMinimum + (code * step);
    }
}
