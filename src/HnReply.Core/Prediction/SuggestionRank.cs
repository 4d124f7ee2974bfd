using HnReply.Text;

namespace HnReply.Prediction;

/// <summary>
/// Suggest's order between two words: the more probable first, ties to the lower id (the more
/// frequent word). Every model that reports <see cref="ScoredPosition.WordsAbove"/> follows it.
/// </summary>
public static class SuggestionRank
{
    /// <summary>Whether a word (<paramref name="id"/>, probability <paramref name="q"/>) ranks above the target (<paramref name="target"/>, <paramref name="p"/>).</summary>
    public static bool Above(float q, int id, float p, int target) => q > p || (q == p && id < target);

    /// <summary>Writes into <paramref name="above"/> (cleared first) the words of a distribution that rank above <paramref name="target"/>.</summary>
    public static void WordsAbove(ReadOnlySpan<float> probabilities, int target, Vocabulary vocabulary, List<int> above)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(above);
        above.Clear();
        float p = probabilities[target];
        var words = vocabulary.WordMask;
        for (int id = 0; id < probabilities.Length; id++)
        {
            if (words[id] && Above(probabilities[id], id, p, target)) above.Add(id);
        }
    }
}
