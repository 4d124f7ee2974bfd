using HnReply.Prediction;

namespace HnReply.Core.Tests.Prediction;

public class TokenSamplerTests
{
    private static readonly float[] Distribution = [0.5f, 0.3f, 0.15f, 0.05f];

    [Fact]
    public void Sample_TemperatureZero_IsArgMax()
    {
        Assert.Equal(0, TokenSampler.Sample(Distribution, new SamplingOptions { Temperature = 0 }, new Random(1)));
    }

    [Fact]
    public void Sample_TopK2_NeverPicksBeyondTheTwoMostLikely()
    {
        var random = new Random(3);
        var picks = Enumerable.Range(0, 2_000).Select(_ => TokenSampler.Sample(Distribution, new SamplingOptions { Temperature = 1, TopK = 2 }, random)).ToList();

        Assert.All(picks, p => Assert.InRange(p, 0, 1));
        Assert.InRange(picks.Count(p => p == 0) / 2000.0, 0.57, 0.68); // 0.5 / 0.8 = 0.625
    }

    [Fact]
    public void Sample_TopP_KeepsTheSmallestNucleus()
    {
        var random = new Random(4);
        var picks = Enumerable.Range(0, 1_000).Select(_ => TokenSampler.Sample(Distribution, new SamplingOptions { Temperature = 1, TopP = 0.75 }, random)).ToHashSet();

        Assert.Equal([0, 1], picks.Order());
    }

    [Fact]
    public void Sample_TemperatureOne_FollowsTheDistribution()
    {
        var random = new Random(5);
        var counts = new int[4];
        for (int i = 0; i < 20_000; i++) counts[TokenSampler.Sample(Distribution, new SamplingOptions { Temperature = 1 }, random)]++;

        for (int i = 0; i < 4; i++) Assert.InRange(counts[i] / 20_000.0, Distribution[i] - 0.015, Distribution[i] + 0.015);
    }

    [Fact]
    public void Sample_RepetitionPenalty_DemotesProducedTokens()
    {
        var options = new SamplingOptions { Temperature = 0, RepetitionPenalty = 2 };

        Assert.Equal(1, TokenSampler.Sample(Distribution, options, new Random(1), new HashSet<int> { 0 }));
    }

    [Fact]
    public void Validate_BadOptions_ReportsAll()
    {
        var e = Assert.Throws<ArgumentException>(() => new SamplingOptions { Temperature = -1, TopP = 0, TopK = -2 }.Validate());

        Assert.Contains("--temperature", e.Message);
        Assert.Contains("--top-p", e.Message);
        Assert.Contains("--top-k", e.Message);
    }
}
