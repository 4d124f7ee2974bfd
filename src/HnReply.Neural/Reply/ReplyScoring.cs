using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// log p(reply | context) of whole replies, batched: pairs sorted by reply length, one encoder and
/// one decoder forward per batch, the output layer over real positions only. Every reply token and
/// one &lt;/s&gt; count (DESIGN.md's perplexity convention), so the conditional perplexity stands next
/// to the LM's perplexity of the same replies. Without contexts the decoder alone scores them
/// (<see cref="ReplyNetwork.LanguageModelTargetLogProbabilities"/>).
/// </summary>
internal static class ReplyScoring
{
    private const int TokenBudget = 4096; // reply positions per batch

    /// <returns>Per pair: the summed natural-log probability and the number of scored positions.</returns>
    public static (double LogProbability, int Tokens)[] Score(ReplyNetwork net, Device device, IReadOnlyList<int[]>? contexts, IReadOnlyList<int[]> replies,
                                                            CancellationToken cancellationToken = default)
    {
        var result = new (double, int)[replies.Count];
        net.eval();
        using var _ = net.Frozen();
        var order = Enumerable.Range(0, replies.Count).OrderByDescending(i => replies[i].Length).ToArray();
        for (int first = 0; first < order.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int time = replies[order[first]].Length + 1, count = 1;
            while (first + count < order.Length && (count + 1) * time <= TokenBudget) count++;
            var batch = order[first..(first + count)];
            first += count;
            using var scope = NewDisposeScope();
            var tensors = DecoderBatch.Create(batch.Select(i => replies[i]).ToList(), truncateAt: int.MaxValue, device);
            float[] log = (contexts is null
                ? net.LanguageModelTargetLogProbabilities(tensors.Input, tensors.Rows, tensors.Targets)
                : Conditional(net, device, batch.Select(i => contexts[i]).ToList(), tensors)).cpu().data<float>().ToArray();
            int at = 0;
            for (int b = 0; b < count; b++)
            {
                int n = replies[batch[b]].Length + 1;
                double sum = 0;
                for (int t = 0; t < n; t++) sum += log[at++];
                result[batch[b]] = (sum, n);
            }
        }
        return result;
    }

    private static Tensor Conditional(ReplyNetwork net, Device device, List<int[]> contexts, DecoderBatch tensors)
    {
        var encoded = net.Encode(ContextBatch.Create(contexts, device));
        var decoded = net.Decode(tensors.Input, (encoded.H, encoded.C), encoded);
        return decoded.TargetLogProbabilities(net, encoded, tensors.Rows, tensors.Columns, tensors.Targets);
    }
}
