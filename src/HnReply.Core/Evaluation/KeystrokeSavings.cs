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
    /// id) offers it; -1 if it is never offered. One pass over the vocabulary: every word that ranks
    /// above the target pushes it down for each prefix the two share.
    /// </summary>
    public static int OfferedAfter(ReadOnlySpan<float> probabilities, Vocabulary vocabulary, int target)
    {
        string word = vocabulary.Token(target);
        float p = probabilities[target];
        if (!(p > 0)) return -1;
        Span<int> above = word.Length <= 256 ? stackalloc int[word.Length] : new int[word.Length];
        above.Clear();
        var words = vocabulary.WordMask;
        for (int id = 0; id < probabilities.Length; id++)
        {
            float q = probabilities[id];
            if (!(q > p || (q == p && id < target)) || !words[id]) continue;
            string other = vocabulary.Token(id);
            int shared = 0, limit = Math.Min(other.Length, word.Length - 1);
            while (shared < limit && other[shared] == word[shared]) shared++;
            for (int typed = 0; typed <= shared; typed++) above[typed]++;
        }
        for (int typed = 0; typed < word.Length; typed++)
        {
            if (above[typed] < Shown) return typed;
        }
        return -1;
    }
}
