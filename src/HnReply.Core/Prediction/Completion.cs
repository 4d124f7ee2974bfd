namespace HnReply.Prediction;

/// <summary>
/// A generated continuation: <see cref="Continuation"/> is what follows the prompt (spaced as the
/// detokenizer would), <see cref="Tokens"/> the generated tokens, <see cref="Ended"/> whether the model chose &lt;/s&gt;.
/// </summary>
public sealed record Completion(string Continuation, IReadOnlyList<string> Tokens, bool Ended);
