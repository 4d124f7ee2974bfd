using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Core.Tests.Mixture;

/// <summary>
/// An <see cref="IBatchLanguageModel"/> over any model, scoring token by token behind the batch
/// interface: what the LSTM promises (the same numbers either way) without TorchSharp.
/// </summary>
internal sealed class FakeBatchModel(ILanguageModel inner) : IBatchLanguageModel
{
    public string Kind => "test-batch";
    public Vocabulary Vocabulary => inner.Vocabulary;
    public ITokenizer Tokenizer => inner.Tokenizer;
    public int Batches { get; private set; }

    public LanguageModelState Begin() => inner.Begin();
    public LanguageModelState Advance(LanguageModelState state, int token) => inner.Advance(state, token);
    public void NextTokenProbabilities(LanguageModelState state, Span<float> probabilities) => inner.NextTokenProbabilities(state, probabilities);
    public double LogProbability(LanguageModelState state, int token) => inner.LogProbability(state, token);
    public IReadOnlyList<(int Id, double Probability)> TopWords(LanguageModelState state, int k) => inner.TopWords(state, k);

    public void ScoreDocuments(IReadOnlyList<int[]> documents, BatchScoring request, PositionVisitor visit, CancellationToken cancellationToken = default)
    {
        Batches++;
        var distribution = new float[Vocabulary.Count];
        for (int d = 0; d < documents.Count; d++)
        {
            var state = inner.Begin();
            for (int i = 0; i <= documents[d].Length; i++)
            {
                int target = i < documents[d].Length ? documents[d][i] : Vocabulary.Eos;
                int[] top = [.. inner.TopWords(state, request.TopWords).Select(w => w.Id)];
                bool full = request.WantsDistribution?.Invoke(d, i) == true;
                if (full) inner.NextTokenProbabilities(state, distribution);
                visit(new ScoredPosition(d, i, target, inner.LogProbability(state, target), top, full ? distribution : default));
                if (i < documents[d].Length) state = inner.Advance(state, target);
            }
        }
    }
}
