namespace HnReply.Server.Api;

/// <summary>POST /api/suggest: the next words after <see cref="Text"/>, or completions of the word it ends in.</summary>
public sealed record SuggestRequest
{
    public string? Model { get; init; }
    public string? Text { get; init; }
    public int K { get; init; } = 5;
}

/// <summary>The answer to /api/suggest: the CLI's <c>suggest --json</c> shape.</summary>
public sealed record SuggestResponse(string Context, IReadOnlyList<SuggestionItem> Suggestions);

public sealed record SuggestionItem(string Text, double Probability);
