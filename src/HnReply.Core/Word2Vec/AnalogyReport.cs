namespace HnReply.Word2Vec;

/// <summary>Analogy accuracy per section and overall; <see cref="Coverage"/> is the share of questions seen (compute-accuracy's "Questions seen / total").</summary>
public sealed record AnalogyReport(IReadOnlyList<AnalogySection> Sections, int Restrict)
{
    public int Questions => Sections.Sum(s => s.Questions);

    public int Seen => Sections.Sum(s => s.Seen);

    public int CorrectAdd => Sections.Sum(s => s.CorrectAdd);

    public int CorrectMul => Sections.Sum(s => s.CorrectMul);

    public double AccuracyAdd => Seen > 0 ? (double)CorrectAdd / Seen : 0;

    public double AccuracyMul => Seen > 0 ? (double)CorrectMul / Seen : 0;

    public double Coverage => Questions > 0 ? (double)Seen / Questions : 0;
}
