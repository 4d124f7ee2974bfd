using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Evaluation;

/// <summary>
/// Keystroke savings of predictive text: a user types a word letter by letter and accepts it as
/// soon as it shows among the top-3 suggested words for what has been typed (one keystroke to
/// accept). The saving is the share of characters not typed: (characters − keystrokes) /
/// characters, summed over words, where a word never suggested costs its full length and an
/// accepted one costs the letters typed plus one. Spaces between words are typed and counted as
/// characters either way.
/// </summary>
public sealed class KeystrokeSavings
{
    public const int Shown = 3;

    public long Characters { get; private set; }
    public long Keystrokes { get; private set; }

    /// <param name="length">Characters of the word the user means.</param>
    /// <param name="offeredAfter">Letters typed before the word is among the suggestions, or -1 if it never is.</param>
    public void AddWord(int length, int offeredAfter)
    {
        int cost = offeredAfter >= 0 && offeredAfter < length ? offeredAfter + 1 : length;
        Characters += length + 1;
        Keystrokes += cost + 1;
    }

    public double Savings => Characters == 0 ? 0 : (Characters - Keystrokes) / (double)Characters;

    /// <summary>
    /// How many letters of word <paramref name="target"/> a user types before suggest (which shows
    /// the <see cref="Shown"/> most probable words that start with the typed letters, ties by lower
    /// id) offers it; -1 if it is never offered. For each prefix it counts the words above the target
    /// among those that share it — the prefix's range of the sorted vocabulary
    /// (<see cref="PrefixIndex"/>), the whole vocabulary before any letter — and stops counting at
    /// <see cref="Shown"/>: a few hundred words per position rather than every word.
    /// </summary>
    public static int OfferedAfter(ReadOnlySpan<float> probabilities, Vocabulary vocabulary, int target)
    {
        string word = vocabulary.Token(target);
        float p = probabilities[target];
        if (!(p > 0)) return -1;
        var words = vocabulary.WordMask;
        int above = 0;
        for (int id = 0; id < probabilities.Length && above < Shown; id++) // most frequent first: three above are found soonest
        {
            if (words[id] && Above(probabilities[id], id, p, target)) above++;
        }
        if (above < Shown) return 0;
        var index = PrefixIndex.For(vocabulary);
        for (int typed = 1; typed < word.Length; typed++)
        {
            above = 0;
            foreach (var (_, id) in index.Range(word.AsSpan(0, typed)))
            {
                if (Above(probabilities[id], id, p, target) && ++above == Shown) break;
            }
            if (above < Shown) return typed;
        }
        return -1;
    }

    // Ranks above the target in suggest's order: more probable, or as probable with a lower id.
    private static bool Above(float q, int id, float p, int target) => q > p || (q == p && id < target);
}
