using System.Collections.Concurrent;
using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// &lt;s&gt; and &lt;pad&gt; are never a next token: their logits become −∞ before every softmax, in
/// training, scoring and suggestions alike, so the distribution over the rest sums to 1 and every
/// path reports the same numbers. The −∞ comes from an element-wise minimum with a row (+∞
/// elsewhere), not from a fill or an addition: both take a TorchSharp scalar, a native object that
/// can be finalized while libtorch still reads it (see <see cref="Runtime.TensorMath"/>).
/// </summary>
internal static class SpecialTokens
{
    private static readonly ConcurrentDictionary<long, float[]> Caps = new();

    /// <summary>logits [n, ≥ 4] with columns Bos and Pad at −∞ (a new tensor; autograd flows through).</summary>
    public static Tensor Exclude(Tensor logits)
    {
        var row = Caps.GetOrAdd(logits.shape[1], width =>
        {
            var values = new float[width];
            Array.Fill(values, float.PositiveInfinity);
            values[Vocabulary.Bos] = float.NegativeInfinity;
            values[Vocabulary.Pad] = float.NegativeInfinity;
            return values;
        });
        using var cap = tensor(row).to(logits.device);
        return minimum(logits, cap);
    }

    /// <summary>A row to add to log-probabilities: 0 where <paramref name="allowed"/> is true, −∞ elsewhere.</summary>
    public static Tensor Only(bool[] allowed, Device device) =>
        tensor(allowed.Select(a => a ? 0f : float.NegativeInfinity).ToArray()).to(device);
}
