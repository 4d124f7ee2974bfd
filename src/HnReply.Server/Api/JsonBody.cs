using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HnReply.Server.Api;

/// <summary>
/// Reads a request body as JSON the strict way (<see cref="ApiJson"/>) and turns every way it can be
/// wrong into a 4xx problem that names the field: not JSON, empty, over the size bound (counted as
/// it is read, so a lying or missing Content-Length cannot get past it), a wrong type, an unknown field.
/// </summary>
public static class JsonBody
{
    /// <returns>The request, or the problem to answer with instead.</returns>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes) where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.Unsupported($"body: send JSON with Content-Type application/json (got {request.ContentType ?? "none"})"));
        if (request.ContentLength > maxBytes)
            return (null, Problems.TooLarge($"body: {request.ContentLength:N0} bytes, more than the {maxBytes:N0} a request may carry"));

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes) return (null, Problems.TooLarge($"body: more than the {maxBytes:N0} bytes a request may carry"));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge($"body: more than the {maxBytes:N0} bytes a request may carry"));
        }
        if (buffer.Length == 0) return (null, Problems.BadRequest("body: empty; send a JSON object"));

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options);
            return value is null ? (null, Problems.BadRequest("body: null; send a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest(Describe(e)));
        }
    }

    // System.Text.Json's messages name .NET types; say what the client sent wrong in the API's terms.
    private static string Describe(JsonException e)
    {
        string where = e.Path is null or "$" ? "body" : e.Path.TrimStart('$', '.');
        string position = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"body: unknown field{FieldIn(e.Message)}{position}";
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
            return $"{where}: wrong type{ExpectedType(e.Message)}{position}";
        return $"{where}: not valid JSON{position}";
    }

    private static string FieldIn(string message)
    {
        int start = message.IndexOf('\'', StringComparison.Ordinal);
        int end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? $" '{message[(start + 1)..end]}'" : "";
    }

    private static string ExpectedType(string message) =>
        message.Contains("System.Int32", StringComparison.Ordinal) ? ", expected a whole number"
        : message.Contains("System.Double", StringComparison.Ordinal) ? ", expected a number"
        : message.Contains("System.String", StringComparison.Ordinal) ? ", expected a string"
        : "";
}
