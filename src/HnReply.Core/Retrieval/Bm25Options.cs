namespace HnReply.Retrieval;

public sealed record Bm25Options
{
    /// <summary>Term-frequency saturation; 1.2 is the usual default (Robertson &amp; Zaragoza 2009; Lucene).</summary>
    public double K1 { get; init; } = 1.2;

    /// <summary>Length normalisation; 0.75 is the usual default.</summary>
    public double B { get; init; } = 0.75;
}
