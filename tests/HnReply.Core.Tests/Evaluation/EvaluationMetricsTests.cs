using HnReply.Evaluation;
using HnReply.Prediction;
using HnReply.Text;

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
    public void DistinctAndCopyRate_NoNGramsWritten_AreUnknownNotZero()
    {
        string[][] shortReplies = [["a", "b", "c"]];
        var training = DiversityMetrics.TrainingNGrams([["1", "2", "3", "4", "5", "6", "7", "8"]]);

        Assert.True(double.IsNaN(DiversityMetrics.Distinct([], 1)));
        Assert.True(double.IsNaN(DiversityMetrics.Distinct(shortReplies, 4)));
        Assert.True(double.IsNaN(DiversityMetrics.CopyRate(shortReplies, training)));
    }

    [Fact]
    public void KeystrokeSavings_WordSuggestedAfterTwoLetters_SavesTheRest()
    {
        var savings = new KeystrokeSavings();

        savings.AddWord("quick".Length, offeredAfter: 2);
        savings.AddWord("fox".Length, offeredAfter: -1);

        // quick: 2 letters + accept + space = 4 of 6; fox: 3 letters + space = 4 of 4
        Assert.Equal(10, savings.Characters);
        Assert.Equal(8, savings.Keystrokes);
        Assert.Equal(0.2, savings.Savings, 12);
    }

    [Fact]
    public void OfferedAfter_EqualsTopThreeOfEachPrefix_WorkedByHand()
    {
        // Given words ranked the, they, then, quiet, quick, queen, ",", and quick is the target
        var vocabulary = Vocabulary.FromTokens(["the", "they", "then", "quiet", "quick", "queen", ","]);
        var p = new float[vocabulary.Count];
        float[] ranked = [0.30f, 0.20f, 0.15f, 0.12f, 0.10f, 0.08f, 0.05f];
        for (int i = 0; i < ranked.Length; i++) p[4 + i] = ranked[i];

        // "" → the, they, then; "q" → quiet, quick, queen: offered after 1 letter.
        Assert.Equal(1, OfferedAfter(p, vocabulary, "quick"));
        // "then" is third before any letter is typed.
        Assert.Equal(0, OfferedAfter(p, vocabulary, "then"));
        // "queen": "" no; "q" → quiet, quick, queen: offered after 1 letter. The comma is not a word, so it never pushes a word down.
        Assert.Equal(1, OfferedAfter(p, vocabulary, "queen"));
        // "quiet", "quick" and "quilt" rank above "quit" and share every prefix it has before it is complete: never offered.
        var qui = Vocabulary.FromTokens(["quiet", "quick", "quilt", "quit"]);
        Assert.Equal(-1, OfferedAfter([0, 0, 0, 0, 0.3f, 0.3f, 0.3f, 0.1f], qui, "quit"));
    }

    private static int OfferedAfter(ReadOnlySpan<float> probabilities, Vocabulary vocabulary, string word)
    {
        var sharing = new List<int>();
        var byPrefix = new int[SuggestionRank.PrefixDepth + 1];
        SuggestionRank.WordsAbove(probabilities, vocabulary.Id(word), vocabulary, byPrefix, sharing);
        return KeystrokeSavings.OfferedAfter(byPrefix, sharing.ToArray(), vocabulary, vocabulary.Id(word));
    }

    [Fact]
    public void OfferedAfter_MatchesSortingEveryPrefix_OnRandomDistributions()
    {
        var random = new Random(5);
        string[] words = Enumerable.Range(0, 300).Select(_ => new string(Enumerable.Range(0, random.Next(1, 6)).Select(_ => "abc"[random.Next(3)]).ToArray())).Distinct().ToArray();
        var vocabulary = Vocabulary.FromTokens(words);
        for (int trial = 0; trial < 400; trial++)
        {
            var p = new float[vocabulary.Count];
            for (int id = 4; id < p.Length; id++) p[id] = random.Next(4) == 0 ? 0 : random.Next(1, 40) / 100f;
            int target = random.Next(4, vocabulary.Count);
            p[target] = random.Next(1, 40) / 100f; // softmax and smoothed n-grams give every word some probability
            string word = vocabulary.Token(target);
            int expected = -1;
            for (int typed = 0; typed < word.Length && expected < 0; typed++)
            {
                var shown = Enumerable.Range(4, p.Length - 4).Where(id => p[id] > 0 && vocabulary.Token(id).StartsWith(word[..typed], StringComparison.Ordinal))
                    .OrderByDescending(id => p[id]).ThenBy(id => id).Take(3);
                if (shown.Contains(target)) expected = typed;
            }

            Assert.Equal(expected, OfferedAfter(p, vocabulary, vocabulary.Token(target)));
        }
    }
}
