namespace HnReply.Core.Tests;

/// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so a test sees every report at once and in order.</summary>
internal sealed class SyncProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
