namespace HnReply.Corpus;

/// <summary>
/// What the store holds. <see cref="Overlap"/> counts stories whose items were assigned to more than
/// one split; it must be zero, and is computed from the data rather than assumed.
/// </summary>
public sealed record CorpusStats(
    long Items,
    long Stories,
    long Comments,
    long Missing,
    long Pairs,
    long Words,
    IReadOnlyDictionary<Split, SplitStats> Splits,
    long Overlap,
    IReadOnlyDictionary<string, long> ItemsByType);
