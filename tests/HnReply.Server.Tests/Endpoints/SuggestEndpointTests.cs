using System.Net;
using System.Text.Json;
using HnReply.Neural.Models;
using HnReply.Prediction;

namespace HnReply.Server.Tests.Endpoints;

[Collection(ServedModelsGroup.Name)]
public sealed class SuggestEndpointTests(ServedModels models) : IDisposable
{
    private readonly ServerFactory _server = new(models);

    public void Dispose() => _server.Dispose();

    private async Task<JsonElement> SuggestAsync(string model, string text, int k)
    {
        var client = await _server.ReadyClientAsync();
        using var response = await Api.PostAsync(client, "/api/suggest", new { model, text, k });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Suggest_NGram_TheCliJsonShapeWithTheLikelyWordFirst()
    {
        var answer = await SuggestAsync("ngram", "the cat sat on ", 3);

        Assert.Equal("the cat sat on ", answer.GetProperty("context").GetString());
        var suggestions = answer.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(3, suggestions.Count);
        Assert.Equal("the", suggestions[0].GetProperty("text").GetString());
        Assert.True(suggestions[0].GetProperty("probability").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Suggest_MidWord_CompletesTheWordBeingTyped()
    {
        var answer = await SuggestAsync("ngram", "the d", 3);

        Assert.Equal("dog", answer.GetProperty("suggestions")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("ngram", "a cat likes ")]
    [InlineData("lstm", "the quick brown ")]
    [InlineData("lstm", "the c")]
    public async Task Suggest_AnyLanguageModel_SameAsTheLibrarysTypingSession(string model, string text)
    {
        using var loaded = ModelLoader.LoadLanguageModel(models.Model(model));
        var expected = new TypingSession(loaded.AsLanguageModel()).Suggest(text, 4);

        var answer = await SuggestAsync(model, text, 4);

        var got = answer.GetProperty("suggestions").EnumerateArray().Select(s => (s.GetProperty("text").GetString()!, s.GetProperty("probability").GetDouble())).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(s => (s.Text, s.Probability)), got);
    }
}
