namespace HnReply.Prediction;

/// <summary>A suggested next word (or completion of the word being typed) and its probability given the text so far.</summary>
public sealed record Suggestion(string Text, double Probability);

