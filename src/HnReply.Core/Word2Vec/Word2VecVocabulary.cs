using System.Globalization;
using System.Text;

namespace HnReply.Word2Vec;

/// <summary>
/// The words a model knows, in the C tool's order: <see cref="WhitespaceWordReader.EndOfSentence"/>
/// first (always kept), then by count, most frequent first, ties in order of first appearance (glibc's
/// qsort is a stable merge sort, so that is what the C tool does too). Words seen fewer than
/// min-count times are gone. Immutable.
/// </summary>
public sealed class Word2VecVocabulary
{
    private readonly string[] words;
    private readonly long[] counts;
    private readonly Dictionary<string, int> index;

    private Word2VecVocabulary(string[] words, long[] counts)
    {
        this.words = words;
        this.counts = counts;
        index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) index.TryAdd(words[i], i);
        TotalCount = counts.Sum();
    }

    public IReadOnlyList<string> Words => words;

    public IReadOnlyList<long> Counts => counts;

    public int Count => words.Length;

    /// <summary>Occurrences of all kept words, <c>&lt;/s&gt;</c> included: the C tool's <c>train_words</c>.</summary>
    public long TotalCount { get; }

    /// <summary>The word's index, or -1.</summary>
    public int IndexOf(string word) => index.GetValueOrDefault(word, -1);

    /// <summary>
    /// Sorts and prunes raw counts (indexed by first appearance, <c>&lt;/s&gt;</c> at 0) and returns, for
    /// each raw index, the new index or -1 when the word was dropped.
    /// </summary>
    internal static (Word2VecVocabulary Vocabulary, int[] Remap) Build(IReadOnlyList<string> rawWords, IReadOnlyList<long> rawCounts, int minCount)
    {
        var order = Enumerable.Range(1, rawWords.Count - 1)
            .Where(i => rawCounts[i] >= minCount)
            .OrderByDescending(i => rawCounts[i]) // LINQ's sort is stable: ties keep first-appearance order
            .Prepend(0)
            .ToArray();
        var remap = new int[rawWords.Count];
        Array.Fill(remap, -1);
        for (int i = 0; i < order.Length; i++) remap[order[i]] = i;
        var vocabulary = new Word2VecVocabulary(order.Select(i => rawWords[i]).ToArray(), order.Select(i => rawCounts[i]).ToArray());
        return (vocabulary, remap);
    }

    /// <summary>Writes <c>word&lt;TAB&gt;count</c> lines, in vocabulary order.</summary>
    public void WriteTsv(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (int i = 0; i < words.Length; i++)
        {
            writer.Write(words[i]);
            writer.Write('\t');
            writer.Write(counts[i].ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }
}
