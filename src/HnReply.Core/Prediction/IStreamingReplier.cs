namespace HnReply.Prediction;

/// <summary>
/// A replier that writes its replies a token at a time (the encoder-decoder, rung 4), so the CLI and
/// the server can show text as it is produced. Cancelling the token stops the generation.
/// </summary>
public interface IStreamingReplier : IReplier
{
    /// <summary>
    /// The pieces of up to <see cref="ReplyRequest.Count"/> replies: <see cref="ReplyPiece.Token"/>s as
    /// they are decoded (for beam search, when a hypothesis is final), then one
    /// <see cref="ReplyPiece.Candidate"/> per reply with its text and score, best first.
    /// </summary>
    IAsyncEnumerable<ReplyPiece> StreamReplies(string parent, string? title, ReplyRequest request, CancellationToken cancellationToken = default);
}

/// <summary>How many replies and how to decode them; a replier ignores what does not apply to it.</summary>
public sealed record ReplyRequest
{
    public int Count { get; init; } = 1;

    /// <summary>Beam width; 0 samples with <see cref="Sampling"/> instead.</summary>
    public int Beam { get; init; } = 5;

    public SamplingOptions Sampling { get; init; } = new();

    public int MaxTokens { get; init; } = 60;

    public int? Seed { get; init; }
}

/// <summary>One event of a streamed reply.</summary>
public abstract record ReplyPiece(int Index)
{
    /// <summary>Text that extends reply <paramref name="Index"/> (already detokenized: may start with a space).</summary>
    public sealed record Token(int Index, string Text) : ReplyPiece(Index);

    /// <summary>Reply <paramref name="Index"/> complete, with its score (higher is better).</summary>
    public sealed record Candidate(int Index, GeneratedReply Reply) : ReplyPiece(Index);
}
