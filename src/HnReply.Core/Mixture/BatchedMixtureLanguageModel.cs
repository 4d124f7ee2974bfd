using System.Runtime.InteropServices;
using HnReply.Prediction;

namespace HnReply.Mixture;

/// <summary>
/// A mixture with at least one component that scores documents in batches (the LSTM). Scoring
/// drives the first such component's <see cref="IBatchLanguageModel.ScoreDocuments"/>, asking for its
/// whole distribution at every position, and steps the other components token by token alongside;
/// each position is then mixed by the same <see cref="MixtureMath"/> as the token-by-token path, so
/// the numbers are the same either way. Further batched components are stepped token by token.
/// </summary>
public sealed class BatchedMixtureLanguageModel(IReadOnlyList<ILanguageModel> components, IReadOnlyList<double> weights, IReadOnlyList<string>? names = null)
    : MixtureLanguageModel(components, weights, names), IBatchLanguageModel
{
    private readonly int _lead = IndexOfBatched(components);

    public void ScoreDocuments(IReadOnlyList<int[]> documents, BatchScoring request, PositionVisitor visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(visit);
        var lead = new DistributionView(Vocabulary);
        var views = new ComponentView[Components.Count];
        for (int i = 0; i < views.Length; i++) views[i] = i == _lead ? lead : new StateView(Components[i], Components[i].Begin());
        var logs = new double[views.Length];
        var mixed = new float[Vocabulary.Count];
        var top = new int[Math.Max(0, request.TopWords)];
        var above = new List<int>();
        var byPrefix = new int[SuggestionRank.PrefixDepth + 1];

        ((IBatchLanguageModel)Components[_lead]).ScoreDocuments(documents, new BatchScoring(0, static (_, _) => true), (in ScoredPosition p) =>
        {
            lead.Set(p.Distribution);
            for (int i = 0; i < views.Length; i++)
            {
                if (views[i] is not StateView other) continue;
                if (p.Position == 0) other.State = Components[i].Begin();
                logs[i] = Weights[i] > 0 ? Components[i].LogProbability(other.State, p.Target) : double.NegativeInfinity;
            }
            logs[_lead] = p.LogProbability;
            var best = MixtureMath.TopWords(views, Weights, top.Length, Vocabulary);
            for (int j = 0; j < best.Count; j++) top[j] = best[j].Id;
            bool full = request.WantsDistribution?.Invoke(p.Document, p.Position) == true;
            bool ranked = request.WantsWordsAbove?.Invoke(p.Document, p.Position) == true;
            if (full || ranked) MixtureMath.Distribution(views, Weights, mixed);
            if (ranked) SuggestionRank.WordsAbove(mixed, p.Target, Vocabulary, byPrefix, above);
            visit(new ScoredPosition(p.Document, p.Position, p.Target, MixtureMath.LogMix(logs, Weights), top.AsSpan(0, best.Count), full ? mixed : default,
                                     ranked ? byPrefix : default, ranked ? CollectionsMarshal.AsSpan(above) : default));
            if (p.Position == documents[p.Document].Length) return;
            for (int i = 0; i < views.Length; i++)
            {
                if (views[i] is StateView other && Weights[i] > 0) other.State = Components[i].Advance(other.State, p.Target);
            }
        }, cancellationToken);
    }

    private static int IndexOfBatched(IReadOnlyList<ILanguageModel> components)
    {
        for (int i = 0; i < components.Count; i++)
        {
            if (components[i] is IBatchLanguageModel) return i;
        }
        throw new ArgumentException("a batched mixture needs a component that scores in batches (IBatchLanguageModel)", nameof(components));
    }
}
