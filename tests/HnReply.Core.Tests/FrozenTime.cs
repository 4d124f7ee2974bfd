namespace HnReply.Core.Tests;

/// <summary>
/// A clock that never moves: its timers never fire, so a timeout or backoff under it lasts forever.
/// A test that still finishes proves something else (the caller's cancellation) ended the wait,
/// without measuring how long anything took.
/// </summary>
internal sealed class FrozenTime : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() { }

        public ValueTask DisposeAsync() => default;
    }
}
