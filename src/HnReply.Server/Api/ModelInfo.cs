using System.Text.Json.Nodes;

namespace HnReply.Server.Api;

/// <summary>One entry of GET /api/models: what a client needs to pick a model and to show its figures.</summary>
/// <param name="Uses">"suggest" and "complete" for language models, "reply" for repliers, nothing for word vectors.</param>
/// <param name="LossCurve">Where its training curves are served, when its directory has them.</param>
public sealed record ModelInfo(string Name, string Kind, int Vocabulary, IReadOnlyList<string> Uses, JsonObject Metrics, string? LossCurve);
