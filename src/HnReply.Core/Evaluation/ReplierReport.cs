namespace HnReply.Evaluation;

/// <summary>One replier's row of the ladder. Rates are fractions in [0, 1]; NaN where too few pairs were held out.</summary>
public sealed record ReplierReport(
    long Pairs,
    double RecallAt1Of10,
    double Mrr10,
    double RecallAt1Of100,
    double Mrr100,
    double Distinct1,
    double Distinct2,
    double CopyRate8Gram,
    double RepliesPerSecond,
    double Seconds)
{
    /// <summary>The true reply among the first 5 of 10 and of 100 candidates.</summary>
    public double RecallAt5Of10 { get; init; } = double.NaN;

    public double RecallAt5Of100 { get; init; } = double.NaN;

    /// <summary>Mean length of the written replies, in word tokens.</summary>
    public double MeanLength { get; init; } = double.NaN;

    /// <summary>Mean sentence chrF (0–100) of each written reply against the true reply: reported, not optimised.</summary>
    public double ChrF { get; init; } = double.NaN;

    /// <summary>Perplexity of the true replies given their parents (reply models), and the language model's of the same replies.</summary>
    public double ConditionalPerplexity { get; init; } = double.NaN;

    public double LanguageModelPerplexity { get; init; } = double.NaN;
}
