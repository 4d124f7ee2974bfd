namespace HnReply.Evaluation;

/// <summary>
/// One language model's row of the ladder. Rates are fractions in [0, 1]; top-k rates are over the
/// <see cref="WordPositions"/> positions whose next token is a word (what suggest can show).
/// </summary>
public sealed record LanguageModelReport(
    long Documents,
    long Tokens,
    double Perplexity,
    double BitsPerCharacter,
    double Top1,
    double Top3,
    double Top5,
    double KeystrokeSavings,
    long KeystrokeWords,
    double TokensPerSecond,
    double Seconds,
    long WordPositions);
