using System.Runtime.CompilerServices;
using HnReply.Text;

namespace HnReply.Prediction;

/// <summary>
/// The vocabulary sorted by ordinal string order, so the words that start with a typed prefix are
/// one binary-searched range. Built once per vocabulary and shared (read-only) by every session.
/// Special and markup tokens (&lt;unk&gt;, &lt;p&gt;, &lt;code&gt;, ...) are never offered.
/// </summary>
internal sealed class PrefixIndex
{
    private static readonly ConditionalWeakTable<Vocabulary, PrefixIndex> Cache = [];
    private readonly (string Token, int Id)[] _sorted;

    private PrefixIndex(Vocabulary vocabulary)
    {
        _sorted = Enumerable.Range(0, vocabulary.Count)
            .Where(id => IsOffered(vocabulary.Token(id)))
            .Select(id => (vocabulary.Token(id), id))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)
            .ToArray();
    }

    public static PrefixIndex For(Vocabulary vocabulary) => Cache.GetValue(vocabulary, v => new PrefixIndex(v));

    public static bool IsOffered(string token) => token.Length > 0 && !(token.Length > 2 && token[0] == '<' && token[^1] == '>');

    /// <summary>Ids of offered tokens that start with <paramref name="prefix"/>.</summary>
    public IEnumerable<int> WithPrefix(string prefix)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_sorted[mid].Token, prefix) < 0) lo = mid + 1;
            else hi = mid;
        }
        for (int i = lo; i < _sorted.Length && _sorted[i].Token.StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return _sorted[i].Id;
    }
}
