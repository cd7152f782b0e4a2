using FnDam.Arrays;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Tests.Learning;

/// <summary>Every weight back-end checks an update once, before writing: a layer it does not have, a gradient of another
/// length, a NaN, infinite or negative learning rate and a non-finite time are refused naming the argument, never an
/// IndexOutOfRangeException, a read past the gradient or NaN weights; so are the pair calibration's and the
/// parameters' edges.</summary>
public sealed class BackendBoundaryTests
{
    private static readonly FnDamPreset Preset = Presets.Default;

    public static TheoryData<string, string> Updates()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in BackendNames)
        {
            foreach (var bad in BadUpdates.Keys)
            {
                data.Add(backend, bad);
            }
        }

        return data;
    }

    private static readonly string[] BackendNames = ["float", "static", "annealed", "pulsed", "fndam"];

    private static readonly Dictionary<string, (Action<WeightBackend> Update, string Text)> BadUpdates = new()
    {
        ["a layer past the last"] = (b => b.Update(1, new float[6], 0.1, 0.0, false), "layer must be an index in [0, 1)"),
        ["a negative layer"] = (b => b.Update(-1, new float[6], 0.1, 0.0, false), "got -1"),
        ["a short gradient"] = (b => b.Update(0, new float[2], 0.1, 0.0, false), "gradient must hold one value per weight of layer 0, 6; got 2."),
        ["a long gradient"] = (b => b.Update(0, new float[7], 0.1, 0.0, false), "gradient must hold one value per weight of layer 0, 6; got 7."),
        ["a NaN learning rate"] = (b => b.Update(0, Gradient(), double.NaN, 0.0, true), "learning rate η must be a finite number >= 0; got NaN"),
        ["an infinite learning rate"] = (b => b.Update(0, Gradient(), double.PositiveInfinity, 0.0, true), "learning rate η must be a finite number >= 0; got Infinity"),
        ["a negative learning rate"] = (b => b.Update(0, Gradient(), -1.0, 0.0, true), "learning rate η must be a finite number >= 0; got -1"),
        ["a NaN time"] = (b => b.Update(0, Gradient(), 0.1, double.NaN, true), "time must be a finite number (s); got NaN"),
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void BadUpdate_IsRefused_BeforeAnyWeightChanges(string backendName, string bad)
    {
        var backend = Initialised(backendName);
        var before = backend.Weights[0].ToArray();
        var (update, text) = BadUpdates[bad];
        var e = Assert.Throws<InputException>(() => update(backend));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, backend.Weights[0]);
        Assert.Equal(0, backend.Updates);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void UpdateBeforeInitialise_SaysSo(string backendName)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Create(backendName).Update(0, new float[6], 0.1, 0.0, false));
        Assert.Contains("call Initialise before Update", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void InitialWeightsOfAnotherLayerCount_AreRefused(string backendName)
    {
        var e = Assert.Throws<InputException>(() => Create(backendName).Initialise(new Mlp([3, 2], Activation.Relu, 1), [], 1));
        Assert.Contains("initial weights must hold one matrix per layer of the network, 1; got 0.", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Names() => [.. BackendNames];

    public static TheoryData<string> Others() => [.. BadOthers.Keys];

    private static readonly Dictionary<string, (Action Make, string Text)> BadOthers = new()
    {
        ["annealed time at −a0"] = (() => Initialised("annealed").Update(0, Gradient(), 0.1, -new AnnealedBackend(Preset).InitialAge, false), "time must be a finite number above −a0"),
        ["annealed step ending NaN"] = (() => Initialised("annealed").EndStep(0.0, double.NaN), "step end time must be a finite number above −a0"),
        ["annealed step running backwards"] = (() => Initialised("annealed").EndStep(10.0, 0.0), "step end time must be at least the step start time 10 s"),
        ["pulsed NaN device spread"] = (() => _ = new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds, StepDeviceSpread: double.NaN)), "pulsed step device-to-device spread must be a finite number >= 0; got NaN"),
        ["pulsed negative cycle spread"] = (() => _ = new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds, StepCycleSpread: -0.1)), "pulsed step cycle-to-cycle spread must be a finite number >= 0"),
        ["pulsed NaN bound spread"] = (() => _ = new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds, BoundDeviceSpread: double.NaN)), "pulsed bound device-to-device spread"),
        ["pulsed NaN γ"] = (() => _ = new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.ExponentialStep, Gamma: double.NaN)), "pulsed γ must be a finite number; got NaN"),
        ["pulsed −1 pulses"] = (() => _ = new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds, MaximumPulses: -1)), "pulsed maximum pulses must be an integer in [1, 10000] per update; got -1."),
        ["pulsed int.MaxValue pulses"] = (() => _ = new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds, MaximumPulses: int.MaxValue)), "got 2147483647"),
        ["pair start voltage at NaN"] = (() => PairCalibration.StartVoltage(Preset.Parameters, double.NaN), "initial age a0 must be a finite number > 0 (s); got NaN"),
        ["pair start voltage at −1 s"] = (() => PairCalibration.StartVoltage(Preset.Parameters, -1.0), "initial age a0 must be a finite number > 0 (s); got -1"),
        ["pair start voltage at 1e-20 s"] = (() => PairCalibration.StartVoltage(Preset.Parameters, 1e-20), "so that the calibration's start age"),
        ["pair start voltage at 1e308 s"] = (() => PairCalibration.StartVoltage(Preset.Parameters, 1e308), "got 1E+308 s"),
        ["pair energy of −1 pairs"] = (() => PairCalibration.EnergyFor(-1), "synapses must be a count >= 0 of pairs calibrated; got -1."),
        ["pair correction of too many weights"] = (() => Calibration().Correct(CalibratedArray(), new double[10]), "weights must hold one weight per pair of the drift store, 4; got 10."),
    };

    [Theory]
    [MemberData(nameof(Others))]
    public void BadArgument_IsRefused_NamingIt(string name)
    {
        var (make, text) = BadOthers[name];
        var e = Assert.Throws<InputException>(make);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedEnums_AreRefused()
    {
        Assert.Equal("parameters", Assert.Throws<ArgumentOutOfRangeException>(() => new PulsedDeviceBackend(new PulsedDeviceParameters((PulsedResponse)99))).ParamName);
        Assert.Equal("encoder", Assert.Throws<ArgumentOutOfRangeException>(() => new FnDamBackend(Preset, (FnDamEncoder)99)).ParamName);
        Assert.Equal("calibration", Assert.Throws<ArgumentOutOfRangeException>(() => new FnDamBackend(Preset, FnDamEncoder.Matched, calibration: (PairCalibrationMethod)99)).ParamName);
    }

    [Fact]
    public void PairEnergy_IsComputedInDouble_SoTheLargestCountDoesNotWrap()
    {
        Assert.Equal(long.MaxValue * (double)PairCalibration.ReadsPerPair * PairCalibration.EnergyPerRead, PairCalibration.EnergyFor(long.MaxValue));
        Assert.True(PairCalibration.EnergyFor(long.MaxValue) > 0);
        Assert.Equal(1000 * PairCalibration.ReadsPerPair * PairCalibration.EnergyPerRead, PairCalibration.EnergyFor(1000));
    }

    private static float[] Gradient() => [1f, 0f, -1f, 0.5f, 0f, 0f];

    private static WeightBackend Create(string name) => name switch
    {
        "float" => new FloatBackend(),
        "static" => new StaticMemoryBackend("sram", 1e-12),
        "annealed" => new AnnealedBackend(Preset),
        "pulsed" => new PulsedDeviceBackend(new PulsedDeviceParameters(PulsedResponse.SoftBounds)),
        _ => new FnDamBackend(Preset, FnDamEncoder.Matched),
    };

    private static WeightBackend Initialised(string name)
    {
        var backend = Create(name);
        backend.Initialise(new Mlp([3, 2], Activation.Relu, 1), [[0.1f, -0.1f, 0.2f, 0f, 0.05f, -0.2f]], 1);
        backend.BeginEpoch(0);
        backend.BeginStep(0.0);
        return backend;
    }

    private static SynapseArray CalibratedArray() =>
        new(2, 2, PairCalibration.StartOf(Preset), new SynapseArrayOptions(1, StartTime: -PairCalibration.IntervalFor(Preset)));

    private static PairCalibration Calibration() => PairCalibration.Measure(CalibratedArray(), new SeededRandom(1));
}
