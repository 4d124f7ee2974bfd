using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Mixture;

/// <summary>
/// One component's next-token distribution at one position, however it was obtained: from the
/// component's own state (token by token) or from a distribution a batched component reported.
/// <see cref="MixtureMath"/> mixes views without knowing which.
/// </summary>
internal abstract class ComponentView
{
    /// <summary>The component's best <paramref name="k"/> words, best first (<see cref="ILanguageModel.TopWords"/>).</summary>
    public abstract IReadOnlyList<(int Id, double Probability)> TopWords(int k);

    public abstract double Probability(int token);

    public abstract void Distribution(Span<float> probabilities);
}

/// <summary>A component's view through its own state: exact probabilities from <see cref="ILanguageModel.LogProbability"/>.</summary>
internal sealed class StateView(ILanguageModel model, LanguageModelState state) : ComponentView
{
    public LanguageModelState State { get; set; } = state;

    public override IReadOnlyList<(int Id, double Probability)> TopWords(int k) => model.TopWords(State, k);

    public override double Probability(int token) => Math.Exp(model.LogProbability(State, token));

    public override void Distribution(Span<float> probabilities) => model.NextTokenProbabilities(State, probabilities);
}

/// <summary>A copy of the distribution a batched component reported for one position.</summary>
internal sealed class DistributionView(Vocabulary vocabulary) : ComponentView
{
    private readonly float[] _probabilities = new float[vocabulary.Count];

    public void Set(ReadOnlySpan<float> distribution)
    {
        if (distribution.Length != _probabilities.Length)
            throw new InvalidOperationException($"a batched component reported a distribution of {distribution.Length} tokens for a vocabulary of {_probabilities.Length}");
        distribution.CopyTo(_probabilities);
    }

    public override IReadOnlyList<(int Id, double Probability)> TopWords(int k)
    {
        var best = new int[k];
        int found = Prediction.TopWords.Select(_probabilities, vocabulary.WordMask, best);
        var top = new (int Id, double Probability)[found];
        for (int i = 0; i < found; i++) top[i] = (best[i], _probabilities[best[i]]);
        return top;
    }

    public override double Probability(int token) => _probabilities[token];

    public override void Distribution(Span<float> probabilities) => _probabilities.CopyTo(probabilities);
}
