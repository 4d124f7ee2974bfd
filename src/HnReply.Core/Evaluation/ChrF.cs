namespace HnReply.Evaluation;

/// <summary>
/// chrF (Popović 2015, "chrF: character n-gram F-score for automatic MT evaluation"), as sacreBLEU
/// computes it by default: character n-grams of orders 1 to 6 with whitespace removed, precision and
/// recall averaged over the orders, F-β with β = 2 (recall weighs twice as much), on a 0–100 scale.
/// Sentence level: one hypothesis against one reference.
/// </summary>
public static class ChrF
{
    private const int MaxOrder = 6;
    private const double Beta = 2;

    public static double Score(string hypothesis, string reference)
    {
        string h = new(hypothesis.Where(c => !char.IsWhiteSpace(c)).ToArray());
        string r = new(reference.Where(c => !char.IsWhiteSpace(c)).ToArray());
        double precision = 0, recall = 0;
        int orders = 0;
        for (int n = 1; n <= MaxOrder; n++)
        {
            var hypothesisGrams = Counts(h, n);
            var referenceGrams = Counts(r, n);
            long hypothesisTotal = hypothesisGrams.Values.Sum(), referenceTotal = referenceGrams.Values.Sum();
            if (hypothesisTotal == 0 || referenceTotal == 0) continue;
            long matched = hypothesisGrams.Sum(g => Math.Min(g.Value, referenceGrams.GetValueOrDefault(g.Key)));
            precision += matched / (double)hypothesisTotal;
            recall += matched / (double)referenceTotal;
            orders++;
        }
        if (orders == 0) return 0;
        precision /= orders;
        recall /= orders;
        double beta2 = Beta * Beta;
        return precision + recall == 0 ? 0 : 100 * (1 + beta2) * precision * recall / (beta2 * precision + recall);
    }

    private static Dictionary<string, int> Counts(string text, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= text.Length; i++)
        {
            string gram = text.Substring(i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }
}
