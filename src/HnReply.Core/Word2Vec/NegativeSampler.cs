namespace HnReply.Word2Vec;

/// <summary>
/// Draws noise words with probability ∝ count^0.75 in O(1) with Walker's alias method. The C tool
/// fills a 10⁸-entry table (400 MB, a cache miss per draw); the alias table holds 8 bytes per word,
/// so a 30k-word vocabulary fits in L2, and it is exact where the table rounds each word's share to
/// 10⁻⁸. Like the C tool, a draw of <c>&lt;/s&gt;</c> (index 0) is replaced by a uniform word.
/// </summary>
internal sealed class NegativeSampler
{
    /// <summary>Bucket i yields i when the draw's 16-bit coin is below Threshold, else Alias.</summary>
    private readonly (uint Threshold, int Alias)[] buckets;

    public NegativeSampler(IReadOnlyList<long> counts)
    {
        int n = counts.Count;
        double total = 0;
        var scaled = new double[n];
        for (int i = 0; i < n; i++) total += scaled[i] = Math.Pow(counts[i], 0.75);
        for (int i = 0; i < n; i++) scaled[i] = total > 0 ? scaled[i] * n / total : 1;
        buckets = new (uint, int)[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < n; i++) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            buckets[s] = ((uint)Math.Round(scaled[s] * 65536), l);
            scaled[l] -= 1 - scaled[s];
            (scaled[l] < 1 ? small : large).Push(l);
        }
        // What is left holds (up to rounding) exactly one bucket's share: it always yields itself.
        foreach (int i in large.Concat(small)) buckets[i] = (65536, i);
    }

    /// <summary>One draw; advances the caller's generator by one step, as the C tool does per draw.</summary>
    public int Sample(ref ulong random)
    {
        random = random * 25214903917 + 11;
        ulong bits = random >> 16;
        int bucket = (int)(((bits >> 16) * (ulong)buckets.Length) >> 32);
        var (threshold, alias) = buckets[bucket];
        int target = (uint)(bits & 0xFFFF) < threshold ? bucket : alias;
        return target != 0 ? target : (int)(random % (ulong)(buckets.Length - 1)) + 1;
    }
}
