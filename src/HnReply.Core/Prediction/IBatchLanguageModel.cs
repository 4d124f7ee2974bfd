namespace HnReply.Prediction;

/// <summary>
/// A language model that can also score whole documents at once, much faster than token by token
/// (the LSTM: padded documents, one forward per batch). Every number it reports equals what the
/// token-by-token path gives for the same document from <see cref="ILanguageModel.Begin"/>, so
/// evaluation may take either path.
/// </summary>
public interface IBatchLanguageModel : ILanguageModel
{
    /// <summary>
    /// Scores every position of every document — each of its tokens, then &lt;/s&gt; — from the
    /// begin-of-document state, and calls <paramref name="visit"/> once per position: one document
    /// at a time with its positions in order, the documents in whatever order batches best.
    /// </summary>
    /// <param name="documents">Token ids of each document, without &lt;s&gt; or &lt;/s&gt;.</param>
    void ScoreDocuments(IReadOnlyList<int[]> documents, BatchScoring request, PositionVisitor visit, CancellationToken cancellationToken = default);
}

/// <summary>What to report per position.</summary>
/// <param name="TopWords">How many of the most probable words (<see cref="ILanguageModel.TopWords"/>) to report; 0 for none.</param>
/// <param name="WantsDistribution">(document, position) → whether that position needs the whole next-token distribution.</param>
/// <param name="WantsWordsAbove">
/// (document, position) → whether that position needs the words ranked above its target
/// (<see cref="ScoredPosition.WordsAboveByPrefix"/>, <see cref="ScoredPosition.SharingPrefixAbove"/>):
/// all that keystroke savings reads, so a model can find them without building the whole distribution.
/// </param>
public sealed record BatchScoring(int TopWords, Func<int, int, bool>? WantsDistribution = null, Func<int, int, bool>? WantsWordsAbove = null);

/// <summary>Receives one scored position; the spans are valid only during the call.</summary>
public delegate void PositionVisitor(in ScoredPosition position);

/// <summary>
/// One position of a scored document: the token that came next, its natural-log probability, the
/// best words before it (best first) and, when asked for, the whole next-token distribution and the
/// words ranked above the target.
/// </summary>
public readonly ref struct ScoredPosition(int document, int position, int target, double logProbability, ReadOnlySpan<int> topWords,
                                          ReadOnlySpan<float> distribution, ReadOnlySpan<int> wordsAboveByPrefix = default,
                                          ReadOnlySpan<int> sharingPrefixAbove = default)
{
    public int Document { get; } = document;
    public int Position { get; } = position;
    public int Target { get; } = target;
    public double LogProbability { get; } = logProbability;
    public ReadOnlySpan<int> TopWords { get; } = topWords;

    /// <summary>Empty unless <see cref="BatchScoring.WantsDistribution"/> asked for this position.</summary>
    public ReadOnlySpan<float> Distribution { get; } = distribution;

    /// <summary>
    /// When <see cref="BatchScoring.WantsWordsAbove"/> asked for this position: of the words
    /// (<see cref="HnReply.Text.Vocabulary.WordMask"/>) suggest ranks above the target — more probable,
    /// or as probable with a lower id — element L counts those that share the target's first L
    /// characters, for L = 0 (all of them) to <see cref="SuggestionRank.PrefixDepth"/>
    /// (<see cref="SuggestionRank.WordsAbove"/>).
    /// </summary>
    public ReadOnlySpan<int> WordsAboveByPrefix { get; } = wordsAboveByPrefix;

    /// <summary>The words above the target that share its first <see cref="SuggestionRank.PrefixDepth"/> characters, in any order.</summary>
    public ReadOnlySpan<int> SharingPrefixAbove { get; } = sharingPrefixAbove;
}
