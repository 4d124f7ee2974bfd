namespace HnReply.Server.Api;

/// <summary>POST /api/complete: continue <see cref="Text"/>, streamed one token per event.</summary>
public sealed record CompleteRequest
{
    public string? Model { get; init; }
    public string? Text { get; init; }
    public int MaxTokens { get; init; } = 40;

    /// <summary>0 is greedy; defaults are <see cref="Prediction.SamplingOptions"/>'s.</summary>
    public double? Temperature { get; init; }
    public int? TopK { get; init; }
    public double? TopP { get; init; }
    public double? RepetitionPenalty { get; init; }

    /// <summary>The same seed gives the same text; absent, one is drawn and reported in the final event.</summary>
    public int? Seed { get; init; }
}
