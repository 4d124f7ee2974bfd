namespace HnReply.Server.Api;

/// <summary>POST /api/reply: up to <see cref="N"/> replies to <see cref="Parent"/>, streamed as they are written.</summary>
public sealed record ReplyApiRequest
{
    public string? Model { get; init; }
    public string? Parent { get; init; }
    public string? Title { get; init; }
    public int N { get; init; } = 1;

    /// <summary>Beam width for a generating replier; 0 samples with the options below instead.</summary>
    public int? Beam { get; init; }
    public double? Temperature { get; init; }
    public int? TopK { get; init; }
    public double? TopP { get; init; }
    public int? MaxTokens { get; init; }
    public int? Seed { get; init; }
}
