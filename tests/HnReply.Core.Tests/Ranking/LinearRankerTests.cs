using HnReply.Evaluation;
using HnReply.Ranking;

namespace HnReply.Core.Tests.Ranking;

public class LinearRankerTests
{
    private static readonly string[] Two = ["a", "b"];

    // Groups of `size` candidates with standard normal features; the right one (moved first) is drawn from the
    // conditional logit with `weights`, so a correct fit recovers them.
    private static List<double[][]> Sampled(double[] weights, int groups, int size, int seed)
    {
        var random = new Random(seed);
        var result = new List<double[][]>();
        for (int g = 0; g < groups; g++)
        {
            var rows = Enumerable.Range(0, size).Select(_ => weights.Select(_ => Normal(random)).ToArray()).ToList();
            var odds = rows.Select(r => Math.Exp(r.Select((v, k) => v * weights[k]).Sum())).ToArray();
            double u = random.NextDouble() * odds.Sum();
            int right = 0;
            for (double seen = odds[0]; seen < u; seen += odds[++right]) { }
            (rows[0], rows[right]) = (rows[right], rows[0]);
            result.Add([.. rows]);
        }
        return result;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double RecallAt1(List<double[][]> groups, Func<double[], double> score) =>
        RankingMetrics.RecallAt1(groups.Select(g => RankingMetrics.RankOfFirst(g.Select(score).ToList())).ToList());

    [Fact]
    public void Fit_GroupsDrawnFromAConditionalLogit_RecoversItsWeights()
    {
        var groups = Sampled([2.0, -1.0], groups: 4000, size: 5, seed: 3);

        var fit = LinearRanker.Fit(Two, groups, penalty: 0);

        Assert.True(fit.Converged);
        // The features are standard normal, so the standardised weights are the generating ones up to sampling error.
        Assert.Equal(2.0, fit.Ranker.Weights[0], 0.15);
        Assert.Equal(-1.0, fit.Ranker.Weights[1], 0.15);
        Assert.Equal(4000, fit.Groups);
    }

    [Fact]
    public void Fit_TwoSignalsThatEachRankHalfTheGroups_RanksBetterThanEither()
    {
        // Two noisy views of the same truth: a ranker that adds them beats each view alone.
        var random = new Random(7);
        var groups = Enumerable.Range(0, 300).Select(_ =>
            Enumerable.Range(0, 10).Select(j => new[] { (j == 0 ? 1.0 : 0) + Normal(random), 3 * ((j == 0 ? 1.0 : 0) + Normal(random)) + 10 }).ToArray()).ToList();

        var fit = LinearRanker.Fit(Two, groups);

        double alone = Math.Max(RecallAt1(groups, r => r[0]), RecallAt1(groups, r => r[1]));
        double together = RecallAt1(groups, fit.Ranker.Score);
        Assert.True(together > alone + 0.05, $"fitted {together:P1}, best single feature {alone:P1}");
        // Standardised, the two views count about the same.
        Assert.Equal(fit.Ranker.Weights[0], fit.Ranker.Weights[1], 0.4);
        Assert.Equal(3, fit.Ranker.Scales[1] / fit.Ranker.Scales[0], 0.3);
    }

    [Fact]
    public void Fit_SameGroups_GivesTheSameRanker()
    {
        var groups = Sampled([1.0, 0.5], groups: 200, size: 4, seed: 1);

        var first = LinearRanker.Fit(Two, groups).Ranker;
        var second = LinearRanker.Fit(Two, groups).Ranker;

        Assert.Equal(first.Weights, second.Weights);
    }

    [Fact]
    public void Fit_APenalty_ShrinksTheWeights()
    {
        var groups = Sampled([2.0, -1.0], groups: 200, size: 5, seed: 4);

        double free = Math.Abs(LinearRanker.Fit(Two, groups, penalty: 0).Ranker.Weights[0]);
        double penalised = Math.Abs(LinearRanker.Fit(Two, groups, penalty: 1).Ranker.Weights[0]);

        Assert.True(penalised < free * 0.8, $"penalised {penalised}, free {free}");
    }

    [Fact]
    public void Score_IsTheWeightedSumOfStandardisedFeatures()
    {
        var ranker = new LinearRanker(Two, [1.0, 10.0], [2.0, 5.0], [0.5, -2.0]);

        Assert.Equal(0.5 * (3 - 1) / 2 - 2.0 * (20 - 10) / 5, ranker.Score([3.0, 20.0]), 12);
        Assert.Contains("takes 2 features (a, b), got 1", Assert.Throws<ArgumentException>(() => ranker.Score([1.0])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2, double.NaN, "group 0: feature b is NaN")]
    [InlineData(1, 1, 0, "group 0: 1 candidate(s)")]
    [InlineData(2, 3, double.PositiveInfinity, "group 0: feature b is Infinity")]
    public void Fit_BadGroups_NameTheGroupAndTheProblem(int groupCount, int candidates, double odd, string expected)
    {
        var groups = Enumerable.Range(0, groupCount).Select(g => Enumerable.Range(0, candidates).Select(j => new[] { 1.0 * j, j == 0 && g == 0 ? odd : j }).ToArray()).ToList();

        var error = Assert.Throws<ArgumentException>(() => LinearRanker.Fit(Two, groups));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoGroupsOrARowOfTheWrongWidth_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => LinearRanker.Fit(Two, []));
        Assert.StartsWith("group 0: a row of 1 features where the ranker has 2",
                          Assert.Throws<ArgumentException>(() => LinearRanker.Fit(Two, [[[1.0, 2.0], [3.0]]])).Message, StringComparison.Ordinal);
    }
}
