using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// &lt;s&gt; and &lt;pad&gt; are never a next token: their logits become −∞ before every softmax, in
/// training, scoring and suggestions alike, so the distribution over the rest sums to 1 and every
/// path reports the same numbers.
/// </summary>
internal static class SpecialTokens
{
    /// <summary>logits [n, ≥ 4] with columns Bos and Pad set to −∞ (a new tensor; autograd flows through).</summary>
    public static Tensor Exclude(Tensor logits)
    {
        var columns = new bool[logits.shape[1]];
        columns[Vocabulary.Bos] = true;
        columns[Vocabulary.Pad] = true;
        using var mask = tensor(columns).to(logits.device);
        return logits.masked_fill(mask, float.NegativeInfinity);
    }
}
