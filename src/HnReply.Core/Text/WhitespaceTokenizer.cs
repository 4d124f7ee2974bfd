namespace HnReply.Text;

/// <summary>
/// For corpora that are tokenized already, such as Mikolov's Penn Treebank files (lower-case words
/// separated by single spaces, a leading space on each line, <c>&lt;unk&gt;</c> in place of rare
/// words). Tokens are the runs between spaces and tabs, byte for byte: no other character splits
/// or changes a token, so counts match the published ones. The one exception: a literal
/// <c>&lt;s&gt;</c> or <c>&lt;/s&gt;</c> is dropped (as KenLM's <c>--skip_symbols</c> does),
/// because the sentence markers are added by whoever scores a line, and must not count twice.
/// </summary>
internal sealed class WhitespaceTokenizer(TokenizerOptions options) : ITokenizer
{
    public TokenizerOptions Options { get; } = options;

    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            if (span[i] is ' ' or '\t')
            {
                i++;
                continue;
            }
            var length = span[i..].IndexOfAny(' ', '\t');
            if (length < 0) length = span.Length - i;
            var token = span.Slice(i, length);
            if (!token.SequenceEqual("<s>") && !token.SequenceEqual("</s>")) tokens.Add(TokenStrings.Create(token, Options.Lowercase));
            i += length;
        }
        return tokens;
    }

    public string Detokenize(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return string.Join(' ', tokens);
    }
}
