using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Corpus;
using Spectre.Console;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply stats</c>: what the store holds, per split, and the split-overlap check.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Items by type, comments, stories, usable pairs and words, per split, and the split-overlap check");
        SplitFlags.AddTo(command);
        CommandAction.Set(command, (parse, _) =>
        {
            using var store = GlobalOptions.OpenStore(parse);
            var stats = store.Stats(SplitFlags.Read(parse));
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(ToJson(stats));
            else Print(stats, store.Path);
            return Task.FromResult(stats.Overlap == 0 ? 0 : Fail(stats.Overlap));
        });
        return command;
    }

    internal static object ToJson(CorpusStats stats) => new
    {
        items = stats.Items,
        stories = stats.Stories,
        comments = stats.Comments,
        pairs = stats.Pairs,
        words = stats.Words,
        splits = Enum.GetValues<Split>().ToDictionary(s => s.Name(), s => new
        {
            stories = stats.Splits[s].Stories,
            comments = stats.Splits[s].Comments,
            pairs = stats.Splits[s].Pairs,
        }),
        overlap = stats.Overlap,
        missing = stats.Missing,
        items_by_type = stats.ItemsByType,
    };

    internal static void Print(CorpusStats stats, string path)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {stats.Items:N0} items " +
                           $"({string.Join(", ", stats.ItemsByType.Select(t => $"{t.Value:N0} {t.Key}"))}), {stats.Missing:N0} missing");
        var table = new Table().AddColumns("split", "stories", "comments", "pairs");
        foreach (var split in Enum.GetValues<Split>())
        {
            var s = stats.Splits[split];
            table.AddRow(split.Name(), $"{s.Stories:N0}", $"{s.Comments:N0}", $"{s.Pairs:N0}");
        }
        table.AddRow("[bold]all[/]", $"{stats.Splits.Values.Sum(s => s.Stories):N0}", $"{stats.Splits.Values.Sum(s => s.Comments):N0}", $"{stats.Pairs:N0}");
        console.Write(table);
        console.MarkupLine($"words in usable comments: {stats.Words:N0}; split overlap: {(stats.Overlap == 0 ? "[green]0[/]" : $"[red]{stats.Overlap}[/]")}");
    }

    private static int Fail(long overlap)
    {
        Console.Error.WriteLine($"hnreply: {overlap} stories or replies cross a split boundary; splits must never leak");
        return 1;
    }
}
