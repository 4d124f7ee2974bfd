using System.Globalization;
using System.Text;

namespace HnReply.NGram;

/// <summary>
/// How a token that contains whitespace (the char tokenizer's " ", "\n", "\r\n") is written in an
/// ARPA file, whose fields are separated by whitespace: each whitespace character becomes
/// <c>&lt;U+XXXX&gt;</c>, e.g. " " is <c>&lt;U+0020&gt;</c>. Other tokens are written as they are,
/// so files stay readable by KenLM and SRILM, which see the escaped form as an ordinary word.
/// </summary>
internal static class ArpaTokens
{
    private const string Prefix = "<U+";

    public static string Escape(string token)
    {
        if (string.IsNullOrEmpty(token)) throw new ArgumentException("an empty token cannot be written to ARPA");
        if (token.Contains(Prefix, StringComparison.Ordinal) && Unescape(token) != token)
            throw new ArgumentException($"token '{token}' looks like an ARPA whitespace escape and would not read back");
        if (!token.Any(IsSeparator)) return token;
        var escaped = new StringBuilder(token.Length + 8);
        foreach (char c in token)
        {
            if (IsSeparator(c)) escaped.Append(CultureInfo.InvariantCulture, $"{Prefix}{(int)c:X4}>");
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/>; a word without escapes comes back unchanged.</summary>
    public static string Unescape(string word)
    {
        int at = word.IndexOf(Prefix, StringComparison.Ordinal);
        if (at < 0) return word;
        var text = new StringBuilder(word.Length);
        int i = 0;
        while (at >= 0)
        {
            text.Append(word, i, at - i);
            if (at + 8 <= word.Length && word[at + 7] == '>' &&
                int.TryParse(word.AsSpan(at + 3, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code) &&
                IsSeparator((char)code))
            {
                text.Append((char)code);
                i = at + 8;
            }
            else
            {
                text.Append(word, at, Prefix.Length);
                i = at + Prefix.Length;
            }
            at = word.IndexOf(Prefix, i, StringComparison.Ordinal);
        }
        return text.Append(word, i, word.Length - i).ToString();
    }

    // What ARPA readers split fields on.
    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or '\0';
}
