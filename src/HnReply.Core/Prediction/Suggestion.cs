namespace HnReply.Prediction;

/// <summary>A suggested next word (or completion of the word being typed) and its probability given the text so far.</summary>
public sealed record Suggestion(string Text, double Probability);

/// <summary>
/// A generated continuation: <see cref="Continuation"/> is what follows the prompt (spaced as the
/// detokenizer would), <see cref="Tokens"/> the generated tokens, <see cref="Ended"/> whether the model chose &lt;/s&gt;.
/// </summary>
public sealed record Completion(string Continuation, IReadOnlyList<string> Tokens, bool Ended);
