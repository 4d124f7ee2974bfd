using System.Net;
using System.Text.Json;

namespace HnReply.Server.Tests.Endpoints;

/// <summary>Many clients at once share each model and get the answers they would get alone; past the limits they get 429 with Retry-After.</summary>
[Collection(ServedModelsGroup.Name)]
public sealed class ConcurrencyTests(ServedModels models) : IDisposable
{
    private static readonly string[] Texts = ["the cat sat on ", "a dog likes ", "the quick brown ", "the c", "a ", "the dog sat on the r"];

    private readonly ServerFactory _server = new(models);

    public void Dispose() => _server.Dispose();

    private static async Task<string> SuggestAsync(HttpClient client, string model, string text)
    {
        using var response = await Api.PostAsync(client, "/api/suggest", new { model, text, k = 5 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("ngram")]
    [InlineData("lstm")]
    public async Task Suggest_32ClientsAtOnce_EachGetsWhatItWouldGetAlone(string model)
    {
        var client = await _server.ReadyClientAsync();
        var alone = new Dictionary<string, string>();
        foreach (string text in Texts) alone[text] = await SuggestAsync(client, model, text);

        var requests = Enumerable.Range(0, 96).Select(i => Texts[i % Texts.Length]).ToList();
        using var gate = new SemaphoreSlim(32);
        var answers = await Task.WhenAll(requests.Select(async text =>
        {
            await gate.WaitAsync();
            try { return (text, await SuggestAsync(client, model, text)); }
            finally { gate.Release(); }
        }));

        Assert.All(answers, a => Assert.Equal(alone[a.text], a.Item2));
    }

    [Fact]
    public async Task Complete_StreamsAtOnce_EachSeededStreamIsTheTextItGetsAlone()
    {
        var client = await _server.ReadyClientAsync();
        async Task<string> CompleteAsync(int seed)
        {
            using var response = await Api.PostAsync(client, "/api/complete", new { model = "lstm", text = "the", max_tokens = 15, temperature = 1.0, seed });
            return (await ServerSentEvent.ReadAllAsync(response))[^1].Data.GetProperty("text").GetString()!;
        }
        var alone = new List<string>();
        for (int seed = 0; seed < 8; seed++) alone.Add(await CompleteAsync(seed));

        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(CompleteAsync));

        Assert.Equal(alone, together);
        Assert.True(alone.Distinct().Count() > 1, "different seeds should give different texts");
    }

    [Fact]
    public async Task Streams_OverTheLimit_429WithRetryAfterAndAProblem()
    {
        using var server = new ServerFactory(models, new Dictionary<string, string> { ["MaxConcurrentStreams"] = "1", ["MaxTokens"] = "100000" });
        var client = await server.ReadyClientAsync();
        using var stop = new CancellationTokenSource();
        using var holding = await Api.StartStreamAsync(client, "/api/complete", new { model = "loop", text = "alpha", max_tokens = 100_000, temperature = 0.0 }, stop.Token);
        Assert.Equal(HttpStatusCode.OK, holding.StatusCode);

        using var refused = await Api.PostAsync(client, "/api/reply", new { model = "retrieval", parent = "Is Rust worth learning?" });
        using var suggest = await Api.PostAsync(client, "/api/suggest", new { model = "ngram", text = "the " });
        await stop.CancelAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("too many requests at once; retry after 1 s", (await Api.ProblemAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode); // suggestions have their own pool
    }
}
