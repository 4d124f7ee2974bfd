namespace HnReply.Prediction;

/// <summary>
/// One step of <see cref="TypingSession.Generate"/>: the sampled <see cref="Token"/> and the
/// <see cref="Text"/> it adds to the continuation (spaced as the detokenizer would, so the pieces
/// concatenate to <see cref="Completion.Continuation"/>), or the end of the comment (<see cref="Ended"/>).
/// </summary>
public sealed record GeneratedToken(string Token, string Text, bool Ended);
