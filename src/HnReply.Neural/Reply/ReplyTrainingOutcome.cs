using System.Text.Json.Nodes;

namespace HnReply.Neural.Reply;

/// <summary>What <see cref="ReplyTrainingRun"/> made: the training result, the options and the metrics written to model.json.</summary>
public sealed record ReplyTrainingOutcome(ReplyTrainingResult Training, ReplyOptions Options, int VocabularySize, JsonObject Metrics);
