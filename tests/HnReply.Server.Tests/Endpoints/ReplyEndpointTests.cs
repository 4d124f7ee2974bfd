using System.Net;

namespace HnReply.Server.Tests.Endpoints;

/// <summary>
/// /api/reply with the retrieval replier (whole candidates) and the encoder-decoder (tokens as they are
/// decoded, then each candidate with its score).
/// </summary>
[Collection(ServedModelsGroup.Name)]
public sealed class ReplyEndpointTests(ServedModels models) : IDisposable
{
    private readonly ServerFactory _server = new(models);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Reply_Retrieval_CandidatesBestFirstWithScoresThenDone()
    {
        var client = await _server.ReadyClientAsync();

        using var response = await Api.PostAsync(client, "/api/reply", new { model = "retrieval", parent = "Which database for a side project, SQLite or Postgres?", title = "Ask HN", n = 3 });
        var events = await ServerSentEvent.ReadAllAsync(response);

        var candidates = events.Where(e => e.Name == "candidate").ToList();
        Assert.Equal(3, candidates.Count);
        Assert.Equal([0, 1, 2], candidates.Select(c => c.Data.GetProperty("index").GetInt32()));
        Assert.Equal(ServedModels.Pairs[1].Reply, candidates[0].Data.GetProperty("text").GetString());
        var scores = candidates.Select(c => c.Data.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal("done", events[^1].Name);
        Assert.Equal(3, events[^1].Data.GetProperty("replies").GetInt32());
    }

    [Theory]
    [InlineData(4, 0.0)]
    [InlineData(0, 0.9)]
    public async Task Reply_Neural_TokensBuildEachCandidateThenDone(int beam, double topP)
    {
        var client = await _server.ReadyClientAsync();
        var (parent, expected) = ServedModels.CopyPair([3, 0, 5]);

        object body = beam > 0 ? new { model = "reply", parent, n = 2, beam } : new { model = "reply", parent, n = 2, beam, top_p = topP, seed = 7 };
        using var response = await Api.PostAsync(client, "/api/reply", body);
        var events = await ServerSentEvent.ReadAllAsync(response);

        Assert.Equal("done", events[^1].Name);
        var candidates = events.Where(e => e.Name == "candidate").ToList();
        Assert.Equal(candidates.Count, events[^1].Data.GetProperty("replies").GetInt32());
        Assert.NotEmpty(candidates);
        if (beam > 0) Assert.Equal(expected, candidates[0].Data.GetProperty("text").GetString());
        Assert.Equal("token", events[0].Name);
        foreach (var candidate in candidates)
        {
            int index = candidate.Data.GetProperty("index").GetInt32();
            string written = string.Concat(events.TakeWhile(e => e != candidate)
                .Where(e => e.Name == "token" && e.Data.GetProperty("index").GetInt32() == index)
                .Select(e => e.Data.GetProperty("text").GetString()));
            Assert.Equal(candidate.Data.GetProperty("text").GetString(), written.Trim());
        }
        var scores = candidates.Select(c => c.Data.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        // Every reply whose tokens were streamed ends as a candidate or as dropped, once.
        int IndexOf(ServerSentEvent e) => e.Data.GetProperty("index").GetInt32();
        Assert.Equal(events.Where(e => e.Name == "token").Select(IndexOf).Distinct().Order(),
                     events.Where(e => e.Name is "candidate" or "dropped").Select(IndexOf).Order());
    }

    [Fact]
    public async Task Reply_NoWordInCommonWithTraining_DoneWithNoCandidates()
    {
        var client = await _server.ReadyClientAsync();

        using var response = await Api.PostAsync(client, "/api/reply", new { model = "retrieval", parent = "zzqx wvvk" });
        var events = await ServerSentEvent.ReadAllAsync(response);

        var done = Assert.Single(events);
        Assert.Equal("done", done.Name);
        Assert.Equal(0, done.Data.GetProperty("replies").GetInt32());
    }

    [Theory]
    [InlineData("""{"model":"ngram","parent":"hello"}""", "'ngram' is a ngram model and does not reply")]
    [InlineData("""{"model":"retrieval","parent":"   "}""", "parent: empty")]
    [InlineData("""{"model":"retrieval"}""", "parent: required")]
    [InlineData("""{"model":"retrieval","parent":"hi","n":0,"beam":99}""", "n: must be from 1 to 10, got 0; beam: must be from 0 to 16, got 99")]
    [InlineData("""{"model":"retrieval","parent":"hi","title":7}""", "title: wrong type, expected a string")]
    public async Task Reply_BadRequest_400ProblemNamingTheField(string body, string expected)
    {
        var client = await _server.ReadyClientAsync();

        using var response = await Api.PostTextAsync(client, "/api/reply", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Api.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
