using HnReply.Neural.Training;

namespace HnReply.Neural.Reply;

/// <summary>How a reply-model training run went: best validation (conditional) perplexity, steps, time, why it stopped.</summary>
public sealed record ReplyTrainingResult(double BestValidPerplexity, long Steps, double Seconds, double TokensPerSecond, string StopReason,
                                         IReadOnlyList<TrainingMetrics> Metrics);
