namespace HnReply.Retrieval;

/// <summary>
/// Okapi BM25 over documents of term ids (Robertson &amp; Zaragoza 2009), with the Lucene IDF
/// log(1 + (N - df + 0.5) / (df + 0.5)), which is never negative. Immutable after construction, so
/// any number of threads may search at once. Postings are per term: (document, term frequency).
/// </summary>
public sealed class Bm25Index
{
    private readonly int[][] _postingDocs;
    private readonly int[][] _postingFreqs;
    private readonly int[] _lengths;
    private readonly double _averageLength;

    /// <param name="documents">Each document's term ids (any non-negative ids below <paramref name="termCount"/>).</param>
    public Bm25Index(IReadOnlyList<int[]> documents, int termCount, Bm25Options? options = null)
    {
        Options = options ?? new Bm25Options();
        _lengths = documents.Select(d => d.Length).ToArray();
        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1e-9, _lengths.Average());
        var docs = new List<int>[termCount];
        var freqs = new List<int>[termCount];
        var counts = new Dictionary<int, int>();
        for (int d = 0; d < documents.Count; d++)
        {
            counts.Clear();
            foreach (int term in documents[d]) counts[term] = counts.GetValueOrDefault(term) + 1;
            foreach (var (term, count) in counts.OrderBy(c => c.Key))
            {
                (docs[term] ??= []).Add(d);
                (freqs[term] ??= []).Add(count);
            }
        }
        _postingDocs = docs.Select(l => l?.ToArray() ?? []).ToArray();
        _postingFreqs = freqs.Select(l => l?.ToArray() ?? []).ToArray();
    }

    public Bm25Options Options { get; }

    public int DocumentCount => _lengths.Length;

    public double Idf(int term)
    {
        if (term < 0 || term >= _postingDocs.Length) return 0;
        int df = _postingDocs[term].Length;
        return Math.Log(1 + (DocumentCount - df + 0.5) / (df + 0.5));
    }

    /// <summary>The <paramref name="k"/> best documents for a query, best first; ties by document index.</summary>
    public IReadOnlyList<(int Document, double Score)> Search(IReadOnlyList<int> query, int k)
    {
        var scores = new Dictionary<int, double>();
        foreach (int term in query.Distinct())
        {
            if (term < 0 || term >= _postingDocs.Length) continue;
            double idf = Idf(term);
            int[] docs = _postingDocs[term], freqs = _postingFreqs[term];
            for (int i = 0; i < docs.Length; i++)
            {
                scores[docs[i]] = scores.GetValueOrDefault(docs[i]) + idf * Saturate(freqs[i], _lengths[docs[i]]);
            }
        }
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(k).Select(s => (s.Key, s.Value)).ToList();
    }

    /// <summary>BM25 of any token list (not necessarily indexed) against a query, with this index's statistics.</summary>
    public double Score(IReadOnlyList<int> query, IReadOnlyList<int> document)
    {
        var tf = new Dictionary<int, int>();
        foreach (int term in document) tf[term] = tf.GetValueOrDefault(term) + 1;
        double score = 0;
        foreach (int term in query.Distinct())
        {
            if (tf.TryGetValue(term, out int f)) score += Idf(term) * Saturate(f, document.Count);
        }
        return score;
    }

    private double Saturate(int frequency, int length) =>
        frequency * (Options.K1 + 1) / (frequency + Options.K1 * (1 - Options.B + Options.B * length / _averageLength));
}
