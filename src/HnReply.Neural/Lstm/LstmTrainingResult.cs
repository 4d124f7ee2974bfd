using HnReply.Neural.Training;

namespace HnReply.Neural.Lstm;

/// <summary>What a training run did.</summary>
public sealed record LstmTrainingResult(double BestValidPerplexity, int Epochs, long Steps, double Seconds, double TokensPerSecond, string StopReason, IReadOnlyList<TrainingMetrics> Metrics);
