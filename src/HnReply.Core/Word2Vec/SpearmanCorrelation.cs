namespace HnReply.Word2Vec;

/// <summary>Spearman's ρ: the Pearson correlation of ranks, ties sharing their mean rank.</summary>
public static class SpearmanCorrelation
{
    /// <summary>ρ of two equally long series; NaN with fewer than two values or when a series is constant.</summary>
    public static double Rho(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"series of different lengths ({x.Count} and {y.Count})");
        if (x.Count < 2) return double.NaN;
        return Pearson(Ranks(x), Ranks(y));
    }

    internal static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double mean = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) ranks[order[i]] = mean;
            start = end + 1;
        }
        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }
}
