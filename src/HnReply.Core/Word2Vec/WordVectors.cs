namespace HnReply.Word2Vec;

/// <summary>
/// Words with a dense vector each, in a fixed order (for word2vec output: by frequency, so the first
/// N rows are the N most frequent words). Immutable and safe to share between threads; the unit-length
/// copy that similarity queries use is made once, on first use.
/// </summary>
public sealed class WordVectors
{
    private readonly string[] words;
    private readonly float[] values;
    private readonly Dictionary<string, int> index;
    private readonly Lazy<float[]> unit;

    /// <param name="words">One per row; if a word repeats, lookups find its first row.</param>
    /// <param name="values">Rows one after another: <c>words.Count × dimensions</c> floats.</param>
    public WordVectors(IReadOnlyList<string> words, float[] values, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (values.LongLength != (long)words.Count * dimensions)
            throw new ArgumentException($"{values.LongLength} values for {words.Count} words × {dimensions} dimensions", nameof(values));
        this.words = [.. words];
        this.values = values;
        Dimensions = dimensions;
        index = new Dictionary<string, int>(this.words.Length, StringComparer.Ordinal);
        for (int i = 0; i < this.words.Length; i++) index.TryAdd(this.words[i], i);
        unit = new Lazy<float[]>(Normalize, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<string> Words => words;

    public int Count => words.Length;

    public int Dimensions { get; }

    /// <summary>All rows one after another.</summary>
    public ReadOnlySpan<float> Values => values;

    public ReadOnlySpan<float> this[int row] => values.AsSpan(row * Dimensions, Dimensions);

    /// <summary>The row of <paramref name="word"/> (exact, case-sensitive match), or -1.</summary>
    public int IndexOf(string word) => index.GetValueOrDefault(word, -1);

    /// <summary>The row of a word that must be known; the error names the word.</summary>
    public int Require(string word)
    {
        int i = IndexOf(word);
        return i >= 0 ? i : throw new ArgumentException($"'{word}' is not in the vocabulary ({Count:N0} words)");
    }

    /// <summary>Row <paramref name="row"/> scaled to unit length (a zero row stays zero).</summary>
    public ReadOnlySpan<float> Unit(int row) => unit.Value.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Cosine similarity of two rows.</summary>
    public float Cosine(int a, int b) => SpanMath.Dot(Unit(a), Unit(b));

    private float[] Normalize()
    {
        var result = new float[values.Length];
        for (int r = 0; r < words.Length; r++) SpanMath.Normalize(this[r], result.AsSpan(r * Dimensions, Dimensions));
        return result;
    }
}
