using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HnReply.Neural.Models;
using HnReply.Prediction;

namespace HnReply.Server.Tests.Endpoints;

[Collection(ServedModelsGroup.Name)]
public sealed partial class CompleteEndpointTests(ServedModels models) : IDisposable
{
    private readonly ServerFactory _server = new(models, new Dictionary<string, string> { ["MaxTokens"] = "100000" });

    public void Dispose() => _server.Dispose();

    private async Task<List<ServerSentEvent>> CompleteAsync(object request)
    {
        var client = await _server.ReadyClientAsync();
        using var response = await Api.PostAsync(client, "/api/complete", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ServerSentEvent.ReadAllAsync(response);
    }

    [Fact]
    public async Task Complete_Seeded_TokensThenDoneWhoseTextIsTheLibrarysCompletion()
    {
        using var loaded = ModelLoader.LoadLanguageModel(models.Model("lstm"));
        var sampling = new SamplingOptions { Temperature = 1 };
        var expected = new TypingSession(loaded.AsLanguageModel()).Complete("the cat", 12, sampling, new Random(5));

        var events = await CompleteAsync(new { model = "lstm", text = "the cat", max_tokens = 12, temperature = 1.0, seed = 5 });

        var tokens = events.Where(e => e.Name == "token").ToList();
        var done = Assert.Single(events, e => e.Name == "done");
        Assert.Equal("done", events[^1].Name);
        Assert.Equal(expected.Tokens, tokens.Select(t => t.Data.GetProperty("token").GetString()));
        Assert.Equal(expected.Continuation, string.Concat(tokens.Select(t => t.Data.GetProperty("text").GetString())));
        Assert.Equal("the cat" + expected.Continuation, done.Data.GetProperty("text").GetString());
        Assert.Equal(expected.Ended, done.Data.GetProperty("ended").GetBoolean());
        Assert.Equal(5, done.Data.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Complete_NoSeed_ReportsTheSeedThatReplaysTheSameText()
    {
        var first = await CompleteAsync(new { model = "ngram", text = "the", max_tokens = 10, temperature = 1.5 });
        int seed = first[^1].Data.GetProperty("seed").GetInt32();

        var again = await CompleteAsync(new { model = "ngram", text = "the", max_tokens = 10, temperature = 1.5, seed });

        Assert.Equal(first[^1].Data.GetProperty("text").GetString(), again[^1].Data.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Complete_MaxTokens_StopsAtExactlyThatManyTokens()
    {
        var events = await CompleteAsync(new { model = "loop", text = "alpha", max_tokens = 7, temperature = 0.0 });

        Assert.Equal(7, events.Count(e => e.Name == "token"));
        Assert.Equal(" bravo charlie delta echo foxtrot golf hotel", events[^1].Data.GetProperty("continuation").GetString());
        Assert.False(events[^1].Data.GetProperty("ended").GetBoolean());
    }

    [Fact]
    public async Task Complete_Framing_EveryEventIsANamedSingleLineJsonDataBlock()
    {
        var client = await _server.ReadyClientAsync();

        using var response = await Api.PostAsync(client, "/api/complete", new { model = "ngram", text = "the dog", max_tokens = 5, seed = 1 });
        string raw = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Matches(EventStream(), raw);
    }

    [GeneratedRegex(@"\A(event: (token|done)\ndata: \{[^\n]*\}\n\n)+\z")]
    private static partial Regex EventStream();

    [Fact]
    public async Task Complete_ClientDisconnects_TheGenerationStops()
    {
        var client = await _server.ReadyClientAsync();
        var counter = _server.Services.GetService(typeof(Streaming.GenerationCounter)) as Streaming.GenerationCounter;
        Assert.NotNull(counter);
        long before = counter.Tokens;
        using var abandon = new CancellationTokenSource();

        // "loop" continues its cycle greedily forever: only the client going away can stop it before 100,000 tokens.
        var response = await Api.StartStreamAsync(client, "/api/complete", new { model = "loop", text = "alpha", max_tokens = 100_000, temperature = 0.0 }, abandon.Token);
        await using (var enumerator = ServerSentEvent.ReadAsync(await response.Content.ReadAsStreamAsync(abandon.Token)).GetAsyncEnumerator(abandon.Token))
        {
            Assert.True(await enumerator.MoveNextAsync());
            Assert.Equal("token", enumerator.Current.Name);
            await abandon.CancelAsync();
        }
        response.Dispose();

        for (int i = 0; i < 100 && counter.Active > 0; i++) await Task.Delay(50);
        long generated = counter.Tokens - before;
        await Task.Delay(200);

        Assert.Equal(0, counter.Active);
        Assert.Equal(generated, counter.Tokens - before); // nothing runs on after the stream closed
        Assert.InRange(generated, 1, 99_999);
    }

    [Fact]
    public async Task Complete_RunsPastTheStreamTimeout_EndsWithAnErrorEventInsteadOfDone()
    {
        using var server = new ServerFactory(models, new Dictionary<string, string> { ["MaxTokens"] = "100000000", ["StreamTimeoutSeconds"] = "0.3" });
        var client = await server.ReadyClientAsync();

        using var response = await Api.PostAsync(client, "/api/complete", new { model = "loop", text = "alpha", max_tokens = 100_000_000, temperature = 0.0 });
        var events = await ServerSentEvent.ReadAllAsync(response);

        Assert.Equal("error", events[^1].Name);
        Assert.Equal("stopped after 0.3 s, the longest a stream may run", events[^1].Data.GetProperty("detail").GetString());
        Assert.DoesNotContain(events, e => e.Name == "done");
        Assert.Equal(events.Count - 1, events[^1].Data.GetProperty("tokens").GetInt32());
    }
}
