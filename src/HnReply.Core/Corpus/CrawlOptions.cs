namespace HnReply.Corpus;

public sealed record CrawlOptions
{
    /// <summary>Requests in flight at once; the HN API is served by a CDN that takes this easily.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Most items per store transaction; smaller batches lose less on a kill, larger ones write faster.</summary>
    public int BatchSize { get; init; } = 2_000;
}
