using System.Globalization;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>
/// A multilayer perceptron without biases (a linear classifier when it has no hidden layer): hidden layers apply an
/// activation, the output layer is linear and trained with softmax cross-entropy. Holds the work buffers of one
/// minibatch; the weights live outside (in a weight back-end) and are passed in.
/// </summary>
/// <remarks>
/// Layer l maps n_l inputs to n_{l+1} outputs with W_l, an n_{l+1}×n_l row-major matrix (the layout of a synapse array:
/// row r holds the synapses into output r). Forward: a_{l+1} = φ(a_l·W_lᵀ); backward: δ_l = (δ_{l+1}·W_l) ⊙ φ'(a_l),
/// gradient G_l = δ_{l+1}ᵀ·a_l, where δ at the output is (softmax − one-hot)/B, so G is the minibatch mean.
/// All buffers are allocated once for the largest batch; a step allocates nothing.
/// </remarks>
public sealed class Mlp
{
    private readonly float[][] _activations;
    private readonly float[][] _deltas;
    private readonly float[][] _gradients;

    /// <summary>Creates the network and its buffers.</summary>
    /// <param name="sizes">Layer widths, input first, classes last (at least two entries, all positive, and each weight
    /// matrix at most <see cref="Array.MaxLength"/> values).</param>
    /// <param name="activation">Activation of the hidden layers.</param>
    /// <param name="maximumBatch">Largest minibatch (positive; times the widest layer at most <see cref="Array.MaxLength"/>).</param>
    /// <param name="threads">Threads of the matrix kernels, at least 1 (results do not depend on it).</param>
    public Mlp(IReadOnlyList<int> sizes, Activation activation, int maximumBatch, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2 || sizes.Any(s => s < 1))
        {
            throw new ArgumentException($"layer sizes must be at least two positive numbers; got [{string.Join(", ", sizes)}].", nameof(sizes));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maximumBatch, 1);
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"threads must be an integer >= 1 (the threads of the matrix kernels); got {threads}.");
        }
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation must be one of {string.Join(", ", Enum.GetNames<Activation>())}.");
        }

        for (var l = 0; l + 1 < sizes.Count; l++)
        {
            if ((long)sizes[l] * sizes[l + 1] > Array.MaxLength)
            {
                throw new ArgumentException($"layer sizes [{string.Join(", ", sizes)}]: layer {l} would hold {sizes[l]} × {sizes[l + 1]} = {(long)sizes[l] * sizes[l + 1]} weights, more than one array holds ({Array.MaxLength}).", nameof(sizes));
            }
        }

        var widest = sizes.Max();
        if ((long)maximumBatch * widest > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumBatch), maximumBatch, $"maximumBatch × the widest layer ({widest}) must be at most {Array.MaxLength} values (one activation buffer); maximumBatch at most {Array.MaxLength / widest}.");
        }

        Sizes = sizes.ToArray();
        Activation = activation;
        MaximumBatch = maximumBatch;
        Threads = threads;
        _activations = Sizes.Select(s => new float[maximumBatch * s]).ToArray();
        _deltas = Sizes.Select(s => new float[maximumBatch * s]).ToArray();
        _gradients = Enumerable.Range(0, LayerCount).Select(l => new float[Sizes[l] * Sizes[l + 1]]).ToArray();
    }

    /// <summary>Layer widths, input first.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Activation of the hidden layers.</summary>
    public Activation Activation { get; }

    /// <summary>Largest minibatch.</summary>
    public int MaximumBatch { get; }

    /// <summary>Threads of the matrix kernels.</summary>
    public int Threads { get; }

    /// <summary>The lane width of the forward pass's kernels (<see cref="KernelWidth.Auto"/>: the widest this machine
    /// accelerates); every width gives the same bits, so only tests set it.</summary>
    internal KernelWidth Width { get; set; } = KernelWidth.Auto;

    /// <summary>Number of weight layers.</summary>
    public int LayerCount => Sizes.Count - 1;

    /// <summary>Inputs of layer <paramref name="layer"/> (columns of its weight matrix).</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>n_l.</returns>
    public int Inputs(int layer) => Sizes[layer];

    /// <summary>Outputs of layer <paramref name="layer"/> (rows of its weight matrix).</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>n_{l+1}.</returns>
    public int Outputs(int layer) => Sizes[layer + 1];

    /// <summary>The minibatch-mean gradient of layer <paramref name="layer"/> after <see cref="TrainStep"/>.</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>G_l, row-major n_{l+1}×n_l.</returns>
    public ReadOnlySpan<float> Gradient(int layer) => _gradients[layer];

    /// <summary>Mutable gradient buffer (for tests and back-ends that transform it).</summary>
    /// <param name="layer">Layer index.</param>
    /// <returns>The buffer.</returns>
    internal float[] GradientBuffer(int layer) => _gradients[layer];

    /// <summary>Uniform initial weights U(−1, 1)/√n_in (the peer's initialisation).</summary>
    /// <param name="random">Stream to draw from.</param>
    /// <returns>One row-major matrix per layer.</returns>
    public float[][] InitialWeights(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var weights = new float[LayerCount][];
        for (var l = 0; l < LayerCount; l++)
        {
            var scale = 1.0 / Math.Sqrt(Inputs(l));
            weights[l] = new float[Inputs(l) * Outputs(l)];
            for (var i = 0; i < weights[l].Length; i++)
            {
                weights[l][i] = (float)(((2.0 * random.NextDouble()) - 1.0) * scale);
            }
        }

        return weights;
    }

    /// <summary>
    /// One forward and backward pass over a minibatch: fills <see cref="Gradient"/> for every layer and returns the
    /// summed loss and the number of correct predictions.
    /// </summary>
    /// <param name="weights">Current weights, one row-major matrix per layer.</param>
    /// <param name="features">Row-major features of the whole data set.</param>
    /// <param name="labels">Labels of the whole data set.</param>
    /// <param name="rows">The minibatch's row indices (at most <see cref="MaximumBatch"/>), each a row of
    /// <paramref name="features"/> and <paramref name="labels"/> whose label is a class of the output layer.</param>
    /// <returns>Σ loss over the batch (nats) and the count of correct arg-max predictions.</returns>
    public (double LossSum, int Correct) TrainStep(IReadOnlyList<float[]> weights, ReadOnlySpan<float> features, ReadOnlySpan<int> labels, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var batch = rows.Length;
        var (loss, correct) = ForwardInternal(weights, features, labels, rows);
        for (var l = LayerCount - 1; l >= 0; l--)
        {
            var inputs = Inputs(l);
            var outputs = Outputs(l);

            // G_l = δ_{l+1}ᵀ·a_l: A(o, b) = δ[b·outputs + o].
            DenseKernels.Multiply(_deltas[l + 1], 1, outputs, _activations[l], outputs, inputs, batch, _gradients[l], Threads);
            if (l > 0)
            {
                DenseKernels.Multiply(_deltas[l + 1], outputs, 1, weights[l], batch, inputs, outputs, _deltas[l], Threads);
                ActivationKernels.MultiplyByDerivative(Activation, _activations[l].AsSpan(0, batch * inputs), _deltas[l].AsSpan(0, batch * inputs));
            }
        }

        return (loss, correct);
    }

    /// <summary>Evaluates the network on rows of a data set (no gradient): summed loss and correct predictions.</summary>
    /// <param name="weights">Weights, one matrix per layer.</param>
    /// <param name="features">Row-major features.</param>
    /// <param name="labels">Labels.</param>
    /// <param name="count">Rows to evaluate (the first <paramref name="count"/>), at most the rows given.</param>
    /// <returns>Σ loss (nats) and correct count.</returns>
    public (double LossSum, int Correct) Evaluate(IReadOnlyList<float[]> weights, ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int count)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var available = Math.Min(features.Length / Sizes[0], labels.Length);
        if (count > available)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be at most the {available} rows given: features hold {features.Length / Sizes[0]} rows of {Sizes[0]} and labels {labels.Length}.");
        }

        var all = new int[MaximumBatch];
        double loss = 0;
        var correct = 0;
        for (var start = 0; start < count; start += MaximumBatch)
        {
            var n = Math.Min(MaximumBatch, count - start);
            for (var i = 0; i < n; i++)
            {
                all[i] = start + i;
            }

            var (l, c) = ForwardInternal(weights, features, labels, all.AsSpan(0, n));
            loss += l;
            correct += c;
        }

        return (loss, correct);
    }

    private (double Loss, int Correct) ForwardInternal(IReadOnlyList<float[]> weights, ReadOnlySpan<float> features, ReadOnlySpan<int> labels, ReadOnlySpan<int> rows)
    {
        if (weights.Count != LayerCount)
        {
            throw new ArgumentException($"expected {LayerCount} weight matrices; got {weights.Count}.", nameof(weights));
        }

        var batch = rows.Length;
        if (batch < 1 || batch > MaximumBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), batch, $"minibatch size must be in [1, {MaximumBatch}].");
        }

        for (var l = 0; l < LayerCount; l++)
        {
            if (weights[l] is null || weights[l].Length != Inputs(l) * Outputs(l))
            {
                throw new ArgumentException($"weights[{l}] must hold {Inputs(l)} × {Outputs(l)} = {Inputs(l) * Outputs(l)} values; got {(weights[l] is null ? "null" : weights[l].Length.ToString(CultureInfo.InvariantCulture))}.", nameof(weights));
            }
        }

        var d = Sizes[0];
        var classes = Sizes[^1];
        var available = Math.Min(features.Length / d, labels.Length);
        for (var b = 0; b < batch; b++)
        {
            var row = rows[b];
            if ((uint)row >= (uint)available)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"rows[{b}] must be a row index in [0, {available}): features hold {features.Length / d} rows of {d} and labels {labels.Length}; got {row}.");
            }

            if ((uint)labels[row] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[row], $"labels[{row}] must be a class in [0, {classes}); got {labels[row]}.");
            }

            features.Slice(row * d, d).CopyTo(_activations[0].AsSpan(b * d, d));
        }

        for (var l = 0; l < LayerCount; l++)
        {
            var outputs = Outputs(l);
            DenseKernels.MultiplyTransposed(_activations[l], weights[l], batch, outputs, Inputs(l), _activations[l + 1], Threads, Width);
            if (l < LayerCount - 1)
            {
                ActivationKernels.Apply(Activation, _activations[l + 1].AsSpan(0, batch * outputs), Width);
            }
        }

        var output = _activations[LayerCount];
        var delta = _deltas[LayerCount];
        double loss = 0;
        var correct = 0;
        var scale = 1f / batch;
        for (var b = 0; b < batch; b++)
        {
            var row = delta.AsSpan(b * classes, classes);
            output.AsSpan(b * classes, classes).CopyTo(row);
            var (l, ok) = ActivationKernels.SoftmaxCrossEntropy(row, labels[rows[b]], scale);
            loss += l;
            correct += ok ? 1 : 0;
        }

        return (loss, correct);
    }
}
