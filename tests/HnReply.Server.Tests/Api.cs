using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HnReply.Server.Tests;

/// <summary>Requests as a client writes them: JSON text (so tests can send wrong types and broken JSON too).</summary>
public static class Api
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) =>
        PostTextAsync(client, path, JsonSerializer.Serialize(body));

    public static Task<HttpResponseMessage> PostTextAsync(HttpClient client, string path, string json, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return client.SendAsync(request, completion);
    }

    /// <summary>Starts a stream and returns as soon as the headers arrive, so the test reads events as they come.</summary>
    public static Task<HttpResponseMessage> StartStreamAsync(HttpClient client, string path, object body, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>The problem details of an error answer; asserts it is one (RFC 7807 media type, a one-line detail).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal);
        return problem;
    }
}
