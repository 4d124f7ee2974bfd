namespace HnReply.Corpus;

/// <summary>Items so far, and bytes of the input files read of their total (compressed bytes for .gz files).</summary>
public sealed record ImportProgress(long Read, long Stored, long Errors, long BytesRead, long TotalBytes);
