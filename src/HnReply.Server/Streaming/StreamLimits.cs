namespace HnReply.Server.Streaming;

/// <summary>
/// The token a stream's generation runs under: cancelled when the client goes away, when the stream
/// has run for its time, or when the server is stopping. <see cref="Ending"/> tells them apart, so a
/// stream that is cut short can still say why, while one whose client has gone just stops.
/// </summary>
public sealed class StreamLimits : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _any;
    private readonly CancellationToken _stopping;

    public StreamLimits(TimeSpan timeout, CancellationToken stopping, CancellationToken clientGone)
    {
        _timeout = timeout;
        _timer = new CancellationTokenSource(timeout);
        _stopping = stopping;
        _any = CancellationTokenSource.CreateLinkedTokenSource(clientGone, stopping, _timer.Token);
        ClientGone = clientGone;
    }

    public CancellationToken Token => _any.Token;

    public CancellationToken ClientGone { get; }

    /// <summary>Why the stream was cut short, for its last event; null when the client went away (no one to tell) or nothing has happened.</summary>
    public string? Ending =>
        ClientGone.IsCancellationRequested ? null
        : _stopping.IsCancellationRequested ? "the server is shutting down"
        : _timer.IsCancellationRequested ? $"stopped after {_timeout.TotalSeconds:0.###} s, the longest a stream may run"
        : null;

    public void Dispose()
    {
        _any.Dispose();
        _timer.Dispose();
    }
}
