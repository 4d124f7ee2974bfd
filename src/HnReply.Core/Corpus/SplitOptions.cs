namespace HnReply.Corpus;

/// <summary>
/// How stories are assigned to train / valid / test. A story's split is a pure function of its id,
/// the seed and the fractions — never of what else is stored — so splits are stable across runs,
/// re-ingests and growing crawls, and a thread never spans two splits (every comment follows its
/// root story).
/// </summary>
/// <remarks>
/// The position of a story in [0, 1) is the fractional part of (id + seed) · φ⁻¹ (Knuth's
/// multiplicative hashing, here with 1327217885 ≈ 2³¹/φ so every product fits in 64 bits). For ids that are close together this is a
/// low-discrepancy sequence, so even a few hundred stories split close to the requested fractions.
/// The same integer arithmetic (no floating point) runs in SQL (<see cref="SqlExpression"/>) and in C# (<see cref="Assign"/>).
/// </remarks>
public sealed record SplitOptions
{
    /// <summary>Share of stories held out for validation (early stopping, tuning).</summary>
    public double ValidFraction { get; init; } = 0.05;

    /// <summary>Share of stories held out for the final test numbers of the ladder.</summary>
    public double TestFraction { get; init; } = 0.05;

    /// <summary>Changes which stories land where; 0 to 2³¹ - 1.</summary>
    public long Seed { get; init; }

    private const long Multiplier = 1327217885;
    private const long Modulus = 1L << 31;

    public void Validate()
    {
        var errors = new List<string>();
        if (ValidFraction is < 0 or > 1) errors.Add($"valid fraction must be in [0, 1], got {ValidFraction}");
        if (TestFraction is < 0 or > 1) errors.Add($"test fraction must be in [0, 1], got {TestFraction}");
        if (ValidFraction + TestFraction > 1) errors.Add($"valid + test fractions must not exceed 1, got {ValidFraction + TestFraction}");
        if (Seed is < 0 or > int.MaxValue) errors.Add($"split seed must be in [0, {int.MaxValue}], got {Seed}");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }

    public Split Assign(long storyId)
    {
        long x = Position(storyId);
        return x < TrainLimit ? Split.Train : x < ValidLimit ? Split.Valid : Split.Test;
    }

    /// <summary>The same assignment as <see cref="Assign"/>, as a DuckDB expression over a BIGINT column.</summary>
    public string SqlExpression(string rootColumn)
    {
        string x = $"(((({rootColumn}) + {Seed}) % {Modulus}) * {Multiplier} % {Modulus})";
        return $"CASE WHEN {x} < {TrainLimit} THEN 'train' WHEN {x} < {ValidLimit} THEN 'valid' ELSE 'test' END";
    }

    // Thresholds in the hash's integer space, so C# and SQL compare exactly the same integers.
    private long TrainLimit => (long)Math.Ceiling((1 - ValidFraction - TestFraction) * Modulus);
    private long ValidLimit => (long)Math.Ceiling((1 - TestFraction) * Modulus);

    private long Position(long storyId) => (storyId + Seed) % Modulus * Multiplier % Modulus;
}
