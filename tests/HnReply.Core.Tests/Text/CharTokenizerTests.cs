using HnReply.Text;

namespace HnReply.Core.Tests.Text;

public class CharTokenizerTests
{
    private static readonly ITokenizer Graphemes = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Char });

    [Fact]
    public void Tokenize_Text_GivesOneTokenPerTextElement()
    {
        var tokens = Graphemes.Tokenize("he\u0301 👨‍👩‍👧🇺🇸\r\nb\t日");

        Assert.Equal(["h", "e\u0301", " ", "👨‍👩‍👧", "🇺🇸", "\r\n", "b", "\t", "日"], tokens);
    }

    [Theory]
    [MemberData(nameof(WordRoundTripTests.NaturalTexts), MemberType = typeof(WordRoundTripTests))]
    [InlineData("```\ncode\n```\n\n> quote  with   spaces\n")]
    [InlineData("lone \uD800 surrogate")]
    public void Detokenize_AnyText_GivesItBackExactly(string text)
    {
        Assert.Equal(text, Graphemes.Detokenize(Graphemes.Tokenize(text)));
    }

    [Fact]
    public void Tokenize_Lowercase_FoldsEachElement()
    {
        var tokenizer = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Char, Lowercase = true });

        Assert.Equal(["a", "b", "é", " ", "ß"], tokenizer.Tokenize("ABÉ ß"));
    }

    [Fact]
    public void Tokenize_Empty_GivesNoTokens()
    {
        Assert.Empty(Graphemes.Tokenize(""));
    }
}
