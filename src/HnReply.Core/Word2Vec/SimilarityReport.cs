namespace HnReply.Word2Vec;

/// <summary>Word-similarity agreement: Spearman's ρ between human scores and cosine similarity over the <see cref="Found"/> pairs with both words known.</summary>
public sealed record SimilarityReport(int Pairs, int Found, double Spearman)
{
    public double Coverage => Pairs > 0 ? (double)Found / Pairs : 0;
}
