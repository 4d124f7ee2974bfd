namespace HnReply.NGram;

/// <summary>
/// Modified Kneser-Ney discounts of one order (Chen &amp; Goodman 1998, eq. 26): what is subtracted
/// from an n-gram whose adjusted count is 1, 2, or 3 and more.
/// </summary>
public readonly record struct NGramDiscount(double D1, double D2, double D3Plus)
{
    /// <summary>The discount for an adjusted count; 0 for a count of 0.</summary>
    public double For(long count) => count switch
    {
        <= 0 => 0,
        1 => D1,
        2 => D2,
        _ => D3Plus,
    };
}
