namespace HnReply.Corpus;

/// <summary>
/// The Hacker News API could not deliver: retries ran out on a transient failure
/// ("item 123: gave up after 8 retries: 503 Service Unavailable"), or the answer can never succeed
/// (a 404, or complete JSON that is not an item). The message names the request.
/// </summary>
public sealed class HnApiException : Exception
{
    public HnApiException() { }

    public HnApiException(string message) : base(message) { }

    public HnApiException(string message, Exception? innerException) : base(message, innerException) { }
}
