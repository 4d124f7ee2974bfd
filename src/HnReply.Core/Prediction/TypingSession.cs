using HnReply.Text;

namespace HnReply.Prediction;

/// <summary>
/// One user typing: suggestions for the next word, or completions of the word being typed, and
/// generated continuations. The session remembers the model state after each text it was asked
/// about (a checkpoint per call), so a keystroke only advances from the last checkpoint that the
/// new text still starts with (for an LSTM: a step or two, not the whole prefix again); the tokens
/// in between are read in one <see cref="ILanguageModel.AdvanceThrough"/>. A session belongs to one
/// caller and is not thread-safe; the model is shared.
/// </summary>
public sealed class TypingSession(ILanguageModel model)
{
    private readonly List<int> _tokens = [];
    private readonly List<(int Length, LanguageModelState State)> _checkpoints = [(0, model.Begin())];
    private readonly PrefixIndex _prefixes = PrefixIndex.For(model.Vocabulary);

    public ILanguageModel Model => model;

    /// <summary>
    /// The top <paramref name="k"/> next words after <paramref name="text"/>; when the text ends
    /// inside a word ("the quic"), the top completions of that word instead, with probabilities
    /// renormalised over the words that fit the typed prefix.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string text, int k)
    {
        var tokens = model.Tokenizer.Tokenize(text);
        string? partial = EndsInsideWord(text, tokens) ? tokens[^1] : null;
        var state = StateAfter(partial is null ? tokens : tokens.Take(tokens.Count - 1).ToList());
        if (partial is null)
            return model.TopWords(state, k).Select(c => new Suggestion(model.Vocabulary.Token(c.Id), c.Probability)).ToList();

        var probabilities = new float[model.Vocabulary.Count];
        model.NextTokenProbabilities(state, probabilities);
        int[] matching = _prefixes.WithPrefix(partial);
        double mass = matching.Sum(id => (double)probabilities[id]);
        var best = new int[Math.Min(k, matching.Length)];
        int found = TopWords.Select(probabilities, matching, best);
        return best[..found].Select(id => new Suggestion(model.Vocabulary.Token(id), probabilities[id] / mass)).ToList();
    }

    /// <summary>
    /// Continues <paramref name="text"/> by up to <paramref name="words"/> words (tokens with a letter
    /// or digit; punctuation rides along), stopping early at &lt;/s&gt;.
    /// </summary>
    public Completion Complete(string text, int words, SamplingOptions sampling, Random random)
    {
        var generated = new List<string>();
        bool ended = false;
        foreach (var step in Generate(text, words, sampling, random))
        {
            if (step.Ended) ended = true;
            else generated.Add(step.Token);
        }
        var context = model.Tokenizer.Tokenize(text);
        string continuation = generated.Count == 0 ? "" : ContinuationOf(model.Tokenizer.Detokenize(context), context, generated);
        return new Completion(continuation, generated, ended);
    }

    /// <summary>
    /// The same continuation as <see cref="Complete"/>, one token at a time as it is sampled, so a
    /// caller can show it as it comes (the server's event stream) and stop early by not asking for
    /// more. A last step with <see cref="GeneratedToken.Ended"/> set means the model chose &lt;/s&gt;.
    /// </summary>
    public IEnumerable<GeneratedToken> Generate(string text, int words, SamplingOptions sampling, Random random)
    {
        sampling.Validate();
        var context = model.Tokenizer.Tokenize(text);
        var state = StateAfter(context);
        var probabilities = new float[model.Vocabulary.Count];
        var generated = new List<string>();
        var produced = new HashSet<int>(model.Vocabulary.Encode(context));
        string before = model.Tokenizer.Detokenize(context);
        string shown = "";
        int wordCount = 0;
        for (int step = 0; wordCount < words && step < words * 4 + 8; step++)
        {
            model.NextTokenProbabilities(state, probabilities);
            probabilities[Vocabulary.Unk] = 0;
            int next = TokenSampler.Sample(probabilities, sampling, random, produced);
            if (next == Vocabulary.Eos)
            {
                yield return new GeneratedToken("", "", Ended: true);
                yield break;
            }
            string token = model.Vocabulary.Token(next);
            generated.Add(token);
            produced.Add(next);
            if (token.Any(char.IsLetterOrDigit)) wordCount++;
            string continuation = ContinuationOf(before, context, generated);
            // The detokenizer may respace earlier text as tokens arrive; the piece is whatever extends what was shown.
            string piece = continuation.StartsWith(shown, StringComparison.Ordinal) ? continuation[shown.Length..] : continuation;
            shown = continuation;
            yield return new GeneratedToken(token, piece, Ended: false);
            state = model.Advance(state, next);
        }
    }

    private string ContinuationOf(string before, IReadOnlyList<string> context, List<string> generated)
    {
        string all = model.Tokenizer.Detokenize([.. context, .. generated]);
        return all.StartsWith(before, StringComparison.Ordinal) ? all[before.Length..] : " " + model.Tokenizer.Detokenize(generated);
    }

    // Starts from the last checkpoint inside the common prefix with what was read before.
    private LanguageModelState StateAfter(IReadOnlyList<string> tokens)
    {
        int[] ids = model.Vocabulary.Encode(tokens);
        int common = 0;
        while (common < ids.Length && common < _tokens.Count && _tokens[common] == ids[common]) common++;
        _checkpoints.RemoveAll(c => c.Length > common);
        var (length, state) = _checkpoints[^1];
        _tokens.Clear();
        _tokens.AddRange(ids);
        if (length == ids.Length) return state;
        state = model.AdvanceThrough(state, ids.AsSpan(length));
        _checkpoints.Add((ids.Length, state));
        return state;
    }

    private static bool EndsInsideWord(string text, IReadOnlyList<string> tokens) =>
        tokens.Count > 0 && text.Length > 0 && char.IsLetterOrDigit(text[^1]) && char.IsLetterOrDigit(tokens[^1][^1]);
}
