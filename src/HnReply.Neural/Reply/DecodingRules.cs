using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Neural.Reply;

/// <summary>
/// The constraints every search applies to a next-token distribution, and its length-normalised
/// score: never &lt;unk&gt;; no &lt;/s&gt; before <see cref="ReplyRequest.MinTokens"/>; no n-gram of
/// <see cref="ReplyRequest.NoRepeatNGram"/> tokens twice in one reply (Paulus et al. 2018); and
/// GNMT's length penalty (Wu et al. 2016), score = log p / ((5 + length) / 6)^α, so beams do not
/// prefer short replies for being short.
/// </summary>
internal static class DecodingRules
{
    /// <summary>Sets forbidden tokens of <paramref name="logProbabilities"/> to −∞ for a reply that so far is <paramref name="tokens"/>.</summary>
    public static void Apply(float[] logProbabilities, IReadOnlyList<int> tokens, ReplyRequest request)
    {
        logProbabilities[Vocabulary.Unk] = float.NegativeInfinity;
        if (tokens.Count < request.MinTokens) logProbabilities[Vocabulary.Eos] = float.NegativeInfinity;
        int n = request.NoRepeatNGram;
        if (n < 1 || tokens.Count < n - 1) return;
        for (int start = 0; start <= tokens.Count - n; start++)
        {
            bool same = true;
            for (int k = 0; k < n - 1 && same; k++) same = tokens[start + k] == tokens[tokens.Count - (n - 1) + k];
            if (same) logProbabilities[tokens[start + n - 1]] = float.NegativeInfinity;
        }
    }

    /// <summary>
    /// Divides the probability of every token already in the reply by <paramref name="penalty"/> (Keskar
    /// et al. 2019's repetition penalty; 1 = off), as <see cref="TokenSampler"/> does when sampling —
    /// here in log space, for beam search.
    /// </summary>
    public static void PenaliseRepeats(float[] logProbabilities, IReadOnlyList<int> tokens, double penalty)
    {
        if (penalty <= 1) return;
        float cost = (float)Math.Log(penalty);
        foreach (int token in tokens.Distinct()) logProbabilities[token] -= cost;
    }

    public static double Score(double logProbability, int length, double alpha) =>
        logProbability / Math.Pow((5.0 + length) / 6.0, alpha);
}
