using HnReply.Text;

namespace HnReply.Prediction;

/// <summary>
/// Suggest's order between two words: the more probable first, ties to the lower id (the more
/// frequent word). Every model that reports <see cref="ScoredPosition.WordsAboveByPrefix"/> follows it.
/// </summary>
public static class SuggestionRank
{
    /// <summary>Whether a word (<paramref name="id"/>, probability <paramref name="q"/>) ranks above the target (<paramref name="target"/>, <paramref name="p"/>).</summary>
    public static bool Above(float q, int id, float p, int target) => q > p || (q == p && id < target);

    /// <summary>How many leading characters <see cref="ScoredPosition.WordsAboveByPrefix"/> counts to before it lists the words.</summary>
    public const int PrefixDepth = 3;

    /// <summary>
    /// The words of a distribution that rank above <paramref name="target"/>: into
    /// <paramref name="byPrefix"/> (length <see cref="PrefixDepth"/> + 1), for each L how many share the
    /// target's first L characters; into <paramref name="sharingDepth"/> (cleared first) those that share
    /// its first <see cref="PrefixDepth"/>.
    /// </summary>
    public static void WordsAbove(ReadOnlySpan<float> probabilities, int target, Vocabulary vocabulary, Span<int> byPrefix, List<int> sharingDepth)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(sharingDepth);
        byPrefix.Clear();
        sharingDepth.Clear();
        float p = probabilities[target];
        var word = vocabulary.Token(target).AsSpan();
        var words = vocabulary.WordMask;
        for (int id = 0; id < probabilities.Length; id++)
        {
            if (!words[id] || !Above(probabilities[id], id, p, target)) continue;
            int shared = Math.Min(PrefixDepth, word.CommonPrefixLength(vocabulary.Token(id)));
            for (int length = 0; length <= shared; length++) byPrefix[length]++;
            if (shared == PrefixDepth) sharingDepth.Add(id);
        }
    }
}
