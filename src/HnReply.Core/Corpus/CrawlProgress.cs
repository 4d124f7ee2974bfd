namespace HnReply.Corpus;

/// <summary>Progress of a crawl. <see cref="Expected"/> grows as stories reveal their comment counts.</summary>
public sealed record CrawlProgress(long Fetched, long Stored, long Missing, long Errors, long Retries, long Pending, long Expected, TimeSpan Elapsed);
