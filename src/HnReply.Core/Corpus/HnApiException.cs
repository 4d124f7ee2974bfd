namespace HnReply.Corpus;

/// <summary>
/// The Hacker News API could not deliver: retries ran out on a transient failure
/// ("item 123: gave up after 8 retries: 503 Service Unavailable"), or the answer can never succeed
/// (a 404, or complete JSON that is not an item), or the host cannot be reached at all
/// (<see cref="Unreachable"/>: no name resolution, connection refused). The message names the request or host.
/// </summary>
public sealed class HnApiException : Exception
{
    public HnApiException() { }

    public HnApiException(string message) : base(message) { }

    public HnApiException(string message, Exception? innerException) : base(message, innerException) { }

    public HnApiException(string message, Exception? innerException, bool unreachable) : base(message, innerException) =>
        Unreachable = unreachable;

    /// <summary>The host did not resolve or refused the connection: nothing was retried, and nothing will answer.</summary>
    public bool Unreachable { get; }
}
