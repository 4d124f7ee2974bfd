using System.Collections.Concurrent;

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
/// interned as (its prefix's index, word) by an <see cref="OrderChain"/>; from order 3 on, the
/// lower orders run on the calling thread and the upper ones on a second thread, which reads the
/// token stream in chunks (counting is bound by cache misses, so two cores nearly halve it).
/// &lt;s&gt;, &lt;/s&gt; and &lt;pad&gt; inside a sentence are skipped like lmplz's --skip_symbols
/// does; &lt;unk&gt; is an ordinary word here (lmplz refuses it in the corpus).
/// </remarks>
internal static class NGramCounter
{
    private const int ProgressEvery = 1 << 20;
    private const int ChunkSize = 1 << 16;
    private const int SentenceStart = -1;

    public static CountedOrder[] Count(IEnumerable<ReadOnlyMemory<int>> sentences, int vocabularySize, int order,
                                       IProgress<NGramProgress>? progress, List<string> warnings, out long tokens)
    {
        var orders = new CountedOrder[order];
        orders[0] = new CountedOrder(1, vocabularySize);
        for (int k = 2; k <= order; k++) orders[k - 1] = new CountedOrder(k, 1 << 16);
        int split = order <= 2 ? order : 1 + order / 2;
        var lowerChain = order >= 2 ? new OrderChain(orders, 2, split) : null;
        using var upper = split < order ? new Upper(orders, split + 1, order) : null;

        var unigramCounts = orders[0].Count;
        long counted = 0, skipped = 0, sentence = 0, nextReport = ProgressEvery;
        try
        {
            foreach (var memory in sentences)
            {
                var span = memory.Span;
                lowerChain?.StartSentence();
                upper?.Add(SentenceStart, -1);
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
                    unigramCounts[word]++;
                    int top = lowerChain?.Advance(word, word) ?? -1;
                    upper?.Add(word, top);
                    counted++;
                }
                sentence++;
                if (counted >= nextReport)
                {
                    progress?.Report(new NGramProgress(NGramStage.Counting, counted));
                    nextReport = counted + ProgressEvery;
                }
            }
        }
        finally
        {
            upper?.Complete();
        }
        foreach (var grams in orders) grams.FinishCounting();
        if (skipped > 0)
            warnings.Add($"skipped {skipped:N0} <s>, </s> or <pad> tokens inside sentences (read as whitespace, like lmplz --skip_symbols)");
        tokens = counted;
        return orders;
    }

    /// <summary>The upper orders' thread: receives (word, index of the lower chain's top n-gram) per position.</summary>
    private sealed class Upper : IDisposable
    {
        private readonly BlockingCollection<(int[] Words, int[] Lower, int Count)> _full = new(boundedCapacity: 4);
        private readonly ConcurrentBag<(int[], int[])> _free = [];
        private readonly Task _worker;
        private int[] _words = new int[ChunkSize];
        private int[] _lower = new int[ChunkSize];
        private int _count;

        public Upper(CountedOrder[] orders, int low, int high)
        {
            var chain = new OrderChain(orders, low, high);
            _worker = Task.Factory.StartNew(() =>
            {
                foreach (var (words, lower, count) in _full.GetConsumingEnumerable())
                {
                    for (int i = 0; i < count; i++)
                    {
                        if (words[i] == SentenceStart) chain.StartSentence();
                        else chain.Advance(words[i], lower[i]);
                    }
                    _free.Add((words, lower));
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public void Add(int word, int lower)
        {
            _words[_count] = word;
            _lower[_count] = lower;
            if (++_count < ChunkSize) return;
            _full.Add((_words, _lower, _count));
            (_words, _lower) = _free.TryTake(out var chunk) ? chunk : (new int[ChunkSize], new int[ChunkSize]);
            _count = 0;
        }

        /// <summary>Hands over the last chunk and waits for the thread; rethrows its failure.</summary>
        public void Complete()
        {
            if (_count > 0) _full.Add((_words, _lower, _count));
            _full.CompleteAdding();
            _worker.GetAwaiter().GetResult();
        }

        public void Dispose() => _full.Dispose();
    }
}
