namespace HnReply.Corpus;

/// <summary>
/// An answer worth retrying (429, 5xx, a body cut short) raised inside <see cref="HnApiClient"/>'s
/// pipeline so Polly's retry sees it. <see cref="RetryAfter"/> carries the server's wish, if any.
/// Never escapes the client: exhaustion wraps it in <see cref="HnApiException"/>.
/// </summary>
internal sealed class TransientAnswerException(string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
