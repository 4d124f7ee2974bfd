namespace HnReply.Corpus;

public enum CrawlMode
{
    /// <summary>Stories from topstories.json with their whole comment trees.</summary>
    Top,
    /// <summary>Stories from newstories.json with their whole comment trees.</summary>
    New,
    /// <summary>The <c>Count</c> items just below maxitem, as they are (no tree walk).</summary>
    Latest,
    /// <summary>Every id from <c>From</c> to <c>To</c> inclusive, as they are (no tree walk).</summary>
    Range,
}

/// <summary>What to crawl. <see cref="Count"/> is for Top/New/Latest; <see cref="From"/>/<see cref="To"/> for Range.</summary>
public sealed record CrawlRequest(CrawlMode Mode, int Count = 0, long From = 0, long To = 0)
{
    public bool WalksTrees => Mode is CrawlMode.Top or CrawlMode.New;

    public void Validate()
    {
        if (Mode is CrawlMode.Range && (From <= 0 || To < From))
            throw new ArgumentException($"--range needs 0 < FROM <= TO, got {From} {To}");
        if (Mode is not CrawlMode.Range && Count <= 0)
            throw new ArgumentException($"the number of items or stories must be positive, got {Count}");
    }
}

public sealed record CrawlOptions
{
    /// <summary>Requests in flight at once; the HN API is served by a CDN that takes this easily.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Most items per store transaction; smaller batches lose less on a kill, larger ones write faster.</summary>
    public int BatchSize { get; init; } = 2_000;
}

/// <summary>Progress of a crawl. <see cref="Expected"/> grows as stories reveal their comment counts.</summary>
public sealed record CrawlProgress(long Fetched, long Stored, long Missing, long Errors, long Retries, long Pending, long Expected, TimeSpan Elapsed);

/// <summary>
/// The outcome: <see cref="Read"/> items the API returned, <see cref="Stored"/> new or changed rows,
/// <see cref="Skipped"/> answers not written (already stored unchanged, or <c>null</c> ones, also in
/// <see cref="Missing"/>), <see cref="Errors"/> ids that failed after every retry (a rerun retries them).
/// </summary>
public sealed record CrawlResult(long Read, long Stored, long Skipped, long Missing, long Errors, IReadOnlyList<string> ErrorSamples, TimeSpan Elapsed);
