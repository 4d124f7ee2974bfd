using System.CommandLine;
using HnReply.Cli.Output;
using HnReply.Corpus;

namespace HnReply.Cli.Commands;

/// <summary><c>hnreply fetch</c>: crawl the HN API (or any API-compatible server) into the store.</summary>
internal static class FetchCommand
{
    public static readonly Option<string> Api = new("--api")
    {
        Description = "Base URL of the HN API or of a compatible server",
        DefaultValueFactory = _ => new HnApiOptions().BaseUri.ToString(),
    };

    public static readonly Option<int> Concurrency = new("--concurrency")
    {
        Description = "Requests in flight at once",
        DefaultValueFactory = _ => new CrawlOptions().Concurrency,
    };

    public static readonly Option<double> Timeout = new("--timeout")
    {
        Description = "Seconds one request may take before it is retried",
        DefaultValueFactory = _ => new HnApiOptions().Timeout.TotalSeconds,
    };

    public static readonly Option<int> Retries = new("--retries")
    {
        Description = "Retries per request (timeouts, dropped connections, 429, 5xx), with backoff and jitter",
        DefaultValueFactory = _ => new HnApiOptions().MaxRetries,
    };

    private static readonly Option<int?> Top = new("--top") { Description = "Top N stories with their whole comment trees" };
    private static readonly Option<int?> New = new("--new") { Description = "Newest N stories with their whole comment trees" };
    private static readonly Option<int?> Latest = new("--latest") { Description = "The N items just below maxitem" };
    private static readonly Option<long[]> Range = new("--range")
    {
        Description = "Every item id from FROM to TO",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
        HelpName = "FROM TO",
    };

    public static Command Create()
    {
        var command = new Command("fetch", "Crawl Hacker News items into the store; killed at any point, the same command continues where it stopped")
        {
            Api, Top, New, Latest, Range, Concurrency, Timeout, Retries,
        };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var request = ReadRequest(parse);
            string path = parse.GetValue(GlobalOptions.Store)!;
            bool existed = File.Exists(path);
            CrawlResult result;
            try
            {
                using var store = GlobalOptions.OpenOrCreateStore(parse);
                result = await RunAsync(parse, store, request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A crawl that failed before storing anything leaves no empty store behind to mislead the next command.
                if (!existed && File.Exists(path)) DeleteIfEmpty(path);
                throw;
            }
            return Report(parse, result);
        });
        return command;
    }

    /// <summary>Crawls with the API flags of <paramref name="parse"/>, showing progress; shared with quickstart.</summary>
    public static async Task<CrawlResult> RunAsync(ParseResult parse, CorpusStore store, CrawlRequest request, CancellationToken cancellationToken)
    {
        var apiOptions = new HnApiOptions
        {
            BaseUri = ParseApi(parse.GetValue(Api)!),
            Timeout = TimeSpan.FromSeconds(Positive(parse.GetValue(Timeout), "--timeout")),
            MaxRetries = (int)Positive(parse.GetValue(Retries) + 1, "--retries") - 1,
            MaxConnections = Math.Max(parse.GetValue(Concurrency), 1),
        };
        var crawlOptions = new CrawlOptions { Concurrency = (int)Positive(parse.GetValue(Concurrency), "--concurrency") };
        return await ProgressDisplay.RunAsync<CrawlResult>("fetch", "items", async (progress, notices) =>
        {
            using var client = new HnApiClient(apiOptions, retries: new RetryNotices(notices));
            var crawler = new Crawler(client, store, crawlOptions);
            try
            {
                return await crawler.RunAsync(request, new Progress(progress), cancellationToken).ConfigureAwait(false);
            }
            catch (HnApiException e) when (e.Unreachable)
            {
                throw new HnApiException($"{e.Message}; check the network or --api, or load a dump offline with 'hnreply ingest FILE'", e, unreachable: true);
            }
        }).ConfigureAwait(false);
    }

    private static void DeleteIfEmpty(string path)
    {
        using (var store = CorpusStore.Open(path))
        {
            if (store.ItemCount > 0 || store.MissingCount > 0) return;
        }
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    private static CrawlRequest ReadRequest(ParseResult parse)
    {
        var chosen = new List<CrawlRequest>();
        if (parse.GetValue(Top) is { } top) chosen.Add(new CrawlRequest(CrawlMode.Top, top));
        if (parse.GetValue(New) is { } newest) chosen.Add(new CrawlRequest(CrawlMode.New, newest));
        if (parse.GetValue(Latest) is { } latest) chosen.Add(new CrawlRequest(CrawlMode.Latest, latest));
        if (parse.GetValue(Range) is [var from, var to]) chosen.Add(new CrawlRequest(CrawlMode.Range, From: from, To: to));
        if (chosen.Count != 1) throw new ArgumentException("choose exactly one of --top N, --new N, --latest N, --range FROM TO");
        chosen[0].Validate();
        return chosen[0];
    }

    private static int Report(ParseResult parse, CrawlResult result)
    {
        if (parse.GetValue(GlobalOptions.Json))
        {
            JsonOutput.WriteLoad(result.Read, result.Stored, result.Skipped, result.Errors, result.Elapsed, result.Missing);
        }
        else
        {
            Console.Out.WriteLine($"read {result.Read:N0} items, stored {result.Stored:N0}, skipped {result.Skipped:N0} " +
                                  $"({result.Missing:N0} missing), errors {result.Errors:N0}, in {result.Elapsed.TotalSeconds:F1} s");
        }
        foreach (string sample in result.ErrorSamples) Console.Error.WriteLine($"hnreply: {sample}");
        if (result.Errors == 0) return 0;
        Console.Error.WriteLine($"hnreply: {result.Errors:N0} items failed after every retry; run the same command again to fetch them");
        return 1;
    }

    internal static Uri ParseApi(string value)
    {
        if (!Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--api: '{value}' is not an http(s) URL");
        return uri;
    }

    private static double Positive(double value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive, got {value}");

    private sealed class RetryNotices(IProgress<string> notices) : IProgress<HnApiRetry>
    {
        public void Report(HnApiRetry value) => notices.Report(
            $"{value.Request}: {value.Reason}; retry {value.Retry} of {value.MaxRetries} in {value.Delay.TotalSeconds:F1} s");
    }

    private sealed class Progress(IProgress<ProgressReading> display) : IProgress<CrawlProgress>
    {
        public void Report(CrawlProgress value) => display.Report(new ProgressReading(
            value.Fetched + value.Missing + value.Errors, value.Expected,
            $"{value.Errors:N0} errors, {value.Retries:N0} retries, {value.Pending:N0} queued"));
    }
}
