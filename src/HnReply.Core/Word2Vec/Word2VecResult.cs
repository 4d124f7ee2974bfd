namespace HnReply.Word2Vec;

/// <summary>What training produced: the input vectors (the ones word2vec writes out), a row per pass, and the speed.</summary>
public sealed record Word2VecResult(WordVectors Vectors, IReadOnlyList<Word2VecEpoch> Epochs, long WordsTrained, TimeSpan Elapsed, int Threads)
{
    /// <summary>Words of text processed per second of training (all passes, all threads; the vocabulary pass excluded).</summary>
    public double WordsPerSecond => Elapsed > TimeSpan.Zero ? WordsTrained / Elapsed.TotalSeconds : 0;

    public double FinalLoss => Epochs.Count > 0 ? Epochs[^1].Loss : double.NaN;
}
