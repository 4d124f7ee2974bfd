using System.Diagnostics;
using HnReply.Corpus;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Evaluation;

/// <summary>
/// Evaluates an <see cref="IReplier"/> on held-out pairs: the true reply ranked among 9 (and 99)
/// replies drawn, with a fixed seed, from other threads of the same held-out set (recall@1, MRR),
/// and the replies it writes for the first <paramref name="generated"/> parents (distinct-1/2, and
/// the share of their 8-grams copied verbatim from training replies, mean length, chrF against the true reply).
/// With <c>rank: false</c> only the written replies are measured (a replier whose scores are another's, like the hybrid's);
/// <paramref name="largest"/> = 10 ranks among 10 only (1-of-100 reported as unknown): a neural replier scores 110 replies per pair otherwise.
/// </summary>
public sealed class ReplierEvaluator(IReplier replier, int generated = 300, int seed = 1, bool rank = true, int largest = 100)
{
    private static readonly ITokenizer Words = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Word, Lowercase = true });

    public ReplierReport Evaluate(IReadOnlyList<ReplyPair> pairs, IEnumerable<string> trainingReplies, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var ranks10 = new List<int>();
        var ranks100 = new List<int>();
        for (int i = 0; rank && i < pairs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pair = pairs[i];
            var others = Distractors.Pool(pairs, i);
            if (others.Length >= 9) ranks10.Add(RankTrue(pair, Distractors.Draw(others, 9, random), pairs));
            if (largest >= 100 && others.Length >= 99) ranks100.Add(RankTrue(pair, Distractors.Draw(others, 99, random), pairs));
            progress?.Report(new EvaluationProgress(i + 1, pairs.Count + Math.Min(generated, pairs.Count)));
        }

        var written = new List<IReadOnlyList<string>>();
        var chrF = new List<double>();
        foreach (var pair in pairs.Take(generated))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (replier.Reply(pair.Parent, pair.Title, 1) is [var reply, ..])
            {
                written.Add(Words.Tokenize(reply.Text));
                chrF.Add(ChrF.Score(reply.Text, pair.Reply));
            }
            progress?.Report(new EvaluationProgress(pairs.Count + written.Count, pairs.Count + Math.Min(generated, pairs.Count)));
        }
        var replies = trainingReplies.ToList(); // none given: the copy rate is unknown, not 0
        var training = DiversityMetrics.TrainingNGrams(replies.Select(Words.Tokenize));
        double seconds = clock.Elapsed.TotalSeconds;
        return new ReplierReport(pairs.Count,
            RankingMetrics.RecallAt1(ranks10), RankingMetrics.MeanReciprocalRank(ranks10),
            RankingMetrics.RecallAt1(ranks100), RankingMetrics.MeanReciprocalRank(ranks100),
            DiversityMetrics.Distinct(written, 1), DiversityMetrics.Distinct(written, 2),
            replies.Count == 0 ? double.NaN : DiversityMetrics.CopyRate(written, training),
            written.Count == 0 ? double.NaN : written.Count / Math.Max(seconds, 1e-9), seconds)
        {
            RecallAt5Of10 = RankingMetrics.RecallAt(ranks10, 5), RecallAt5Of100 = RankingMetrics.RecallAt(ranks100, 5),
            MeanLength = written.Count == 0 ? double.NaN : written.Average(w => w.Count), ChrF = chrF.Count == 0 ? double.NaN : chrF.Average(),
        };
    }

    private int RankTrue(ReplyPair pair, int[] distractors, IReadOnlyList<ReplyPair> pairs)
    {
        var replies = new List<string>(distractors.Length + 1) { pair.Reply };
        replies.AddRange(distractors.Select(k => pairs[k].Reply));
        return RankingMetrics.RankOfFirst(replier.ScoreAll(pair.Parent, pair.Title, replies));
    }
}
