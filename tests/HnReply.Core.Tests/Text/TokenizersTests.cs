using HnReply.Text;

namespace HnReply.Core.Tests.Text;

public class TokenizersTests
{
    [Theory]
    [InlineData(TokenizerKind.Word, new[] { "it's", "a", "b", "." })]
    [InlineData(TokenizerKind.Whitespace, new[] { "It's", "a", "b." })]
    [InlineData(TokenizerKind.Char, new[] { "i", "t", "'", "s", " ", "a", " ", " ", "b", "." })]
    public void Create_EachKind_CutsTextItsWayAndKeepsOptions(TokenizerKind kind, string[] expected)
    {
        var options = new TokenizerOptions { Kind = kind, Lowercase = kind == TokenizerKind.Word || kind == TokenizerKind.Char };

        var tokenizer = Tokenizers.Create(options);

        Assert.Same(options, tokenizer.Options);
        Assert.Equal(expected, tokenizer.Tokenize("It's a  b."));
    }

    [Fact]
    public void Create_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizers.Create(new TokenizerOptions { Kind = (TokenizerKind)42 }));
    }

    [Fact]
    public void Options_Default_IsWordWithoutLowercasing()
    {
        var options = new TokenizerOptions();

        Assert.Equal(TokenizerKind.Word, options.Kind);
        Assert.False(options.Lowercase);
    }
}
