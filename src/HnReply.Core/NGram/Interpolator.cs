namespace HnReply.NGram;

/// <summary>
/// Stage 5, interpolate (lmplz's Interpolate): each order's probabilities mixed with the order
/// below, down to the uniform distribution,
/// <code>
/// p(w)     = u(w) + γ(ε) / |V|            |V| = vocabulary without &lt;s&gt; and &lt;pad&gt;
/// p(w | h) = u(w | h) + γ(h) p(w | h')    h' = h without its first word
/// </code>
/// then written as ARPA numbers: log10 p, and log10 γ as the backoff of each context. Because the
/// ARPA backoff form gives an unseen w after h exactly γ(h) p(w | h'), the backoff model equals
/// the interpolated one. &lt;s&gt; gets log10 probability -99 (it is never predicted), as does
/// &lt;pad&gt;, which no corpus contains.
/// </summary>
internal static class Interpolator
{
    public const float NeverPredicted = -99f;

    public static ModelOrder[] Interpolate(CountedOrder[] orders, InitialProbabilities initial)
    {
        var result = new ModelOrder[orders.Length];
        int vocabulary = orders[0].Length;
        double uniform = 1.0 / (vocabulary - 2);
        var probability = new double[vocabulary];
        for (int w = 0; w < vocabulary; w++)
            probability[w] = initial.Uninterpolated[0][w] + initial.UnigramGamma * uniform;

        var logProb = new float[vocabulary];
        for (int w = 0; w < vocabulary; w++)
            logProb[w] = w is KneserNeyEstimator.Bos or KneserNeyEstimator.Pad ? NeverPredicted : Log10(probability[w]);
        result[0] = new ModelOrder(vocabulary, [], orders[0].Word, logProb, Backoffs(initial, 1, vocabulary));

        for (int k = 1; k < orders.Length; k++)
        {
            var grams = orders[k];
            var u = initial.Uninterpolated[k];
            var gamma = initial.Gamma[k];
            var next = new double[grams.Length];
            logProb = new float[grams.Length];
            for (int i = 0; i < grams.Length; i++)
            {
                next[i] = u[i] + gamma[grams.Prefix[i]] * probability[grams.Suffix[i]];
                logProb[i] = Log10(next[i]);
            }
            probability = next;
            result[k] = new ModelOrder(grams.Length, grams.Prefix, grams.Word, logProb, Backoffs(initial, k + 1, grams.Length));
        }
        return result;
    }

    // Clamped at 0 like lmplz ("correcting for numerical precision issues").
    private static float Log10(double p) => (float)Math.Min(0, Math.Log10(p));

    private static float[] Backoffs(InitialProbabilities initial, int order, int length)
    {
        var backoffs = new float[length];
        if (order >= initial.Gamma.Length) return backoffs;
        var gamma = initial.Gamma[order];
        for (int i = 0; i < length; i++) backoffs[i] = (float)Math.Log10(gamma[i]);
        return backoffs;
    }
}
