namespace HnReply.Neural.Reply;

/// <summary>One training or validation pair as ids: the context (title, separator, end of the parent) and the reply.</summary>
internal sealed record ReplyExample(int[] Context, int[] Reply);
