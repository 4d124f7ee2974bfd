namespace HnReply.Server.Streaming;

/// <summary>
/// The token a stream's generation runs under: cancelled when the client goes away or when the
/// stream has run for its time. <see cref="TimedOut"/> tells the two apart, so a timed-out stream
/// can still say why it ended while a closed one just stops.
/// </summary>
public sealed class StreamLimits : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _either;

    public StreamLimits(TimeSpan timeout, CancellationToken clientGone)
    {
        _timeout = new CancellationTokenSource(timeout);
        _either = CancellationTokenSource.CreateLinkedTokenSource(clientGone, _timeout.Token);
        ClientGone = clientGone;
    }

    public CancellationToken Token => _either.Token;

    public CancellationToken ClientGone { get; }

    public bool TimedOut => _timeout.IsCancellationRequested && !ClientGone.IsCancellationRequested;

    public void Dispose()
    {
        _either.Dispose();
        _timeout.Dispose();
    }
}
