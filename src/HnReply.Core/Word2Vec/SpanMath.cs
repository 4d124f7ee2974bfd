using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HnReply.Word2Vec;

/// <summary>Dot products over unpadded rows of any length, for queries (training uses <see cref="RowMath"/>).</summary>
internal static class SpanMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("rows of different lengths");
        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b);
        var sum = Vector256<float>.Zero;
        int i = 0;
        for (; i + 8 <= a.Length; i += 8)
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref y, (nuint)i), sum);
        float total = Vector256.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    /// <summary>Writes <paramref name="source"/> scaled to unit length into <paramref name="target"/>; a zero row stays zero.</summary>
    public static void Normalize(ReadOnlySpan<float> source, Span<float> target)
    {
        float norm = MathF.Sqrt(Dot(source, source));
        for (int i = 0; i < source.Length; i++) target[i] = norm > 0 ? source[i] / norm : 0;
    }
}
