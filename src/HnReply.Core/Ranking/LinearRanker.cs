using System.Globalization;

namespace HnReply.Ranking;

/// <summary>
/// A linear scorer of candidates: Σ w·(x − mean)/scale over named features. <see cref="Fit"/> learns the
/// weights as a conditional logit (McFadden 1973; the softmax ranking loss of learning to rank):
/// in each group of candidates the first is the right one, and the weights maximise its mean log
/// softmax probability within its group, with an L2 penalty, by Newton's method (the loss is convex,
/// so the optimum is unique and the fit deterministic). Features are standardised over all candidates
/// first, so the penalty treats them alike and the weights say how much each one counts.
/// </summary>
public sealed record LinearRanker(IReadOnlyList<string> Features, IReadOnlyList<double> Means, IReadOnlyList<double> Scales, IReadOnlyList<double> Weights)
{
    public double Score(IReadOnlyList<double> features)
    {
        if (features.Count != Weights.Count)
            throw new ArgumentException($"the ranker takes {Weights.Count} features ({string.Join(", ", Features)}), got {features.Count}", nameof(features));
        double score = 0;
        for (int k = 0; k < Weights.Count; k++) score += Weights[k] * (features[k] - Means[k]) / Scales[k];
        return score;
    }

    /// <param name="groups">Per group, one feature row per candidate; the first candidate is the right one.</param>
    /// <param name="penalty">The L2 penalty on the standardised weights, per group (λ/2·|w|²).</param>
    public static LinearRankerFit Fit(IReadOnlyList<string> features, IReadOnlyList<double[][]> groups, double penalty = 0.01, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(groups);
        if (penalty < 0 || !double.IsFinite(penalty)) throw new ArgumentOutOfRangeException(nameof(penalty), penalty, "the penalty must be 0 or more");
        int n = features.Count;
        if (n == 0) throw new ArgumentException("a ranker needs at least one feature", nameof(features));
        if (groups.Count == 0) throw new ArgumentException("no groups to fit the ranker on", nameof(groups));
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups[g].Length < 2) throw new ArgumentException($"group {g}: {groups[g].Length} candidate(s); ranking needs the right one and at least one other", nameof(groups));
            foreach (var row in groups[g])
            {
                if (row.Length != n) throw new ArgumentException($"group {g}: a row of {row.Length} features where the ranker has {n}", nameof(groups));
                for (int k = 0; k < n; k++)
                    if (!double.IsFinite(row[k])) throw new ArgumentException($"group {g}: feature {features[k]} is {row[k].ToString(CultureInfo.InvariantCulture)}", nameof(groups));
            }
        }
        var (means, scales) = Standardisation(groups, n);
        var x = groups.Select(g => g.Select(row => Enumerable.Range(0, n).Select(k => (row[k] - means[k]) / scales[k]).ToArray()).ToArray()).ToArray();

        var w = new double[n];
        double loss = Loss(x, w, penalty, null, null);
        int iteration = 0;
        bool converged = false;
        while (iteration < maxIterations)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            Loss(x, w, penalty, gradient, hessian);
            if (gradient.Max(Math.Abs) < 1e-9)
            {
                converged = true;
                break;
            }
            var step = Solve(hessian, gradient);
            iteration++;
            // Newton's step, halved until the loss falls (it nearly always does at once).
            double size = 1;
            double[] next;
            double nextLoss;
            do
            {
                next = w.Select((v, k) => v - size * step[k]).ToArray();
                nextLoss = Loss(x, next, penalty, null, null);
                size /= 2;
            }
            while (nextLoss > loss && size > 1e-10);
            if (nextLoss > loss) break;
            bool settled = loss - nextLoss < 1e-12;
            w = next;
            loss = nextLoss;
            if (settled)
            {
                converged = true;
                break;
            }
        }
        var ranker = new LinearRanker([.. features], means, scales, w);
        double logLikelihood = -(loss - penalty / 2 * w.Sum(v => v * v));
        return new LinearRankerFit(ranker, groups.Count, logLikelihood, iteration, converged);
    }

    private static (double[] Means, double[] Scales) Standardisation(IReadOnlyList<double[][]> groups, int n)
    {
        var rows = groups.SelectMany(g => g).ToList();
        var means = Enumerable.Range(0, n).Select(k => rows.Average(r => r[k])).ToArray();
        var scales = Enumerable.Range(0, n).Select(k =>
        {
            double sd = Math.Sqrt(rows.Average(r => (r[k] - means[k]) * (r[k] - means[k])));
            return sd > 1e-12 ? sd : 1;
        }).ToArray();
        return (means, scales);
    }

    // Mean over groups of −log softmax(right one) plus λ/2·|w|²; with gradient and hessian given, also those.
    private static double Loss(double[][][] groups, double[] w, double penalty, double[]? gradient, double[,]? hessian)
    {
        int n = w.Length;
        double total = 0;
        var expected = new double[n];
        foreach (var group in groups)
        {
            var scores = group.Select(row => row.Select((v, k) => v * w[k]).Sum()).ToArray();
            double max = scores.Max();
            double sum = scores.Sum(s => Math.Exp(s - max));
            total += max + Math.Log(sum) - scores[0];
            if (gradient is null || hessian is null) continue;
            Array.Clear(expected);
            for (int j = 0; j < group.Length; j++)
            {
                double p = Math.Exp(scores[j] - max) / sum;
                for (int a = 0; a < n; a++)
                {
                    expected[a] += p * group[j][a];
                    for (int b = 0; b < n; b++) hessian[a, b] += p * group[j][a] * group[j][b] / groups.Length;
                }
            }
            for (int a = 0; a < n; a++)
            {
                gradient[a] += (expected[a] - group[0][a]) / groups.Length;
                for (int b = 0; b < n; b++) hessian[a, b] -= expected[a] * expected[b] / groups.Length;
            }
        }
        if (gradient is not null && hessian is not null)
        {
            for (int a = 0; a < n; a++)
            {
                gradient[a] += penalty * w[a];
                hessian[a, a] += penalty;
            }
        }
        return total / groups.Length + penalty / 2 * w.Sum(v => v * v);
    }

    // Gaussian elimination with partial pivoting; the hessian is positive definite when the penalty is positive.
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        int n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            if (Math.Abs(a[pivot, col]) < 1e-15) throw new InvalidOperationException("the features are linearly dependent on these groups; give the ranker a penalty above 0");
            for (int k = 0; k < n; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int k = col; k < n; k++) a[r, k] -= f * a[col, k];
                b[r] -= f * b[col];
            }
        }
        var result = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r, k] * result[k];
            result[r] = s / a[r, r];
        }
        return result;
    }
}

/// <summary>A fitted <see cref="LinearRanker"/> and how the fit went: the mean log-probability of the right candidates (penalty excluded).</summary>
public sealed record LinearRankerFit(LinearRanker Ranker, int Groups, double MeanLogLikelihood, int Iterations, bool Converged);
