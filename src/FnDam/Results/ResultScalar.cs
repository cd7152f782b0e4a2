namespace FnDam.Results;

/// <summary>A named number an experiment measured, with its unit and how it was obtained.</summary>
/// <remarks>
/// A value that is rounding noise (a closed form against an ODE, say) differs in its last digits from one processor
/// and instruction set to another. Such a scalar carries <paramref name="ShownBelow"/>: the report then prints the bound
/// ("&lt; 1e-9") while it holds, so the report reads the same on every machine, and the value itself if it does not. The
/// CSV files keep the exact value.
/// </remarks>
/// <param name="Name">File-safe name, e.g. <c>energy_per_update_fj</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Provenance">How it was obtained.</param>
/// <param name="ShownBelow">A bound the report shows instead of the value while the value is below it, or null to show the value.</param>
public sealed record ResultScalar(string Name, double Value, string Unit, string Provenance, double? ShownBelow = null)
{
    /// <summary>The value as the report prints it: "&lt; bound" when <see cref="ShownBelow"/> holds, else the value to
    /// <see cref="NumberText.DefaultDigits"/> significant digits, both in <see cref="DisplayUnit"/>.</summary>
    public string DisplayText => Display.Text;

    /// <summary>The unit of <see cref="DisplayText"/>: <see cref="Unit"/> in the SI prefix that suits the value
    /// (<see cref="NumberText.Scaled"/>), or the bound while the value is shown as one.</summary>
    public string DisplayUnit => Display.Unit;

    private (string Text, string Unit) Display
    {
        get
        {
            if (ShownBelow is { } bound && Math.Abs(Value) < bound)
            {
                var (number, unit) = NumberText.Scaled(bound, Unit);
                return ("< " + number, unit);
            }

            return NumberText.Scaled(Value, Unit);
        }
    }
}
