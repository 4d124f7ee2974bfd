namespace HnReply.Prediction;

/// <summary>
/// Answers a comment: the retrieval replier (rung 0) and the encoder-decoder (rung 4) both
/// implement it, so reply, eval and the server take either.
/// </summary>
public interface IReplier
{
    string Kind { get; }

    /// <summary>Up to <paramref name="n"/> replies to <paramref name="parent"/>, best first.</summary>
    IReadOnlyList<GeneratedReply> Reply(string parent, string? title, int n);

    /// <summary>How well <paramref name="reply"/> answers <paramref name="parent"/> (higher is better); ranks candidates in eval.</summary>
    double Score(string parent, string? title, string reply);

    /// <summary><see cref="Score"/> of several candidate replies to one parent; a replier that can score them together (one encoding of the parent) overrides it.</summary>
    IReadOnlyList<double> ScoreAll(string parent, string? title, IReadOnlyList<string> replies) =>
        replies.Select(reply => Score(parent, title, reply)).ToList();
}
