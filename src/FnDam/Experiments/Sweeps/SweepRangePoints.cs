namespace FnDam.Experiments.Sweeps;

/// <summary>
/// The points of a linear or logarithmic range axis, each computed when asked for, so that a range of any count costs
/// nothing until its points are used: the spec's size is checked from <see cref="Count"/> before a case is made, and a
/// sampled spec reads only the points it draws.
/// </summary>
/// <remarks>Point k of n (k from 0) is <c>from</c> for k = 0, <c>to</c> for k = n − 1, and in between
/// <c>from + t·(to − from)</c> (linear) or <c>exp(ln from + t·ln(to/from))</c> (log) with t = k/(n − 1), as canonical JSON
/// (<see cref="SweepAxis.Number"/>).</remarks>
internal sealed class SweepRangePoints(double from, double to, int count, bool log, bool whole) : IReadOnlyList<string>
{
    public int Count => count;

    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            var t = count == 1 ? 0.0 : (double)index / (count - 1);
            var x = index == count - 1 ? to : log ? Math.Exp(Math.Log(from) + (t * Math.Log(to / from))) : from + (t * (to - from));
            return SweepAxis.Number(index == 0 ? from : x, whole);
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var k = 0; k < count; k++)
        {
            yield return this[k];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
