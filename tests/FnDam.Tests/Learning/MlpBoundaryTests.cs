using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Tests.Learning;

/// <summary>Shapes that do not fit the network are refused with an ArgumentException naming the argument and what
/// fits, never an OverflowException, an IndexOutOfRangeException or a read past the data.</summary>
public sealed class MlpBoundaryTests
{
    private static readonly float[] Features = [1f, 2f, 3f, 4f];
    private static readonly int[] Labels = [0, 1];

    public static TheoryData<string> Cases() => [.. BadCases.Keys];

    private static readonly Dictionary<string, (Action Make, string Parameter, string Text)> BadCases = new()
    {
        ["a layer of int.MaxValue"] = (() => _ = new Mlp([int.MaxValue, 2], Activation.Relu, 4), "sizes", "more than one array holds"),
        ["70000 × 70000 weights"] = (() => _ = new Mlp([70_000, 70_000], Activation.Relu, 1), "sizes", "more than one array holds"),
        ["a minibatch of int.MaxValue"] = (() => _ = new Mlp([4, 2], Activation.Relu, int.MaxValue), "maximumBatch", "maximumBatch at most"),
        ["an undefined activation"] = (() => _ = new Mlp([4, 2], (Activation)99, 1), "activation", "Sigmoid, Relu, Tanh"),
        ["no threads"] = (() => _ = new Mlp([4, 2], Activation.Relu, 1, threads: 0), "threads", "threads must be an integer >= 1"),
        ["negative threads"] = (() => _ = new Mlp([4, 2], Activation.Relu, 1, threads: -5), "threads", "got -5"),
        ["a row past the data"] = (() => Step(rows: [0, 5]), "rows", "rows[1] must be a row index in [0, 2)"),
        ["a negative row"] = (() => Step(rows: [-1]), "rows", "rows[0] must be a row index in [0, 2)"),
        ["a label past the classes"] = (() => Step(labels: [0, 7], rows: [1]), "labels", "labels[1] must be a class in [0, 2)"),
        ["a weight matrix too short"] = (() => Step(shortWeights: true), "weights", "weights[1] must hold 3 × 2 = 6 values"),
        ["evaluating more rows than given"] = (() => Network().Evaluate(Weights(), Features, Labels, 9), "count", "at most the 2 rows"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadShape_IsRefused_NamingTheArgument(string name)
    {
        var (make, parameter, text) = BadCases[name];
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    private static Mlp Network() => new([2, 3, 2], Activation.Relu, 4);

    private static float[][] Weights() => Network().InitialWeights(new SeededRandom(1));

    private static void Step(int[]? labels = null, int[]? rows = null, bool shortWeights = false)
    {
        var weights = Weights();
        if (shortWeights)
        {
            weights[1] = new float[2];
        }

        Network().TrainStep(weights, Features, labels ?? Labels, rows ?? [0]);
    }
}
