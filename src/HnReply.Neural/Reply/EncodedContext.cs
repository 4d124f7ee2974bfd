using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// What the encoder hands the decoder for a batch of contexts: the memory [batch, source, H], its
/// attention keys (W·memory, computed once), the padding mask [batch, 1, source] and the decoder's
/// initial state [1, batch, H] each, and the context's token ids [batch, source] (what the copy term copies).
/// </summary>
internal sealed record EncodedContext(Tensor Memory, Tensor Keys, Tensor Mask, Tensor H, Tensor C, Tensor Source)
{
    /// <summary>Rows <paramref name="rows"/> of every part (a beam's hypotheses share their context's rows).</summary>
    public EncodedContext Select(Tensor rows) => new(
        Memory.index_select(0, rows), Keys.index_select(0, rows), Mask.index_select(0, rows),
        H.index_select(1, rows), C.index_select(1, rows), Source.index_select(0, rows));

    /// <summary>Moves every part to the enclosing dispose scope (a decode loop keeps it across its per-step scopes).</summary>
    public EncodedContext MoveToOuterDisposeScope() => new(
        Memory.MoveToOuterDisposeScope(), Keys.MoveToOuterDisposeScope(), Mask.MoveToOuterDisposeScope(),
        H.MoveToOuterDisposeScope(), C.MoveToOuterDisposeScope(), Source.MoveToOuterDisposeScope());
}
