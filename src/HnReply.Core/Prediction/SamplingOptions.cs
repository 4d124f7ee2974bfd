namespace HnReply.Prediction;

/// <summary>How <see cref="TokenSampler"/> picks the next token.</summary>
public sealed record SamplingOptions
{
    /// <summary>0 is greedy (always the most likely token); 1 samples the model's own distribution; above 1 flattens it.</summary>
    public double Temperature { get; init; } = 0.8;

    /// <summary>Keep only the K most likely tokens (0 = all); Fan et al. 2018.</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of tokens whose mass reaches P (1 = all); nucleus sampling, Holtzman et al. 2020.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Divide the probability of tokens already produced by this (1 = off); CTRL, Keskar et al. 2019.</summary>
    public double RepetitionPenalty { get; init; } = 1.0;

    public void Validate()
    {
        var errors = new List<string>();
        if (Temperature < 0 || double.IsNaN(Temperature)) errors.Add($"--temperature must be >= 0, got {Temperature}");
        if (TopK < 0) errors.Add($"--top-k must be >= 0, got {TopK}");
        if (TopP is <= 0 or > 1) errors.Add($"--top-p must be in (0, 1], got {TopP}");
        if (RepetitionPenalty < 1) errors.Add($"--repetition-penalty must be >= 1, got {RepetitionPenalty}");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }
}
