namespace HnReply.Evaluation;

/// <summary>Recall@1 and mean reciprocal rank over 0-based ranks of the true answer among candidates.</summary>
public static class RankingMetrics
{
    public static double RecallAt1(IReadOnlyCollection<int> ranks) => ranks.Count == 0 ? double.NaN : ranks.Count(r => r == 0) / (double)ranks.Count;

    /// <summary>Share of ranks below <paramref name="k"/>: the true answer among the first k.</summary>
    public static double RecallAt(IReadOnlyCollection<int> ranks, int k) => ranks.Count == 0 ? double.NaN : ranks.Count(r => r < k) / (double)ranks.Count;

    public static double MeanReciprocalRank(IReadOnlyCollection<int> ranks) => ranks.Count == 0 ? double.NaN : ranks.Average(r => 1.0 / (r + 1));

    /// <summary>
    /// 0-based rank of candidate 0 (the true one) by score, counting ties against it, so a model that
    /// gives every candidate the same score is not credited with a hit.
    /// </summary>
    public static int RankOfFirst(IReadOnlyList<double> scores) => scores.Skip(1).Count(s => s >= scores[0]);
}
