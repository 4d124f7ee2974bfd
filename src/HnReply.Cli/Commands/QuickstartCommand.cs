using System.CommandLine;
using HnReply.Corpus;

namespace HnReply.Cli.Commands;

/// <summary>
/// <c>hnreply quickstart</c>: the one command a new user runs. Today: crawl the top stories with
/// their threads into the store and show what was collected. Later rungs (training and the ladder)
/// extend it.
/// </summary>
internal static class QuickstartCommand
{
    private static readonly Option<int> Stories = new("--stories")
    {
        Description = "How many top stories to crawl, with their whole comment trees",
        DefaultValueFactory = _ => 30,
    };

    public static Command Create()
    {
        var command = new Command("quickstart", "Crawl the top stories with their threads and show the corpus statistics")
        {
            FetchCommand.Api, Stories, FetchCommand.Concurrency, FetchCommand.Timeout, FetchCommand.Retries,
        };
        SplitFlags.AddTo(command);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var splits = SplitFlags.Read(parse);
            using var store = GlobalOptions.OpenStore(parse);
            var request = new CrawlRequest(CrawlMode.Top, parse.GetValue(Stories));
            request.Validate();
            var crawl = await FetchCommand.RunAsync(parse, store, request, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine($"fetched {crawl.Read:N0} items ({crawl.Stored:N0} new or changed, {crawl.Errors:N0} failed) in {crawl.Elapsed.TotalSeconds:F1} s");
            StatsCommand.Print(store.Stats(splits), store.Path);
            return crawl.Errors == 0 ? 0 : 1;
        });
        return command;
    }
}
