namespace HnReply.NGram;

/// <summary>How <see cref="KneserNeyEstimator"/> builds an n-gram model.</summary>
public sealed record NGramOptions
{
    /// <summary>The largest model order <see cref="NGramState"/> holds context for.</summary>
    public const int MaxOrder = 6;

    // 4-grams: on corpora of 10^7 to 10^8 tokens, modified Kneser-Ney gains little beyond order 4
    // (Chen & Goodman 1998, fig. 11; Heafield et al. 2013 use 5 only with billions of tokens),
    // while every extra order adds about as many n-grams as the corpus has tokens.
    public int Order { get; init; } = 4;

    // Substituted for an order whose count-of-counts give no valid discount (tiny or artificial
    // corpora). These are lmplz's own --discount_fallback defaults, so a fallback model matches
    // `lmplz --discount_fallback` instead of failing as plain lmplz does.
    public NGramDiscount FallbackDiscount { get; init; } = new(0.5, 1.0, 1.5);

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid field at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Order is < 1 or > MaxOrder) errors.Add($"Order must be between 1 and {MaxOrder}, got {Order}");
        var d = FallbackDiscount;
        if (!(d.D1 > 0 && d.D1 <= 1)) errors.Add($"FallbackDiscount.D1 must be in (0, 1], got {d.D1}");
        if (!(d.D2 > 0 && d.D2 <= 2)) errors.Add($"FallbackDiscount.D2 must be in (0, 2], got {d.D2}");
        if (!(d.D3Plus > 0 && d.D3Plus <= 3)) errors.Add($"FallbackDiscount.D3Plus must be in (0, 3], got {d.D3Plus}");
        if (errors.Count > 0) throw new ArgumentException("invalid NGramOptions: " + string.Join("; ", errors));
    }
}
