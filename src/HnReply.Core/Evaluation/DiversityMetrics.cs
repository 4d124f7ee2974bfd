namespace HnReply.Evaluation;

/// <summary>
/// Generated-reply diversity (Li et al. 2016's distinct-n: distinct n-grams / all n-grams over every
/// generated reply) and memorisation: the share of generated 8-grams that occur verbatim in training replies.
/// Replies without a single n-gram (none written, or all shorter than n) give NaN, reported as unknown, not 0.
/// </summary>
public static class DiversityMetrics
{
    public static double Distinct(IEnumerable<IReadOnlyList<string>> replies, int n)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var reply in replies)
        {
            foreach (string gram in NGrams(reply, n))
            {
                seen.Add(gram);
                total++;
            }
        }
        return total == 0 ? double.NaN : seen.Count / (double)total;
    }

    /// <summary>Builds the set of training 8-grams once; <see cref="CopyRate"/> then checks generated replies against it.</summary>
    public static HashSet<string> TrainingNGrams(IEnumerable<IReadOnlyList<string>> trainingReplies, int n = 8)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reply in trainingReplies) set.UnionWith(NGrams(reply, n));
        return set;
    }

    public static double CopyRate(IEnumerable<IReadOnlyList<string>> replies, HashSet<string> trainingNGrams, int n = 8)
    {
        long total = 0, copied = 0;
        foreach (var reply in replies)
        {
            foreach (string gram in NGrams(reply, n))
            {
                total++;
                if (trainingNGrams.Contains(gram)) copied++;
            }
        }
        return total == 0 ? double.NaN : copied / (double)total;
    }

    private static IEnumerable<string> NGrams(IReadOnlyList<string> tokens, int n)
    {
        for (int i = 0; i + n <= tokens.Count; i++) yield return string.Join('\u0001', tokens.Skip(i).Take(n));
    }
}
