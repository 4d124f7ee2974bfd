namespace HnReply.NGram;

/// <summary>
/// Perplexity over held-out sentences, counted as DESIGN.md fixes it for every model of the
/// ladder: every token plus one &lt;/s&gt; per sentence; &lt;s&gt; is context only; an
/// out-of-vocabulary token (id &lt;unk&gt; or outside the vocabulary) is scored as &lt;unk&gt; and
/// included. <see cref="PerplexityExcludingOov"/> leaves those tokens out, as KenLM's query also
/// reports.
/// </summary>
/// <param name="LogProbability">Natural-log probability of all scored tokens.</param>
/// <param name="OovLogProbability">The part of <paramref name="LogProbability"/> spent on out-of-vocabulary tokens.</param>
public readonly record struct PerplexityResult(long Sentences, long Tokens, long OovTokens, double LogProbability, double OovLogProbability)
{
    /// <summary>exp(-log p / tokens); NaN when nothing was scored.</summary>
    public double Perplexity => Tokens == 0 ? double.NaN : Math.Exp(-LogProbability / Tokens);

    /// <summary>Perplexity over in-vocabulary tokens only; NaN when there are none.</summary>
    public double PerplexityExcludingOov =>
        Tokens == OovTokens ? double.NaN : Math.Exp(-(LogProbability - OovLogProbability) / (Tokens - OovTokens));
}
