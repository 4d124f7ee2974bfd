namespace HnReply.NGram;

// Next-token prediction: what KenLM does not offer. Both walk the same structure: the
// context's stored suffixes c_1 … c_L (c_j the last j words) and their continuation ranges. A word
// first stored after c_j (and not after c_(j+1)) has probability B_j · p(c_j w), where
// B_j = 10^(Σ_(i>j) backoff(c_i)); every other word falls through to the unigrams with B_0.
public sealed partial class NGramModel
{
    /// <summary>
    /// The next-token distribution after <paramref name="state"/>: probabilities[w] for every id,
    /// &lt;s&gt; and &lt;pad&gt; 0; sums to 1 over the vocabulary (up to float storage).
    /// Costs one pass over the vocabulary plus the context's stored continuations.
    /// </summary>
    public void Distribution(in NGramState state, Span<double> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probabilities.Length, VocabularySize, nameof(probabilities));
        Span<double> logScale = stackalloc double[NGramOptions.MaxOrder];
        int length = BackoffScales(state, logScale);

        double scale0 = Math.Pow(10, logScale[0]);
        for (int w = 0; w < VocabularySize; w++) probabilities[w] = scale0 * _unigramProbability[w];
        for (int j = 1; j <= length; j++)
        {
            var context = _entries[j - 1];
            int index = state.Indices[j - 1];
            var continuations = _entries[j].AsSpan(context[index].FirstChild, context[index + 1].FirstChild - context[index].FirstChild);
            foreach (ref readonly var entry in continuations)
                probabilities[entry.Word] = Math.Pow(10, logScale[j] + entry.Log10Prob);
        }
        probabilities[Bos] = 0;
        probabilities[Pad] = 0;
    }

    /// <summary>
    /// The <paramref name="k"/> most probable next tokens after <paramref name="state"/>, best first
    /// (ties by id), written to <paramref name="best"/>; returns how many were written. Never
    /// proposes &lt;s&gt; or &lt;pad&gt;, nor an id that <paramref name="allowed"/> (when given) marks false.
    /// </summary>
    /// <remarks>
    /// Walks the continuations of the longest context first. Each range is stored best first, so a
    /// walk stops as soon as B_j · p can no longer beat the k-th best found; a word also stored
    /// after a longer context is skipped, because its probability was settled up there. The
    /// unigrams are walked last in the same way, so a typical call touches a few dozen entries
    /// instead of the whole vocabulary.
    /// </remarks>
    public int TopK(in NGramState state, int k, Span<(int Id, double Probability)> best, ReadOnlySpan<bool> allowed = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(best.Length, k, nameof(best));
        if (k == 0) return 0;
        Span<double> logScale = stackalloc double[NGramOptions.MaxOrder];
        int length = BackoffScales(state, logScale);
        var heap = new MinHeap(best[..k]);
        for (int j = length; j >= 0; j--)
        {
            var longer = j < length ? _tables[j + 1] : null;
            int longerContext = j < length ? state.Indices[j] : 0;
            if (j > 0)
            {
                var context = _entries[j - 1];
                int index = state.Indices[j - 1];
                var continuations = _entries[j].AsSpan(context[index].FirstChild, context[index + 1].FirstChild - context[index].FirstChild);
                foreach (ref readonly var entry in continuations)
                {
                    if (!Offer(ref heap, entry.Word, logScale[j] + entry.Log10Prob, longer, longerContext, allowed)) break;
                }
            }
            else
            {
                var unigrams = _entries[0];
                foreach (int w in _unigramsBestFirst)
                {
                    if (!Offer(ref heap, w, logScale[0] + unigrams[w].Log10Prob, longer, longerContext, allowed)) break;
                }
            }
        }
        return heap.SortDescending();
    }

    // logScale[j] = log10 B_j for j = 0..L; returns L.
    private int BackoffScales(in NGramState state, Span<double> logScale)
    {
        int length = state.Length;
        logScale[length] = 0;
        for (int j = length - 1; j >= 0; j--)
            logScale[j] = logScale[j + 1] + _entries[j][state.Indices[j]].Log10Backoff;
        return length;
    }

    // False once nothing further in this best-first walk can enter the heap.
    private static bool Offer(ref MinHeap heap, int word, double log10, PackedKeyTable<int>? longer, int longerContext, ReadOnlySpan<bool> allowed)
    {
        double p = Math.Pow(10, log10);
        if (heap.IsFull && p <= heap.Min) return false;
        if (word is Bos or Pad || (!allowed.IsEmpty && !allowed[word])) return true;
        if (longer is not null && longer.TryGetValue(PackedKey.Of(longerContext, word), out _)) return true;
        heap.Push(word, p);
        return true;
    }
}
