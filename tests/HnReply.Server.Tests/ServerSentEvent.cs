using System.Text.Json;

namespace HnReply.Server.Tests;

/// <summary>One event of a text/event-stream response, read the way a browser's parser reads it.</summary>
public sealed record ServerSentEvent(string Name, JsonElement Data)
{
    /// <summary>Reads events as they arrive, until the stream ends (or the caller stops asking).</summary>
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        string name = "message";
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) yield return new ServerSentEvent(name, JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone());
                name = "message";
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Add(line["data: ".Length..]);
            else throw new InvalidDataException($"not an event-stream line: {line}");
        }
    }

    public static async Task<List<ServerSentEvent>> ReadAllAsync(HttpResponseMessage response)
    {
        var events = new List<ServerSentEvent>();
        await foreach (var e in ReadAsync(await response.Content.ReadAsStreamAsync())) events.Add(e);
        return events;
    }
}
