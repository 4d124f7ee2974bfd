using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Runtime;

/// <summary>
/// Tensor arithmetic without TorchSharp's implicit scalars. <c>a + b</c> is <c>a.add(b, 1)</c>: the 1
/// becomes a native Scalar object that nothing references once its handle is read, so a garbage
/// collection during the native call may finalize it and libtorch reads freed memory (seen here as
/// "Expected false to be true ... toFloat" from add, under allocation pressure). These helpers pass
/// Scalars that stay alive for the life of the process.
/// </summary>
internal static class TensorMath
{
    private static readonly Scalar One = 1.ToScalar();

    /// <summary><paramref name="left"/> + <paramref name="right"/> (broadcasting).</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, One);

    /// <summary><paramref name="target"/> with <paramref name="values"/>' rows added to its rows <paramref name="rows"/> (index_add along dimension 0).</summary>
    public static Tensor PlusAtRows(this Tensor target, Tensor rows, Tensor values) => target.index_add(0, rows, values, One);

    /// <summary><paramref name="value"/> × <paramref name="factor"/>, the factor held alive for the call.</summary>
    public static Tensor Times(this Tensor value, double factor) => With(factor.ToScalar(), value.mul);

    /// <summary><paramref name="value"/> / <paramref name="divisor"/>, the divisor held alive for the call.</summary>
    public static Tensor DividedBy(this Tensor value, double divisor) => With(divisor.ToScalar(), d => value.div(d));

    /// <summary>Element-wise <paramref name="value"/> ≥ <paramref name="threshold"/>, the threshold held alive for the call.</summary>
    public static Tensor AtLeast(this Tensor value, long threshold) => With(threshold.ToScalar(), value.ge);

    /// <summary><paramref name="value"/> with every element below <paramref name="floor"/> raised to it (the floor held alive for the call).</summary>
    public static Tensor ClampedBelow(this Tensor value, double floor) => With(floor.ToScalar(), value.clamp_min);

    // Runs the operation on a scalar that stays referenced until it returns, then frees it.
    private static Tensor With(Scalar scalar, Func<Scalar, Tensor> operation)
    {
        using (scalar)
        {
            var result = operation(scalar);
            GC.KeepAlive(scalar);
            return result;
        }
    }
}
