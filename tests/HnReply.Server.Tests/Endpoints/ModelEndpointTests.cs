using System.Net;
using System.Text.Json;

namespace HnReply.Server.Tests.Endpoints;

[Collection(ServedModelsGroup.Name)]
public sealed class ModelEndpointTests(ServedModels models) : IDisposable
{
    private readonly ServerFactory _server = new(models);

    public void Dispose() => _server.Dispose();

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var client = await _server.ReadyClientAsync();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Healthz_ModelsLoaded_IsReadyWithTheirCount()
    {
        var health = await GetJsonAsync("/healthz");

        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.Equal(ServerFactory.AllModels.Length, health.GetProperty("models").GetInt32());
        Assert.True(health.GetProperty("resident_bytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Models_EveryDirectory_NameKindVocabularyAndManifestMetrics()
    {
        var list = (await GetJsonAsync("/api/models")).EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

        Assert.Equal(ServerFactory.AllModels.Order(), list.Keys.Order());
        var ngram = list["ngram"];
        Assert.Equal("ngram", ngram.GetProperty("kind").GetString());
        int words = ServedModels.Sentences.SelectMany(s => s.Split(' ')).Distinct().Count();
        Assert.True(ngram.GetProperty("vocabulary").GetInt32() > words, "the vocabulary holds every training word plus the specials");
        Assert.Equal(3.25, ngram.GetProperty("metrics").GetProperty("valid_ppl").GetDouble());
        Assert.Equal(["suggest", "complete"], ngram.GetProperty("uses").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(JsonValueKind.Null, ngram.GetProperty("loss_curve").ValueKind);
        Assert.Equal("lstm", list["lstm"].GetProperty("kind").GetString());
        Assert.Equal("/api/models/lstm/loss.png", list["lstm"].GetProperty("loss_curve").GetString());
        Assert.Equal(["reply"], list["retrieval"].GetProperty("uses").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("reply", list["reply"].GetProperty("kind").GetString());
        Assert.Equal(["reply"], list["reply"].GetProperty("uses").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task LossCurve_LstmDirectory_ServesItsLossPng()
    {
        var client = await _server.ReadyClientAsync();

        byte[] png = await client.GetByteArrayAsync(new Uri("/api/models/lstm/loss.png", UriKind.Relative));

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(models.Model("lstm"), "loss.png")), png);
    }

    [Fact]
    public async Task LossCurve_ModelWithoutOne_Is404Problem()
    {
        var client = await _server.ReadyClientAsync();

        using var response = await client.GetAsync(new Uri("/api/models/ngram/loss.png", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no loss curve", (await Api.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_RelativeModelAndReportPaths_AreReadFromTheWorkingDirectory()
    {
        string Relative(string name) => Path.GetRelativePath(Environment.CurrentDirectory, models.Model(name));
        using var relative = new ServerFactory(models, new Dictionary<string, string> { ["Models:1"] = Relative("lstm"), ["Report"] = Relative("report") });
        var client = await relative.ReadyClientAsync();

        using var loss = await client.GetAsync(new Uri("/api/models/lstm/loss.png", UriKind.Relative));
        using var chart = await client.GetAsync(new Uri("/api/ladder.png", UriKind.Relative));

        Assert.False(Path.IsPathRooted(Relative("lstm")));
        Assert.Equal(HttpStatusCode.OK, loss.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
    }

    [Fact]
    public async Task Ladder_ReportFolder_ServesItsRowsAndChart()
    {
        var ladder = await GetJsonAsync("/api/ladder");
        var client = await _server.ReadyClientAsync();

        var rows = ladder.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["ngram", "retrieval"], rows.Select(r => r.GetProperty("model").GetString()));
        Assert.Equal(3.25, rows[0].GetProperty("perplexity").GetDouble());
        Assert.Equal("/api/ladder.png", ladder.GetProperty("chart").GetString());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(models.Model("report"), "ladder.png")),
            await client.GetByteArrayAsync(new Uri("/api/ladder.png", UriKind.Relative)));
    }

    [Fact]
    public async Task OpenApi_StablePath_DescribesEveryEndpoint()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (string path in new[] { "/healthz", "/api/models", "/api/suggest", "/api/complete", "/api/reply", "/api/ladder" }) Assert.Contains(path, paths);
    }

    [Fact]
    public async Task Page_Root_ServesTheEmbeddedPageWithLabelledControls()
    {
        var client = await _server.ReadyClientAsync();

        string html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        string script = await client.GetStringAsync(new Uri("/app.js", UriKind.Relative));

        foreach (string id in new[] { "lm", "text", "parent", "title", "count" }) Assert.Contains($"<label for=\"{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // no CDN: everything comes from this server
        Assert.Contains("/api/suggest", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_UnloadableDirectory_SaysFailedAndApiAnswers503()
    {
        using var broken = new ServerFactory(models, new Dictionary<string, string> { [$"Models:{ServerFactory.AllModels.Length}"] = models.Model("no-such-model") });
        var client = broken.CreateClient();

        JsonElement health = default;
        for (int i = 0; i < 300; i++)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (health.GetProperty("status").GetString() == "failed") break;
            await Task.Delay(100);
        }
        using var models503 = await client.GetAsync(new Uri("/api/models", UriKind.Relative));

        Assert.Equal("failed", health.GetProperty("status").GetString());
        Assert.Contains("no-such-model", health.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, models503.StatusCode);
        Assert.Contains("could not be loaded", (await Api.ProblemAsync(models503)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
