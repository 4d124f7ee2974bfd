namespace HnReply.Mixture;

/// <summary>How <see cref="MixtureEstimator"/> fits the weights.</summary>
public sealed record MixtureOptions
{
    // Stop when an EM step gains less than this in mean log-likelihood per token (nats): far below
    // what moves a perplexity's second decimal (SRILM's compute-best-mix stops on a weight change of 1e-3).
    public double Tolerance { get; init; } = 1e-7;

    // EM's log-likelihood is concave in the weights and every step climbs it; a few dozen steps
    // usually converge, this bounds the rare slow case (an optimum at a corner is approached slowly).
    public int MaxIterations { get; init; } = 500;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid field at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!(Tolerance > 0 && double.IsFinite(Tolerance))) errors.Add($"Tolerance must be > 0, got {Tolerance}");
        if (MaxIterations < 1) errors.Add($"MaxIterations must be at least 1, got {MaxIterations}");
        if (errors.Count > 0) throw new ArgumentException("invalid MixtureOptions: " + string.Join("; ", errors));
    }
}
