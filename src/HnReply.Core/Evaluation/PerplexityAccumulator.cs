namespace HnReply.Evaluation;

/// <summary>
/// Sums natural-log probabilities the DESIGN.md way: every token of the held-out text plus one
/// end-of-sequence token per document, <c>&lt;s&gt;</c> never predicted, unknown words scored as
/// <c>&lt;unk&gt;</c>. Bits per character divide the same total (in bits) by the characters of the
/// text, counting one character per document for its line break, so models with different
/// tokenizers compare on one scale.
/// </summary>
public sealed class PerplexityAccumulator
{
    public long Tokens { get; private set; }
    public long Characters { get; private set; }
    public double NegativeLogLikelihood { get; private set; }

    public void Add(double logProbability)
    {
        if (double.IsNaN(logProbability) || logProbability > 1e-9)
            throw new ArgumentOutOfRangeException(nameof(logProbability), logProbability, "a log-probability must be <= 0");
        NegativeLogLikelihood -= logProbability;
        Tokens++;
    }

    /// <summary>Counts a scored document's characters (plus one for its end).</summary>
    public void AddDocument(string text) => Characters += text.Length + 1;

    public double Perplexity => Tokens == 0 ? double.NaN : Math.Exp(NegativeLogLikelihood / Tokens);

    public double BitsPerCharacter => Characters == 0 ? double.NaN : NegativeLogLikelihood / Math.Log(2) / Characters;
}
