using System.Buffers;
using System.Text.Json;

namespace HnReply.Corpus;

/// <summary>
/// Reads a file of one JSON item per line, either the API's shape or the
/// <c>{"id":..,"body":{...}}</c> wrapping some dumps use (the item is <c>body</c>; its id comes from
/// <c>body</c>, else from the wrapper). Blank lines are skipped; every other line gives one item or
/// one error naming its 1-based line, and reading goes on after an error.
/// </summary>
internal static class JsonLinesItemReader
{
    // Far above any real item (HN caps comments at a few thousand words) yet bounded, so a file
    // without line breaks cannot exhaust memory.
    internal const int MaxLineBytes = 16 << 20;

    public static IEnumerable<ItemReadResult> Read(string path, Action<long>? filePosition = null, CancellationToken cancellationToken = default)
    {
        using var lines = new Utf8LineReader(ItemFiles.OpenRead(path, filePosition), MaxLineBytes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Utf8Line line;
            string? streamProblem = null;
            try
            {
                if (!lines.TryRead(out line)) break;
            }
            catch (InvalidDataException e)
            {
                streamProblem = ItemFiles.CorruptCompression(e);
                line = default;
            }
            if (streamProblem is not null)
            {
                yield return new ItemReadResult(null, new ReadError(path, lines.LineNumber + 1, streamProblem));
                yield break;
            }
            if (line.TooLong)
            {
                yield return new ItemReadResult(null, new ReadError(path, line.Number, $"line is longer than {MaxLineBytes} bytes"));
                continue;
            }
            var json = line.Bytes.Span.Trim(" \t\r\f\v"u8);
            if (json.IsEmpty) continue;
            yield return ParseLine(json, path, line.Number);
        }
    }

    internal static ItemReadResult ParseLine(ReadOnlySpan<byte> json, string path, long lineNumber)
    {
        try
        {
            return new ItemReadResult(ParseItem(json), null);
        }
        catch (FormatException e)
        {
            return new ItemReadResult(null, new ReadError(path, lineNumber, e.Message));
        }
    }

    private static Item ParseItem(ReadOnlySpan<byte> json)
    {
        if (json.SequenceEqual("null"u8)) throw new FormatException("null item");
        // A property named "body" always appears as these bytes; text that merely contains them
        // only costs the slower path below, which still reads it as a plain item.
        return json.IndexOf("\"body\""u8) < 0 ? ItemJson.Parse(json) : ParseWrapped(json);
    }

    private static Item ParseWrapped(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException)
        {
            return ItemJson.Parse(json); // throws the same message a plain line would get
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("body", out var body))
            {
                return ItemJson.Parse(root);
            }
            if (body.ValueKind == JsonValueKind.Null) throw new FormatException("null item");
            if (body.ValueKind != JsonValueKind.Object) throw new FormatException("field 'body' must be an object");
            var bodyHasId = body.TryGetProperty("id", out var innerId) && innerId.ValueKind != JsonValueKind.Null;
            var wrapperHasId = root.TryGetProperty("id", out var outerId) && outerId.ValueKind != JsonValueKind.Null;
            return bodyHasId || !wrapperHasId ? ItemJson.Parse(body) : ItemJson.Parse(WithId(body, outerId));
        }
    }

    private static ReadOnlySpan<byte> WithId(JsonElement body, JsonElement id)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("id");
            id.WriteTo(writer);
            foreach (var property in body.EnumerateObject())
            {
                if (property.NameEquals("id")) continue;
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan;
    }
}
