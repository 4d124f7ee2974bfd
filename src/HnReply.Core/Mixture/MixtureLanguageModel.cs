using System.Globalization;
using HnReply.Prediction;
using HnReply.Text;

namespace HnReply.Mixture;

/// <summary>
/// Rung 3+: a linear interpolation p(w|h) = Σ λ_i p_i(w|h) of language models that share one
/// vocabulary and tokenizer (the classic Kneser-Ney + RNN combination, Mikolov 2011). The state is
/// the tuple of the components' states; the components are not owned (whoever loaded them disposes
/// them). Top words are exact (see <see cref="MixtureMath.TopWords"/>). <see cref="Create"/> returns
/// a <see cref="BatchedMixtureLanguageModel"/> when a component scores documents in batches.
/// </summary>
public class MixtureLanguageModel : ILanguageModel
{
    // Weights are fractions that sum to 1; this much rounding (a weight read back from JSON) is accepted.
    private const double SumTolerance = 1e-6;

    private readonly ILanguageModel[] _components;
    private readonly double[] _weights;

    /// <param name="names">What to call each component in errors (its directory); by default its position and kind.</param>
    public MixtureLanguageModel(IReadOnlyList<ILanguageModel> components, IReadOnlyList<double> weights, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(weights);
        CheckCompatible(components, names);
        CheckWeights(weights, components.Count);
        _components = [.. components];
        _weights = [.. weights];
    }

    /// <summary>A mixture that scores in batches when one of <paramref name="components"/> does, a plain one otherwise.</summary>
    public static MixtureLanguageModel Create(IReadOnlyList<ILanguageModel> components, IReadOnlyList<double> weights, IReadOnlyList<string>? names = null) =>
        components.Any(c => c is IBatchLanguageModel)
            ? new BatchedMixtureLanguageModel(components, weights, names)
            : new MixtureLanguageModel(components, weights, names);

    public string Kind => "mix";
    public Vocabulary Vocabulary => _components[0].Vocabulary;
    public ITokenizer Tokenizer => _components[0].Tokenizer;
    public IReadOnlyList<ILanguageModel> Components => _components;
    public IReadOnlyList<double> Weights => _weights;

    public LanguageModelState Begin() => new State(Array.ConvertAll(_components, c => c.Begin()));

    public LanguageModelState Advance(LanguageModelState state, int token)
    {
        var parts = Parts(state);
        var next = new LanguageModelState[parts.Length];
        // A component without weight is never consulted: its state need not move (an LSTM step saved).
        for (int i = 0; i < parts.Length; i++) next[i] = _weights[i] > 0 ? _components[i].Advance(parts[i], token) : parts[i];
        return new State(next);
    }

    /// <summary>Each component reads the run its own fastest way (the LSTM in one forward).</summary>
    public LanguageModelState AdvanceThrough(LanguageModelState state, ReadOnlySpan<int> tokens)
    {
        var parts = Parts(state);
        var next = new LanguageModelState[parts.Length];
        for (int i = 0; i < parts.Length; i++) next[i] = _weights[i] > 0 ? _components[i].AdvanceThrough(parts[i], tokens) : parts[i];
        return new State(next);
    }

    public void NextTokenProbabilities(LanguageModelState state, Span<float> probabilities) =>
        MixtureMath.Distribution(Views(state), _weights, probabilities);

    public double LogProbability(LanguageModelState state, int token)
    {
        var parts = Parts(state);
        Span<double> logs = stackalloc double[parts.Length];
        for (int i = 0; i < parts.Length; i++) logs[i] = _weights[i] > 0 ? _components[i].LogProbability(parts[i], token) : double.NegativeInfinity;
        return MixtureMath.LogMix(logs, _weights);
    }

    public IReadOnlyList<(int Id, double Probability)> TopWords(LanguageModelState state, int k) =>
        MixtureMath.TopWords(Views(state), _weights, k, Vocabulary);

    /// <summary>
    /// Refuses components that cannot be mixed: fewer than two, or two whose vocabularies (the same
    /// tokens in the same order) or tokenizer settings differ. The one-line error names both models
    /// and the first difference.
    /// </summary>
    public static void CheckCompatible(IReadOnlyList<ILanguageModel> components, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count < 2) throw new ArgumentException($"a mixture needs at least two models, got {components.Count}");
        if (names is not null && names.Count != components.Count) throw new ArgumentException($"{names.Count} names for {components.Count} models");
        string Name(int i) => names?[i] ?? $"model {i + 1} ({components[i].Kind})";
        var first = components[0];
        for (int i = 1; i < components.Count; i++)
        {
            var other = components[i];
            string prefix = $"cannot mix {Name(0)} and {Name(i)}";
            if (first.Tokenizer.Options != other.Tokenizer.Options)
                throw new ArgumentException($"{prefix}: the tokenizers differ ({Describe(first.Tokenizer.Options)} vs {Describe(other.Tokenizer.Options)})");
            var (a, b) = (first.Vocabulary, other.Vocabulary);
            for (int id = 0; id < Math.Min(a.Count, b.Count); id++)
            {
                if (!string.Equals(a.Token(id), b.Token(id), StringComparison.Ordinal))
                    throw new ArgumentException($"{prefix}: the vocabularies differ at id {id} (\"{a.Token(id)}\" vs \"{b.Token(id)}\"); train both on the same text with the same vocabulary flags");
            }
            if (a.Count != b.Count)
                throw new ArgumentException($"{prefix}: the vocabularies differ in size ({a.Count:N0} vs {b.Count:N0} tokens); train both on the same text with the same vocabulary flags");
        }
    }

    /// <summary>The components' views at <paramref name="state"/>, for <see cref="MixtureMath"/>.</summary>
    private StateView[] Views(LanguageModelState state)
    {
        var parts = Parts(state);
        var views = new StateView[parts.Length];
        for (int i = 0; i < parts.Length; i++) views[i] = new StateView(_components[i], parts[i]);
        return views;
    }

    private LanguageModelState[] Parts(LanguageModelState state)
    {
        var parts = ((State)state).Parts;
        if (parts.Length != _components.Length) throw new ArgumentException("a state of another mixture", nameof(state));
        return parts;
    }

    private static void CheckWeights(IReadOnlyList<double> weights, int count)
    {
        var errors = new List<string>();
        if (weights.Count != count) errors.Add($"{weights.Count} weights for {count} models");
        if (weights.Any(w => !double.IsFinite(w) || w < 0)) errors.Add($"weights must be finite and >= 0, got {Join(weights)}");
        else if (Math.Abs(weights.Sum() - 1) > SumTolerance) errors.Add($"weights must sum to 1, got {Join(weights)}");
        if (errors.Count > 0) throw new ArgumentException("invalid mixture: " + string.Join("; ", errors));
    }

    private static string Join(IReadOnlyList<double> weights) => string.Join(", ", weights.Select(w => w.ToString("G6", CultureInfo.InvariantCulture)));

    private static string Describe(TokenizerOptions options) => options.Kind.ToString().ToLowerInvariant() + (options.Lowercase ? ", lower-cased" : "");

    private sealed class State(LanguageModelState[] parts) : LanguageModelState
    {
        public LanguageModelState[] Parts { get; } = parts;
    }
}
