using System.Text;
using System.Text.Json;
using HnReply.Server.Api;
using Microsoft.AspNetCore.Http;

namespace HnReply.Server.Streaming;

/// <summary>
/// Server-Sent Events on one response: <c>event: NAME</c>, one <c>data:</c> line of JSON, a blank
/// line, flushed at once so the client sees each token as it is made. JSON never holds a raw line
/// break, so one data line is always enough.
/// </summary>
public sealed class ServerSentEvents
{
    private readonly HttpResponse _response;

    private ServerSentEvents(HttpResponse response) => _response = response;

    public static ServerSentEvents Start(HttpResponse response)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies: pass events through as they come
        return new ServerSentEvents(response);
    }

    public async Task WriteAsync<T>(string name, T data, CancellationToken cancellationToken)
    {
        string json = JsonSerializer.Serialize(data, ApiJson.Options);
        byte[] bytes = Encoding.UTF8.GetBytes($"event: {name}\ndata: {json}\n\n");
        await _response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
