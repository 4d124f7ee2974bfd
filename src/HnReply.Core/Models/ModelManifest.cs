using System.Text.Json.Nodes;

namespace HnReply.Models;

/// <summary>
/// <c>model.json</c>: what a model directory holds, so any command that takes MODEL needs nothing
/// else. <see cref="Format"/> is a tag such as <c>"hnreply-ngram/1"</c>: the kind before the slash,
/// the format version after it. <see cref="Options"/>, <see cref="Tokenizer"/>, <see cref="Data"/>
/// and <see cref="Metrics"/> are free-form JSON objects owned by each model kind.
/// </summary>
public sealed record ModelManifest
{
    public required string Format { get; init; }
    public JsonObject Options { get; init; } = [];
    public JsonObject Tokenizer { get; init; } = [];
    public int VocabularySize { get; init; }
    public JsonObject Data { get; init; } = [];
    public JsonObject Metrics { get; init; } = [];
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The kind part of <see cref="Format"/>: "hnreply-ngram/1" → "ngram".</summary>
    public string Kind => Format.Split('/')[0].Replace("hnreply-", "", StringComparison.Ordinal);

    public int Version => int.TryParse(Format.Split('/').ElementAtOrDefault(1), out int v) ? v : 0;
}
