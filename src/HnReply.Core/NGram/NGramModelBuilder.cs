namespace HnReply.NGram;

/// <summary>
/// Lays out finished n-grams as <see cref="NGramModel"/> stores them: per order an array of
/// <see cref="NGramEntry"/> grouped by context and sorted by probability within it (so a context's
/// continuations are one contiguous, best-first range), plus a <see cref="PackedKeyTable{TValue}"/>
/// from (context entry, word) to entry. Shared by the estimator and <see cref="ArpaReader"/>.
/// </summary>
internal static class NGramModelBuilder
{
    public static NGramModel Build(ModelOrder[] orders, IReadOnlyList<string> warnings, IReadOnlyList<NGramDiscount> discounts)
    {
        int vocabulary = orders[0].Length;
        var entries = new NGramEntry[orders.Length][];
        var unigrams = entries[0] = new NGramEntry[vocabulary + 1];
        for (int w = 0; w < vocabulary; w++)
            unigrams[w] = new NGramEntry { Log10Prob = orders[0].Log10Prob[w], Log10Backoff = orders[0].Log10Backoff[w], Word = w };

        // An order's layout depends on where the order below put each context, so orders go one by one.
        int[]? placed = null;
        for (int k = 1; k < orders.Length; k++)
        {
            var source = orders[k];
            int n = source.Length;
            var keys = new ulong[n];
            var level = entries[k] = new NGramEntry[n + 1];
            for (int i = 0; i < n; i++)
            {
                int context = placed is null ? source.Prefix[i] : placed[source.Prefix[i]];
                keys[i] = ((ulong)(uint)context << 32) | BestFirst(source.Log10Prob[i]);
                // FirstChild carries the source index through the sort; the next order overwrites it.
                level[i] = new NGramEntry { Log10Prob = source.Log10Prob[i], Log10Backoff = source.Log10Backoff[i], Word = source.Word[i], FirstChild = i };
            }
            // Sorting the entries themselves (not an index) leaves nothing to gather afterwards.
            Array.Sort(keys, level, 0, n);
            BreakTiesByWord(keys, level);

            var below = entries[k - 1];
            placed = new int[n];
            int child = 0;
            for (int parent = 0; parent < below.Length - 1; parent++)
            {
                below[parent].FirstChild = child;
                while (child < n && (int)(keys[child] >> 32) == parent)
                {
                    placed[level[child].FirstChild] = child;
                    child++;
                }
            }
            below[^1].FirstChild = child;
        }
        foreach (ref var entry in entries[^1].AsSpan()) entry.FirstChild = 0;
        return new NGramModel(entries, Tables(entries), warnings, discounts);
    }

    // Each order's hash is independent of the others once the layout is fixed: built in parallel.
    private static PackedKeyTable<int>?[] Tables(NGramEntry[][] entries)
    {
        var tables = new PackedKeyTable<int>?[entries.Length];
        var duplicate = new bool[entries.Length];
        Parallel.For(1, entries.Length, k =>
        {
            var below = entries[k - 1];
            var level = entries[k];
            var table = new PackedKeyTable<int>(level.Length - 1);
            for (int parent = 0; parent < below.Length - 1; parent++)
            {
                for (int child = below[parent].FirstChild; child < below[parent + 1].FirstChild; child++)
                {
                    table.GetOrAdd(PackedKey.Of(parent, level[child].Word), out bool added) = child;
                    duplicate[k] |= !added;
                }
            }
            tables[k] = table;
        });
        int order = Array.IndexOf(duplicate, true);
        if (order > 0) throw new InvalidDataException($"duplicate {order + 1}-gram");
        return tables;
    }

    /// <summary>Bits of -log10 p that sort ascending as p sorts descending (log10 p ≤ 0; +0 and -0 alike).</summary>
    private static uint BestFirst(float log10Prob)
    {
        float cost = log10Prob >= 0 ? 0f : -log10Prob;
        return BitConverter.SingleToUInt32Bits(cost);
    }

    // Array.Sort is unstable; equal probabilities within a context are put in word order so that a
    // model is laid out the same way however its n-grams arrived.
    private static void BreakTiesByWord(ulong[] keys, NGramEntry[] level)
    {
        int start = 0;
        while (start < keys.Length)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1)
                level.AsSpan(start, end - start).Sort(static (a, b) => a.Word.CompareTo(b.Word));
            start = end;
        }
    }
}
