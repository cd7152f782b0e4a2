using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using FnDam.Numerics;

namespace FnDam.Arrays;

/// <summary>Reading the array: weights, forward and transposed products.</summary>
public sealed partial class SynapseArray
{
    /// <summary>Reads every weight <c>w = g·(V⁺ − V⁻)</c> at the present state, row-major.</summary>
    /// <param name="destination">Weights, <c>Rows·Columns</c>.</param>
    /// <remarks>With <see cref="SynapseArrayOptions.ReadOut"/> each voltage is read through the preset's read noise and
    /// ADC (a fresh read each call, plus half then minus half, synapse by synapse), so
    /// <c>w = g·(read(V⁺) − read(V⁻))</c>; otherwise the read is ideal.</remarks>
    public void ReadWeights(Span<double> destination)
    {
        CheckLength(destination.Length, Count, "destination");
        if (!_readOut)
        {
            TensorPrimitives.Subtract(_plus, _minus, destination);
            TensorPrimitives.Multiply(destination, _gain, destination);
            return;
        }

        var readOut = Preset.ReadOut;
        for (var i = 0; i < Count; i++)
        {
            var plus = readOut.ReadUnchecked(_plus[i], _readNoise);
            var minus = readOut.ReadUnchecked(_minus[i], _readNoise);
            destination[i] = _gain * (plus - minus);
        }
    }

    /// <summary>Forward product <c>y[r] = Σ_c W[r,c]·x[c]</c> with the weights read now.</summary>
    /// <param name="x">Inputs, <see cref="Columns"/> long, finite.</param>
    /// <param name="y">Outputs, <see cref="Rows"/> long.</param>
    /// <remarks>Vectorised row dot products, each kept as eight partial sums (column c in sum c mod 8) of products that
    /// are not fused, added in a fixed order: the same bits at every lane width, as the array's other kernels give
    /// (<see cref="DotKernel"/>). Through the read-out path, every call is a fresh read of the array.</remarks>
    /// <exception cref="InputException">A length is wrong or an input is not finite.</exception>
    public unsafe void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        CheckLength(x.Length, Columns, "x");
        CheckLength(y.Length, Rows, "y");
        var w = CurrentWeights();
        // Whole groups of eight at the lane width (every width divides eight, so none leaves a tail of its own), then the
        // last Columns mod 8 into their partial sums as the scalar lane adds them: the sums leave the vector register
        // once per row, so that each tail element adds to a double in memory rather than rewriting one lane of a vector
        // (a store-forwarding stall per element).
        var whole = Columns & ~(PartialSums.Length - 1);
        Span<double> sums = stackalloc double[PartialSums.Length];
        fixed (double* weights = w, inputs = x)
        {
            for (var r = 0; r < Rows; r++)
            {
                var row = weights + ((nint)r * Columns);
                var dot = new DotKernel(row, inputs);
                LaneDispatch.Run(ref dot, Width, 0, whole);
                dot.Sum.Lanes.CopyTo(sums);
                for (var c = whole; c < Columns; c++)
                {
                    sums[c & (PartialSums.Length - 1)] += row[c] * inputs[c];
                }

                y[r] = LaneDispatch.Total(sums);
            }
        }

        CheckFinite(y, x, "x");
    }

    /// <summary>Transposed product <c>y[c] = Σ_r W[r,c]·d[r]</c> with the weights read now (the backward pass).</summary>
    /// <param name="d">Row values (errors), <see cref="Rows"/> long, finite.</param>
    /// <param name="y">Outputs, <see cref="Columns"/> long.</param>
    /// <remarks>Vectorised row-wise multiply-add <c>y += d[r]·W[r,:]</c>.</remarks>
    /// <exception cref="InputException">A length is wrong or an input is not finite.</exception>
    public void Transposed(ReadOnlySpan<double> d, Span<double> y)
    {
        CheckLength(d.Length, Rows, "d");
        CheckLength(y.Length, Columns, "y");
        var w = CurrentWeights();
        y.Clear();
        for (var r = 0; r < Rows; r++)
        {
            TensorPrimitives.MultiplyAdd(w.Slice(r * Columns, Columns), d[r], y, y);
        }

        CheckFinite(y, d, "d");
    }

    private ReadOnlySpan<double> CurrentWeights()
    {
        if (_readOut || !_weightsValid)
        {
            ReadWeights(_weights);
            _weightsValid = !_readOut;
        }

        return _weights;
    }

    private static void CheckFinite(ReadOnlySpan<double> result, ReadOnlySpan<double> input, string name)
    {
        if (Guard.IndexOfNonFinite(result) < 0)
        {
            return;
        }

        var i = Guard.IndexOfNonFinite(input);
        if (i >= 0)
        {
            throw Guard.Invalid($"{name}[{i}]", input[i], $"{name}[{i}] must be a finite number; got {Guard.Format(input[i])}.");
        }

        throw new ArithmeticException($"the product overflowed: {name} is finite but too large for the weights.");
    }
}
