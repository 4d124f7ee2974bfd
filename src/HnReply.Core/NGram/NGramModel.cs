using System.Runtime.CompilerServices;

namespace HnReply.NGram;

/// <summary>
/// A back-off n-gram language model with ARPA semantics, immutable and safe to share between
/// threads: every query takes the caller's <see cref="NGramState"/> and returns the next one.
/// p(w | h) is the probability of the longest stored n-gram (h' w), h' a suffix of h, times the
/// backoff weights of the stored contexts of h longer than h'. Ids follow the tokenizer's
/// convention: 0 &lt;unk&gt;, 1 &lt;s&gt;, 2 &lt;/s&gt;, 3 &lt;pad&gt;; an id outside the vocabulary
/// is scored as &lt;unk&gt;.
/// </summary>
/// <remarks>
/// Storage (see <see cref="NGramModelBuilder"/>): per order an array of 16-byte entries grouped by
/// context, plus an exact hash from (context entry, word) to entry. A query walks from the word's
/// unigram towards longer contexts (KenLM's order), one probe per order, and stops at the first
/// miss, since every stored n-gram's suffixes are stored too. Prediction queries (distribution,
/// top-k, sampling) are in NGramModel.Prediction.cs.
/// </remarks>
public sealed partial class NGramModel
{
    internal const int Unk = 0;
    internal const int Bos = 1;
    internal const int Pad = 3;

    private static readonly double Ln10 = Math.Log(10);

    private readonly NGramEntry[][] _entries;
    private readonly PackedKeyTable<int>?[] _tables;
    private readonly double[] _unigramProbability;
    private readonly int[] _unigramsBestFirst;

    internal NGramModel(NGramEntry[][] entries, PackedKeyTable<int>?[] tables, IReadOnlyList<string> warnings, IReadOnlyList<NGramDiscount> discounts)
    {
        _entries = entries;
        _tables = tables;
        Order = entries.Length;
        VocabularySize = entries[0].Length - 1;
        Warnings = Array.AsReadOnly(warnings.ToArray());
        Discounts = Array.AsReadOnly(discounts.ToArray());
        var counts = new long[Order];
        for (int k = 0; k < Order; k++) counts[k] = entries[k].Length - 1;
        counts[0] = VocabularySize - 1; // <pad> is an id, not an n-gram
        NGramCounts = Array.AsReadOnly(counts);

        _unigramProbability = new double[VocabularySize];
        for (int w = 0; w < VocabularySize; w++)
            _unigramProbability[w] = w is Bos or Pad ? 0 : Math.Pow(10, entries[0][w].Log10Prob);
        _unigramsBestFirst = new int[VocabularySize];
        for (int w = 0; w < VocabularySize; w++) _unigramsBestFirst[w] = w;
        var keys = (double[])_unigramProbability.Clone();
        for (int w = 0; w < keys.Length; w++) keys[w] = -keys[w];
        Array.Sort(keys, _unigramsBestFirst);
    }

    public int Order { get; }

    /// <summary>Number of token ids, specials included.</summary>
    public int VocabularySize { get; }

    /// <summary>Stored n-grams per order, [0] the unigrams (as an ARPA header counts them: &lt;pad&gt; excluded).</summary>
    public IReadOnlyList<long> NGramCounts { get; }

    /// <summary>What the estimator or the ARPA reader worked around (fallback discounts, skipped tokens, …).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The discounts used per order; empty for a model read from a file.</summary>
    public IReadOnlyList<NGramDiscount> Discounts { get; }

    internal NGramEntry[][] Entries => _entries;

    internal PackedKeyTable<int>?[] Tables => _tables;

    /// <summary>The state at the start of a sentence: context &lt;s&gt;.</summary>
    public NGramState Begin()
    {
        var state = new NGramState();
        state.Words[0] = Bos;
        state.Indices[0] = Bos;
        state.Length = Order > 1 && Extends(0, Bos) ? 1 : 0;
        return state;
    }

    /// <summary>Natural-log probability of <paramref name="word"/> after <paramref name="state"/>; <paramref name="next"/> is the state after it.</summary>
    public double Score(in NGramState state, int word, out NGramState next)
    {
        if ((uint)word >= (uint)VocabularySize) word = Unk;
        var entries = _entries;
        // Built aside and assigned last: callers may pass the same variable as state and next.
        var after = default(NGramState);
        after.Words[0] = word;
        after.Indices[0] = word;
        double log10 = entries[0][word].Log10Prob;
        int length = state.Length;
        int matched = 0;
        for (int i = 1; i <= length; i++)
        {
            if (!_tables[i]!.TryGetValue(PackedKey.Of(state.Indices[i - 1], word), out int index)) break;
            log10 = entries[i][index].Log10Prob;
            matched = i;
            if (i < Order - 1) after.Indices[i] = index;
        }
        for (int i = matched + 1; i <= length; i++)
            log10 += entries[i - 1][state.Indices[i - 1]].Log10Backoff;

        int nextLength = 0;
        int limit = Math.Min(matched + 1, Order - 1);
        while (nextLength < limit && Extends(nextLength, after.Indices[nextLength])) nextLength++;
        for (int j = 1; j < nextLength; j++) after.Words[j] = state.Words[j - 1];
        after.Length = nextLength;
        next = after;
        return log10 * Ln10;
    }

    /// <summary>Natural-log probability of a sentence: its tokens after &lt;s&gt;, then &lt;/s&gt;.</summary>
    public double ScoreSentence(ReadOnlySpan<int> tokens)
    {
        var state = Begin();
        double total = 0;
        foreach (int token in tokens)
        {
            total += Score(state, token, out var next);
            state = next;
        }
        return total + Score(state, KneserNeyEstimator.Eos, out _);
    }

    /// <summary>Perplexity of held-out sentences (see <see cref="PerplexityResult"/> for what is counted).</summary>
    public PerplexityResult Perplexity(IEnumerable<ReadOnlyMemory<int>> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        long count = 0, tokens = 0, oov = 0;
        double total = 0, oovTotal = 0;
        foreach (var sentence in sentences)
        {
            var state = Begin();
            foreach (int token in sentence.Span)
            {
                double score = Score(state, token, out var next);
                total += score;
                if ((uint)token >= (uint)VocabularySize || token == Unk)
                {
                    oov++;
                    oovTotal += score;
                }
                state = next;
            }
            total += Score(state, KneserNeyEstimator.Eos, out _);
            tokens += sentence.Length + 1;
            count++;
        }
        return new PerplexityResult(count, tokens, oov, total, oovTotal);
    }

    // Whether a state must keep this n-gram as context: it has continuations, or a backoff that a
    // later word pays (a file may give one to an n-gram without continuations; KenLM keeps those too).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Extends(int order, int index)
    {
        var level = _entries[order];
        return level[index + 1].FirstChild > level[index].FirstChild || level[index].Log10Backoff != 0;
    }
}
