using System.CommandLine;
using HnReply.Corpus;
using HnReply.Neural.Lstm;
using HnReply.Models;
using HnReply.Synthetic;
using Spectre.Console;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply quickstart</c>: the one command a new user runs. It crawls the top stories with
/// their threads, trains the rungs of the ladder (n-gram, retrieval replier, a few minutes of
/// LSTM), evaluates them side by side on the held-out threads, and shows suggestions, a
/// completion and a reply. Each step is the same command a user
/// would type (<c>hnreply fetch</c>, <c>train</c>, <c>eval</c>, ...), run in-process, so quickstart
/// shows exactly what those commands do.
/// When the API cannot be reached at all (no name resolution, connection refused), it says so in one
/// line and runs the same steps on a synthetic demo corpus served on 127.0.0.1 from this process, kept
/// apart from real data (its own store and model folder) and labelled in every section it prints.
/// Each model is built beside the one it replaces and renamed into place only once complete.
/// </summary>
internal static class QuickstartCommand
{
    private static readonly Option<int> Stories = new("--stories")
    {
        Description = "How many top stories to crawl, with their whole comment trees",
        DefaultValueFactory = _ => 30,
    };

    private static readonly Option<string> Models = new("--models")
    {
        Description = "Folder for the trained models and the ladder report",
        DefaultValueFactory = _ => "models",
    };

    // Small enough that the whole demo, three minutes of LSTM included, finishes within five minutes on two cores.
    private const int DemoStories = 200, DemoCommentsPerStory = 25, DemoSeed = 1;
    private const string DemoLabel = "synthetic demo corpus";

    private static readonly Option<double> LstmMinutes = new("--lstm-minutes")
    {
        Description = "Minutes to train the LSTM language model (0 skips it)",
        DefaultValueFactory = _ => 3,
    };

    /// <param name="run">Runs one hnreply command line in this process and returns its exit code.</param>
    public static Command Create(Func<string[], Task<int>> run)
    {
        var command = new Command("quickstart", "Crawl the top stories, train the ladder of models, evaluate them side by side, and show samples")
        {
            FetchCommand.Api, Stories, Models, LstmMinutes, FetchCommand.Concurrency, FetchCommand.Timeout, FetchCommand.Retries,
        };
        SplitFlags.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var splits = SplitFlags.Read(parse);
            double lstmMinutes = parse.GetValue(LstmMinutes);
            if (lstmMinutes < 0) throw new ArgumentException($"--lstm-minutes must be >= 0, got {lstmMinutes}");
            string api = parse.GetValue(FetchCommand.Api)!, store = parse.GetValue(GlobalOptions.Store)!, models = parse.GetValue(Models)!;

            await using var demo = await StartDemoIfUnreachableAsync(api, cancellationToken).ConfigureAwait(false);
            if (demo is not null)
            {
                (api, store, models) = (demo.BaseUri.ToString(), DemoPath(store), Path.Combine(models, "demo"));
                await Console.Error.WriteLineAsync($"hnreply: running on the {DemoLabel} instead, served by this process (store {store}, models {models})").ConfigureAwait(false);
            }
            string label = demo is null ? "" : $" [{DemoLabel}]";

            string[] common = ["--store", store, "--seed", $"{parse.GetValue(GlobalOptions.Seed)}"];
            string[] split = ["--valid-fraction", Invariant(splits.ValidFraction), "--test-fraction", Invariant(splits.TestFraction), "--split-seed", $"{splits.Seed}"];
            string ngram = Path.Combine(models, "ngram"), retrieval = Path.Combine(models, "retrieval"), lstm = Path.Combine(models, "lstm");

            var steps = new List<(string Title, string[] Args, Action? OnSuccess)>
            {
                ("Crawl", ["fetch", "--top", $"{parse.GetValue(Stories)}", "--api", api,
                           "--concurrency", $"{parse.GetValue(FetchCommand.Concurrency)}", "--timeout", Invariant(parse.GetValue(FetchCommand.Timeout)),
                           "--retries", $"{parse.GetValue(FetchCommand.Retries)}"], null),
                ("Corpus", ["stats", .. split], null),
                ("Rung 1: n-gram language model", ["train", "ngram", "--out", ngram, .. split], null),
                ("Rung 0: retrieval replier", ["train", "retrieval", "--out", retrieval, .. split], null),
            };
            if (lstmMinutes > 0)
            {
                // train lstm builds beside the user's model and replaces it only when done; a run of an
                // earlier quickstart that was interrupted is started over, not resumed (the crawl may have grown).
                string unfinished = LstmTrainingRun.WorkFolder(lstm);
                if (Directory.Exists(unfinished)) Directory.Delete(unfinished, recursive: true);
                steps.Add(("Rung 3: LSTM language model", ["train", "lstm", "--out", lstm, "--max-minutes", Invariant(lstmMinutes), "--epochs", "50", .. split], null));
            }
            string[] ladder = lstmMinutes > 0 ? [ngram, lstm, retrieval] : [ngram, retrieval];
            steps.Add(("The ladder on held-out threads", ["eval", .. ladder, "--limit", "1000", "--report", Path.Combine(models, "report"), .. split], null));
            foreach (var (title, args, onSuccess) in steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(title + label)}[/]").LeftJustified());
                int code = await run([.. args, .. common]).ConfigureAwait(false);
                if (code != 0) return code;
                onSuccess?.Invoke();
            }

            AnsiConsole.Write(new Rule($"[bold]{Markup.Escape("Samples" + label)}[/]").LeftJustified());
            var (prompt, parent, storyTitle) = Prompts(store, splits);
            string best = lstmMinutes > 0 ? lstm : ngram;
            string[][] samples =
            [
                ["suggest", ngram, prompt + " ", "-k", "5"],
                ["suggest", best, prompt + " ", "-k", "5"],
                ["complete", best, prompt, "--words", "20"],
                ["reply", retrieval, parent, "--title", storyTitle, "-n", "2"],
            ];
            foreach (string[] args in samples)
            {
                AnsiConsole.MarkupLine($"[grey]$ hnreply {Markup.Escape(string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{Shorten(a)}\"" : a)))}{Markup.Escape(label)}[/]");
                int code = await run([.. args, .. common]).ConfigureAwait(false);
                if (code != 0) return code;
            }
            if (demo is not null)
            {
                AnsiConsole.Write(new Rule("[bold]Next: real data[/]").LeftJustified());
                AnsiConsole.WriteLine($"Everything above was learnt from the {DemoLabel}, not from Hacker News. With a network, run quickstart again; " +
                                      "or point --api at an HN API mirror; or load a dump offline: hnreply ingest items.jsonl (or a BigQuery CSV), then hnreply train ngram --out models/ngram.");
            }
            return 0;
        });
        return command;
    }

    // Null when the API answers (or fails in a way fetch will report); the demo API when nothing can reach it.
    private static async Task<FakeHnApi?> StartDemoIfUnreachableAsync(string api, CancellationToken cancellationToken)
    {
        using var client = new HnApiClient(new HnApiOptions { BaseUri = FetchCommand.ParseApi(api), MaxRetries = 0 });
        try
        {
            await client.GetMaxItemAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (HnApiException e) when (e.Unreachable)
        {
            await Console.Error.WriteLineAsync($"hnreply: {e.Message}").ConfigureAwait(false);
        }
        catch (HnApiException)
        {
            return null; // reachable but unwell: fetch retries it and reports what happens
        }
        return await FakeHnApi.StartAsync(SyntheticHn.Generate(DemoStories, DemoCommentsPerStory, DemoSeed)).ConfigureAwait(false);
    }

    // hn.duckdb -> hn-demo.duckdb: synthetic items, whose ids are real HN ids too, never mix with a real corpus.
    private static string DemoPath(string store) =>
        Path.Combine(Path.GetDirectoryName(store) ?? "", Path.GetFileNameWithoutExtension(store) + "-demo" + Path.GetExtension(store));

    // The first words of a held-out comment to continue, and a held-out comment to answer.
    private static (string Prompt, string Parent, string Title) Prompts(string path, SplitOptions splits)
    {
        using var store = CorpusStore.Open(path);
        var pair = store.Pairs(splits, Split.Test).FirstOrDefault(p => p.Parent.Split(' ').Length >= 6)
                   ?? store.Pairs(splits).FirstOrDefault()
                   ?? throw new InvalidDataException($"{path}: no (comment, reply) pairs to take samples from; crawl more stories (--stories)");
        string prompt = string.Join(' ', pair.Reply.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
        return (prompt, pair.Parent, pair.Title);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
