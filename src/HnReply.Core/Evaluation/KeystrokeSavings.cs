namespace HnReply.Evaluation;

/// <summary>
/// Keystroke savings of predictive text: a user types a word letter by letter and accepts it as
/// soon as it shows among the top-3 suggestions (one keystroke to accept). The saving is the share
/// of characters not typed: (characters − keystrokes) / characters, summed over words, where a word
/// never suggested costs its full length and an accepted one costs the letters typed plus one.
/// Spaces between words are typed and counted as characters either way.
/// </summary>
public sealed class KeystrokeSavings
{
    public long Characters { get; private set; }
    public long Keystrokes { get; private set; }

    /// <param name="word">The word the user means.</param>
    /// <param name="suggestionsFor">Top-3 words offered after typing the given prefix of the word ("" = before the first letter).</param>
    public void AddWord(string word, Func<string, IReadOnlyList<string>> suggestionsFor)
    {
        int cost = word.Length;
        for (int typed = 0; typed < word.Length; typed++)
        {
            if (suggestionsFor(word[..typed]).Contains(word, StringComparer.Ordinal))
            {
                cost = typed + 1;
                break;
            }
        }
        Characters += word.Length + 1;
        Keystrokes += Math.Min(cost, word.Length) + 1;
    }

    public double Savings => Characters == 0 ? 0 : (Characters - Keystrokes) / (double)Characters;
}
