namespace HnReply.NGram;

/// <summary>
/// One order of a finished model before <see cref="NGramModelBuilder"/> lays it out: n-gram i is
/// (<see cref="Prefix"/>[i], <see cref="Word"/>[i]) with its log10 probability and log10 backoff,
/// the prefix being an index into the order below. Order 1 is dense by word id and has no prefixes.
/// </summary>
internal sealed record ModelOrder(int Length, int[] Prefix, int[] Word, float[] Log10Prob, float[] Log10Backoff);
