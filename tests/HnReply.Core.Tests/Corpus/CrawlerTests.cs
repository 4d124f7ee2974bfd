using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Core.Tests.Corpus;

public class CrawlerTests
{
    private static readonly HnApiOptions FastRetries = new()
    {
        Timeout = TimeSpan.FromMilliseconds(400),
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        MaxRetries = 10,
    };

    private static readonly FaultOptions EveryFault = new()
    {
        SlowRate = 0.02,
        SlowDelay = TimeSpan.FromSeconds(2),
        ServerErrorRate = 0.05,
        TooManyRequestsRate = 0.03,
        DropRate = 0.03,
        MaxFaultsPerItem = 3,
        Seed = 7,
    };

    [Fact]
    public async Task RunAsync_TopStoriesThroughEveryFault_StoresExactlyTheServedTrees()
    {
        // Given a fake API with ~3,000 items, injected faults and some ids that answer null
        var items = SyntheticHn.Generate(stories: 120, meanCommentsPerStory: 24, seed: 3);
        var nullIds = items.Where(i => i.Type == ItemType.Comment).Select(i => i.Id).Where(id => id % 41 == 0).ToHashSet();
        await using var api = await FakeHnApi.StartAsync(items, EveryFault, nullIds: nullIds);
        using var temp = new TempStore();
        using var client = new HnApiClient(FastRetries with { BaseUri = api.BaseUri });

        // When the top 100 stories are crawled
        var result = await new Crawler(client, temp.Store, new CrawlOptions { Concurrency = 32 })
            .RunAsync(new CrawlRequest(CrawlMode.Top, 100));

        // Then exactly the reachable, non-null items are stored, each once, identical to what was served
        var expected = Reachable(items, TopStories(items).Take(100), nullIds);
        Assert.True(items.Count > 2_000, $"only {items.Count} synthetic items");
        Assert.True(api.FaultsInjected > 50, $"only {api.FaultsInjected} faults injected");
        Assert.Equal(0, result.Errors);
        Assert.Equal(expected.Count, result.Read);
        Assert.Equal(expected.Keys.Order(), temp.Store.Items().Select(i => i.Id));
        foreach (var stored in temp.Store.Items()) AssertSameItem(expected[stored.Id], stored);
        Assert.Equal(expected.Values.SelectMany(i => i.Kids).Count(nullIds.Contains), temp.Store.MissingCount);
    }

    [Fact]
    public async Task RunAsync_CancelledHalfWayThenRerun_FinishesWithoutDuplicatesOrRefetching()
    {
        var items = SyntheticHn.Generate(stories: 60, meanCommentsPerStory: 30, seed: 5);
        await using var api = await FakeHnApi.StartAsync(items);
        using var temp = new TempStore();
        using var client = new HnApiClient(FastRetries with { BaseUri = api.BaseUri });
        var crawler = new Crawler(client, temp.Store, new CrawlOptions { Concurrency = 8, BatchSize = 50 });
        var request = new CrawlRequest(CrawlMode.Top, 60);

        // When the first crawl is cancelled once about half of the items are in
        using var cancel = new CancellationTokenSource();
        var halfway = new SyncProgress<CrawlProgress>(p => { if (p.Stored >= items.Count / 2) cancel.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crawler.RunAsync(request, halfway, cancel.Token));
        var storedAfterKill = temp.Reopen().Items().Select(i => i.Id).ToHashSet();
        var requestsAfterKill = api.RequestsPerItem.ToDictionary();

        // And the same crawl runs again
        var second = await new Crawler(client, temp.Store, new CrawlOptions { Concurrency = 8 }).RunAsync(request);

        // Then everything is stored once, and nothing stored by the first run was asked for again
        Assert.InRange(storedAfterKill.Count, items.Count / 2, items.Count - 1);
        Assert.Equal(items.Select(i => i.Id).Order(), temp.Store.Items().Select(i => i.Id));
        Assert.Equal(items.Count - storedAfterKill.Count, second.Read);
        foreach (long id in storedAfterKill) Assert.Equal(requestsAfterKill[id], api.RequestsPerItem[id]);
    }

    [Fact]
    public async Task RunAsync_Range_FetchesEveryIdOnceAndMarksNullsMissing()
    {
        var items = SyntheticHn.Generate(stories: 10, meanCommentsPerStory: 10, seed: 9);
        await using var api = await FakeHnApi.StartAsync(items, new FaultOptions { ServerErrorRate = 0.1, Seed = 2 });
        using var temp = new TempStore();
        using var client = new HnApiClient(FastRetries with { BaseUri = api.BaseUri });
        long from = items[0].Id, to = items[^1].Id + 5;

        var first = await new Crawler(client, temp.Store, new CrawlOptions()).RunAsync(new CrawlRequest(CrawlMode.Range, From: from, To: to));
        var again = await new Crawler(client, temp.Store, new CrawlOptions()).RunAsync(new CrawlRequest(CrawlMode.Range, From: from, To: to));

        Assert.Equal(items.Count, first.Read);
        Assert.Equal(to - from + 1 - items.Count, first.Missing);
        Assert.Equal(0, again.Read + again.Missing);
        Assert.Equal(items.Count, temp.Store.ItemCount);
    }

    [Fact]
    public async Task RunAsync_Latest_FetchesTheItemsBelowMaxItem()
    {
        var items = SyntheticHn.Generate(stories: 5, meanCommentsPerStory: 10, seed: 4);
        await using var api = await FakeHnApi.StartAsync(items);
        using var temp = new TempStore();
        using var client = new HnApiClient(FastRetries with { BaseUri = api.BaseUri });

        var result = await new Crawler(client, temp.Store, new CrawlOptions()).RunAsync(new CrawlRequest(CrawlMode.Latest, 20));

        Assert.Equal(20, result.Read);
        Assert.Equal(items.Select(i => i.Id).Order().TakeLast(20), temp.Store.Items().Select(i => i.Id));
    }

    [Fact]
    public async Task RunAsync_FetcherFaults_EndsWithTheFaultInsteadOfWaiting()
    {
        // Given an API whose story list works but whose item requests hit a bug (not an API error)
        using var handler = new ItemsFailHandler();
        using var temp = new TempStore();
        using var client = new HnApiClient(FastRetries with { BaseUri = new Uri("http://127.0.0.1:9/v0/") }, handler);

        // When the crawl runs, Then it ends with that fault (a hang would time the test out)
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new Crawler(client, temp.Store, new CrawlOptions()).RunAsync(new CrawlRequest(CrawlMode.Top, 3)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("bug in a fetcher", e.Message);
    }

    private static IEnumerable<long> TopStories(IReadOnlyList<Item> items) =>
        items.Where(i => i.Type == ItemType.Story).Select(i => i.Id).OrderDescending();

    private static Dictionary<long, Item> Reachable(IReadOnlyList<Item> items, IEnumerable<long> roots, HashSet<long> nullIds)
    {
        var byId = items.ToDictionary(i => i.Id);
        var result = new Dictionary<long, Item>();
        var stack = new Stack<long>(roots);
        while (stack.TryPop(out long id))
        {
            if (nullIds.Contains(id) || !byId.TryGetValue(id, out var item) || !result.TryAdd(id, item)) continue;
            foreach (long kid in item.Kids) stack.Push(kid);
        }
        return result;
    }

    private static void AssertSameItem(Item expected, Item actual)
    {
        Assert.Equal(expected with { Kids = [] }, actual with { Kids = [] });
        Assert.Equal(expected.Kids, actual.Kids);
    }

    private sealed class ItemsFailHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath.EndsWith("topstories.json", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("[1,2,3]") })
                : throw new InvalidOperationException("bug in a fetcher");
    }
}
