namespace HnReply.Mixture;

/// <summary>
/// Fitted mixture weights and what they were fitted on: the perplexity of each component and of
/// the mixture over the same <see cref="Tokens"/> positions (every token plus one &lt;/s&gt; per document).
/// </summary>
/// <param name="Converged">False when <see cref="MixtureOptions.MaxIterations"/> ran out first.</param>
public sealed record MixtureFit(
    IReadOnlyList<double> Weights,
    IReadOnlyList<double> ComponentPerplexities,
    double Perplexity,
    long Tokens,
    int Iterations,
    bool Converged);
