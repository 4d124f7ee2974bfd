namespace HnReply.Text;

/// <summary>The one place that turns stored <see cref="TokenizerOptions"/> into a tokenizer.</summary>
public static class Tokenizers
{
    public static ITokenizer Create(TokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            TokenizerKind.Word => new WordTokenizer(options),
            TokenizerKind.Whitespace => new WhitespaceTokenizer(options),
            TokenizerKind.Char => new CharTokenizer(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown tokenizer kind"),
        };
    }
}
