namespace HnReply.Neural.Reply;

/// <summary>
/// A written reply: its text and the pieces it was written in (one per token, already detokenized),
/// log p(reply | context) over <see cref="Tokens"/> scored positions, and the search's length-normalised score.
/// </summary>
public sealed record DecodedReply(string Text, IReadOnlyList<string> Pieces, double LogProbability, int Tokens, double SearchScore);
