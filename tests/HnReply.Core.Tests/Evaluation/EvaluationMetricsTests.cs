using HnReply.Evaluation;

namespace HnReply.Core.Tests.Evaluation;

public class EvaluationMetricsTests
{
    [Fact]
    public void Perplexity_UniformOverTen_IsTen()
    {
        var acc = new PerplexityAccumulator();
        for (int i = 0; i < 7; i++) acc.Add(Math.Log(0.1));
        acc.AddDocument("abcdef");

        Assert.Equal(10, acc.Perplexity, 9);
        Assert.Equal(7 * Math.Log2(10) / 7, acc.BitsPerCharacter, 9);
    }

    [Fact]
    public void Perplexity_PositiveLogProbability_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerplexityAccumulator().Add(0.5));
    }

    [Fact]
    public void Ranking_KnownRanks_GiveRecallAndMrr()
    {
        int[] ranks = [0, 1, 0, 3];

        Assert.Equal(0.5, RankingMetrics.RecallAt1(ranks));
        Assert.Equal((1 + 0.5 + 1 + 0.25) / 4, RankingMetrics.MeanReciprocalRank(ranks), 12);
    }

    [Fact]
    public void RankOfFirst_TiesCountAgainstTheTrueCandidate()
    {
        Assert.Equal(0, RankingMetrics.RankOfFirst([3.0, 1, 2]));
        Assert.Equal(2, RankingMetrics.RankOfFirst([1.0, 1, 1]));
        Assert.Equal(1, RankingMetrics.RankOfFirst([2.0, 5, 1]));
    }

    [Fact]
    public void Distinct_RepeatedReplies_CountsUniqueNGrams()
    {
        string[][] replies = [["a", "b", "a"], ["a", "b"]];

        Assert.Equal(2 / 5.0, DiversityMetrics.Distinct(replies, 1), 12);
        Assert.Equal(2 / 3.0, DiversityMetrics.Distinct(replies, 2), 12);
    }

    [Fact]
    public void CopyRate_HalfTheEightGramsFromTraining_IsHalf()
    {
        var training = DiversityMetrics.TrainingNGrams([["1", "2", "3", "4", "5", "6", "7", "8", "9"]]);
        string[][] generated = [["1", "2", "3", "4", "5", "6", "7", "8"], ["x", "2", "3", "4", "5", "6", "7", "8"]];

        Assert.Equal(0.5, DiversityMetrics.CopyRate(generated, training));
    }

    [Fact]
    public void KeystrokeSavings_WordSuggestedAfterTwoLetters_SavesTheRest()
    {
        var savings = new KeystrokeSavings();

        savings.AddWord("quick", prefix => prefix.Length >= 2 ? ["quick", "quiet"] : ["the"]);
        savings.AddWord("fox", _ => ["dog"]);

        // quick: 2 letters + accept + space = 4 of 6; fox: 3 letters + space = 4 of 4
        Assert.Equal(10, savings.Characters);
        Assert.Equal(8, savings.Keystrokes);
        Assert.Equal(0.2, savings.Savings, 12);
    }
}
