namespace HnReply.Corpus;

/// <summary>
/// One (context, reply) example: <see cref="Parent"/> is the parent comment's clean text, or for a
/// top-level comment the story title (plus the story's text). The story title rides along with every pair.
/// </summary>
public sealed record ReplyPair(long StoryId, long ParentId, long ReplyId, Split Split, string Title, string Parent, string Reply);
