using FnDam.Calibration;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Calibration;

/// <summary>Traces generated from known constants with the closed form, plus seeded Gaussian noise.</summary>
internal static class SyntheticTraces
{
    /// <summary>Times: 0, then <paramref name="count"/> − 1 log-spaced points from <paramref name="first"/> to <paramref name="span"/>.</summary>
    public static double[] LogTimes(double first, double span, int count)
    {
        var times = new double[count];
        for (var i = 1; i < count; i++)
        {
            times[i] = first * Math.Pow(span / first, (i - 1) / (double)(count - 2));
        }

        return times;
    }

    /// <summary>Times evenly spaced from 0 to <paramref name="span"/>.</summary>
    public static double[] LinearTimes(double span, int count) =>
        [.. Enumerable.Range(0, count).Select(i => span * i / (count - 1))];

    public static MeasuredTrace Trace(string name, double k1, double k2, double v0, double[] times, double noise, SeededRandom? random)
    {
        var voltages = new double[times.Length];
        for (var i = 0; i < times.Length; i++)
        {
            voltages[i] = FnPhysics.VoltageAfter(k1, k2, v0, times[i]) + (noise > 0 ? noise * random!.NextNormal() : 0.0);
        }

        return new MeasuredTrace(name, times, voltages);
    }
}
