namespace HnReply.Corpus;

/// <summary>
/// One Hacker News item exactly as the official API describes it
/// (https://github.com/HackerNews/API#items). <see cref="Text"/> is HN's HTML, unchanged;
/// <see cref="HtmlText"/> turns it into clean text. Times are Unix seconds.
/// </summary>
public sealed record Item
{
    public required long Id { get; init; }
    public ItemType Type { get; init; } = ItemType.Unknown;
    public string? By { get; init; }
    public long? Time { get; init; }
    public string? Text { get; init; }
    public long? Parent { get; init; }
    public IReadOnlyList<long> Kids { get; init; } = [];
    public string? Title { get; init; }
    public string? Url { get; init; }
    public int? Score { get; init; }
    public int? Descendants { get; init; }
    public bool Deleted { get; init; }
    public bool Dead { get; init; }
}

public enum ItemType { Unknown, Story, Comment, Job, Poll, PollOpt }
