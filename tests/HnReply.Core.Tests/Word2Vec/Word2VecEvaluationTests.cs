using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class Word2VecEvaluationTests
{
    // Rows in frequency order. "queen" is row 3; "kingly" (row 5) lies closer to king - man + woman
    // than queen does, so it wins unless the restriction leaves it out.
    private static readonly WordVectors Vectors = new(
        ["man", "woman", "king", "queen", "paris", "kingly", "france", "rome", "italy"],
        [
            0, 1, 0, 0,
            0, -1, 0, 0,
            1, 1, 0, 0,
            1, -0.7f, 0, 0.5f,
            0, 0, 1, 0,
            1, -1, 0, 0,
            0, 0, 1, 1,
            0, 0.1f, 1, -0.1f,
            0, 0.1f, 1, 0.9f,
        ],
        dimensions: 4);

    /// <summary>A hand-written fixture in questions-words.txt format; case differs from the vocabulary on purpose.</summary>
    private const string Questions = """
        : family
        man king woman queen
        MAN WOMAN King Queen
        man woman boy girl
        : capital-country
        paris france rome italy
        """;

    [Fact]
    public void Evaluate_AllWords_ScoresPerSectionAndCoverage()
    {
        var report = AnalogyEvaluation.Evaluate(Vectors, new StringReader(Questions), restrict: 0);

        Assert.Equal(["family", "capital-country"], report.Sections.Select(s => s.Name));
        var family = report.Sections[0];
        Assert.Equal((3, 2), (family.Questions, family.Seen));
        Assert.Equal(0, family.CorrectAdd); // both seen questions ask for king - man + woman: kingly is nearer than queen
        Assert.Equal((1, 1, 1), (report.Sections[1].Seen, report.Sections[1].CorrectAdd, report.Sections[1].CorrectMul));
        Assert.Equal(4, report.Questions);
        Assert.Equal(0.75, report.Coverage);
        Assert.Equal(1 / 3.0, report.AccuracyAdd, 10);
    }

    [Fact]
    public void Evaluate_Restrict_SkipsQuestionsOutsideTheTopWordsAndLimitsAnswersToThem()
    {
        // Restricted to the first 5 rows: kingly is no candidate, and the capital question (rows 6..8) is unseen
        var report = AnalogyEvaluation.Evaluate(Vectors, new StringReader(Questions), restrict: 5);

        Assert.Equal((3, 2, 2), (report.Sections[0].Questions, report.Sections[0].Seen, report.Sections[0].CorrectAdd));
        Assert.Equal((1, 0), (report.Sections[1].Questions, report.Sections[1].Seen));
        Assert.Equal(0.5, report.Coverage);
        Assert.Equal(1.0, report.AccuracyAdd);
    }

    [Fact]
    public void Evaluate_LineOfThreeWords_NamesSourceAndLine()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            AnalogyEvaluation.Evaluate(Vectors, new StringReader(": s\nman king woman\n"), 0, "q.txt"));

        Assert.StartsWith("q.txt:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SimilarityEvaluate_Pairs_SpearmanOverKnownPairs()
    {
        // cos(paris, rome) = 0.99 > cos(king, queen) = 0.16 > cos(man, woman) = -1; humans agree on the order
        const string pairs = "word1\tword2\tscore\nking queen 5.5\nparis rome 9\nman woman 1\n# comment\nking unicorn 3\n";

        var report = SimilarityEvaluation.Evaluate(Vectors, new StringReader(pairs));

        Assert.Equal((4, 3), (report.Pairs, report.Found));
        Assert.Equal(1.0, report.Spearman, 10);
    }

    [Fact]
    public void Rho_KnownSeries_MatchesHandComputation()
    {
        // x ranks 1, 2.5, 2.5, 4 (a tie); y ranks 1, 3, 2, 4: ρ = Pearson of the ranks = 4.5 / √(4.5 · 5)
        double rho = SpearmanCorrelation.Rho([1, 2, 2, 3], [10, 30, 20, 40]);

        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), rho, 12);
        Assert.Equal(-1, SpearmanCorrelation.Rho([1, 2, 3], [3, 2, 1]), 12);
        Assert.True(double.IsNaN(SpearmanCorrelation.Rho([1], [1])));
    }
}
