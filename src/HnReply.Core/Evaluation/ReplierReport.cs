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
    double Seconds);
