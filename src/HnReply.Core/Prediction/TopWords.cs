namespace HnReply.Prediction;

/// <summary>
/// Partial selection of the most probable words in a next-token distribution: one pass keeping the
/// best k in a small sorted buffer, never a sort of the whole vocabulary. Zero probabilities are
/// never taken. Best first, ties by lower id — the order suggest shows.
/// </summary>
public static class TopWords
{
    /// <summary>The best ids among those <paramref name="words"/> allows (<see cref="Text.Vocabulary.WordMask"/>).</summary>
    /// <returns>How many ids were written to <paramref name="best"/> (at most its length).</returns>
    public static int Select(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> words, Span<int> best)
    {
        int count = 0;
        for (int id = 0; id < probabilities.Length; id++)
        {
            if (words[id]) count = Offer(probabilities, id, best, count);
        }
        return count;
    }

    /// <summary>The best ids among <paramref name="candidates"/> (any order).</summary>
    public static int Select(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> candidates, Span<int> best)
    {
        int count = 0;
        foreach (int id in candidates) count = Offer(probabilities, id, best, count);
        return count;
    }

    private static int Offer(ReadOnlySpan<float> probabilities, int id, Span<int> best, int count)
    {
        float p = probabilities[id];
        int k = best.Length;
        if (p <= 0 || k == 0 || (count == k && !Better(p, id, probabilities[best[k - 1]], best[k - 1]))) return count;
        int at = count < k ? count++ : k - 1;
        while (at > 0 && Better(p, id, probabilities[best[at - 1]], best[at - 1]))
        {
            best[at] = best[at - 1];
            at--;
        }
        best[at] = id;
        return count;
    }

    private static bool Better(float p, int id, float q, int other) => p > q || (p == q && id < other);
}
