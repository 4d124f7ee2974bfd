using System.Text.Json;
using System.Text.Json.Serialization;

namespace HnReply.Corpus;

/// <summary>
/// Reads and writes one item in the official API's JSON shape
/// (<c>{"id":8863,"type":"story","by":"dhouston",...}</c>). Unknown fields are ignored;
/// a missing or non-positive <c>id</c>, or a field of the wrong JSON type, is a <see cref="FormatException"/>
/// whose message names the field.
/// </summary>
public static class ItemJson
{
    public static Item Parse(ReadOnlySpan<byte> utf8)
    {
        ItemDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8, ItemJsonContext.Default.ItemDto);
        }
        catch (JsonException e)
        {
            throw new FormatException(Describe(e), e);
        }
        if (dto is null) throw new FormatException("the item is null");
        return ToItem(dto);
    }

    public static Item Parse(JsonElement element)
    {
        ItemDto? dto;
        try
        {
            dto = element.Deserialize(ItemJsonContext.Default.ItemDto);
        }
        catch (JsonException e)
        {
            throw new FormatException(Describe(e), e);
        }
        if (dto is null) throw new FormatException("the item is null");
        return ToItem(dto);
    }

    public static string Write(Item item) =>
        JsonSerializer.Serialize(FromItem(item), Readable.ItemDto);

    // Like the real API: text is written as it is (it's, <p>, &), not as \u0027-style escapes.
    private static readonly ItemJsonContext Readable = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static ItemType ParseType(string? type) => type switch
    {
        "story" => ItemType.Story,
        "comment" => ItemType.Comment,
        "job" => ItemType.Job,
        "poll" => ItemType.Poll,
        "pollopt" => ItemType.PollOpt,
        _ => ItemType.Unknown,
    };

    public static string? TypeName(ItemType type) => type switch
    {
        ItemType.Story => "story",
        ItemType.Comment => "comment",
        ItemType.Job => "job",
        ItemType.Poll => "poll",
        ItemType.PollOpt => "pollopt",
        _ => null,
    };

    private static Item ToItem(ItemDto dto)
    {
        if (dto.Id is not { } id) throw new FormatException("field 'id' is missing");
        if (id <= 0) throw new FormatException($"field 'id' must be positive, got {id}");
        return new Item
        {
            Id = id,
            Type = ParseType(dto.Type),
            By = dto.By,
            Time = dto.Time,
            Text = dto.Text,
            Parent = dto.Parent,
            Kids = dto.Kids ?? [],
            Title = dto.Title,
            Url = dto.Url,
            Score = dto.Score,
            Descendants = dto.Descendants,
            Deleted = dto.Deleted ?? false,
            Dead = dto.Dead ?? false,
        };
    }

    private static ItemDto FromItem(Item item) => new()
    {
        Id = item.Id,
        Type = TypeName(item.Type),
        By = item.By,
        Time = item.Time,
        Text = item.Text,
        Parent = item.Parent,
        Kids = item.Kids.Count == 0 ? null : [.. item.Kids],
        Title = item.Title,
        Url = item.Url,
        Score = item.Score,
        Descendants = item.Descendants,
        Deleted = item.Deleted ? true : null,
        Dead = item.Dead ? true : null,
    };

    // System.Text.Json reports "$.kids[2]" style paths; turn that into the field name a user sees.
    private static string Describe(JsonException e) =>
        e.Path is { Length: > 2 } path
            ? $"field '{path.TrimStart('$', '.')}' has the wrong type or is malformed"
            : $"invalid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')})";
}

internal sealed class ItemDto
{
    public long? Id { get; set; }
    public string? Type { get; set; }
    public string? By { get; set; }
    public long? Time { get; set; }
    public string? Text { get; set; }
    public long? Parent { get; set; }
    public long[]? Kids { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }
    public int? Score { get; set; }
    public int? Descendants { get; set; }
    public bool? Deleted { get; set; }
    public bool? Dead { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ItemDto))]
internal sealed partial class ItemJsonContext : JsonSerializerContext;
