namespace HnReply.Prediction;

/// <summary>
/// Picks a token from a next-token distribution: repetition penalty, then temperature, then top-k,
/// then top-p, then a draw from what is left (or the arg-max at temperature 0). Deterministic for a
/// seeded <see cref="Random"/>; ties go to the lower id.
/// </summary>
public static class TokenSampler
{
    public static int Sample(ReadOnlySpan<float> probabilities, SamplingOptions options, Random random, IReadOnlySet<int>? produced = null)
    {
        var p = new double[probabilities.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = probabilities[i];
            if (produced is not null && options.RepetitionPenalty > 1 && produced.Contains(i)) p[i] /= options.RepetitionPenalty;
        }
        if (options.Temperature == 0) return ArgMax(p);

        double inverse = 1 / options.Temperature;
        for (int i = 0; i < p.Length; i++) p[i] = p[i] > 0 ? Math.Pow(p[i], inverse) : 0;

        int[] order = Enumerable.Range(0, p.Length).Where(i => p[i] > 0).OrderByDescending(i => p[i]).ThenBy(i => i).ToArray();
        if (order.Length == 0) return ArgMax(probabilities.ToArray().Select(v => (double)v).ToArray());
        int keep = options.TopK > 0 ? Math.Min(options.TopK, order.Length) : order.Length;
        double total = 0;
        for (int i = 0; i < keep; i++) total += p[order[i]];
        if (options.TopP < 1)
        {
            double mass = 0;
            for (int i = 0; i < keep; i++)
            {
                mass += p[order[i]] / total;
                if (mass >= options.TopP) { keep = i + 1; break; }
            }
            total = 0;
            for (int i = 0; i < keep; i++) total += p[order[i]];
        }
        double draw = random.NextDouble() * total;
        for (int i = 0; i < keep; i++)
        {
            draw -= p[order[i]];
            if (draw < 0) return order[i];
        }
        return order[keep - 1];
    }

    private static int ArgMax(double[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return best;
    }
}
