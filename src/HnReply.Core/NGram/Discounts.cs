namespace HnReply.NGram;

/// <summary>
/// Stage 3, discounts: D1, D2, D3+ of each order from its count-of-counts of adjusted counts,
/// Chen &amp; Goodman (1998) eq. 26: Y = n1 / (n1 + 2 n2), D_j = j - (j + 1) Y n_(j+1) / n_j.
/// Where lmplz throws BadDiscountException (some n_j = 0 for j = 1..3, or a D_j outside [0, j]),
/// the order gets <see cref="NGramOptions.FallbackDiscount"/> and a warning instead.
/// </summary>
internal static class Discounts
{
    public static NGramDiscount[] Compute(long[][] countOfCounts, NGramDiscount fallback, List<string> warnings)
    {
        var discounts = new NGramDiscount[countOfCounts.Length];
        for (int k = 0; k < countOfCounts.Length; k++)
        {
            string? problem = TryCompute(k + 1, countOfCounts[k], out discounts[k]);
            if (problem is null) continue;
            discounts[k] = fallback;
            warnings.Add($"{problem}; using fallback discounts D1={fallback.D1} D2={fallback.D2} D3+={fallback.D3Plus}");
        }
        return discounts;
    }

    /// <summary>The discounts of one order, or the reason there are none (lmplz's error text).</summary>
    public static string? TryCompute(int order, long[] n, out NGramDiscount discount)
    {
        discount = default;
        for (int j = 1; j <= 3; j++)
        {
            if (n[j] == 0)
                return $"could not calculate Kneser-Ney discounts for {order}-grams with adjusted count {j + 1} because no {order}-grams had adjusted count {j}";
        }
        double y = n[1] / (n[1] + 2.0 * n[2]);
        Span<double> d = stackalloc double[4];
        for (int j = 1; j <= 3; j++)
        {
            d[j] = j - (j + 1) * y * n[j + 1] / n[j];
            if (d[j] < 0 || d[j] > j)
                return $"{order}-gram discount out of range for adjusted count {j}: {d[j]:G6}";
        }
        discount = new NGramDiscount(d[1], d[2], d[3]);
        return null;
    }
}
