using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// Contexts as the encoder reads them: [time, batch] right-padded with &lt;pad&gt;, the same contexts
/// each reversed within its own length (the backward direction's input), the flat index that puts
/// the backward outputs back in reading order, each context's last position, and the attention mask
/// (0 on real positions, −∞ on padding) as [batch, 1, time]. Index arithmetic is done here in C#, so
/// the network needs only lookups.
/// </summary>
internal sealed record ContextBatch(Tensor Source, Tensor Reversed, Tensor Unreverse, Tensor Last, Tensor Mask)
{
    /// <param name="contexts">Token ids, each non-empty.</param>
    public static ContextBatch Create(IReadOnlyList<int[]> contexts, Device device)
    {
        int rows = contexts.Count, time = contexts.Max(c => c.Length);
        var source = new long[time * rows];
        var reversed = new long[time * rows];
        var unreverse = new long[time * rows];
        var last = new long[rows];
        var mask = new float[rows * time];
        Array.Fill(source, Text.Vocabulary.Pad);
        Array.Fill(reversed, Text.Vocabulary.Pad);
        for (int b = 0; b < rows; b++)
        {
            int[] context = contexts[b];
            if (context.Length == 0) throw new ArgumentException("a context must have at least one token");
            for (int t = 0; t < time; t++)
            {
                bool real = t < context.Length;
                if (real)
                {
                    source[t * rows + b] = context[t];
                    reversed[t * rows + b] = context[context.Length - 1 - t];
                }
                // Position t read backwards is the backward LSTM's step (length − 1 − t).
                unreverse[t * rows + b] = (real ? context.Length - 1 - t : t) * rows + b;
                mask[b * time + t] = real ? 0 : float.NegativeInfinity;
            }
            last[b] = (context.Length - 1L) * rows + b;
        }
        return new ContextBatch(
            tensor(source, [time, rows]).to(device), tensor(reversed, [time, rows]).to(device), tensor(unreverse).to(device),
            tensor(last).to(device), tensor(mask, [rows, 1, time]).to(device));
    }
}
