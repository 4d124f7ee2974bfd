using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HnReply.Corpus;

/// <summary>
/// The JSON-lines form of <see cref="ReplyPair"/> that <c>hnreply export pairs</c> writes and
/// <c>eval --pairs</c> and the retrieval model read:
/// <c>{"story_id","parent_id","reply_id","split","title","parent","reply"}</c>.
/// </summary>
public static class ReplyPairFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToLine(ReplyPair pair) => JsonSerializer.Serialize(
        new Line(pair.StoryId, pair.ParentId, pair.ReplyId, pair.Split.Name(), pair.Title, pair.Parent, pair.Reply), Json);

    public static void Write(string path, IEnumerable<ReplyPair> pairs)
    {
        using var writer = new StreamWriter(path);
        foreach (var pair in pairs) writer.WriteLine(ToLine(pair));
    }

    /// <summary>Reads every pair; a malformed line fails with one error naming file:line.</summary>
    public static IEnumerable<ReplyPair> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        long number = 0;
        foreach (string text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            ReplyPair pair;
            try
            {
                var line = JsonSerializer.Deserialize<Line>(text, Json) ?? throw new JsonException("null");
                if (line.Parent is null || line.Reply is null) throw new FormatException("'parent' and 'reply' are required");
                pair = new ReplyPair(line.StoryId, line.ParentId, line.ReplyId, line.Split is null ? Split.Test : SplitNames.Parse(line.Split),
                    line.Title ?? "", line.Parent, line.Reply);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new InvalidDataException($"{path}:{number}: not a pair line ({e.Message.Split(". ")[0]})", e);
            }
            yield return pair;
        }
    }

    private sealed record Line(
        [property: JsonPropertyName("story_id")] long StoryId,
        [property: JsonPropertyName("parent_id")] long ParentId,
        [property: JsonPropertyName("reply_id")] long ReplyId,
        [property: JsonPropertyName("split")] string? Split,
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("parent")] string? Parent,
        [property: JsonPropertyName("reply")] string? Reply);
}
