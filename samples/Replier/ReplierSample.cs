using HnReply.Corpus;
using HnReply.Evaluation;
using HnReply.Retrieval;

namespace HnReply.Samples.Replier;

/// <summary>
/// Rung 0 for replies: BM25 finds the training parent most like a new comment and answers with its
/// reply. Then the ranking test every replier takes: put the true reply among replies from other
/// threads and see where the model ranks it (recall@1, mean reciprocal rank). The pairs are written
/// for this sample (synthetic), not HN data.
/// </summary>
public static class ReplierSample
{
    private static readonly (string Parent, string Reply)[] Training =
    [
        ("Is Rust worth learning for backend work?", "Yes if you care about memory safety; the borrow checker takes a few weeks to click."),
        ("Why is my Docker image so large?", "Use a multi-stage build and a slim base image; most of the size is the build toolchain."),
        ("What database should a small startup use?", "Postgres. It does everything you need until you are much bigger than you think."),
        ("How do you stay productive working from home?", "A separate room and fixed hours. Without a boundary the work never ends."),
        ("Is it worth writing tests for a prototype?", "Test the parts you are sure will survive; skip the rest until the design settles."),
    ];

    private static readonly (string Parent, string Reply)[] HeldOut =
    [
        ("Should I learn Rust or Go for backend services?", "Go is quicker to learn; Rust pays off when memory safety and speed matter."),
        ("Our Docker builds are slow and the image is huge.", "Cache the dependency layer and build in a multi-stage Dockerfile."),
        ("Which database for a side project?", "SQLite until you need concurrent writers, then Postgres."),
        ("Remote work makes me less productive.", "Set fixed hours and leave the desk when they end."),
    ];

    public static void Run(TextWriter output)
    {
        var pairs = Training.Select((p, i) => new ReplyPair(StoryId: i, ParentId: 2 * i, ReplyId: 2 * i + 1, Split.Train, Title: "", p.Parent, p.Reply)).ToList();
        var replier = new RetrievalReplier(pairs);

        string question = "I want to learn Rust, is the borrow checker hard?";
        var best = replier.Reply(question, title: null, n: 1)[0];
        output.WriteLine($"reply to \"{question}\": {best.Text} (score {best.Score:F2})");

        // Ranking: for each held-out parent, score its true reply (first) and the other held-out
        // replies (distractors from other threads); rank 0 means the true reply came first.
        var ranks = new List<int>();
        for (int i = 0; i < HeldOut.Length; i++)
        {
            var candidates = HeldOut.Select(p => p.Reply).Where((_, j) => j != i).Prepend(HeldOut[i].Reply);
            var scores = candidates.Select(reply => replier.Score(HeldOut[i].Parent, title: null, reply)).ToList();
            ranks.Add(RankingMetrics.RankOfFirst(scores));
        }
        output.WriteLine($"ranks of the true replies among {HeldOut.Length}: {string.Join(", ", ranks)}");
        output.WriteLine($"recall@1 {RankingMetrics.RecallAt1(ranks):F2}, MRR {RankingMetrics.MeanReciprocalRank(ranks):F2}");
    }
}
