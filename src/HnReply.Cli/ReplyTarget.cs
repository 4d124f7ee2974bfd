using HnReply.Corpus;

namespace HnReply.Cli;

/// <summary>
/// The comment <c>reply --item ID</c> answers: its clean text, and the title of the story it is
/// under (found by walking up its parents, at most <see cref="MaxDepth"/> of them), read from the
/// store or through the API. A story itself is answered as its title plus its text.
/// </summary>
internal static class ReplyTarget
{
    private const int MaxDepth = 200;

    public static async Task<(string Parent, string? Title)> ResolveAsync(long id, Func<long, Task<Item?>> get)
    {
        var item = await get(id).ConfigureAwait(false) ?? throw new ArgumentException($"--item {id}: no such item");
        if (item.Deleted || item.Dead) throw new ArgumentException($"--item {id}: the item is {(item.Deleted ? "deleted" : "dead")}");
        string text = HtmlText.ToPlainText(item.Text);
        if (item.Type == ItemType.Story || item.Parent is null)
            return (string.IsNullOrWhiteSpace(text) ? item.Title ?? "" : $"{item.Title}\n\n{text}", item.Title);
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"--item {id}: the comment has no text");
        var at = item;
        for (int depth = 0; depth < MaxDepth && at.Parent is { } parentId; depth++)
        {
            at = await get(parentId).ConfigureAwait(false);
            if (at is null) return (text, null);
            if (at.Type == ItemType.Story) return (text, at.Title);
        }
        return (text, null);
    }
}
