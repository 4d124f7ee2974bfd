namespace HnReply.Server;

/// <summary>
/// What <c>hnreply serve</c> serves and the bounds that keep one client from starving the others.
/// Bound from the "HnReply" configuration section when the server is started through its own entry
/// point (the integration tests), or handed over by the CLI.
/// </summary>
public sealed record ServerOptions
{
    public const string Section = "HnReply";

    /// <summary>Model directories, each loaded once and shared read-only by every request.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The eval report folder (ladder.json, ladder.png); null: a "report" folder beside the first model, if there is one.</summary>
    public string? Report { get; init; }

    /// <summary>Bytes of a request body: a comment of <see cref="Text.UserText.MaxCharacters"/> characters fits with room to spare.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Tokens one completion or reply may produce: a long HN comment, and a bound on the time one stream can hold a slot.</summary>
    public int MaxTokens { get; init; } = 400;

    /// <summary>Suggestions one request may ask for; a page shows a handful.</summary>
    public int MaxSuggestions { get; init; } = 20;

    /// <summary>Replies one request may ask for.</summary>
    public int MaxReplies { get; init; } = 10;

    /// <summary>Suggest and model requests at once; more are answered 429 with Retry-After rather than queued behind a busy CPU.</summary>
    public int MaxConcurrentRequests { get; init; } = 64;

    /// <summary>Streams (complete, reply) at once: each keeps a core busy, so a few per core.</summary>
    public int MaxConcurrentStreams { get; init; } = 8;

    /// <summary>Seconds one stream may run before it is ended with an error event.</summary>
    public double StreamTimeoutSeconds { get; init; } = 30;

    /// <summary>
    /// libtorch threads per operation. Requests already run side by side, one per core; letting each
    /// LSTM step spread over every core as well oversubscribes them (measured: bench/README.md, serve-load).
    /// </summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>Every error at once, in one line; empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var errors = new List<string>();
        if (Models.Count == 0) errors.Add("--models: give at least one model directory");
        if (MaxBodyBytes < 1024) errors.Add($"MaxBodyBytes must be at least 1024, got {MaxBodyBytes}");
        if (MaxTokens < 1) errors.Add($"MaxTokens must be at least 1, got {MaxTokens}");
        if (MaxSuggestions < 1) errors.Add($"MaxSuggestions must be at least 1, got {MaxSuggestions}");
        if (MaxReplies < 1) errors.Add($"MaxReplies must be at least 1, got {MaxReplies}");
        if (MaxConcurrentRequests < 1) errors.Add($"MaxConcurrentRequests must be at least 1, got {MaxConcurrentRequests}");
        if (MaxConcurrentStreams < 1) errors.Add($"MaxConcurrentStreams must be at least 1, got {MaxConcurrentStreams}");
        if (TorchThreads < 1) errors.Add($"TorchThreads must be at least 1, got {TorchThreads}");
        if (StreamTimeoutSeconds <= 0) errors.Add($"StreamTimeoutSeconds must be positive, got {StreamTimeoutSeconds}");
        return errors;
    }
}
