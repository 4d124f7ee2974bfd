namespace HnReply.NGram;

/// <summary>
/// Lays out finished n-grams as <see cref="NGramModel"/> stores them: per order an array of
/// <see cref="NGramEntry"/> grouped by context and sorted by probability within it (so a context's
/// continuations are one contiguous, best-first range), plus a <see cref="PackedKeyTable{TValue}"/> from
/// (context entry, word) to entry. Shared by the estimator and <see cref="ArpaReader"/>.
/// </summary>
internal static class NGramModelBuilder
{
    public static NGramModel Build(ModelOrder[] orders, IReadOnlyList<string> warnings, IReadOnlyList<NGramDiscount> discounts)
    {
        int vocabulary = orders[0].Length;
        var entries = new NGramEntry[orders.Length][];
        var tables = new PackedKeyTable<int>?[orders.Length];

        var unigrams = entries[0] = new NGramEntry[vocabulary + 1];
        for (int w = 0; w < vocabulary; w++)
            unigrams[w] = new NGramEntry { Log10Prob = orders[0].Log10Prob[w], Log10Backoff = orders[0].Log10Backoff[w], Word = w };

        int[]? placed = null;
        for (int k = 1; k < orders.Length; k++)
        {
            var source = orders[k];
            int n = source.Length;
            var keys = new ulong[n];
            var order = new int[n];
            for (int i = 0; i < n; i++)
            {
                int context = placed is null ? source.Prefix[i] : placed[source.Prefix[i]];
                keys[i] = ((ulong)(uint)context << 32) | BestFirst(source.Log10Prob[i]);
                order[i] = i;
            }
            Array.Sort(keys, order);
            BreakTiesByWord(keys, order, source.Word);

            var level = entries[k] = new NGramEntry[n + 1];
            var table = tables[k] = new PackedKeyTable<int>(n);
            var below = entries[k - 1];
            var nextPlaced = new int[n];
            int child = 0;
            for (int parent = 0; parent < below.Length - 1; parent++)
            {
                below[parent].FirstChild = child;
                while (child < n && (int)(keys[child] >> 32) == parent)
                {
                    int i = order[child];
                    level[child] = new NGramEntry { Log10Prob = source.Log10Prob[i], Log10Backoff = source.Log10Backoff[i], Word = source.Word[i] };
                    table.GetOrAdd(PackedKey.Of(parent, source.Word[i]), out bool added) = child;
                    if (!added) throw new InvalidDataException($"duplicate {k + 1}-gram");
                    nextPlaced[i] = child;
                    child++;
                }
            }
            below[^1].FirstChild = child;
            placed = nextPlaced;
        }
        return new NGramModel(entries, tables, warnings, discounts);
    }

    /// <summary>Bits of -log10 p that sort ascending as p sorts descending (log10 p ≤ 0; +0 and -0 alike).</summary>
    private static uint BestFirst(float log10Prob)
    {
        float cost = log10Prob >= 0 ? 0f : -log10Prob;
        return BitConverter.SingleToUInt32Bits(cost);
    }

    // Array.Sort is unstable; equal probabilities within a context are put in word order so that a
    // model is laid out the same way however its n-grams arrived.
    private static void BreakTiesByWord(ulong[] keys, int[] order, int[] words)
    {
        int start = 0;
        while (start < keys.Length)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1)
            {
                Span<int> run = order.AsSpan(start, end - start);
                var runWords = new int[run.Length];
                for (int j = 0; j < run.Length; j++) runWords[j] = words[run[j]];
                runWords.AsSpan().Sort(run);
            }
            start = end;
        }
    }
}
