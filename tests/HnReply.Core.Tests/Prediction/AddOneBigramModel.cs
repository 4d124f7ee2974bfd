using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Core.Tests.Prediction;

/// <summary>
/// A tiny but honest language model for tests of the code around models: an add-one smoothed
/// bigram over whitespace tokens, probabilities exact and easy to compute by hand.
/// </summary>
internal sealed class AddOneBigramModel : ILanguageModel
{
    private readonly Dictionary<(int, int), int> _pairs = [];
    private readonly int[] _unigrams;

    public AddOneBigramModel(IEnumerable<string> documents, TokenizerKind kind = TokenizerKind.Whitespace)
    {
        Tokenizer = Tokenizers.Create(new TokenizerOptions { Kind = kind });
        var tokenized = documents.Select(Tokenizer.Tokenize).ToList();
        Vocabulary = Vocabulary.Build(tokenized);
        _unigrams = new int[Vocabulary.Count];
        foreach (var doc in tokenized)
        {
            int previous = Vocabulary.Bos;
            foreach (int id in Vocabulary.Encode(doc).Append(Vocabulary.Eos))
            {
                _pairs[(previous, id)] = _pairs.GetValueOrDefault((previous, id)) + 1;
                _unigrams[previous]++;
                previous = id;
            }
        }
    }

    public string Kind => "test-bigram";
    public Vocabulary Vocabulary { get; }
    public ITokenizer Tokenizer { get; }
    public int Advances { get; private set; }

    public LanguageModelState Begin() => new State(Vocabulary.Bos);

    public LanguageModelState Advance(LanguageModelState state, int token)
    {
        Advances++;
        return new State(token);
    }

    public void NextTokenProbabilities(LanguageModelState state, Span<float> probabilities)
    {
        int previous = ((State)state).Previous;
        int outcomes = Vocabulary.Count - 2; // every id but <s> and <pad>
        for (int id = 0; id < probabilities.Length; id++)
        {
            probabilities[id] = id is Vocabulary.Bos or Vocabulary.Pad ? 0
                : (_pairs.GetValueOrDefault((previous, id)) + 1f) / (_unigrams[previous] + outcomes);
        }
    }

    private sealed class State(int previous) : LanguageModelState
    {
        public int Previous { get; } = previous;
    }
}
