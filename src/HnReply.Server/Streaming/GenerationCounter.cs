namespace HnReply.Server.Streaming;

/// <summary>
/// How many streams are generating right now and how many tokens they have made in all: /healthz
/// shows both, so an operator (and a test) can see that closing a stream stops its generation.
/// </summary>
public sealed class GenerationCounter
{
    private int _active;
    private long _tokens;

    public int Active => Volatile.Read(ref _active);

    public long Tokens => Interlocked.Read(ref _tokens);

    /// <summary>Counts a generation as running until the returned handle is disposed.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref _active);
        return new Running(this);
    }

    public void Token() => Interlocked.Increment(ref _tokens);

    private sealed class Running(GenerationCounter counter) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) Interlocked.Decrement(ref counter._active);
        }
    }
}
