namespace HnReply.Word2Vec;

/// <summary>
/// A reading taken while training: <see cref="Words"/> of <see cref="TotalWords"/> (all passes)
/// done, the current pass (1-based), learning rate, the mean loss of the current pass so far, and
/// words per second over the whole run and per thread.
/// </summary>
public readonly record struct Word2VecProgress(long Words, long TotalWords, int Epoch, double Alpha, double Loss, double WordsPerSecond, double WordsPerSecondPerThread);
