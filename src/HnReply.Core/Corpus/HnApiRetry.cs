namespace HnReply.Corpus;

/// <summary>
/// One retry as it happens: which request (<c>"item 123"</c>, <c>"topstories"</c>), which retry of how
/// many, the wait before it, and why the attempt failed (<c>"no complete answer within 10000 ms"</c>).
/// </summary>
public sealed record HnApiRetry(string Request, int Retry, int MaxRetries, TimeSpan Delay, string Reason);
