using System.CommandLine;
using System.Globalization;
using System.Text;
using HnReply.Cli.Output;
using HnReply.Corpus;
using HnReply.Evaluation;
using HnReply.Models;
using HnReply.Neural.Models;
using HnReply.Neural.Reply;
using HnReply.Prediction;
using HnReply.Text;
using Spectre.Console;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply eval MODEL...</c>: the ladder. Every model is scored on the same held-out data —
/// language models on documents (the store's split or <c>--text FILE</c>), repliers on pairs (the
/// store's split or <c>--pairs FILE</c>) — and printed as one table, one row per model. Models are
/// loaded one at a time and disposed after scoring; a kind eval cannot score (word2vec) is refused
/// before anything is scored.
/// </summary>
internal static class EvalCommand
{
    private static readonly Argument<string[]> Models = new("MODEL") { Description = "Model directories", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string> SplitOption = new("--split") { Description = "Held-out split of the store", DefaultValueFactory = _ => "test" };
    private static readonly Option<string?> Text = new("--text") { Description = "Plain-text file, one document per line, for language models" };
    private static readonly Option<string?> PairsFile = new("--pairs") { Description = "JSONL pairs (as `hnreply export pairs` writes) for repliers" };
    private static readonly Option<string?> Report = new("--report") { Description = "Folder to write the ladder to as Markdown, JSON and a PNG chart" };
    private static readonly Option<string?> TrainPairs = new("--train-pairs") { Description = "JSONL training pairs whose replies the 8-gram copy rate compares with (default: the store's train split)" };
    private static readonly Option<int> Ranking = new("--ranking") { Description = "Rank the true reply among 10 and 100 candidates, or among 10 only (a reply model scores 110 replies per pair for both)", DefaultValueFactory = _ => 100 };
    private static readonly Option<int> Generated = new("--generate") { Description = "Repliers write replies for this many held-out parents (distinct-n, copy rate, length, chrF)", DefaultValueFactory = _ => 300 };
    private static readonly Option<int> Limit = new("--limit") { Description = "Evaluate at most this many documents or pairs (0 = all)", DefaultValueFactory = _ => 0 };

    public static Command Create()
    {
        var command = new Command("eval", "Evaluate models side by side on the same held-out data") { Models, SplitOption, Text, PairsFile, Report, Limit, Generated, TrainPairs, Ranking, ReplyCommand.Lm, ReplyCommand.MmiLambda, ReplyCommand.AntiLm, ReplyCommand.RepetitionPenalty, ReplyCommand.Retrieval };
        SplitFlags.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var split = SplitNames.Parse(parse.GetValue(SplitOption)!);
            int limit = parse.GetValue(Limit);
            if (limit < 0) throw new ArgumentException($"--limit must be 0 (all) or more, got {limit}");
            if (parse.GetValue(Ranking) is not (10 or 100)) throw new ArgumentException($"--ranking must be 10 or 100, got {parse.GetValue(Ranking)}");
            var rows = new List<Row>();
            var held = new HeldOut(parse, split, limit);
            var directories = parse.GetValue(Models)!;
            foreach (string directory in directories) CheckScorable(directory);
            foreach (string directory in directories)
            {
                using var loaded = ModelLoader.Load(directory);
                if (loaded.LanguageModel is { } lm)
                {
                    var documents = held.Documents();
                    var report = await ProgressDisplay.RunAsync($"eval {Path.GetFileName(directory.TrimEnd('/'))}", "documents", progress =>
                        Task.Run(() => new LanguageModelEvaluator(lm).Evaluate(documents, new Progress(progress), cancellationToken), cancellationToken)).ConfigureAwait(false);
                    rows.Add(new Row(directory, loaded.Kind, loaded.Bytes, report, null));
                }
                else if (loaded.Kind == "hybrid")
                {
                    using var extras = NeuralExtras.Open(parse, loaded, NeuralRequest(parse));
                    var report = await Evaluate(parse, directory, extras.Replier!, held, rank: true, cancellationToken).ConfigureAwait(false);
                    rows.Add(new Row(directory, "hybrid", loaded.Bytes, null, report));
                }
                else if (loaded.Replier is NeuralReplier)
                {
                    rows.AddRange(await NeuralRows(parse, directory, loaded, held, cancellationToken).ConfigureAwait(false));
                }
                else if (loaded.Replier is { } replier)
                {
                    var report = await Evaluate(parse, directory, replier, held, rank: true, cancellationToken).ConfigureAwait(false);
                    rows.Add(new Row(directory, loaded.Kind, loaded.Bytes, null, report));
                }
            }
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(rows.Select(ToJson));
            else PrintTable(rows, held.Description);
            if (parse.GetValue(Report) is { } folder) WriteReport(folder, rows, held.Description);
            return 0;
        });
        return command;
    }

    private static Task<ReplierReport> Evaluate(ParseResult parse, string name, IReplier replier, HeldOut held, bool rank, CancellationToken cancellationToken)
    {
        var pairs = held.Pairs();
        return ProgressDisplay.RunAsync($"eval {Path.GetFileName(name.TrimEnd('/'))}", "steps", progress =>
            Task.Run(() => new ReplierEvaluator(replier, parse.GetValue(Generated), parse.GetValue(GlobalOptions.Seed), rank, parse.GetValue(Ranking))
                .Evaluate(pairs, held.TrainingReplies(), new Progress(progress), cancellationToken), cancellationToken));
    }

    // A reply model's row (ranked by PMI, log p(r|c) − log p(r), when there is a p(r) — --lm, or the LM the model holds — else by log p(r|c) per token) with the conditional perplexity of the true replies
    // beside the LM's; with --retrieval also the hybrid's row, whose scores are the reply model's (so are its rankings).
    private static async Task<List<Row>> NeuralRows(ParseResult parse, string directory, LoadedModel loaded, HeldOut held, CancellationToken cancellationToken)
    {
        using var extras = NeuralExtras.Open(parse, loaded, NeuralRequest(parse));
        var neural = extras.Replier!.Alone();
        var pairs = held.Pairs();
        var report = await Evaluate(parse, directory, neural, held, rank: true, cancellationToken).ConfigureAwait(false);
        var (log, tokens) = neural.Model.ScorePairs(pairs.Select(p => (p.Parent, (string?)p.Title, p.Reply)).ToList(), cancellationToken);
        report = report with { ConditionalPerplexity = Math.Exp(-log / tokens), LanguageModelPerplexity = neural.LanguageModelPerplexity(pairs.Select(p => p.Reply).ToList()) };
        var rows = new List<Row> { new(neural.HasLanguageModel ? $"{directory} (ranked by PMI)" : directory, "reply", loaded.Bytes, null, report) };
        if (extras.Replier.Kind == "hybrid")
        {
            var hybrid = await Evaluate(parse, directory + " + retrieval", extras.Replier, held, rank: false, cancellationToken).ConfigureAwait(false);
            rows.Add(new Row(directory + " + retrieval", "hybrid", loaded.Bytes, null, hybrid with
            {
                RecallAt1Of10 = report.RecallAt1Of10, Mrr10 = report.Mrr10, RecallAt1Of100 = report.RecallAt1Of100, Mrr100 = report.Mrr100,
                RecallAt5Of10 = report.RecallAt5Of10, RecallAt5Of100 = report.RecallAt5Of100,
            }));
        }
        return rows;
    }

    // Beam 5 with no repeated trigram: the decoding the issue's acceptance names (ReplyRequest's defaults).
    private static ReplyRequest NeuralRequest(ParseResult parse) =>
        new()
        {
            MmiLambda = parse.GetValue(ReplyCommand.MmiLambda), AntiLanguageModelTokens = parse.GetValue(ReplyCommand.AntiLm), Seed = parse.GetValue(GlobalOptions.Seed),
            Sampling = new SamplingOptions { RepetitionPenalty = parse.GetValue(ReplyCommand.RepetitionPenalty) ?? 1.0 },
        };

    // Read from model.json alone, so that a wrong kind fails before minutes of scoring the others.
    private static void CheckScorable(string directory)
    {
        string kind = ModelDirectory.ReadManifest(directory).Kind;
        if (ModelLoader.LanguageModelKinds.Contains(kind) || ModelLoader.ReplierKinds.Contains(kind)) return;
        throw new ArgumentException($"{directory}: eval scores language models ({string.Join(", ", ModelLoader.LanguageModelKinds)}: perplexity, next-word accuracy) " +
                                    $"and repliers ({string.Join(", ", ModelLoader.ReplierKinds)}: reply ranking); a {kind} model is neither" +
                                    (kind == "word2vec" ? "; score word vectors with `hnreply word2vec eval`" : ""));
    }

    private sealed record Row(string Model, string Kind, long Bytes, LanguageModelReport? Language, ReplierReport? Replies);

    /// <summary>The held-out data, read once and shared by every model of the run.</summary>
    private sealed class HeldOut(ParseResult parse, Split split, int limit)
    {
        private List<string>? _documents;
        private List<ReplyPair>? _pairs;
        private List<string>? _trainingReplies;

        public string Description { get; private set; } = "";

        public List<string> Documents() => _documents ??= Load(() =>
        {
            if (parse.GetValue(Text) is { } file)
            {
                Describe($"{file}");
                return PlainTextFile.ReadLines(file).ToList();
            }
            using var store = GlobalOptions.OpenStore(parse);
            Describe($"{store.Path}, {split.Name()} split");
            return store.Comments(SplitFlags.Read(parse), split).ToList();
        });

        public List<ReplyPair> Pairs() => _pairs ??= Load(() =>
        {
            if (parse.GetValue(PairsFile) is { } file)
            {
                Describe(file);
                return ReplyPairFile.Read(file).ToList();
            }
            using var store = GlobalOptions.OpenStore(parse);
            Describe($"{store.Path}, {split.Name()} split");
            return store.Pairs(SplitFlags.Read(parse), split).ToList();
        });

        // Copy rate compares generated replies with the training replies: --train-pairs, else the store's train split (none without either).
        public List<string> TrainingReplies() => _trainingReplies ??= parse.GetValue(TrainPairs) is { } file
            ? ReplyPairFile.Read(file).Select(p => p.Reply).ToList()
            : File.Exists(parse.GetValue(GlobalOptions.Store))
                ? Open(store => store.Pairs(SplitFlags.Read(parse), Split.Train).Select(p => p.Reply).ToList())
                : [];

        private List<T> Load<T>(Func<List<T>> read)
        {
            var all = read();
            if (all.Count == 0) throw new ArgumentException($"no held-out data in {Description}");
            return limit > 0 ? all.Take(limit).ToList() : all;
        }

        private void Describe(string what) => Description = Description.Length == 0 ? what : Description.Contains(what, StringComparison.Ordinal) ? Description : $"{Description}; {what}";

        private List<string> Open(Func<CorpusStore, List<string>> read)
        {
            using var store = GlobalOptions.OpenStore(parse);
            return read(store);
        }
    }

    // NaN (a metric with too little data, such as 1-of-100 ranking on fewer than 100 pairs) is written as null.
    private static Dictionary<string, object?> ToJson(Row row) => (row.Language is { } l
        ? new Dictionary<string, object?>
        {
            ["model"] = row.Model, ["kind"] = row.Kind, ["bytes"] = row.Bytes, ["tokens"] = l.Tokens, ["word_positions"] = l.WordPositions, ["perplexity"] = l.Perplexity,
            ["bits_per_char"] = l.BitsPerCharacter, ["top1"] = l.Top1, ["top3"] = l.Top3, ["top5"] = l.Top5,
            ["keystroke_savings"] = l.KeystrokeSavings, ["tokens_per_sec"] = l.TokensPerSecond,
        }
        : new Dictionary<string, object?>
        {
            ["model"] = row.Model, ["kind"] = row.Kind, ["bytes"] = row.Bytes, ["pairs"] = row.Replies!.Pairs,
            ["recall_at_1_of_10"] = row.Replies.RecallAt1Of10, ["mrr_10"] = row.Replies.Mrr10,
            ["recall_at_1_of_100"] = row.Replies.RecallAt1Of100, ["mrr_100"] = row.Replies.Mrr100,
            ["distinct_1"] = row.Replies.Distinct1, ["distinct_2"] = row.Replies.Distinct2,
            ["copy_rate_8gram"] = row.Replies.CopyRate8Gram, ["replies_per_sec"] = row.Replies.RepliesPerSecond,
            ["recall_at_5_of_10"] = row.Replies.RecallAt5Of10, ["recall_at_5_of_100"] = row.Replies.RecallAt5Of100,
            ["mean_length"] = row.Replies.MeanLength, ["chrf"] = row.Replies.ChrF,
            ["conditional_perplexity"] = row.Replies.ConditionalPerplexity, ["lm_perplexity"] = row.Replies.LanguageModelPerplexity,
        }).ToDictionary(kv => kv.Key, kv => kv.Value is double d && !double.IsFinite(d) ? null : kv.Value);

    private static readonly string[] LanguageHeader = ["model", "kind", "size", "tokens", "word positions", "perplexity", "bits/char", "top-1", "top-3", "top-5", "keystrokes saved", "tokens/s"];
    private static readonly string[] ReplierHeader = ["model", "kind", "size", "pairs", "R@1/10", "R@5/10", "MRR/10", "R@1/100", "R@5/100", "MRR/100", "distinct-1", "distinct-2", "8-gram copy", "mean length", "chrF", "cond. ppl", "LM ppl", "replies/s"];

    private static IEnumerable<string[]> LanguageRows(List<Row> rows) => rows.Where(r => r.Language is not null).Select(r => new[]
    {
        r.Model, r.Kind, Megabytes(r.Bytes), $"{r.Language!.Tokens:N0}", $"{r.Language.WordPositions:N0}", F(r.Language.Perplexity, "F2"), F(r.Language.BitsPerCharacter, "F3"),
        Percent(r.Language.Top1), Percent(r.Language.Top3), Percent(r.Language.Top5), Percent(r.Language.KeystrokeSavings), $"{r.Language.TokensPerSecond:N0}",
    });

    private static IEnumerable<string[]> ReplierRows(List<Row> rows) => rows.Where(r => r.Replies is not null).Select(r => new[]
    {
        r.Model, r.Kind, Megabytes(r.Bytes), $"{r.Replies!.Pairs:N0}", Percent(r.Replies.RecallAt1Of10), Percent(r.Replies.RecallAt5Of10), F(r.Replies.Mrr10, "F3"),
        Percent(r.Replies.RecallAt1Of100), Percent(r.Replies.RecallAt5Of100), F(r.Replies.Mrr100, "F3"), F(r.Replies.Distinct1, "F3"), F(r.Replies.Distinct2, "F3"),
        Percent(r.Replies.CopyRate8Gram), F(r.Replies.MeanLength, "F1"), F(r.Replies.ChrF, "F1"), F(r.Replies.ConditionalPerplexity, "F2"), F(r.Replies.LanguageModelPerplexity, "F2"),
        F(r.Replies.RepliesPerSecond, "N1"),
    });

    private static void PrintTable(List<Row> rows, string description)
    {
        // Redirected output has no terminal width: keep rows whole rather than wrapping them at 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;
        AnsiConsole.MarkupLine($"[bold]held-out data:[/] {Markup.Escape(description)}");
        foreach (var (header, body) in new[] { (LanguageHeader, LanguageRows(rows).ToList()), (ReplierHeader, ReplierRows(rows).ToList()) })
        {
            if (body.Count == 0) continue;
            var table = new Table().AddColumns(header);
            foreach (var row in body) table.AddRow(row.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
        }
    }

    private static void WriteReport(string folder, List<Row> rows, string description)
    {
        Directory.CreateDirectory(folder);
        var markdown = new StringBuilder($"# HnReply ladder\n\nHeld-out data: {description}\n\n");
        foreach (var (header, body) in new[] { (LanguageHeader, LanguageRows(rows).ToList()), (ReplierHeader, ReplierRows(rows).ToList()) })
        {
            if (body.Count == 0) continue;
            markdown.Append("| ").AppendJoin(" | ", header).Append(" |\n|").Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
            foreach (var row in body) markdown.Append("| ").AppendJoin(" | ", row).Append(" |\n");
            markdown.Append('\n');
        }
        markdown.Append("![ladder](ladder.png)\n");
        File.WriteAllText(Path.Combine(folder, "ladder.md"), markdown.ToString());
        File.WriteAllText(Path.Combine(folder, "ladder.json"), JsonOutput.Serialize(rows.Select(ToJson)));
        LadderChart.Write(Path.Combine(folder, "ladder.png"),
            rows.Where(r => r.Language is not null).Select(r => (r.Model, r.Language!.Perplexity)).ToList(),
            rows.Where(r => r.Replies is not null).Select(r => (r.Model, r.Replies!.RecallAt1Of10)).ToList());
        Console.Error.WriteLine($"wrote {Path.Combine(folder, "ladder.md")}, ladder.json and ladder.png");
    }

    private static string F(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
    private static string Percent(double value) => double.IsFinite(value) ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";
    private static string Megabytes(long bytes) => $"{bytes / 1e6:F1} MB";

    private sealed class Progress(IProgress<ProgressReading> display) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => display.Report(new ProgressReading(value.Done, value.Total, ""));
    }
}
