using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HnReply.Word2Vec;

/// <summary>
/// The arithmetic of training on rows of <see cref="Lanes"/>-padded floats, in the widest SIMD the
/// machine has. Rows are padded with zeros that stay zero (every update adds a multiple of another
/// padded row), so no loop needs a scalar tail. The C tool's dot product stays scalar (gcc may not
/// reorder a float sum without -ffast-math); these keep two partial sums and use fused multiply-add.
/// </summary>
internal static class RowMath
{
    /// <summary>Row lengths are multiples of this (a 512-bit register of floats).</summary>
    public const int Lanes = 16;

    public static int PaddedLength(int size) => (size + Lanes - 1) / Lanes * Lanes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float x, ref float y, int length)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var s0 = Vector512<float>.Zero;
            var s1 = Vector512<float>.Zero;
            int i = 0;
            for (; i + 32 <= length; i += 32)
            {
                s0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref y, (nuint)i), s0);
                s1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref x, (nuint)i + 16), Vector512.LoadUnsafe(ref y, (nuint)i + 16), s1);
            }
            if (i < length) s0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref y, (nuint)i), s0);
            return Vector512.Sum(s0 + s1);
        }
        var t0 = Vector256<float>.Zero;
        var t1 = Vector256<float>.Zero;
        for (int i = 0; i < length; i += 16)
        {
            t0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref y, (nuint)i), t0);
            t1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref x, (nuint)i + 8), Vector256.LoadUnsafe(ref y, (nuint)i + 8), t1);
        }
        return Vector256.Sum(t0 + t1);
    }

    /// <summary>The two updates of one prediction in one pass: <c>error += g·output; output += g·input</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backpropagate(ref float error, ref float output, ref float input, float g, int length)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var gv = Vector512.Create(g);
            for (int i = 0; i < length; i += 16)
            {
                var o = Vector512.LoadUnsafe(ref output, (nuint)i);
                Vector512.MultiplyAddEstimate(gv, o, Vector512.LoadUnsafe(ref error, (nuint)i)).StoreUnsafe(ref error, (nuint)i);
                Vector512.MultiplyAddEstimate(gv, Vector512.LoadUnsafe(ref input, (nuint)i), o).StoreUnsafe(ref output, (nuint)i);
            }
            return;
        }
        var g8 = Vector256.Create(g);
        for (int i = 0; i < length; i += 8)
        {
            var o = Vector256.LoadUnsafe(ref output, (nuint)i);
            Vector256.MultiplyAddEstimate(g8, o, Vector256.LoadUnsafe(ref error, (nuint)i)).StoreUnsafe(ref error, (nuint)i);
            Vector256.MultiplyAddEstimate(g8, Vector256.LoadUnsafe(ref input, (nuint)i), o).StoreUnsafe(ref output, (nuint)i);
        }
    }

    /// <summary><c>target += source</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref float target, ref float source, int length)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < length; i += 16)
                (Vector512.LoadUnsafe(ref target, (nuint)i) + Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            return;
        }
        for (int i = 0; i < length; i += 8)
            (Vector256.LoadUnsafe(ref target, (nuint)i) + Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
    }

    /// <summary><c>target /= divisor</c> (a division, not a multiplication by the inverse, to round as the C tool does).</summary>
    public static void Divide(ref float target, float divisor, int length)
    {
        var d = Vector256.Create(divisor);
        for (int i = 0; i < length; i += 8)
            (Vector256.LoadUnsafe(ref target, (nuint)i) / d).StoreUnsafe(ref target, (nuint)i);
    }
}
