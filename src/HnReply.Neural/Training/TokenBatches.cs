using static TorchSharp.torch;

namespace HnReply.Neural.Training;

/// <summary>
/// The corpus as parallel streams (Zaremba et al. 2014; PyTorch's word_language_model): the token
/// sequence is cut into <c>batch</c> contiguous columns, and chunk <c>i</c> is rows
/// [i·bptt, (i+1)·bptt) as input with the rows one later as targets. The hidden state carries from
/// one chunk to the next, so every column reads its part of the corpus in order.
/// </summary>
internal sealed class TokenBatches : IDisposable
{
    private readonly Tensor _data; // [rows, batch] int64

    /// <param name="stream">Token ids, starting with the &lt;/s&gt; that opens the first document.</param>
    public TokenBatches(ReadOnlySpan<long> stream, int batch, int bptt, Device device)
    {
        Batch = batch;
        Bptt = bptt;
        Rows = stream.Length / batch;
        if (Rows < 2) throw new ArgumentException($"the corpus ({stream.Length} tokens) is too small for {batch} streams");
        // Column b holds stream[b·rows, (b+1)·rows): lay it out as [batch, rows] and transpose.
        using var flat = tensor(stream[..(Rows * batch)].ToArray(), [batch, Rows], ScalarType.Int64);
        _data = flat.t().contiguous().to(device);
        Tail = stream[(Rows * batch)..].Length;
    }

    public int Batch { get; }
    public int Bptt { get; }
    public int Rows { get; }

    /// <summary>Tokens left over after the columns (fewer than <see cref="Batch"/>); eval scores them separately.</summary>
    public int Tail { get; }

    /// <summary>Number of chunks per pass; the last one may be shorter.</summary>
    public int Count => (Rows - 1 + Bptt - 1) / Bptt;

    /// <summary>Targets predicted per pass: every row but the first, in every column.</summary>
    public long Targets => (long)(Rows - 1) * Batch;

    /// <summary>Chunk <paramref name="index"/>: input [t, batch] and targets [t, batch], t ≤ bptt.</summary>
    public (Tensor Input, Tensor Target) Chunk(int index)
    {
        int start = index * Bptt;
        int length = Math.Min(Bptt, Rows - 1 - start);
        return (_data.narrow(0, start, length), _data.narrow(0, start + 1, length));
    }

    public void Dispose() => _data.Dispose();
}
