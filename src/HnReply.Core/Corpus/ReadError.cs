namespace HnReply.Corpus;

/// <summary>One unreadable line or row of a dump file; <paramref name="Line"/> is 1-based.</summary>
public sealed record ReadError(string File, long Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
