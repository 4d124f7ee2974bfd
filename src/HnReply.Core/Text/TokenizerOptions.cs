namespace HnReply.Text;

/// <summary>The tokenizer settings a model directory stores so that its text is cut the same way at query time.</summary>
public sealed record TokenizerOptions
{
    /// <summary>Word by default: HN comments are natural text with URLs, code and quotes.</summary>
    public TokenizerKind Kind { get; init; } = TokenizerKind.Word;

    /// <summary>
    /// Folds case (invariant culture) to shrink the vocabulary. Markers (<c>&lt;p&gt;</c>,
    /// <c>&lt;code&gt;</c>) and URLs, whose paths are case-sensitive, are never folded.
    /// </summary>
    public bool Lowercase { get; init; }
}
