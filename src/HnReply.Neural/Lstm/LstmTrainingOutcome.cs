using System.Text.Json.Nodes;

namespace HnReply.Neural.Lstm;

/// <summary>What <see cref="LstmTrainingRun"/> made: the training result, the resolved options and the metrics written to model.json.</summary>
public sealed record LstmTrainingOutcome(LstmTrainingResult Training, LstmOptions Options, int VocabularySize, JsonObject Metrics);
