using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Core.Tests.Mixture;

/// <summary>
/// A bigram over a given vocabulary with seeded random probabilities drawn from a few levels, so
/// that distributions have ties and zeros: the hard cases for exact top words.
/// </summary>
internal sealed class RandomBigramModel : ILanguageModel
{
    private readonly float[][] _next;

    public RandomBigramModel(Vocabulary vocabulary, ITokenizer tokenizer, int seed, int levels = 6)
    {
        Vocabulary = vocabulary;
        Tokenizer = tokenizer;
        var random = new Random(seed);
        _next = new float[vocabulary.Count][];
        for (int previous = 0; previous < vocabulary.Count; previous++)
        {
            var p = new float[vocabulary.Count];
            for (int id = 0; id < p.Length; id++) p[id] = id is Vocabulary.Bos or Vocabulary.Pad ? 0 : random.Next(levels);
            p[Vocabulary.Eos] = Math.Max(p[Vocabulary.Eos], 1); // every document can end
            float total = p.Sum();
            for (int id = 0; id < p.Length; id++) p[id] /= total;
            _next[previous] = p;
        }
    }

    public string Kind => "test-random-bigram";
    public Vocabulary Vocabulary { get; }
    public ITokenizer Tokenizer { get; }

    public LanguageModelState Begin() => new State(Vocabulary.Bos);

    public LanguageModelState Advance(LanguageModelState state, int token) => new State(token);

    public void NextTokenProbabilities(LanguageModelState state, Span<float> probabilities) => _next[((State)state).Previous].CopyTo(probabilities);

    private sealed class State(int previous) : LanguageModelState
    {
        public int Previous { get; } = previous;
    }
}
