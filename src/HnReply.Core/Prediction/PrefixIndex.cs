using System.Runtime.CompilerServices;
using HnReply.Text;

namespace HnReply.Prediction;

/// <summary>
/// The vocabulary sorted by ordinal string order, so the words that start with a typed prefix are
/// one binary-searched range. Built once per vocabulary and shared (read-only) by every session.
/// Only words are offered (<see cref="Vocabulary.IsWord"/>): no markup, specials or punctuation.
/// </summary>
internal sealed class PrefixIndex
{
    private static readonly ConditionalWeakTable<Vocabulary, PrefixIndex> Cache = [];
    private readonly (string Token, int Id)[] _sorted;

    private PrefixIndex(Vocabulary vocabulary)
    {
        _sorted = Enumerable.Range(0, vocabulary.Count)
            .Where(vocabulary.IsWord)
            .Select(id => (vocabulary.Token(id), id))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)
            .ToArray();
    }

    public static PrefixIndex For(Vocabulary vocabulary) => Cache.GetValue(vocabulary, v => new PrefixIndex(v));

    /// <summary>Ids of offered tokens that start with <paramref name="prefix"/>.</summary>
    public int[] WithPrefix(string prefix)
    {
        var range = Range(prefix);
        var ids = new int[range.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = range[i].Id;
        return ids;
    }

    /// <summary>The offered tokens that start with <paramref name="prefix"/>, in ordinal order.</summary>
    public ReadOnlySpan<(string Token, int Id)> Range(ReadOnlySpan<char> prefix)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sorted[mid].Token.AsSpan().SequenceCompareTo(prefix) < 0) lo = mid + 1;
            else hi = mid;
        }
        int end = lo;
        while (end < _sorted.Length && _sorted[end].Token.AsSpan().StartsWith(prefix, StringComparison.Ordinal)) end++;
        return _sorted.AsSpan(lo, end - lo);
    }
}
