namespace HnReply.Corpus;

/// <summary>How <see cref="HnApiClient"/> talks to the Hacker News API and how hard it tries.</summary>
public sealed record HnApiOptions
{
    // The official Firebase endpoint; tests and mirrors point elsewhere. A missing trailing slash is added.
    public Uri BaseUri { get; init; } = new("https://hacker-news.firebaseio.com/v0/");

    // Per attempt, including reading the body: a stalled connection costs one attempt, not the crawl.
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    // Retries after the first attempt. Eight exponential steps from 200 ms span about a minute,
    // enough to ride out a short outage of the API without hanging a crawl on a dead item.
    public int MaxRetries { get; init; } = 8;

    // Median delay before the first retry; later delays grow exponentially with decorrelated jitter.
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    // Cap on any wait between attempts, including a server's Retry-After.
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    // Concurrent connections to the API host; matches the crawler's default concurrency.
    public int MaxConnections { get; init; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid field at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttp && BaseUri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"BaseUri must be an absolute http(s) URL, got '{BaseUri}'");
        // Polly's timeout strategy accepts 10 ms to one day.
        if (Timeout < TimeSpan.FromMilliseconds(10) || Timeout > TimeSpan.FromDays(1))
            errors.Add($"Timeout must be between 10 ms and one day, got {Timeout}");
        if (MaxRetries < 0) errors.Add($"MaxRetries must be 0 or more, got {MaxRetries}");
        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromDays(1))
            errors.Add($"BaseDelay must be between 0 and one day, got {BaseDelay}");
        if (MaxDelay < BaseDelay) errors.Add($"MaxDelay must be at least BaseDelay, got {MaxDelay}");
        if (MaxConnections < 1) errors.Add($"MaxConnections must be 1 or more, got {MaxConnections}");
        if (errors.Count > 0) throw new ArgumentException("invalid HnApiOptions: " + string.Join("; ", errors));
    }
}
