using HnReply.Prediction;
using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// A vocabulary as the words-above search reads it on the device: which ids are words
/// (<see cref="Vocabulary.WordMask"/>) and, for each L up to <see cref="SuggestionRank.PrefixDepth"/>,
/// an id of each token's first L characters — equal for two tokens exactly when they share those L
/// characters (a token shorter than L gets an id of its own) — so "shares the target's first L
/// characters" is one comparison.
/// </summary>
internal sealed class WordPrefixes : IDisposable
{
    public WordPrefixes(Vocabulary vocabulary, Device device)
    {
        Words = tensor(vocabulary.WordMask.ToArray()).to(device);
        var ids = new long[SuggestionRank.PrefixDepth, vocabulary.Count];
        for (int length = 1; length <= SuggestionRank.PrefixDepth; length++)
        {
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            for (int id = 0; id < vocabulary.Count; id++)
            {
                string token = vocabulary.Token(id);
                if (token.Length < length)
                {
                    ids[length - 1, id] = -1L - id;
                    continue;
                }
                string prefix = token[..length];
                if (!seen.TryGetValue(prefix, out long known)) seen[prefix] = known = seen.Count;
                ids[length - 1, id] = known;
            }
        }
        Prefixes = tensor(ids).to(device);
    }

    /// <summary>bool [V]: whether each id is a word.</summary>
    public Tensor Words { get; }

    /// <summary>long [<see cref="SuggestionRank.PrefixDepth"/>, V]: row L − 1 holds the ids of the tokens' first L characters.</summary>
    public Tensor Prefixes { get; }

    public void Dispose()
    {
        Words.Dispose();
        Prefixes.Dispose();
    }
}
