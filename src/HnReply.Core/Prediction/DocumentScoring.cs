using System.Runtime.InteropServices;
using HnReply.Text;

namespace HnReply.Prediction;

/// <summary>
/// Scores whole documents with any <see cref="ILanguageModel"/>: in batches where the model is an
/// <see cref="IBatchLanguageModel"/>, otherwise token by token from <see cref="ILanguageModel.Begin"/>
/// with the same contract — every position once, one document at a time, its positions in order.
/// </summary>
public static class DocumentScoring
{
    public static void Score(ILanguageModel model, IReadOnlyList<int[]> documents, BatchScoring request, PositionVisitor visit,
                             CancellationToken cancellationToken = default)
    {
        if (model is IBatchLanguageModel batched)
        {
            batched.ScoreDocuments(documents, request, visit, cancellationToken);
            return;
        }
        var probabilities = new float[model.Vocabulary.Count];
        var top = new int[request.TopWords];
        var above = new List<int>();
        var byPrefix = new int[SuggestionRank.PrefixDepth + 1];
        for (int d = 0; d < documents.Count; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = model.Begin();
            int[] document = documents[d];
            for (int i = 0; i <= document.Length; i++)
            {
                int target = i < document.Length ? document[i] : Vocabulary.Eos;
                int found = 0;
                if (request.TopWords > 0)
                {
                    var best = model.TopWords(state, request.TopWords);
                    for (; found < best.Count; found++) top[found] = best[found].Id;
                }
                bool full = request.WantsDistribution?.Invoke(d, i) == true, ranked = request.WantsWordsAbove?.Invoke(d, i) == true;
                if (full || ranked) model.NextTokenProbabilities(state, probabilities);
                if (ranked) SuggestionRank.WordsAbove(probabilities, target, model.Vocabulary, byPrefix, above);
                visit(new ScoredPosition(d, i, target, model.LogProbability(state, target), top.AsSpan(0, found), full ? probabilities : default,
                                         ranked ? byPrefix : default, ranked ? CollectionsMarshal.AsSpan(above) : default));
                if (i < document.Length) state = model.Advance(state, target);
            }
        }
    }
}
