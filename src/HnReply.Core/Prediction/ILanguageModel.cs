using HnReply.Text;

namespace HnReply.Prediction;

/// <summary>
/// A next-token predictor over a fixed vocabulary: the n-gram (rung 1) and the LSTM (rung 3) both
/// implement it, so suggest, complete, type, eval and the server take either.
/// </summary>
public interface ILanguageModel
{
    /// <summary>"ngram", "lstm", ...: the kind in the model directory's format tag.</summary>
    string Kind { get; }

    Vocabulary Vocabulary { get; }

    /// <summary>The tokenizer the model was trained with; text must go through it.</summary>
    ITokenizer Tokenizer { get; }

    /// <summary>The state at the start of a document (after &lt;s&gt;).</summary>
    LanguageModelState Begin();

    /// <summary>The state after reading <paramref name="token"/>.</summary>
    LanguageModelState Advance(LanguageModelState state, int token);

    /// <summary>
    /// The state after reading every token of <paramref name="tokens"/> in order: the same state as
    /// <see cref="Advance"/> one token at a time. Models with a faster way to read a run of tokens (the
    /// LSTM: one forward over the sequence) override it.
    /// </summary>
    LanguageModelState AdvanceThrough(LanguageModelState state, ReadOnlySpan<int> tokens)
    {
        foreach (int token in tokens) state = Advance(state, token);
        return state;
    }

    /// <summary>
    /// Fills <paramref name="probabilities"/> (length <see cref="Vocabulary.Count"/>) with the next-token
    /// distribution; &lt;s&gt; and &lt;pad&gt; get 0 and the rest sums to 1.
    /// </summary>
    void NextTokenProbabilities(LanguageModelState state, Span<float> probabilities);

    /// <summary>
    /// The <paramref name="k"/> most likely next words (<see cref="Vocabulary.IsWord"/>: what suggest
    /// can show), best first, ties by lower id. Models with a faster way than the full distribution
    /// (the n-gram's sorted continuations) override it.
    /// </summary>
    IReadOnlyList<(int Id, double Probability)> TopWords(LanguageModelState state, int k)
    {
        var probabilities = new float[Vocabulary.Count];
        NextTokenProbabilities(state, probabilities);
        var best = new int[k];
        int found = Prediction.TopWords.Select(probabilities, Vocabulary.WordMask, best);
        return best[..found].Select(id => (id, (double)probabilities[id])).ToList();
    }

    /// <summary>Natural-log probability of <paramref name="token"/> next; models override it with an exact value.</summary>
    double LogProbability(LanguageModelState state, int token)
    {
        var probabilities = new float[Vocabulary.Count];
        NextTokenProbabilities(state, probabilities);
        return Math.Log(probabilities[token]);
    }
}
