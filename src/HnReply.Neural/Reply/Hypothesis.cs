namespace HnReply.Neural.Reply;

/// <summary>A decoded reply: its token ids (no &lt;/s&gt;), log p(reply | context) including the &lt;/s&gt; when it ended, and its search score.</summary>
internal sealed record Hypothesis(int[] Tokens, double LogProbability, double Score, bool Ended);
