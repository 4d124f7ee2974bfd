namespace HnReply.Word2Vec;

/// <summary>
/// Similarity queries over unit-length vectors: nearest neighbours by cosine and analogies by
/// 3CosAdd or 3CosMul. A query scans every row (or the first <c>restrict</c> rows, the most frequent
/// words) and keeps the best k; the words of the question are never answers.
/// </summary>
public static class NearestWords
{
    private const float MulEpsilon = 0.001f;

    /// <summary>The <paramref name="k"/> words closest to <paramref name="word"/>, most similar first.</summary>
    public static IReadOnlyList<WordSimilarity> Nearest(WordVectors vectors, string word, int k)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        int row = vectors.Require(word);
        return Top(vectors, k, [row], 0, c => SpanMath.Dot(vectors.Unit(row), vectors.Unit(c)));
    }

    /// <summary>Answers "<paramref name="a"/> is to <paramref name="b"/> as <paramref name="c"/> is to ?".</summary>
    public static IReadOnlyList<WordSimilarity> Analogy(WordVectors vectors, string a, string b, string c, int k, AnalogyMethod method)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        return Analogy(vectors, vectors.Require(a), vectors.Require(b), vectors.Require(c), k, method, 0);
    }

    /// <summary>The same by rows; with <paramref name="restrict"/> &gt; 0 only the first that many rows are candidates.</summary>
    internal static IReadOnlyList<WordSimilarity> Analogy(WordVectors vectors, int a, int b, int c, int k, AnalogyMethod method, int restrict)
    {
        int[] exclude = [a, b, c];
        if (method == AnalogyMethod.Add)
        {
            var query = new float[vectors.Dimensions];
            var ua = vectors.Unit(a);
            var ub = vectors.Unit(b);
            var uc = vectors.Unit(c);
            for (int i = 0; i < query.Length; i++) query[i] = ub[i] - ua[i] + uc[i];
            SpanMath.Normalize(query, query);
            return Top(vectors, k, exclude, restrict, d => SpanMath.Dot(query, vectors.Unit(d)));
        }
        return Top(vectors, k, exclude, restrict, d =>
        {
            var ud = vectors.Unit(d);
            float cosA = (SpanMath.Dot(ud, vectors.Unit(a)) + 1) / 2;
            float cosB = (SpanMath.Dot(ud, vectors.Unit(b)) + 1) / 2;
            float cosC = (SpanMath.Dot(ud, vectors.Unit(c)) + 1) / 2;
            return cosB * cosC / (cosA + MulEpsilon);
        });
    }

    private static WordSimilarity[] Top(WordVectors vectors, int k, int[] exclude, int restrict, Func<int, float> score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int candidates = restrict > 0 ? Math.Min(restrict, vectors.Count) : vectors.Count;
        var best = new List<(float Score, int Row)>(k + 1);
        for (int row = 0; row < candidates; row++)
        {
            if (Array.IndexOf(exclude, row) >= 0) continue;
            float s = score(row);
            if (best.Count == k && s <= best[^1].Score) continue;
            int at = best.Count;
            while (at > 0 && best[at - 1].Score < s) at--;
            best.Insert(at, (s, row));
            if (best.Count > k) best.RemoveAt(k);
        }
        return best.Select(b => new WordSimilarity(vectors.Words[b.Row], b.Score)).ToArray();
    }
}
