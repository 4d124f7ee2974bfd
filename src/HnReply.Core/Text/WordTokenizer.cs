namespace HnReply.Text;

/// <summary>
/// The tokenizer for HN's clean text (<see cref="Corpus.HtmlText"/>): paragraphs separated by a
/// blank line, code fenced by lines of ```, quoted paragraphs starting with "&gt; ".
/// Structure becomes marker tokens: a blank line between paragraphs is <see cref="Paragraph"/>,
/// a whole fenced block is <see cref="Code"/> (its content is not tokenized: code is not prose), and
/// a '&gt;' opening a paragraph is the <see cref="Quote"/> marker. Inside paragraphs
/// <see cref="WordScanner"/> cuts URLs, words and symbols; all other whitespace is a plain break.
/// The paragraph and code markers cannot arise from text: a literal "&lt;p&gt;" is cut into '&lt;', 'p', '&gt;'.
/// Detokenizing is <see cref="WordDetokenizer"/>. One pass, no regular expressions.
/// </summary>
internal sealed class WordTokenizer(TokenizerOptions options) : ITokenizer
{
    public const string Paragraph = "<p>";
    public const string Code = "<code>";
    public const string Quote = ">";

    public TokenizerOptions Options { get; } = options;

    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.AsSpan();
        var tokens = new List<string>(s.Length / 4 + 1);
        var lowercase = Options.Lowercase;
        var newlines = 0;
        var lineStart = true;
        var paragraphStart = true;
        var singleQuoteOpen = false;
        var i = 0;
        while (i < s.Length)
        {
            if (CharacterClasses.At(s, i, out var width) == CharacterClass.Space)
            {
                if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.Length || s[i + 1] != '\n')))
                {
                    newlines++;
                    lineStart = true;
                }
                i += width;
                continue;
            }
            if (newlines >= 2 && tokens.Count > 0)
            {
                tokens.Add(Paragraph);
                paragraphStart = true;
                singleQuoteOpen = false;
            }
            newlines = 0;
            if (lineStart && s[i] == '`' && FenceEnd(s, i) is var end and > 0)
            {
                tokens.Add(Code);
                (i, lineStart, paragraphStart) = (end, false, false);
                continue;
            }
            lineStart = false;
            if (paragraphStart)
            {
                paragraphStart = false;
                if (s[i] == '>')
                {
                    tokens.Add(Quote);
                    i++;
                    continue;
                }
            }
            int length;
            if ((length = WordScanner.UrlLength(s, i)) > 0)
            {
                tokens.Add(new string(s.Slice(i, length)));
            }
            else
            {
                length = WordScanner.WordLength(s, i, singleQuoteOpen);
                if (length == 0)
                {
                    length = WordScanner.SymbolLength(s, i);
                    if (s[i] == '\'') singleQuoteOpen = !singleQuoteOpen;
                }
                tokens.Add(TokenStrings.Create(s.Slice(i, length), lowercase));
            }
            i += length;
        }
        return tokens;
    }

    public string Detokenize(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return WordDetokenizer.Detokenize(tokens);
    }

    // A fence opens with a line of three or more backticks and an optional info string ("```py");
    // a backtick in the rest of the line makes it inline code instead. The block ends with the next
    // line of only backticks, or with the text. Returns the index just after the closing line's
    // backticks (before its line break), or 0 when no fence opens at i.
    private static int FenceEnd(ReadOnlySpan<char> s, int i)
    {
        if (!s[i..].StartsWith("```")) return 0;
        var lineEnd = LineEnd(s, i);
        var info = s[i..lineEnd].TrimStart('`');
        if (info.Contains('`')) return 0;
        while (lineEnd < s.Length)
        {
            var next = lineEnd + 1;
            lineEnd = LineEnd(s, next);
            var line = s[next..lineEnd].Trim(" \t\r");
            if (line.Length >= 3 && !line.ContainsAnyExcept('`')) return lineEnd;
        }
        return s.Length;
    }

    private static int LineEnd(ReadOnlySpan<char> s, int from)
    {
        var offset = s[from..].IndexOf('\n');
        return offset < 0 ? s.Length : from + offset;
    }
}
