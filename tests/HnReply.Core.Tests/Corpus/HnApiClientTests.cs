using System.Net;
using System.Text;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Core.Tests.Corpus;

public class HnApiClientTests
{
    private static readonly IReadOnlyList<Item> Items = SyntheticHn.Generate(stories: 40, meanCommentsPerStory: 6, seed: 3);

    // Short enough that fault tests take about a second each; long enough that a busy CI box does not
    // time out a healthy answer, which would add a retry the exact-count assertions do not expect.
    private static HnApiOptions Fast(Uri baseUri) => new()
    {
        BaseUri = baseUri,
        // Counts are exact, so an honest answer must never time out: 2 s (a cold server's first answer on a
        // loaded CI machine took over 500 ms), still well under the 5 s of a "slow" fault.
        Timeout = TimeSpan.FromSeconds(2),
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task GetItemAsync_NoFaults_ReturnsServedItemWithOneRequest()
    {
        await using var api = await FakeHnApi.StartAsync(Items);
        using var client = new HnApiClient(Fast(api.BaseUri));
        var expected = Items[5];

        var item = await client.GetItemAsync(expected.Id);

        Assert.NotNull(item);
        Assert.Equal(ItemJson.Write(expected), ItemJson.Write(item));
        Assert.Equal(1, api.RequestsPerItem[expected.Id]);
        Assert.Equal(0, client.Retries);
    }

    [Fact]
    public async Task GetItemAsync_NullOrUnknownId_ReturnsNull()
    {
        await using var api = await FakeHnApi.StartAsync(Items, nullIds: new HashSet<long> { Items[0].Id });
        using var client = new HnApiClient(Fast(api.BaseUri));

        Assert.Null(await client.GetItemAsync(Items[0].Id));
        Assert.Null(await client.GetItemAsync(999_999_999));
    }

    [Theory]
    [InlineData("slow")]
    [InlineData("server error")]
    [InlineData("too many requests")]
    [InlineData("drop")]
    public async Task GetItemAsync_TransientFault_RetriesAndReturnsItem(string kind)
    {
        var faults = kind switch
        {
            "slow" => new FaultOptions { SlowRate = 1 },
            "server error" => new FaultOptions { ServerErrorRate = 1 },
            "too many requests" => new FaultOptions { TooManyRequestsRate = 1 },
            _ => new FaultOptions { DropRate = 1 },
        } with { MaxFaultsPerItem = 2 };
        await using var api = await FakeHnApi.StartAsync(Items, faults);
        using var client = new HnApiClient(Fast(api.BaseUri));
        var expected = Items[7];

        var item = await client.GetItemAsync(expected.Id);

        Assert.NotNull(item);
        Assert.Equal(ItemJson.Write(expected), ItemJson.Write(item));
        Assert.Equal(2, api.FaultsInjected);
        Assert.Equal(2, client.Retries);
        Assert.Equal(3, api.RequestsPerItem[expected.Id]);
    }

    [Fact]
    public async Task GetItemAsync_ServerErrorsBeyondMaxRetries_ThrowsNamingItemAndStatus()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { ServerErrorRate = 1, MaxFaultsPerItem = 100 });
        using var client = new HnApiClient(Fast(api.BaseUri) with { MaxRetries = 3 });
        var id = Items[2].Id;

        var e = await Assert.ThrowsAsync<HnApiException>(() => client.GetItemAsync(id));

        Assert.Matches($@"^item {id}: gave up after 3 retries: 50[023] ", e.Message);
        Assert.Equal(4, api.RequestsPerItem[id]);
    }

    [Fact]
    public async Task GetItemAsync_TimeoutsBeyondMaxRetries_ThrowsNamingTheTimeout()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { SlowRate = 1, MaxFaultsPerItem = 100 });
        using var client = new HnApiClient(Fast(api.BaseUri) with { MaxRetries = 1, Timeout = TimeSpan.FromMilliseconds(500) });

        var e = await Assert.ThrowsAsync<HnApiException>(() => client.GetItemAsync(Items[2].Id));

        Assert.Equal($"item {Items[2].Id}: gave up after 1 retries: no complete answer within 500 ms", e.Message);
    }

    [Fact]
    public async Task GetItemAsync_DropsBeyondMaxRetries_ThrowsNamingTheConnection()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { DropRate = 1, MaxFaultsPerItem = 100 });
        using var client = new HnApiClient(Fast(api.BaseUri) with { MaxRetries = 1 });

        var e = await Assert.ThrowsAsync<HnApiException>(() => client.GetItemAsync(Items[2].Id));

        Assert.StartsWith($"item {Items[2].Id}: gave up after 1 retries: connection failed: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("An error occurred while sending", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItemAsync_CallerCancelsDuringSlowAnswer_StopsPromptly()
    {
        // The answer takes 5 s and the client's timeout never fires (frozen clock): only the caller can end the wait.
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { SlowRate = 1, SlowDelay = TimeSpan.FromMinutes(5) });
        using var client = new HnApiClient(Fast(api.BaseUri), time: new FrozenTime());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetItemAsync(Items[1].Id, cancel.Token));

        Assert.Equal(0, client.Retries);
    }

    [Fact]
    public async Task GetItemAsync_CallerCancelsDuringBackoff_StopsPromptly()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { ServerErrorRate = 1, MaxFaultsPerItem = 100 });
        // The backoff never ends on a frozen clock: only the caller's cancellation can stop it.
        using var client = new HnApiClient(Fast(api.BaseUri), time: new FrozenTime());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetItemAsync(Items[1].Id, cancel.Token));

        Assert.Equal(1, api.RequestsPerItem[Items[1].Id]);
    }

    [Fact]
    public async Task GetItemAsync_ManyItemsThroughAllFaults_ReturnsExactlyTheServedItems()
    {
        var items = SyntheticHn.Generate(stories: 300, meanCommentsPerStory: 9, seed: 11);
        var faults = new FaultOptions { SlowRate = 0.02, ServerErrorRate = 0.08, TooManyRequestsRate = 0.04, DropRate = 0.08, Seed = 5 };
        await using var api = await FakeHnApi.StartAsync(items, faults);
        using var client = new HnApiClient(Fast(api.BaseUri));
        var wanted = items.Take(2000).ToArray();
        var fetched = new string?[wanted.Length];

        await Parallel.ForEachAsync(Enumerable.Range(0, wanted.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) => fetched[i] = await client.GetItemAsync(wanted[i].Id, ct) is { } item ? ItemJson.Write(item) : null);

        Assert.Equal(2000, wanted.Length);
        Assert.Equal(wanted.Select(ItemJson.Write), fetched);
        Assert.InRange(api.FaultsInjected, 200, 2000);
        Assert.True(client.Retries >= api.FaultsInjected, $"{client.Retries} retries for {api.FaultsInjected} faults");
    }

    [Fact]
    public async Task StoryLists_DefaultFake_ReturnNewestStoriesAndMaxItem()
    {
        await using var api = await FakeHnApi.StartAsync(Items, nullIds: new HashSet<long> { 5_000_000 });
        using var client = new HnApiClient(Fast(api.BaseUri));
        var stories = Items.Where(i => i.Type == ItemType.Story).Select(i => i.Id).OrderDescending().ToArray();

        Assert.Equal(stories, await client.GetTopStoriesAsync());
        Assert.Equal(stories, await client.GetNewStoriesAsync());
        Assert.Equal(5_000_000, await client.GetMaxItemAsync());
    }

    [Fact]
    public async Task StoryLists_GivenLists_ReturnThemInOrder()
    {
        await using var api = await FakeHnApi.StartAsync(Items, topStories: [30, 10, 20], newStories: [3, 2]);
        using var client = new HnApiClient(Fast(api.BaseUri));

        Assert.Equal([30L, 10L, 20L], await client.GetTopStoriesAsync());
        Assert.Equal([3L, 2L], await client.GetNewStoriesAsync());
    }

    [Fact]
    public async Task GetItemAsync_RetryAfterOneSecond_WaitsForIt()
    {
        using var handler = new ScriptedHandler(
            () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { { "Retry-After", "1" } } },
            () => Json("""{"id":1,"type":"story"}"""));
        var retries = new List<HnApiRetry>();
        using var client = new HnApiClient(Fast(new Uri("http://127.0.0.1:9/v0/")) with { MaxDelay = TimeSpan.FromSeconds(2) }, handler, new SyncProgress<HnApiRetry>(retries.Add));

        var item = await client.GetItemAsync(1);

        Assert.Equal(1, item?.Id);
        Assert.Equal([new HnApiRetry("item 1", 1, 8, TimeSpan.FromSeconds(1), "429 Too Many Requests")], retries);
    }

    [Fact]
    public async Task GetItemAsync_NameDoesNotResolve_FailsAtOnceNamingTheHost()
    {
        using var handler = new ScriptedHandler(() => throw new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"));
        var retries = new List<HnApiRetry>();
        using var client = new HnApiClient(Fast(new Uri("http://hn.invalid/v0/")), handler, new SyncProgress<HnApiRetry>(retries.Add));

        var e = await Assert.ThrowsAsync<HnApiException>(() => client.GetTopStoriesAsync());

        Assert.True(e.Unreachable);
        Assert.Equal("cannot reach http://hn.invalid: name resolution failed (Name or service not known)", e.Message);
        Assert.Equal(1, handler.Calls);
        Assert.Empty(retries);
    }

    [Fact]
    public async Task GetItemAsync_ConnectionRefused_FailsAtOnce()
    {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        using var client = new HnApiClient(Fast(new Uri("http://127.0.0.1:9/v0/")));

        var e = await Assert.ThrowsAsync<HnApiException>(() => client.GetItemAsync(1));

        Assert.True(e.Unreachable);
        Assert.StartsWith("cannot reach http://127.0.0.1:9: connection failed: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Retries);
    }

    [Fact]
    public async Task GetItemAsync_Timeouts_ReportsEachRetryAsItHappens()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { SlowRate = 1, MaxFaultsPerItem = 100 });
        var retries = new List<HnApiRetry>();
        using var client = new HnApiClient(Fast(api.BaseUri) with { MaxRetries = 2, Timeout = TimeSpan.FromMilliseconds(500) }, retries: new SyncProgress<HnApiRetry>(retries.Add));

        await Assert.ThrowsAsync<HnApiException>(() => client.GetItemAsync(Items[2].Id));

        Assert.Equal([1, 2], retries.Select(r => r.Retry));
        Assert.All(retries, r => Assert.Equal($"item {Items[2].Id}", r.Request));
        Assert.All(retries, r => Assert.Equal("no complete answer within 500 ms", r.Reason));
    }

    [Fact]
    public async Task GetItemAsync_BodyCutShortWithoutError_Retries()
    {
        using var handler = new ScriptedHandler(() => Json("""{"id":1,"ty"""), () => Json("""{"id":1,"type":"story"}"""));
        using var client = new HnApiClient(Fast(new Uri("http://127.0.0.1:9/v0/")), handler);

        var item = await client.GetItemAsync(1);

        Assert.Equal(ItemType.Story, item?.Type);
        Assert.Equal(1, client.Retries);
    }

    [Fact]
    public async Task GetItemAsync_CompleteButMalformedJson_ThrowsWithoutRetrying()
    {
        using var handler = new ScriptedHandler(() => Json("""{"id":1,"kids":"nope"}"""), () => Json("""{"id":1}"""));
        using var client = new HnApiClient(Fast(new Uri("http://127.0.0.1:9/v0/")), handler);

        var e = await Assert.ThrowsAsync<HnApiException>(() => client.GetItemAsync(1));

        Assert.StartsWith("item 1: malformed JSON: field 'kids'", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task GetItemAsync_NotFound_ThrowsWithoutRetrying()
    {
        using var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.NotFound), () => Json("""{"id":1}"""));
        using var client = new HnApiClient(Fast(new Uri("http://127.0.0.1:9/v0/")), handler);

        var e = await Assert.ThrowsAsync<HnApiException>(() => client.GetItemAsync(1));

        Assert.Equal("item 1: 404 Not Found", e.Message);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEveryProblem()
    {
        var options = new HnApiOptions { MaxRetries = -1, MaxConnections = 0 };

        var e = Assert.Throws<ArgumentException>(() => new HnApiClient(options));

        Assert.Contains("MaxRetries", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConnections", e.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    // Answers requests in order with the given responses, the last one repeating; counts calls.
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            var response = answers[Math.Min(call, answers.Length) - 1]();
            return Task.FromResult(response);
        }
    }
}
