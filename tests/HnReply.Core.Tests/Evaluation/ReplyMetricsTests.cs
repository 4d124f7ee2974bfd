using HnReply.Corpus;
using HnReply.Evaluation;
using HnReply.Prediction;

namespace HnReply.Core.Tests.Evaluation;

public class ReplyMetricsTests
{
    [Fact]
    public void ChrF_SameText_Is100AndNoSharedCharacter_Is0()
    {
        Assert.Equal(100, ChrF.Score("the cat sat", "the cat sat"), 9);
        Assert.Equal(100, ChrF.Score("thecat sat", "the cat  sat"), 9); // whitespace is not part of chrF's n-grams
        Assert.Equal(0, ChrF.Score("xyz", "abc"), 9);
    }

    [Fact]
    public void ChrF_HandComputedPair_MatchesTheFormula()
    {
        // "ab" vs "abc": orders 1 and 2 only exist in both (order 3 has no hypothesis n-gram).
        // order 1: P = 2/2, R = 2/3; order 2: P = 1/1, R = 1/2 → P = 1, R = 7/12; F2 = 5·P·R / (4·P + R).
        double p = 1, r = 7.0 / 12;
        Assert.Equal(100 * 5 * p * r / (4 * p + r), ChrF.Score("ab", "abc"), 9);
    }

    [Fact]
    public void RecallAt_CountsRanksBelowK()
    {
        Assert.Equal(0.75, RankingMetrics.RecallAt([0, 4, 5, 2], 5), 9);
        Assert.Equal(0.25, RankingMetrics.RecallAt([0, 4, 5, 2], 1), 9);
    }

    [Fact]
    public void Evaluate_PairsWithoutStoryIds_RankAmongEachOther()
    {
        // A {"parent","reply"} file has no ids: every pair is its own thread, so 1-of-10 ranking still runs.
        var pairs = Enumerable.Range(0, 12).Select(i => new ReplyPair(0, 0, 0, Split.Test, "", $"topic{i} question", $"answer about topic{i}")).ToList();

        var report = new ReplierEvaluator(new OverlapReplier(), generated: 3).Evaluate(pairs, []);

        Assert.Equal(1, report.RecallAt1Of10, 9);
        Assert.Equal(1, report.RecallAt5Of10, 9);
        Assert.True(double.IsNaN(report.RecallAt1Of100));
        Assert.Equal(3, report.MeanLength, 9);
        Assert.InRange(report.ChrF, 0, 100);
    }

    // Scores a reply by the words it shares with the parent; replies with the parent's first word.
    private sealed class OverlapReplier : IReplier
    {
        public string Kind => "overlap";

        public IReadOnlyList<GeneratedReply> Reply(string parent, string? title, int n) => [new GeneratedReply($"about {parent}", 1)];

        public double Score(string parent, string? title, string reply) => parent.Split(' ').Intersect(reply.Split(' ')).Count();
    }
}
