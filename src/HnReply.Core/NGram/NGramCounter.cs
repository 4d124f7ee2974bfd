namespace HnReply.NGram;

/// <summary>
/// Stage 1, count: every n-gram of orders 1..N in the corpus, each sentence read as
/// <c>&lt;s&gt; w1 … wn &lt;/s&gt;</c>, with raw counts.
/// </summary>
/// <remarks>
/// lmplz pads each sentence with N-1 copies of &lt;s&gt;, counts only N-grams, and derives lower
/// orders from their suffixes; n-grams with &lt;s&gt; anywhere but first are dropped on the way
/// (CollapseStream, AdjustCounts). Counting every order directly from a single &lt;s&gt; yields
/// exactly the n-grams that survive that, so the padded ones are never made. Each n-gram is
/// interned as (its prefix's index, word): the n-gram of order k ending at position i extends the
/// (k-1)-gram ending at i-1, so a token costs N-1 hash probes and no n-gram is stored as a string
/// of words. &lt;s&gt;, &lt;/s&gt; and &lt;pad&gt; inside a sentence are skipped like lmplz's
/// --skip_symbols does; &lt;unk&gt; is an ordinary word here (lmplz refuses it in the corpus).
/// </remarks>
internal static class NGramCounter
{
    private const int ProgressEvery = 1 << 20;

    public static CountedOrder[] Count(IEnumerable<ReadOnlyMemory<int>> sentences, int vocabularySize, int order,
                                       IProgress<NGramProgress>? progress, List<string> warnings, out long tokens)
    {
        var orders = new CountedOrder[order];
        orders[0] = new CountedOrder(1, vocabularySize);
        for (int k = 2; k <= order; k++) orders[k - 1] = new CountedOrder(k, 1 << 16);

        var unigramCounts = orders[0].Count;
        Span<int> previous = stackalloc int[order];
        Span<int> current = stackalloc int[order];
        long counted = 0, skipped = 0, sentence = 0, nextReport = ProgressEvery;
        foreach (var memory in sentences)
        {
            var span = memory.Span;
            previous[0] = KneserNeyEstimator.Bos;
            int valid = 1;
            for (int t = 0; t <= span.Length; t++)
            {
                int word = t < span.Length ? span[t] : KneserNeyEstimator.Eos;
                if (t < span.Length)
                {
                    if ((uint)word >= (uint)vocabularySize)
                        throw new ArgumentOutOfRangeException(nameof(sentences), $"sentence {sentence}: token id {word} is outside the vocabulary of {vocabularySize}");
                    if (word is KneserNeyEstimator.Bos or KneserNeyEstimator.Eos or KneserNeyEstimator.Pad)
                    {
                        skipped++;
                        continue;
                    }
                }
                current[0] = word;
                unigramCounts[word]++;
                int length = Math.Min(order, valid + 1);
                for (int k = 2; k <= length; k++)
                    current[k - 1] = orders[k - 1].Add(previous[k - 2], word, current[k - 2]);
                var swap = previous;
                previous = current;
                current = swap;
                valid = length;
                counted++;
            }
            sentence++;
            if (counted >= nextReport)
            {
                progress?.Report(new NGramProgress(NGramStage.Counting, counted));
                nextReport = counted + ProgressEvery;
            }
        }
        foreach (var grams in orders) grams.FinishCounting();
        if (skipped > 0)
            warnings.Add($"skipped {skipped:N0} <s>, </s> or <pad> tokens inside sentences (read as whitespace, like lmplz --skip_symbols)");
        tokens = counted;
        return orders;
    }
}
