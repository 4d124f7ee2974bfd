using System.Text.Json.Serialization;

namespace HnReply.Neural.Training;

/// <summary>One line of <c>metrics.jsonl</c>: an evaluation point (DESIGN.md's shape).</summary>
public sealed record TrainingMetrics(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("tokens_per_sec")] double TokensPerSecond,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("train_ppl")] double TrainPerplexity,
    [property: JsonPropertyName("valid_ppl")] double? ValidPerplexity,
    [property: JsonPropertyName("lr")] double LearningRate,
    [property: JsonPropertyName("seconds")] double Seconds);

