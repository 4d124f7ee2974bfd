namespace HnReply.Word2Vec;

/// <summary>
/// The binary Huffman tree of hierarchical softmax, built as word2vec.c's <c>CreateBinaryTree</c>
/// does: counts sorted descending let two cursors merge the two smallest nodes in linear time.
/// Word w has <see cref="Length"/>[w] decisions; decision d goes to inner node
/// <see cref="Point"/>(w, d) (a row of the output matrix) with label 1 - <see cref="Code"/>(w, d).
/// </summary>
internal sealed class HuffmanTree
{
    /// <summary>Deepest code kept; counts summing to under 2⁶³ cannot build a deeper Huffman tree than 90.</summary>
    public const int MaxCodeLength = 96;

    private readonly byte[] codes;
    private readonly int[] points;

    private HuffmanTree(byte[] lengths, byte[] codes, int[] points)
    {
        Lengths = lengths;
        this.codes = codes;
        this.points = points;
    }

    public byte[] Lengths { get; }

    public ReadOnlySpan<byte> Codes(int word) => codes.AsSpan(word * MaxCodeLength, Lengths[word]);

    public ReadOnlySpan<int> Points(int word) => points.AsSpan(word * MaxCodeLength, Lengths[word]);

    /// <summary>Builds the tree over counts that are sorted descending (a vocabulary's, ignoring index 0's place).</summary>
    public static HuffmanTree Build(IReadOnlyList<long> counts)
    {
        int v = counts.Count;
        var count = new long[v * 2 + 1];
        var binary = new byte[v * 2 + 1];
        var parent = new int[v * 2 + 1];
        for (int a = 0; a < v; a++) count[a] = counts[a];
        for (int a = v; a < v * 2; a++) count[a] = (long)1e15;
        int pos1 = v - 1, pos2 = v;
        for (int a = 0; a < v - 1; a++)
        {
            int min1 = pos1 >= 0 && count[pos1] < count[pos2] ? pos1-- : pos2++;
            int min2 = pos1 >= 0 && count[pos1] < count[pos2] ? pos1-- : pos2++;
            count[v + a] = count[min1] + count[min2];
            parent[min1] = v + a;
            parent[min2] = v + a;
            binary[min2] = 1;
        }
        var lengths = new byte[v];
        var codes = new byte[v * MaxCodeLength];
        var points = new int[v * MaxCodeLength];
        Span<byte> code = stackalloc byte[MaxCodeLength];
        Span<int> point = stackalloc int[MaxCodeLength];
        for (int a = 0; a < v; a++)
        {
            int i = 0;
            for (int b = a; b != v * 2 - 2 && v > 1; b = parent[b])
            {
                if (i == MaxCodeLength) throw new InvalidOperationException($"Huffman code longer than {MaxCodeLength}");
                code[i] = binary[b];
                point[i] = b;
                i++;
            }
            lengths[a] = (byte)i;
            int row = a * MaxCodeLength;
            // Root first: the decision at depth d is taken at inner node point[d] (rows count from the root, v - 2).
            points[row] = v - 2;
            for (int b = 0; b < i; b++)
            {
                codes[row + i - b - 1] = code[b];
                if (i - b < MaxCodeLength) points[row + i - b] = point[b] - v;
            }
        }
        return new HuffmanTree(lengths, codes, points);
    }
}
