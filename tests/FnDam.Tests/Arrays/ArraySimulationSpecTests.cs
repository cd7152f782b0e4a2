using FnDam.Arrays;
using FnDam.Numerics;

namespace FnDam.Tests.Arrays;

/// <summary>Sizes a user sets in an array simulation are checked before anything they size is allocated.</summary>
public sealed class ArraySimulationSpecTests
{
    [Theory]
    [InlineData(1e-200, 1e200, 100)]
    [InlineData(1.0, 1e300, 50)]
    [InlineData(double.Epsilon, double.MaxValue, 100)]
    public void LogTimes_TooManyTimes_AreRefusedBeforeTheListIsBuilt(double from, double to, int perDecade)
    {
        var e = Assert.Throws<InputException>(() => ArraySimulationSpec.LogTimes(from, to, perDecade));
        Assert.Contains("sampleTimes", e.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {ArraySimulationSpec.MaximumSamples} times", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogTimes_WithinTheLimit_GiveZeroThenEveryDecadeStep()
    {
        var times = ArraySimulationSpec.LogTimes(1.0, 1e10, 100);
        Assert.Equal(1002, times.Length);
        Assert.Equal(0.0, times[0]);
        Assert.Equal(1.0, times[1]);
        Assert.Equal(1e10, times[^1], 1e-3);

        // A span whose ratio overflows a double (1e200 / 1e-200) is counted from logarithms: 400 decades at 4 per decade.
        var wide = ArraySimulationSpec.LogTimes(1e-200, 1e200, 4);
        Assert.Equal(1602, wide.Length);
        Assert.All(wide, t => Assert.True(double.IsFinite(t)));
    }

    [Fact]
    public void RecordingMoreThanTheMachineHolds_IsRefusedNamingTheFieldAndTheNeed()
    {
        const int N = 1024;
        var times = ArraySimulationSpec.LogTimes(1.0, 1e10, 100);
        var e = Assert.Throws<InputException>(() => new ArraySimulationSpec(N, N, new double[N * N], [], times));
        Assert.Contains("sampleTimes is too large for this machine", e.Message, StringComparison.Ordinal);
        Assert.Contains("would need", e.Message, StringComparison.Ordinal);
        Assert.Contains("GiB", e.Message, StringComparison.Ordinal);

        // The same array with a handful of samples fits.
        _ = new ArraySimulationSpec(N, N, new double[N * N], [], [0.0, 1.0, 10.0]);
    }

    [Fact]
    public void ARepeatedPulse_WhoseLastOccurrenceFallsAfterTheLatestTime_IsRefused_NamingTheEvent()
    {
        PulseEvent Repeated(int repeat, double period) => new(1.0, [0.001], repeat, period);
        var e = Assert.Throws<InputException>(() => new ArraySimulationSpec(1, 1, [0.0], [Repeated(1, 0), Repeated(100, 1e11)], [0.0, 1.0]));
        Assert.StartsWith("pulses[1] occurs 100 times 1E+11 s apart from 1 s, so its last occurrence", e.Message, StringComparison.Ordinal);
        Assert.Contains("9.9E+12 s, falls after the latest time 1E+12 s", e.Message, StringComparison.Ordinal);

        // Up to the latest time itself is allowed.
        _ = new ArraySimulationSpec(1, 1, [0.0], [new PulseEvent(0.0, [0.001], 11, 1e11)], [0.0, 1.0]);
    }
}
