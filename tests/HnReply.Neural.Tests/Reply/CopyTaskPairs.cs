using HnReply.Corpus;

namespace HnReply.Neural.Tests.Reply;

/// <summary>
/// Synthetic pairs whose reply depends on the parent alone: the parent is three words "aN", the
/// reply the same three as "bN". Without the parent a reply word is one of eight (perplexity about
/// 5); with attention to the parent it is certain. Whitespace-tokenized.
/// </summary>
internal static class CopyTaskPairs
{
    public static List<ReplyPair> Create(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            int[] words = Enumerable.Range(0, 3).Select(_ => random.Next(8)).ToArray();
            return new ReplyPair(seed * 10_000 + i + 1, 0, 0, Split.Train, "", string.Join(' ', words.Select(w => $"a{w}")), Expected(words));
        }).ToList();
    }

    public static string Expected(IEnumerable<int> words) => string.Join(' ', words.Select(w => $"b{w}"));
}
