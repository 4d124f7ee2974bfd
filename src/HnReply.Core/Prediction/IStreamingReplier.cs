namespace HnReply.Prediction;

/// <summary>
/// A replier that writes its replies a token at a time (the encoder-decoder, rung 4), so the CLI and
/// the server can show text as it is produced. Cancelling the token stops the generation.
/// </summary>
public interface IStreamingReplier : IReplier
{
    /// <summary>
    /// The pieces of up to <see cref="ReplyRequest.Count"/> replies: <see cref="ReplyPiece.Token"/>s as
    /// they are decoded (for beam search, when a hypothesis is final), then a
    /// <see cref="ReplyPiece.Dropped"/> for every streamed reply that did not make the list, then one
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

    /// <summary>GNMT's length-penalty exponent α (Wu et al. 2016): score = log p / ((5 + length) / 6)^α; 0 ranks by raw log p, which favours short replies.</summary>
    public double LengthPenalty { get; init; } = 1.0;

    /// <summary>No n-gram of this many tokens appears twice in one reply (Paulus et al. 2018); 0 = off.</summary>
    public int NoRepeatNGram { get; init; } = 3;

    /// <summary>&lt;/s&gt; is not allowed before this many tokens.</summary>
    public int MinTokens { get; init; } = 3;

    /// <summary>
    /// Weight λ of the language model in the MMI score log p(r|c) − λ·log p(r) (Li et al. 2016) used to rerank
    /// candidates, and in MMI-antiLM decoding; 0 ranks by log p(r|c) alone. Needs a replier with a language model.
    /// 0.25 with <see cref="DefaultAntiLanguageModelTokens"/> wrote the replies closest to the true ones (chrF) on
    /// real validation pairs (bench/README.md).
    /// </summary>
    public double MmiLambda { get; init; } = 0.25;

    /// <summary>
    /// Beam search subtracts λ·log p(t | prefix) (<see cref="MmiLambda"/>) from each of the first this many tokens'
    /// log p(t | context, prefix): Li et al. 2016's MMI-antiLM decoding, with a reply model that holds its LM; 0 = off.
    /// Null: <see cref="DefaultAntiLanguageModelTokens"/> when the model holds its LM, beam search runs and λ &gt; 0, else off.
    /// </summary>
    public int? AntiLanguageModelTokens { get; init; }

    /// <summary>MMI-antiLM's token count when <see cref="AntiLanguageModelTokens"/> is left to the model.</summary>
    public const int DefaultAntiLanguageModelTokens = 8;

    /// <summary>The MMI-antiLM token count for a model that does (or does not) hold its LM.</summary>
    public int AntiLanguageModelTokensFor(bool holdsLanguageModel) =>
        AntiLanguageModelTokens ?? (holdsLanguageModel && Beam >= 1 && MmiLambda > 0 ? DefaultAntiLanguageModelTokens : 0);

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid value at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Count < 1) errors.Add($"-n must be at least 1, got {Count}");
        if (Beam < 0) errors.Add($"--beam must be >= 0, got {Beam}");
        if (MaxTokens < 1) errors.Add($"--max-tokens must be positive, got {MaxTokens}");
        if (MinTokens < 0 || MinTokens > MaxTokens) errors.Add($"--min-tokens must be in [0, --max-tokens], got {MinTokens}");
        if (LengthPenalty < 0 || double.IsNaN(LengthPenalty)) errors.Add($"--length-penalty must be >= 0, got {LengthPenalty}");
        if (NoRepeatNGram < 0) errors.Add($"--no-repeat must be >= 0, got {NoRepeatNGram}");
        if (MmiLambda < 0 || double.IsNaN(MmiLambda)) errors.Add($"--mmi-lambda must be >= 0, got {MmiLambda}");
        if (AntiLanguageModelTokens is < 0) errors.Add($"--anti-lm must be >= 0, got {AntiLanguageModelTokens}");
        if (AntiLanguageModelTokens > 0 && Beam < 1) errors.Add("--anti-lm applies to beam search (--beam K), not to sampling");
        if (AntiLanguageModelTokens > 0 && MmiLambda == 0) errors.Add("--anti-lm subtracts --mmi-lambda times the LM's log-probability; with --mmi-lambda 0 it does nothing");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        Sampling.Validate();
    }
}

/// <summary>One event of a streamed reply.</summary>
public abstract record ReplyPiece(int Index)
{
    /// <summary>Text that extends reply <paramref name="Index"/> (already detokenized: may start with a space).</summary>
    public sealed record Token(int Index, string Text) : ReplyPiece(Index);

    /// <summary>Reply <paramref name="Index"/> complete, with its score (higher is better).</summary>
    public sealed record Candidate(int Index, GeneratedReply Reply) : ReplyPiece(Index);

    /// <summary>Reply <paramref name="Index"/>, whose tokens were streamed, is not among the replies: a near-duplicate of a better one, or past the count.</summary>
    public sealed record Dropped(int Index) : ReplyPiece(Index);
}
