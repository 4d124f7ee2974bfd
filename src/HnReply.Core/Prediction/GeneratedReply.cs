namespace HnReply.Prediction;

/// <summary>A reply with its model score and, for retrieved replies, the thread it came from.</summary>
public sealed record GeneratedReply(string Text, double Score, long? StoryId = null, long? ReplyId = null);
