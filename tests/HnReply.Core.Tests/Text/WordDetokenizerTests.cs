using HnReply.Text;

namespace HnReply.Core.Tests.Text;

public class WordDetokenizerTests
{
    private static readonly ITokenizer Word = Tokenizers.Create(new TokenizerOptions());

    [Fact]
    public void Detokenize_Punctuation_AttachesToTheWordItBelongsTo()
    {
        string[] tokens = ["Hello", ",", "world", "!", "(", "a", ")", "[", "b", "]", "{", "c", "}", "50", "%", "$", "5", ";", "x", ":", "y", "...", "z", "?!"];

        Assert.Equal("Hello, world! (a) [b] {c} 50% $5; x: y... z?!", Word.Detokenize(tokens));
    }

    [Fact]
    public void Detokenize_StraightQuotes_OpenAndCloseByTurns()
    {
        string[] tokens = ["He", "said", "\"", "hi", "\"", "and", "'", "bye", "'", "then", "\"", "ok", "\"", "in", "`", "x", "`", "."];

        Assert.Equal("He said \"hi\" and 'bye' then \"ok\" in `x`.", Word.Detokenize(tokens));
    }

    [Fact]
    public void Detokenize_TypographicQuotes_AttachByShape()
    {
        Assert.Equal("“Smart” and ‘single’ ones", Word.Detokenize(["“", "Smart", "”", "and", "‘", "single", "’", "ones"]));
    }

    [Fact]
    public void Detokenize_UnclosedQuote_DoesNotLeakIntoNextParagraph()
    {
        Assert.Equal("\"open\n\n\"new\"", Word.Detokenize(["\"", "open", "<p>", "\"", "new", "\""]));
    }

    [Fact]
    public void Detokenize_Markers_BecomeBlankLinesQuotePrefixAndCodePlaceholder()
    {
        string[] tokens = [">", "quoted", "<p>", "reply", "<p>", "<code>", "<p>", "a", ">", "b"];

        Assert.Equal("> quoted\n\nreply\n\n<code>\n\na > b", Word.Detokenize(tokens));
    }

    [Fact]
    public void Detokenize_ParagraphMarkersAtEndsOrRepeated_GiveOneBreakBetweenText()
    {
        Assert.Equal("a\n\nb", Word.Detokenize(["<p>", "a", "<p>", "<p>", "b", "<p>"]));
    }

    [Fact]
    public void Detokenize_CjkPunctuation_TakesNoSpaces()
    {
        Assert.Equal("日本語。中文，测试！", Word.Detokenize(["日本語", "。", "中文", "，", "测试", "！"]));
    }

    [Fact]
    public void Detokenize_NoTokens_GivesEmptyText()
    {
        Assert.Equal("", Word.Detokenize([]));
    }
}
