using HnReply.Prediction;
using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// The ids first … first + width − 1 (a softmax's block of columns) sorted by their first
/// <see cref="SuggestionRank.PrefixDepth"/> characters, ordinal, ties by id. Sorted so, the tokens that
/// share any token's first L characters are one run of columns for every L, so "how many words above
/// the target share its first L characters" is a difference of two running counts
/// (<see cref="AdaptiveSoftmax.Above"/>) rather than a comparison per column.
/// </summary>
internal sealed class PrefixOrder : IDisposable
{
    public PrefixOrder(Vocabulary vocabulary, int first, int width, Device device)
    {
        const int depth = SuggestionRank.PrefixDepth;
        string Key(int id) => vocabulary.Token(id) is var token && token.Length > depth ? token[..depth] : vocabulary.Token(id);
        int[] sorted = [.. Enumerable.Range(first, width).OrderBy(Key, StringComparer.Ordinal).ThenBy(id => id)];

        // Per L, the run [start, end) of sorted positions whose tokens have these first L characters.
        var runs = new Dictionary<string, (long Start, long End)>[depth];
        for (int length = 1; length <= depth; length++)
        {
            var level = runs[length - 1] = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            for (int at = 0; at < sorted.Length; at++)
            {
                string token = vocabulary.Token(sorted[at]);
                if (token.Length < length) continue;
                string prefix = token[..length];
                level[prefix] = level.TryGetValue(prefix, out var run) ? (run.Start, at + 1L) : (at, at + 1L);
            }
        }
        var starts = new long[depth, vocabulary.Count];
        var ends = new long[depth, vocabulary.Count];
        for (int id = 0; id < vocabulary.Count; id++)
        {
            string token = vocabulary.Token(id);
            for (int length = 1; length <= depth && length <= token.Length; length++)
                if (runs[length - 1].TryGetValue(token[..length], out var run)) (starts[length - 1, id], ends[length - 1, id]) = run;
        }
        bool[] isWord = vocabulary.WordMask.ToArray();
        Columns = tensor(sorted.Select(id => (long)(id - first)).ToArray()).to(device);
        Ids = tensor(sorted.Select(id => (long)id).ToArray()).to(device);
        Words = tensor(sorted.Select(id => isWord[id]).ToArray()).to(device);
        Starts = tensor(starts).to(device);
        Ends = tensor(ends).to(device);
        LongestRun = Math.Max(1, runs[depth - 1].Values.Select(r => (int)(r.End - r.Start)).DefaultIfEmpty(1).Max());
    }

    /// <summary>long [width]: the block's columns in sorted order.</summary>
    public Tensor Columns { get; }

    /// <summary>long [width]: the ids at the sorted positions.</summary>
    public Tensor Ids { get; }

    /// <summary>bool [width]: whether each sorted position holds a word.</summary>
    public Tensor Words { get; }

    /// <summary>long [depth, V]: for any id (in this block or not) and L − 1, where the run of tokens sharing its first L characters starts (start = end: no run, or a token shorter than L).</summary>
    public Tensor Starts { get; }

    /// <summary>long [depth, V]: where that run ends (exclusive).</summary>
    public Tensor Ends { get; }

    /// <summary>The longest run of tokens sharing their first <see cref="SuggestionRank.PrefixDepth"/> characters.</summary>
    public int LongestRun { get; }

    public void Dispose()
    {
        foreach (var part in new[] { Columns, Ids, Words, Starts, Ends }) part.Dispose();
    }
}
