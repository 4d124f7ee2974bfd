using System.Globalization;

namespace HnReply.Text;

/// <summary>
/// The lengths of the three kinds of token the word tokenizer cuts, each read from a start
/// position forward without backtracking:
/// <list type="bullet">
/// <item>URL: http://, https:// or www. up to whitespace, without trailing punctuation or an
/// unbalanced closing bracket (so "(see https://x.org/a_(b))." keeps "a_(b)");</item>
/// <item>word: letters, digits, marks and '_', joined across one inner '.', '-', '/', '@', '&amp;',
/// apostrophe ("don't", "o'clock"), or ',', ':' and en dash between digits ("1,000.5", "10:30",
/// "2010–2020"); it may start with a sign, '.', '#' or '@' before a digit or letter ("-5",
/// ".NET", "#1") and end in "++" or "#" ("C++", "C#") or in the apostrophe of a plural
/// possessive ("users'");</item>
/// <item>symbol: anything else, one grapheme cluster (an emoji with its modifiers and joiners is
/// one token), except that "..." and "?!" style runs and repeats of one ASCII mark ("--") are one.</item>
/// </list>
/// </summary>
internal static class WordScanner
{
    public static int UrlLength(ReadOnlySpan<char> text, int i)
    {
        var rest = text[i..];
        var prefix = rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? 4
            : 0;
        // Checked before scanning, so every scan is consumed as a token and the tokenizer stays linear.
        if (prefix == 0 || !CharacterClasses.IsWordAt(rest, prefix)) return 0;
        var end = prefix;
        while (end < rest.Length && !EndsUrl(rest[end])) end++;
        return TrimTrailingPunctuation(rest[..end], prefix);
    }

    /// <summary>The length of the word at <paramref name="i"/>, or 0 when no word starts there.</summary>
    public static int WordLength(ReadOnlySpan<char> text, int i, bool singleQuoteOpen)
    {
        var j = i;
        if (!CharacterClasses.IsWordAt(text, j))
        {
            if (!IsLead(text, j)) return 0;
            j++;
        }
        while (true)
        {
            while (j < text.Length && IsWordPart(text, j, out var width)) j += width;
            if (j + 1 < text.Length && JoinsWord(text, j)) j++;
            else break;
        }
        return j + TailLength(text, j, singleQuoteOpen) - i;
    }

    public static int SymbolLength(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c >= 128 || (i + 1 < text.Length && text[i + 1] >= 128)) return StringInfo.GetNextTextElementLength(text[i..]);
        var j = i + 1;
        if (c is '.' or '!' or '?')
        {
            while (j < text.Length && text[j] is '.' or '!' or '?') j++;
        }
        else if (!IsSingle(c))
        {
            while (j < text.Length && text[j] == c) j++;
        }
        return j - i;
    }

    // Brackets, quotes, commas and semicolons stay single characters: the detokenizer pairs and
    // spaces them one by one.
    private static bool IsSingle(char c) => c is '(' or ')' or '[' or ']' or '{' or '}' or '"' or '\'' or ',' or ';';

    private static bool IsWordPart(ReadOnlySpan<char> text, int j, out int width) =>
        CharacterClasses.At(text, j, out width) is CharacterClass.Letter or CharacterClass.Digit or CharacterClass.Mark || text[j] == '_';

    // A sign, dot, hash or at-sign begins a word only at a boundary and before a word character:
    // "-5", "+1", ".5", ".NET", "#1", "@dang"; "a - b" keeps its dash apart.
    private static bool IsLead(ReadOnlySpan<char> text, int j)
    {
        var c = text[j];
        if (j > 0 && !char.IsWhiteSpace(text[j - 1]) && text[j - 1] is not ('(' or '[' or '"' or '\'' or '“' or '‘')) return false;
        return c switch
        {
            '-' or '+' or '.' => CharacterClasses.IsAsciiDigitAt(text, j + 1) || (c == '.' && CharacterClasses.IsLetterAt(text, j + 1)),
            '#' or '@' => CharacterClasses.IsWordAt(text, j + 1),
            _ => false,
        };
    }

    // Whether the character at j joins the word before it to the word character after it.
    private static bool JoinsWord(ReadOnlySpan<char> text, int j) => text[j] switch
    {
        '.' or '-' or '‐' or '‑' or '/' or '@' => CharacterClasses.IsWordAt(text, j + 1),
        ',' or ':' or '–' => char.IsAsciiDigit(text[j - 1]) && CharacterClasses.IsAsciiDigitAt(text, j + 1),
        '\'' or '’' or '&' => CharacterClasses.IsLetterAt(text, j + 1),
        _ => false,
    };

    // "C++", "C#", "10+" and the plural possessive "users'" (only when no single quote is open,
    // else the apostrophe closes that quote). A tail is taken only before a boundary.
    private static int TailLength(ReadOnlySpan<char> text, int j, bool singleQuoteOpen)
    {
        if (j >= text.Length) return 0;
        var length = text[j] switch
        {
            '+' => j + 1 < text.Length && text[j + 1] == '+' ? 2 : 1,
            '#' => char.IsAsciiLetter(text[j - 1]) ? 1 : 0,
            '\'' => !singleQuoteOpen && text[j - 1] is 's' or 'S' ? 1 : 0,
            _ => 0,
        };
        if (length == 0 || j + length == text.Length) return length;
        var next = text[j + length];
        return CharacterClasses.IsWordAt(text, j + length) || next is '+' or '#' or '\'' ? 0 : length;
    }

    private static bool EndsUrl(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '`';

    // Drops the characters at the end of a URL candidate that belong to the sentence instead:
    // closing punctuation, and closing brackets with no opener inside the URL. Brackets are
    // counted once, so a long run of them costs linear time, not quadratic.
    private static int TrimTrailingPunctuation(ReadOnlySpan<char> url, int prefix)
    {
        var parentheses = url.Count(')') - url.Count('(');
        var brackets = url.Count(']') - url.Count('[');
        var braces = url.Count('}') - url.Count('{');
        var end = url.Length;
        while (end > prefix)
        {
            var unmatched = url[end - 1] switch
            {
                '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '*' or '”' or '’' or '…' or '。' or '，' => true,
                ')' => parentheses-- > 0,
                ']' => brackets-- > 0,
                '}' => braces-- > 0,
                _ => false,
            };
            if (!unmatched) break;
            end--;
        }
        return end;
    }
}
