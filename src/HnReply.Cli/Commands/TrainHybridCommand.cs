using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HnReply.Cli.Output;
using HnReply.Corpus;
using HnReply.Evaluation;
using HnReply.Neural.Models;
using HnReply.Neural.Reply;
using HnReply.Prediction;
using HnReply.Ranking;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply train hybrid --out DIR --reply M --retrieval R</c>: the hybrid replier, whose ranker weighs the
/// reply model's score, the retrieval model's and the reply's length, fitted on validation pairs
/// (<c>--valid-pairs FILE</c> or the store's valid split): each true reply against 9 from other threads,
/// drawn as <c>eval</c> draws them. The directory it writes names its models; <c>reply</c>, <c>eval</c> and
/// <c>serve</c> take it like any replier.
/// </summary>
internal static class TrainHybridCommand
{
    private const int DistractorCount = 9;
    private static readonly Option<string> Reply = new("--reply") { Description = "Reply model directory (`hnreply train reply`)", Required = true };
    private static readonly Option<string> Retrieval = new("--retrieval") { Description = "Retrieval model directory (`hnreply train retrieval`)", Required = true };
    private static readonly Option<string?> Lm = new("--lm") { Description = "Language model directory for the reply model's PMI score, log p(r|c) − log p(r) (default: the LM a reply model trained with --freeze-lm holds)" };
    private static readonly Option<string?> ValidPairs = new("--valid-pairs") { Description = "JSONL pairs to fit the ranker on (default: the store's valid split); not the pairs you evaluate on" };
    private static readonly Option<int> Limit = new("--limit") { Description = "Fit on at most this many pairs (0 = all)", DefaultValueFactory = _ => 0 };
    private static readonly Option<double> Penalty = new("--penalty") { Description = "L2 penalty on the standardised weights", DefaultValueFactory = _ => 0.01 };

    public static Command Create()
    {
        var command = new Command("hybrid", "Fit the hybrid replier's ranker: the reply model's score, retrieval's and the reply's length, weighted on validation pairs")
        {
            TrainCommand.Out, Reply, Retrieval, Lm, ValidPairs, Limit, Penalty,
        };
        SplitFlags.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            int limit = parse.GetValue(Limit);
            if (limit < 0) throw new ArgumentException($"--limit must be 0 or more, got {limit}");
            double penalty = parse.GetValue(Penalty);
            if (!(penalty >= 0) || !double.IsFinite(penalty)) throw new ArgumentException($"--penalty must be 0 or more, got {penalty}");
            string output = parse.GetValue(TrainCommand.Out)!;
            string replyPath = parse.GetValue(Reply)!, retrievalPath = parse.GetValue(Retrieval)!;
            string? lmPath = parse.GetValue(Lm);
            TrainCommand.CheckOutput(output, new[] { replyPath, retrievalPath, lmPath }.OfType<string>(), "a model the hybrid names", "hybrid");
            var (pairs, source) = ValidationPairs(parse, limit);

            using var reply = ModelLoader.LoadReplier(replyPath);
            if (reply.Kind != "reply") throw new ArgumentException($"--reply {replyPath}: a {reply.Kind} model; give a reply model");
            var model = ((NeuralReplier)reply.Replier!).Model;
            using var retrieval = ModelLoader.LoadReplier(retrievalPath);
            if (retrieval.Kind != "retrieval") throw new ArgumentException($"--retrieval {retrievalPath}: a {retrieval.Kind} model; give a retrieval model");
            using var lm = lmPath is null ? null : ModelLoader.LoadLanguageModel(lmPath);
            var replier = new NeuralReplier(model, lm?.LanguageModel, retrieval.Replier);
            string scored = replier.HasLanguageModel ? "PMI, log p(r|c) − log p(r)" : "log p(r|c) per token (no p(r): give --lm or a reply model trained with --freeze-lm)";
            await Console.Error.WriteLineAsync($"train hybrid: {replyPath} ({scored}) + {retrievalPath}; fitting on {pairs.Count:N0} pairs from {source}, " +
                                               $"each true reply among {DistractorCount} from other threads").ConfigureAwait(false);

            var groups = await ProgressDisplay.RunAsync("train hybrid", "pairs", progress => Task.Run(() =>
                Groups(replier, pairs, parse.GetValue(GlobalOptions.Seed), progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
            if (groups.Count == 0) throw new ArgumentException($"{source}: no pair has {DistractorCount} pairs from other threads to rank against; give at least {DistractorCount + 1} pairs");
            var fit = LinearRanker.Fit(NeuralReplier.HybridFeatures, groups, penalty);

            var recall = new JsonObject();
            for (int k = 0; k < NeuralReplier.HybridFeatures.Count - 1; k++)
                recall[NeuralReplier.HybridFeatures[k]] = Math.Round(RecallAt1(groups, row => row[k]), 4);
            recall["hybrid"] = Math.Round(RecallAt1(groups, fit.Ranker.Score), 4);
            var definition = new HybridDefinition(replyPath, retrievalPath, lmPath, fit.Ranker);
            var data = new JsonObject { ["source"] = source, ["fit_pairs"] = groups.Count, ["distractors"] = DistractorCount, ["seed"] = parse.GetValue(GlobalOptions.Seed), ["penalty"] = penalty };
            var metrics = new JsonObject
            {
                ["fit_recall_at_1_of_10"] = recall, ["fit_mean_log_likelihood"] = Math.Round(fit.MeanLogLikelihood, 6),
                ["iterations"] = fit.Iterations, ["converged"] = fit.Converged,
            };
            HybridDefinition.Save(output, definition, model, data, metrics);
            Report(output, fit, recall, parse.GetValue(GlobalOptions.Json));
            return 0;
        });
        return command;
    }

    private static (List<ReplyPair> Pairs, string Source) ValidationPairs(ParseResult parse, int limit)
    {
        var (pairs, source) = GlobalOptions.FileOrStore(parse, parse.GetValue(ValidPairs), ReplyPairFile.Read, store => store.Pairs(SplitFlags.Read(parse), Split.Valid), "valid");
        if (pairs.Count == 0) throw new ArgumentException($"{source}: no pairs to fit the ranker on; pass --valid-pairs FILE");
        return (limit > 0 ? pairs.Take(limit).ToList() : pairs, source);
    }

    // Per pair with enough others: the feature rows of its true reply (first) and of the drawn ones.
    private static List<double[][]> Groups(NeuralReplier replier, List<ReplyPair> pairs, int seed, IProgress<ProgressReading> progress, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var groups = new List<double[][]>();
        for (int i = 0; i < pairs.Count; i++)
        {
            var pool = Distractors.Pool(pairs, i);
            if (pool.Length >= DistractorCount)
            {
                var replies = new List<string> { pairs[i].Reply };
                replies.AddRange(Distractors.Draw(pool, DistractorCount, random).Select(j => pairs[j].Reply));
                groups.Add(replier.HybridFeatureRows(pairs[i].Parent, pairs[i].Title, replies, cancellationToken));
            }
            progress.Report(new ProgressReading(i + 1, pairs.Count, ""));
        }
        return groups;
    }

    private static double RecallAt1(List<double[][]> groups, Func<double[], double> score) =>
        RankingMetrics.RecallAt1(groups.Select(g => RankingMetrics.RankOfFirst(g.Select(score).ToList())).ToList());

    private static void Report(string output, LinearRankerFit fit, JsonObject recall, bool json)
    {
        var ranker = fit.Ranker;
        if (json)
        {
            JsonOutput.Write(new
            {
                model = output,
                weights = ranker.Features.Select((f, k) => new { feature = f, weight = ranker.Weights[k], mean = ranker.Means[k], scale = ranker.Scales[k] }),
                fit_pairs = fit.Groups,
                fit_recall_at_1_of_10 = recall.ToDictionary(r => r.Key, r => r.Value!.GetValue<double>()),
                fit_mean_log_likelihood = fit.MeanLogLikelihood,
                iterations = fit.Iterations,
                converged = fit.Converged,
            });
            return;
        }
        Console.Out.WriteLine($"wrote {output}: weights {string.Join(", ", ranker.Features.Select((f, k) => $"{f} {F(ranker.Weights[k], "F3")}"))} " +
                              $"(per standard deviation; Newton, {fit.Iterations} steps{(fit.Converged ? "" : ", not converged")})");
        Console.Out.WriteLine($"R@1 among 10 on the {fit.Groups:N0} pairs it was fitted on: {string.Join(", ", recall.Select(r => $"{r.Key} {F(r.Value!.GetValue<double>() * 100, "F1")} %"))} " +
                              "(fitted on these pairs: compare repliers with `hnreply eval` on held-out ones)");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
