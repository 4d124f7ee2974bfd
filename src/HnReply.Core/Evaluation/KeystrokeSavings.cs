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
    /// id) offers it; -1 if it is never offered. After <c>typed</c> letters the target is shown when
    /// fewer than <see cref="Shown"/> of the words above it share those letters: for the first few
    /// prefix lengths <paramref name="wordsAboveByPrefix"/> has the counts; past them, a word shares
    /// the first <c>typed</c> letters exactly when its common prefix with the target is at least that
    /// long, so the answer is one more than the third-longest common prefix among
    /// <paramref name="sharingPrefixAbove"/> (<see cref="ScoredPosition.WordsAboveByPrefix"/>).
    /// </summary>
    public static int OfferedAfter(ReadOnlySpan<int> wordsAboveByPrefix, ReadOnlySpan<int> sharingPrefixAbove, Vocabulary vocabulary, int target)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var word = vocabulary.Token(target).AsSpan();
        for (int typed = 0; typed < wordsAboveByPrefix.Length; typed++)
        {
            if (typed >= word.Length) return -1;
            if (wordsAboveByPrefix[typed] < Shown) return typed;
        }
        Span<int> longest = stackalloc int[Shown]; // the Shown longest common prefixes, longest first
        longest.Clear();
        foreach (int id in sharingPrefixAbove)
        {
            int shared = word.CommonPrefixLength(vocabulary.Token(id));
            for (int at = 0; at < Shown; at++)
            {
                if (shared <= longest[at]) continue;
                (shared, longest[at]) = (longest[at], shared);
            }
        }
        int offered = longest[Shown - 1] + 1;
        return offered < word.Length ? offered : -1;
    }
}
