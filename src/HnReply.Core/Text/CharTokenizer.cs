using System.Globalization;

namespace HnReply.Text;

/// <summary>
/// One token per Unicode text element (extended grapheme cluster, UAX #29): a letter with its
/// accents, a flag or a ZWJ emoji family is one token, and so is each space, tab and line break
/// ("\r\n" is one element). Concatenating the tokens gives the text back exactly (folded when
/// lowercasing).
/// </summary>
internal sealed class CharTokenizer(TokenizerOptions options) : ITokenizer
{
    public TokenizerOptions Options { get; } = options;

    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>(text.Length);
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            var length = IsLoneAscii(span, i) ? 1 : StringInfo.GetNextTextElementLength(span[i..]);
            tokens.Add(TokenStrings.Create(span.Slice(i, length), Options.Lowercase));
            i += length;
        }
        return tokens;
    }

    public string Detokenize(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return string.Concat(tokens);
    }

    // An ASCII character followed by ASCII (or nothing) is a whole text element, except "\r\n";
    // this skips the general segmenter for nearly all English text.
    private static bool IsLoneAscii(ReadOnlySpan<char> text, int i) =>
        text[i] < 128 && (i + 1 == text.Length || (text[i + 1] < 128 && !(text[i] == '\r' && text[i + 1] == '\n')));
}
