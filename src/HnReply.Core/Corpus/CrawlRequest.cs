namespace HnReply.Corpus;

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

