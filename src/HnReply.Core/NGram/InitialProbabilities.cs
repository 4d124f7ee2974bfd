namespace HnReply.NGram;

/// <summary>
/// Stage 4, initial probabilities (lmplz's InitialProbabilities: AddRight then MergeRight). For
/// each context h of order k (all k-grams sharing their first k-1 words):
/// <code>
/// u(w | h) = (a(h w) - D_k(a(h w))) / Σ_x a(h x)                       uninterpolated probability
/// γ(h)     = (D_k1 N1(h •) + D_k2 N2(h •) + D_k3+ N3+(h •)) / Σ_x a(h x) mass left for lower orders
/// </code>
/// with a the adjusted counts. Unigrams share one context, the empty one. γ(h) becomes the backoff
/// of the (k-1)-gram h. &lt;unk&gt; and other words that never occur have u = 0 and get only the
/// mass spread by <see cref="Interpolator"/> (lmplz's default "treat &lt;unk&gt; like a zeroton").
/// </summary>
internal sealed class InitialProbabilities
{
    private InitialProbabilities(double[][] uninterpolated, double[][] gamma, double unigramGamma)
    {
        Uninterpolated = uninterpolated;
        Gamma = gamma;
        UnigramGamma = unigramGamma;
    }

    /// <summary>u of every n-gram, [order - 1][index].</summary>
    public double[][] Uninterpolated { get; }

    /// <summary>γ of every context, [order - 1][index of the context one order down], 1 where that n-gram is no context; [0] is empty (see <see cref="UnigramGamma"/>).</summary>
    public double[][] Gamma { get; }

    /// <summary>γ of the empty context: the mass the unigrams leave for the uniform distribution.</summary>
    public double UnigramGamma { get; }

    public static InitialProbabilities Compute(CountedOrder[] orders, NGramDiscount[] discounts)
    {
        var uninterpolated = new double[orders.Length][];
        var gamma = new double[orders.Length][];

        var unigrams = orders[0];
        long total = 0;
        double discounted = 0;
        for (int w = 0; w < unigrams.Length; w++)
        {
            total += unigrams.Count[w];
            discounted += discounts[0].For(unigrams.Count[w]);
        }
        // An empty corpus leaves every unigram to the uniform distribution.
        double unigramGamma = total == 0 ? 1 : discounted / total;
        uninterpolated[0] = new double[unigrams.Length];
        gamma[0] = [];
        for (int w = 0; w < unigrams.Length; w++)
        {
            long c = unigrams.Count[w];
            uninterpolated[0][w] = c == 0 ? 0 : (c - discounts[0].For(c)) / total;
        }

        for (int k = 1; k < orders.Length; k++)
        {
            var grams = orders[k];
            var discount = discounts[k];
            var denominator = new long[orders[k - 1].Length];
            var mass = new double[orders[k - 1].Length];
            for (int i = 0; i < grams.Length; i++)
            {
                denominator[grams.Prefix[i]] += grams.Count[i];
                mass[grams.Prefix[i]] += discount.For(grams.Count[i]);
            }
            var u = uninterpolated[k] = new double[grams.Length];
            for (int i = 0; i < grams.Length; i++)
            {
                long c = grams.Count[i];
                u[i] = (c - discount.For(c)) / denominator[grams.Prefix[i]];
            }
            // An n-gram that is no context keeps γ = 1: ARPA's backoff weight of "never backs off here".
            for (int h = 0; h < mass.Length; h++) mass[h] = denominator[h] > 0 ? mass[h] / denominator[h] : 1;
            gamma[k] = mass;
        }
        return new InitialProbabilities(uninterpolated, gamma, unigramGamma);
    }
}
