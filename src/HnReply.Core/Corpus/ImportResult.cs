namespace HnReply.Corpus;

/// <summary>
/// <see cref="Read"/> items parsed, <see cref="Stored"/> new or changed rows, <see cref="Skipped"/>
/// items already stored unchanged; <see cref="ErrorCount"/> bad lines, the first of them in <see cref="Errors"/>.
/// </summary>
public sealed record ImportResult(long Read, long Stored, long Skipped, long ErrorCount, IReadOnlyList<ReadError> Errors, TimeSpan Elapsed);
