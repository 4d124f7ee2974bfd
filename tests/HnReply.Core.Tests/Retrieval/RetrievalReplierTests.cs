using HnReply.Corpus;
using HnReply.Evaluation;
using HnReply.Models;
using HnReply.Retrieval;

namespace HnReply.Core.Tests.Retrieval;

public class RetrievalReplierTests
{
    private static ReplyPair Pair(long story, long id, string parent, string reply) =>
        new(story, id - 1, id, Split.Train, $"Story {story}", parent, reply);

    private static readonly ReplyPair[] Pairs =
    [
        Pair(1, 11, "How do I tune Postgres vacuum settings?", "Lower autovacuum_vacuum_scale_factor for big tables."),
        Pair(2, 21, "Rust borrow checker keeps rejecting my graph code", "Use indices into a Vec instead of references."),
        Pair(3, 31, "Postgres vacuum is slow on our big tables", "Lower autovacuum_vacuum_scale_factor for big tables!"),
        Pair(4, 41, "What laptop for Linux development?", "A ThinkPad runs Linux without trouble."),
    ];

    [Fact]
    public void Reply_SimilarQuestion_ReturnsTheNearestThreadsReplyAndDropsNearDuplicates()
    {
        var replier = new RetrievalReplier(Pairs);

        var replies = replier.Reply("postgres vacuum settings for big tables", null, 3);

        Assert.Contains("autovacuum", replies[0].Text);
        Assert.Single(replies, r => r.Text.Contains("scale_factor", StringComparison.Ordinal));
        Assert.True(replies[0].StoryId is 1 or 3);
    }

    [Fact]
    public void Score_TheTrueReplyOutranksUnrelatedOnes()
    {
        var replier = new RetrievalReplier(Pairs);
        string parent = "Which laptop runs Linux well?";

        double right = replier.Score(parent, null, "ThinkPad laptops run Linux well.");
        double wrong = replier.Score(parent, null, "Use indices into a Vec.");

        Assert.True(right > wrong);
    }

    [Fact]
    public void SaveThenLoad_GivesTheSameReplies()
    {
        var folder = Directory.CreateTempSubdirectory("hnreply-test-").FullName;
        try
        {
            var replier = new RetrievalReplier(Pairs);
            string dir = Path.Combine(folder, "retrieval");
            replier.Save(dir, new ModelManifest { Format = RetrievalReplier.FormatTag });

            var loaded = RetrievalReplier.Load(dir);

            Assert.Equal(replier.Reply("rust graph references", null, 2), loaded.Reply("rust graph references", null, 2));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Evaluate_OnItsOwnTrainingPairs_RanksTrueRepliesWell()
    {
        var pairs = Enumerable.Range(0, 120).Select(i =>
            Pair(i, i * 10 + 1, $"question about topic{i} and detail{i % 7}", $"answer on topic{i} with fact{i}")).ToList();
        var replier = new RetrievalReplier(pairs);

        var report = new ReplierEvaluator(replier, generated: 20).Evaluate(pairs, pairs.Select(p => p.Reply));

        Assert.Equal(1.0, report.RecallAt1Of10);
        Assert.Equal(1.0, report.RecallAt1Of100);
        Assert.True(double.IsNaN(report.CopyRate8Gram)); // replies are 5 words: no 8-grams at all, so the rate is unknown
        Assert.True(report.Distinct1 > 0);
    }
}
