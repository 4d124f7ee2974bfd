using HnReply.Text;

namespace HnReply.Mixture;

/// <summary>
/// The arithmetic of a linear mixture p(w|h) = Σ λ_i p_i(w|h), shared by the token-by-token and the
/// batched paths so that both give the same numbers.
/// </summary>
internal static class MixtureMath
{
    // Candidate lists grow (doubling) up to this width before the exact top words come from the full
    // distributions instead; a KN + LSTM mixture's top 5 is usually proven with lists of 10 or 20.
    private const int MaxCandidates = 512;

    // Slack for the bound: a component's TopWords and its LogProbability may round differently.
    private const double Margin = 1e-9;

    /// <summary>log Σ λ_i exp(logp_i), computed from the largest term so that tiny probabilities keep their precision.</summary>
    public static double LogMix(ReadOnlySpan<double> logProbabilities, IReadOnlyList<double> weights)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < logProbabilities.Length; i++)
        {
            if (weights[i] > 0) max = Math.Max(max, logProbabilities[i]);
        }
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        for (int i = 0; i < logProbabilities.Length; i++)
        {
            if (weights[i] > 0) sum += weights[i] * Math.Exp(logProbabilities[i] - max);
        }
        return max + Math.Log(sum);
    }

    /// <summary>Σ λ_i p_i over the whole vocabulary, accumulated in double.</summary>
    public static void Distribution(IReadOnlyList<ComponentView> views, IReadOnlyList<double> weights, Span<float> probabilities)
    {
        var sum = new double[probabilities.Length];
        var part = new float[probabilities.Length];
        for (int i = 0; i < views.Count; i++)
        {
            if (weights[i] == 0) continue;
            views[i].Distribution(part);
            for (int w = 0; w < sum.Length; w++) sum[w] += weights[i] * part[w];
        }
        for (int w = 0; w < sum.Length; w++) probabilities[w] = (float)sum[w];
    }

    /// <summary>
    /// The exact <paramref name="k"/> best words of the mixture, best first, ties by lower id. Each
    /// component offers its best <c>width</c> words; the union is scored exactly. A word in no list has,
    /// in component i, at most the probability of the last word of i's list (or 0 when the list is
    /// shorter than asked: it holds every word i gives any probability), so its mixture probability is
    /// at most Σ λ_i p_i(last). When the k-th best candidate beats that bound, no unseen word can enter
    /// the top k; otherwise the lists double, and past <see cref="MaxCandidates"/> the full
    /// distributions decide.
    /// </summary>
    public static IReadOnlyList<(int Id, double Probability)> TopWords(IReadOnlyList<ComponentView> views, IReadOnlyList<double> weights, int k, Vocabulary vocabulary)
    {
        if (k <= 0) return [];
        for (int width = 2 * k; width <= Math.Max(MaxCandidates, 2 * k); width *= 2)
        {
            var candidates = new HashSet<int>();
            double bound = 0;
            for (int i = 0; i < views.Count; i++)
            {
                if (weights[i] == 0) continue;
                var top = views[i].TopWords(width);
                foreach (var (id, _) in top) candidates.Add(id);
                if (top.Count == width) bound += weights[i] * top[^1].Probability;
            }
            var best = Best(candidates.Select(id => (id, Mixed(views, weights, id))), k);
            if (bound == 0 || (best.Count == k && best[^1].Probability > bound * (1 + Margin))) return best;
        }
        var mixed = new float[vocabulary.Count];
        Distribution(views, weights, mixed);
        var ids = new int[k];
        int found = Prediction.TopWords.Select(mixed, vocabulary.WordMask, ids);
        return Best(ids[..found].Select(id => (id, Mixed(views, weights, id))), k);
    }

    private static double Mixed(IReadOnlyList<ComponentView> views, IReadOnlyList<double> weights, int token)
    {
        double p = 0;
        for (int i = 0; i < views.Count; i++)
        {
            if (weights[i] > 0) p += weights[i] * views[i].Probability(token);
        }
        return p;
    }

    private static List<(int Id, double Probability)> Best(IEnumerable<(int Id, double Probability)> scored, int k) =>
        scored.Where(c => c.Probability > 0).OrderByDescending(c => c.Probability).ThenBy(c => c.Id).Take(k).ToList();
}
