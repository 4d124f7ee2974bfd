namespace HnReply.Corpus;

/// <summary>
/// The outcome: <see cref="Read"/> items the API returned, <see cref="Stored"/> new or changed rows,
/// <see cref="Skipped"/> answers not written (already stored unchanged, or <c>null</c> ones, also in
/// <see cref="Missing"/>), <see cref="Errors"/> ids that failed after every retry (a rerun retries them).
/// </summary>
public sealed record CrawlResult(long Read, long Stored, long Skipped, long Missing, long Errors, IReadOnlyList<string> ErrorSamples, TimeSpan Elapsed);
