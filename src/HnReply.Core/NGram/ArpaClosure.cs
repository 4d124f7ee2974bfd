namespace HnReply.NGram;

/// <summary>
/// Makes the n-grams read from an ARPA file closed under prefixes and suffixes, as the model's
/// layout needs (a context is found through its prefix; a query walks suffixes first). Files
/// written by lmplz, and unpruned SRILM files, already are. Where a pruned file lacks one, a blank
/// is added whose probability is what ARPA's back-off rule gives that n-gram anyway,
/// p(h w) = backoff(h) · p(h' w), and whose backoff is 1 (log 0), the weight of a missing context;
/// so every score equals the file's (KenLM fills missing contexts the same way).
/// </summary>
internal sealed class ArpaClosure(ArpaOrder?[] orders)
{
    /// <summary>The index at order <c>words.Length</c> of these words, added as a blank (with its prefixes and suffixes) if absent.</summary>
    public int Ensure(ReadOnlySpan<int> words)
    {
        if (words.Length == 1) return words[0];
        int prefix = Ensure(words[..^1]);
        var order = orders[words.Length - 1]!;
        int index = order.Find(prefix, words[^1]);
        if (index >= 0) return index;
        Ensure(words[1..]);
        return order.AddBlank(prefix, words[^1]);
    }

    /// <summary>Adds blanks for missing suffixes; a quick pass finds whether there are any first.</summary>
    public void CloseSuffixes()
    {
        if (SuffixesPresent()) return;
        Span<int> words = stackalloc int[orders.Length];
        for (int k = orders.Length - 1; k >= 2; k--)
        {
            var order = orders[k]!;
            int length = order.Length;
            for (int i = 0; i < length; i++)
            {
                var gram = WordsOf(k, i, words);
                Ensure(gram[1..]);
            }
        }
    }

    /// <summary>Gives each blank its back-off probability, lower orders first (a blank's suffix may be a blank).</summary>
    public void ScoreBlanks(float[] unigramProb, float[] unigramBackoff)
    {
        Span<int> words = stackalloc int[orders.Length];
        for (int k = 1; k < orders.Length; k++)
        {
            var order = orders[k]!;
            foreach (int blank in order.Blanks)
            {
                var gram = WordsOf(k, blank, words);
                int context = order.Prefix(blank);
                float contextBackoff = k == 1 ? unigramBackoff[context] : orders[k - 1]!.Backoff(context);
                float suffixProb = k == 1 ? unigramProb[gram[^1]] : orders[k - 1]!.Prob(Ensure(gram[1..]));
                order.SetProb(blank, contextBackoff + suffixProb);
            }
        }
    }

    public int BlankCount()
    {
        int count = 0;
        foreach (var order in orders) count += order?.Blanks.Count ?? 0;
        return count;
    }

    // One probe per n-gram: the suffix of (prefix, w) is (suffix of prefix, w).
    private bool SuffixesPresent()
    {
        int[]? lowerSuffix = null;
        for (int k = 1; k < orders.Length; k++)
        {
            var order = orders[k]!;
            var suffix = new int[order.Length];
            for (int i = 0; i < order.Length; i++)
            {
                suffix[i] = k == 1 ? order.Word(i) : orders[k - 1]!.Find(lowerSuffix![order.Prefix(i)], order.Word(i));
                if (suffix[i] < 0) return false;
            }
            lowerSuffix = suffix;
        }
        return true;
    }

    // The words of n-gram `index` of 0-based order k, first to last, in `buffer`.
    private Span<int> WordsOf(int k, int index, Span<int> buffer)
    {
        for (int j = k; j >= 1; j--)
        {
            buffer[j] = orders[j]!.Word(index);
            index = orders[j]!.Prefix(index);
        }
        buffer[0] = index;
        return buffer[..(k + 1)];
    }
}
