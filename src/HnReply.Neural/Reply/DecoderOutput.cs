using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// What <see cref="ReplyNetwork.Decode"/> gives per position, each [batch, time, ·]: the attentional
/// output, the copy gate, the attention weights over the context; and the decoder state after the last step.
/// </summary>
internal sealed record DecoderOutput(Tensor Output, Tensor Gate, Tensor Weights, (Tensor H, Tensor C) State)
{
    /// <summary>
    /// Next-token log-probabilities at the flat positions <paramref name="rows"/> (batch × time order),
    /// <paramref name="columns"/> giving each row's batch column.
    /// </summary>
    public Tensor LogProbabilities(ReplyNetwork net, EncodedContext context, Tensor rows, Tensor columns)
    {
        long source = Weights.shape[2];
        return net.LogProbabilities(
            Output.reshape(-1, net.HiddenSize).index_select(0, rows), Gate.reshape(-1, 1).index_select(0, rows),
            Weights.reshape(-1, source).index_select(0, rows), context.Source.index_select(0, columns));
    }

    /// <summary><see cref="LogProbabilities"/> at <paramref name="targets"/> alone, one per row: the mixture is never built over the vocabulary.</summary>
    public Tensor TargetLogProbabilities(ReplyNetwork net, EncodedContext context, Tensor rows, Tensor columns, Tensor targets)
    {
        long source = Weights.shape[2];
        return net.TargetLogProbabilities(
            Output.reshape(-1, net.HiddenSize).index_select(0, rows), Gate.reshape(-1, 1).index_select(0, rows),
            Weights.reshape(-1, source).index_select(0, rows), context.Source.index_select(0, columns), targets);
    }
}
