namespace HnReply.Text;

/// <summary>
/// Makes token strings from spans of the input. One-character ASCII tokens (punctuation, and every
/// token of the char tokenizer on English text) come from a shared table, so the commonest tokens
/// cost no allocation.
/// </summary>
internal static class TokenStrings
{
    private static readonly string[] Ascii = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    // Longer tokens are folded on the stack first, so a folded token costs one allocation, not two.
    private const int StackLimit = 256;

    public static string Create(ReadOnlySpan<char> token, bool lowercase)
    {
        if (token.Length == 1 && token[0] < 128) return Ascii[lowercase ? char.ToLowerInvariant(token[0]) : token[0]];
        if (!lowercase || !HasUpper(token)) return new string(token);
        Span<char> folded = token.Length <= StackLimit ? stackalloc char[token.Length] : new char[token.Length];
        token.ToLowerInvariant(folded);
        return new string(folded);
    }

    private static bool HasUpper(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (c < 128 ? char.IsAsciiLetterUpper(c) : char.ToLowerInvariant(c) != c) return true;
        }
        return false;
    }
}
