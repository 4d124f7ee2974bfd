using System.Net;
using System.Text;
using System.Text.Json;

namespace HnReply.Server.Tests.Endpoints;

/// <summary>Limits only a real socket can exercise: the in-memory test server always knows a body's length.</summary>
[Collection(ServedModelsGroup.Name)]
public sealed class KestrelLimitTests(ServedModels models)
{
    [Fact]
    public async Task OversizedBodyWithoutContentLength_413AsItIsRead()
    {
        await using var server = await LiveServer.StartAsync(models);
        using var client = new HttpClient { BaseAddress = server.Address };
        byte[] body = Encoding.UTF8.GetBytes($$"""{"model":"ngram","text":"{{new string('a', 70_000)}}"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/suggest", UriKind.Relative)) { Content = new StreamContent(new UnknownLength(body)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Api.ProblemAsync(response);
        Assert.Equal("body: more than the 65,536 bytes a request may carry", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Suggest_OverKestrel_SameAnswerAsInMemory()
    {
        await using var server = await LiveServer.StartAsync(models);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await Api.PostAsync(client, "/api/suggest", new { model = "ngram", text = "the d", k = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dog", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("suggestions")[0].GetProperty("text").GetString());
    }

    /// <summary>A stream that cannot say how long it is, so HttpClient has to send it chunked.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
