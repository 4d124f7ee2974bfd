using System.Text;

namespace HnReply.Text;

/// <summary>
/// Joins word tokens into the text a reader expects: one space between tokens except before
/// closing punctuation (, . ! ? ; : ) ] } % and closing quotes) and after opening punctuation
/// (( [ { $ and opening quotes). Straight quotes (" and ') and the backticks of inline code open
/// and close by turns within a paragraph. <see cref="WordTokenizer.Paragraph"/> becomes a blank line,
/// <see cref="WordTokenizer.Quote"/> at a paragraph start becomes "&gt; ", and
/// <see cref="WordTokenizer.Code"/> is written as "&lt;code&gt;", since the code itself is gone.
/// CJK full-width punctuation takes no space on either side, as in CJK text.
/// </summary>
internal static class WordDetokenizer
{
    public static string Detokenize(IReadOnlyList<string> tokens)
    {
        var text = new StringBuilder();
        var paragraphStart = true;
        var glueNext = true;
        var doubleQuoteOpen = false;
        var singleQuoteOpen = false;
        var backtickOpen = false;
        foreach (var token in tokens)
        {
            if (token == WordTokenizer.Paragraph)
            {
                (paragraphStart, glueNext, doubleQuoteOpen, singleQuoteOpen, backtickOpen) = (true, true, false, false, false);
                continue;
            }
            // A break is written before the next paragraph's first token, so none leads or trails.
            if (paragraphStart && text.Length > 0) text.Append("\n\n");
            if (paragraphStart && token == WordTokenizer.Quote)
            {
                text.Append("> ");
                (paragraphStart, glueNext) = (false, true);
                continue;
            }
            bool attachLeft, attachRight;
            if (token == "\"") (attachLeft, attachRight, doubleQuoteOpen) = (doubleQuoteOpen, !doubleQuoteOpen, !doubleQuoteOpen);
            else if (token == "'") (attachLeft, attachRight, singleQuoteOpen) = (singleQuoteOpen, !singleQuoteOpen, !singleQuoteOpen);
            else if (token == "`") (attachLeft, attachRight, backtickOpen) = (backtickOpen, !backtickOpen, !backtickOpen);
            else (attachLeft, attachRight) = (AttachesLeft(token), AttachesRight(token));
            if (!glueNext && !attachLeft) text.Append(' ');
            text.Append(token);
            (paragraphStart, glueNext) = (false, attachRight);
        }
        return text.ToString();
    }

    private static bool AttachesLeft(string token) => token switch
    {
        "," or ";" or ":" or ")" or "]" or "}" or "%" or "”" or "’" or "»" or "…" => true,
        "。" or "、" or "，" or "！" or "？" or "：" or "；" or "）" or "」" or "』" or "】" or "》" or "〉" => true,
        _ => IsSentenceEnd(token),
    };

    private static bool AttachesRight(string token) => token switch
    {
        "(" or "[" or "{" or "$" or "£" or "“" or "‘" or "«" => true,
        "。" or "、" or "，" or "！" or "？" or "：" or "；" or "（" or "「" or "『" or "【" or "《" or "〈" => true,
        _ => false,
    };

    // ".", "...", "?!" and the like: the tokenizer keeps runs of sentence punctuation together.
    private static bool IsSentenceEnd(string token) => token.Length > 0 && !token.AsSpan().ContainsAnyExcept(".!?");
}
