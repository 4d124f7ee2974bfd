namespace HnReply.Neural.Lstm;

/// <summary>Lists of ids of varying length, one per row, gathered from (row, id) pairs in any order.</summary>
internal sealed class RowLists
{
    private readonly int[] _ids;
    private readonly int[] _starts; // row r's ids are _ids[_starts[r] .. _starts[r + 1])

    private RowLists(int[] ids, int[] starts) => (_ids, _starts) = (ids, starts);

    /// <param name="pairs">Row, id, row, id, … (a [count, 2] tensor's values).</param>
    /// <param name="rows">How many rows there are, each in [0, rows).</param>
    public static RowLists FromPairs(long[] pairs, int rows)
    {
        var starts = new int[rows + 1];
        for (int i = 0; i < pairs.Length; i += 2) starts[pairs[i] + 1]++;
        for (int r = 0; r < rows; r++) starts[r + 1] += starts[r];
        var ids = new int[pairs.Length / 2];
        var next = starts[..rows];
        for (int i = 0; i < pairs.Length; i += 2) ids[next[pairs[i]]++] = (int)pairs[i + 1];
        return new RowLists(ids, starts);
    }

    public ReadOnlySpan<int> Row(int row) => _ids.AsSpan(_starts[row], _starts[row + 1] - _starts[row]);
}
