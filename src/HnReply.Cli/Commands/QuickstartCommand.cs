using System.CommandLine;
using HnReply.Corpus;
using Spectre.Console;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply quickstart</c>: the one command a new user runs. It crawls the top stories with
/// their threads, trains the rungs of the ladder (n-gram, retrieval replier, a few minutes of
/// LSTM), evaluates them side by side on the held-out threads, and shows suggestions, a
/// completion and a reply. Each step is the same command a user
/// would type (<c>hnreply fetch</c>, <c>train</c>, <c>eval</c>, ...), run in-process, so quickstart
/// shows exactly what those commands do.
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
            string models = parse.GetValue(Models)!;
            string[] common = ["--store", parse.GetValue(GlobalOptions.Store)!, "--seed", $"{parse.GetValue(GlobalOptions.Seed)}"];
            string[] split = ["--valid-fraction", Invariant(splits.ValidFraction), "--test-fraction", Invariant(splits.TestFraction), "--split-seed", $"{splits.Seed}"];
            string ngram = Path.Combine(models, "ngram"), retrieval = Path.Combine(models, "retrieval"), lstm = Path.Combine(models, "lstm");
            double lstmMinutes = parse.GetValue(LstmMinutes);
            if (lstmMinutes < 0) throw new ArgumentException($"--lstm-minutes must be >= 0, got {lstmMinutes}");
            if (lstmMinutes > 0 && Directory.Exists(lstm)) Directory.Delete(lstm, recursive: true);

            var steps = new List<(string Title, string[] Args)>
            {
                ("Crawl", ["fetch", "--top", $"{parse.GetValue(Stories)}", "--api", parse.GetValue(FetchCommand.Api)!,
                           "--concurrency", $"{parse.GetValue(FetchCommand.Concurrency)}", "--timeout", Invariant(parse.GetValue(FetchCommand.Timeout)),
                           "--retries", $"{parse.GetValue(FetchCommand.Retries)}"]),
                ("Corpus", ["stats", .. split]),
                ("Rung 1: n-gram language model", ["train", "ngram", "--out", ngram, .. split]),
                ("Rung 0: retrieval replier", ["train", "retrieval", "--out", retrieval, .. split]),
            };
            if (lstmMinutes > 0)
                steps.Add(("Rung 3: LSTM language model", ["train", "lstm", "--out", lstm, "--max-minutes", Invariant(lstmMinutes), "--epochs", "50", .. split]));
            string[] ladder = lstmMinutes > 0 ? [ngram, lstm, retrieval] : [ngram, retrieval];
            steps.Add(("The ladder on held-out threads", ["eval", .. ladder, "--limit", "1000", "--report", Path.Combine(models, "report"), .. split]));
            foreach (var (title, args) in steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
                int code = await run([.. args, .. common]).ConfigureAwait(false);
                if (code != 0) return code;
            }

            AnsiConsole.Write(new Rule("[bold]Samples[/]").LeftJustified());
            var (prompt, parent, storyTitle) = Prompts(parse, splits);
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
                AnsiConsole.MarkupLine($"[grey]$ hnreply {Markup.Escape(string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{Shorten(a)}\"" : a)))}[/]");
                int code = await run([.. args, .. common]).ConfigureAwait(false);
                if (code != 0) return code;
            }
            return 0;
        });
        return command;
    }

    // The first words of a held-out comment to continue, and a held-out comment to answer.
    private static (string Prompt, string Parent, string Title) Prompts(ParseResult parse, SplitOptions splits)
    {
        using var store = GlobalOptions.OpenStore(parse);
        var pair = store.Pairs(splits, Split.Test).FirstOrDefault(p => p.Parent.Split(' ').Length >= 6)
                   ?? store.Pairs(splits).First();
        string prompt = string.Join(' ', pair.Reply.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
        return (prompt, pair.Parent, pair.Title);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
