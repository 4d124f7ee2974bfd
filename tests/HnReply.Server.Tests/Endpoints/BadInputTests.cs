using System.Net;
using System.Text;

namespace HnReply.Server.Tests.Endpoints;

/// <summary>Every class of bad request gets a 4xx RFC 7807 problem with one line that names the field, on every endpoint that takes a body.</summary>
[Collection(ServedModelsGroup.Name)]
public sealed class BadInputTests(ServedModels models) : IDisposable
{
    public static readonly TheoryData<string> Endpoints = new(["/api/suggest", "/api/complete", "/api/reply"]);

    private readonly ServerFactory _server = new(models);

    public void Dispose() => _server.Dispose();

    private async Task<(HttpStatusCode Status, string Detail)> PostAsync(string path, HttpContent content)
    {
        var client = await _server.ReadyClientAsync();
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var problem = await Api.ProblemAsync(response);
        return (response.StatusCode, problem.GetProperty("detail").GetString()!);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EmptyBody_400(string path)
    {
        var (status, detail) = await PostAsync(path, Json(""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("body: empty; send a JSON object", detail);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task BrokenJson_400WithWhere(string path)
    {
        var (status, detail) = await PostAsync(path, Json("""{"model": "ngram", """));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("body: not valid JSON (line 1, byte", detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task WrongType_400NamingTheField(string path)
    {
        var (status, detail) = await PostAsync(path, Json("""{"model": 42}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("model: wrong type, expected a string", detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task UnknownField_400NamingIt(string path)
    {
        var (status, detail) = await PostAsync(path, Json("""{"model": "ngram", "temprature": 1}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("body: unknown field 'temprature'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/suggest", """{"model":"gpt","text":"a"}""")]
    [InlineData("/api/complete", """{"model":"gpt","text":"a"}""")]
    [InlineData("/api/reply", """{"model":"gpt","parent":"a"}""")]
    public async Task UnknownModel_404ListingTheModels(string path, string body)
    {
        var (status, detail) = await PostAsync(path, Json(body));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"model: no model named 'gpt'; this server has {string.Join(", ", ServerFactory.AllModels)}", detail);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task OversizedBody_413(string path)
    {
        string huge = new('a', 70_000);

        var (status, detail) = await PostAsync(path, Json($$"""{"model":"ngram","text":"{{huge}}","parent":"x"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("more than the 65,536", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextOverTheCap_400()
    {
        var (status, detail) = await PostAsync("/api/suggest", Json($$"""{"model":"ngram","text":"{{new string('a', 20_001)}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("text: 20,001 characters, more than the 20,000 a model reads at once", detail);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task NotJson_415(string path)
    {
        var (status, detail) = await PostAsync(path, new StringContent("model=ngram", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.StartsWith("body: send JSON with Content-Type application/json", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_404Problem()
    {
        var client = await _server.ReadyClientAsync();

        using var response = await client.GetAsync(new Uri("/api/nothing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("GET /api/nothing: no such page or endpoint", (await Api.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_405Problem()
    {
        var client = await _server.ReadyClientAsync();

        using var response = await client.GetAsync(new Uri("/api/suggest", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await Api.ProblemAsync(response);
    }

    [Fact]
    public async Task CompleteOptionsOutOfRange_400NamingEachOne()
    {
        var (status, detail) = await PostAsync("/api/complete", Json("""{"model":"ngram","text":"a","max_tokens":0,"temperature":-1,"top_p":2}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("max_tokens: must be from 1 to 400, got 0; temperature must be >= 0, got -1; top_p must be in (0, 1], got 2", detail);
    }
}
