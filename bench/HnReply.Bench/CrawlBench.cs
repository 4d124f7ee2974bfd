using System.Diagnostics;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Bench;

/// <summary>Crawl rate against the local fake API (no faults): --latest over all served items.</summary>
internal static class CrawlBench
{
    public static async Task<int> RunAsync(int target, int concurrency)
    {
        string folder = Directory.CreateTempSubdirectory("hnreply-bench-").FullName;
        try
        {
            var items = SyntheticHn.Generate(Math.Max(1, target / 30), meanCommentsPerStory: 29, seed: 2);
            await using var api = await FakeHnApi.StartAsync(items);
            using var store = CorpusStore.Open(Path.Combine(folder, "hn.duckdb"));
            using var client = new HnApiClient(new HnApiOptions { BaseUri = api.BaseUri, MaxConnections = concurrency });
            var crawler = new Crawler(client, store, new CrawlOptions { Concurrency = concurrency });

            var clock = Stopwatch.StartNew();
            var result = await crawler.RunAsync(new CrawlRequest(CrawlMode.Latest, items.Count));
            clock.Stop();
            Console.WriteLine($"crawl: {result.Read:N0} items at concurrency {concurrency} in {clock.Elapsed.TotalSeconds:F2} s = " +
                              $"{result.Read / clock.Elapsed.TotalSeconds:N0} items/s ({result.Errors} errors)");
            return result.Errors == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
