using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FnDam.Numerics;

namespace FnDam.Learning;

/// <summary>Activation of the hidden layers.</summary>
public enum Activation
{
    /// <summary>σ(z) = 1/(1 + e^−z); derivative σ(1 − σ).</summary>
    Sigmoid,

    /// <summary>max(0, z); derivative 1 where z &gt; 0.</summary>
    Relu,

    /// <summary>tanh z; derivative 1 − tanh² z.</summary>
    Tanh,
}

/// <summary>Span kernels of the activations and of softmax cross-entropy.</summary>
public static class ActivationKernels
{
    /// <summary>Applies the activation in place.</summary>
    /// <param name="activation">Which function.</param>
    /// <param name="values">Pre-activations, overwritten with activations.</param>
    public static void Apply(Activation activation, Span<float> values) => Apply(activation, values, KernelWidth.Auto);

    /// <summary><see cref="Apply(Activation, Span{float})"/> at a lane width (<see cref="DenseKernels.FloatLanes"/>);
    /// the eight- and four-lane widths give the same bits.</summary>
    internal static void Apply(Activation activation, Span<float> values, KernelWidth width)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                Sigmoid(values, width);
                break;
            case Activation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(values, values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation.");
        }
    }

    /// <summary>σ(z) = 1/(1 + e^−z) in place: the runtime's vector exponential over whole chunks of eight values, the
    /// last <c>Length mod 8</c> values by the scalar <see cref="MathF.Exp"/>.</summary>
    /// <remarks>The vector exponential gives the same bits lane by lane at eight and at four lanes, so with the chunk
    /// boundaries fixed at eight both widths give the same result; a machine without vector hardware takes every value
    /// through <see cref="MathF.Exp"/> (the operating system's, which the vector one need not match in the last bit).</remarks>
    /// <param name="values">Pre-activations, overwritten.</param>
    public static void Sigmoid(Span<float> values) => Sigmoid(values, KernelWidth.Auto);

    internal static void Sigmoid(Span<float> values, KernelWidth width)
    {
        // Each width in a method of its own: with both loops in one method the JIT left the eight-lane exponential
        // out of line on AVX2 (half again as slow).
        var lanes = DenseKernels.FloatLanes(width);
        var i = lanes switch
        {
            _ when lanes == Vector<float>.Count => SigmoidPreferred(values),
            8 => SigmoidEight(values),
            4 => SigmoidFour(values),
            _ => 0,
        };
        for (; i < values.Length; i++)
        {
            values[i] = 1f / (1f + MathF.Exp(-values[i]));
        }
    }

    // σ over the whole chunks of eight at the machine's preferred width, the loop the sigmoid has always had (measured
    // faster on AVX2 than the same loop over Vector256 or Vector128, which tiered compilation left slower there).
    private static int SigmoidPreferred(Span<float> values)
    {
        var whole = values.Length & ~7;
        ref var first = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i < whole; i += Vector<float>.Count)
        {
            var z = Vector.LoadUnsafe(ref first, (nuint)i);
            (Vector<float>.One / (Vector<float>.One + Vector.Exp(-z))).StoreUnsafe(ref first, (nuint)i);
        }

        return whole;
    }

    // σ over the whole chunks of eight; returns where the scalar tail begins.
    private static int SigmoidEight(Span<float> values)
    {
        var whole = values.Length & ~7;
        ref var first = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i < whole; i += 8)
        {
            var z = Vector256.LoadUnsafe(ref first, (nuint)i);
            (Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-z))).StoreUnsafe(ref first, (nuint)i);
        }

        return whole;
    }

    private static int SigmoidFour(Span<float> values)
    {
        var whole = values.Length & ~7;
        ref var first = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i < whole; i += 4)
        {
            var z = Vector128.LoadUnsafe(ref first, (nuint)i);
            (Vector128<float>.One / (Vector128<float>.One + Vector128.Exp(-z))).StoreUnsafe(ref first, (nuint)i);
        }

        return whole;
    }

    /// <summary>Multiplies a back-propagated error by the activation's derivative, expressed through the activation a.</summary>
    /// <remarks>Sigmoid: δ·a(1 − a); ReLU: δ·[a &gt; 0]; tanh: δ·(1 − a²).</remarks>
    /// <param name="activation">Which function.</param>
    /// <param name="activations">The layer's activations a.</param>
    /// <param name="delta">Error, multiplied in place.</param>
    public static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> activations, Span<float> delta)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                for (var i = 0; i < delta.Length; i++)
                {
                    var a = activations[i];
                    delta[i] *= a * (1f - a);
                }

                break;
            case Activation.Relu:
                for (var i = 0; i < delta.Length; i++)
                {
                    if (activations[i] <= 0f)
                    {
                        delta[i] = 0f;
                    }
                }

                break;
            case Activation.Tanh:
                for (var i = 0; i < delta.Length; i++)
                {
                    var a = activations[i];
                    delta[i] *= 1f - (a * a);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation.");
        }
    }

    /// <summary>
    /// Softmax cross-entropy of one row of logits: turns the logits into the loss gradient in place and returns the
    /// loss and whether the arg-max is the label.
    /// </summary>
    /// <remarks>p = softmax(z) (shifted by max z); loss = −ln p_y; gradient (p − e_y)·scale.</remarks>
    /// <param name="logits">Logits, overwritten with (p − e_y)·scale.</param>
    /// <param name="label">The true class.</param>
    /// <param name="scale">Factor of the gradient (1/batch for a minibatch mean).</param>
    /// <returns>The loss (nats) and whether the prediction was right.</returns>
    public static (double Loss, bool Correct) SoftmaxCrossEntropy(Span<float> logits, int label, float scale)
    {
        var best = TensorPrimitives.IndexOfMax(logits);
        var max = logits[best];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = MathF.Exp(logits[i] - max);
            logits[i] = e;
            sum += e;
        }

        var loss = -Math.Log(Math.Max(logits[label] / sum, 1e-30));
        var inverse = (float)(1.0 / sum);
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = logits[i] * inverse * scale;
        }

        logits[label] -= scale;
        return (loss, best == label);
    }
}
