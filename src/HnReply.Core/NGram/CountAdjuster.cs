namespace HnReply.NGram;

/// <summary>
/// Stage 2, adjust counts (Kneser-Ney's continuation counts, as lmplz's AdjustCounts): the
/// highest order keeps raw counts; a lower-order n-gram's count becomes the number of distinct
/// words seen to its left (N1+(• w), &lt;s&gt; counting as a word), except that n-grams starting
/// with &lt;s&gt; keep their raw counts, since nothing can precede &lt;s&gt;. The unigram
/// &lt;s&gt; ends with count 0, as in lmplz. Also collects the count-of-counts n1..n4 per order
/// that <see cref="Discounts"/> needs.
/// </summary>
internal static class CountAdjuster
{
    /// <summary>Rewrites each order's counts in place; returns count-of-counts, [order - 1][c] for c = 1..4.</summary>
    public static long[][] Adjust(CountedOrder[] orders)
    {
        int top = orders.Length;
        bool[]? startsWithBos = null;
        for (int k = 1; k < top; k++)
        {
            var lower = orders[k - 1];
            var higher = orders[k];
            startsWithBos = lower.StartsWithBos(startsWithBos);
            var adjusted = new long[lower.Count.Length];
            var suffix = higher.Suffix;
            for (int i = 0; i < higher.Length; i++) adjusted[suffix[i]]++;
            for (int i = 0; i < lower.Length; i++)
            {
                if (startsWithBos[i]) adjusted[i] = lower.Count[i];
            }
            lower.Count = adjusted;
        }
        orders[0].Count[KneserNeyEstimator.Bos] = 0;

        var countOfCounts = new long[top][];
        for (int k = 0; k < top; k++)
        {
            var n = countOfCounts[k] = new long[5];
            var counts = orders[k].Count;
            for (int i = 0; i < orders[k].Length; i++)
            {
                long c = counts[i];
                if (c is >= 1 and <= 4) n[c]++;
            }
        }
        return countOfCounts;
    }
}
