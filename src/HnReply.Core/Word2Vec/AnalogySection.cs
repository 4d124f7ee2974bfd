namespace HnReply.Word2Vec;

/// <summary>
/// One <c>: section</c> of an analogy file: <see cref="Questions"/> read, <see cref="Seen"/> of them
/// with all four words in the (restricted) vocabulary, and how many of those each method answered right.
/// </summary>
public sealed record AnalogySection(string Name, int Questions, int Seen, int CorrectAdd, int CorrectMul)
{
    /// <summary>3CosAdd accuracy over the questions seen (compute-accuracy's "ACCURACY TOP1").</summary>
    public double AccuracyAdd => Seen > 0 ? (double)CorrectAdd / Seen : 0;

    public double AccuracyMul => Seen > 0 ? (double)CorrectMul / Seen : 0;
}
