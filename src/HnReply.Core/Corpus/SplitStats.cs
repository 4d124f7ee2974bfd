namespace HnReply.Corpus;

public sealed record SplitStats(long Stories, long Comments, long Pairs);
