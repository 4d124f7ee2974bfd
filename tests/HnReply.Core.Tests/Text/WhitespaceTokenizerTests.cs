using HnReply.Text;

namespace HnReply.Core.Tests.Text;

// The Penn Treebank conventions (Mikolov's ptb.*.txt): tokens are exactly the space-separated runs.
public class WhitespaceTokenizerTests
{
    private static readonly ITokenizer Whitespace = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Whitespace });

    [Fact]
    public void Tokenize_PtbLine_GivesItsWordsExactly()
    {
        Assert.Equal(["the", "<unk>", "company", "said", "n't"], Whitespace.Tokenize(" the <unk> company said n't"));
    }

    [Fact]
    public void Tokenize_PtbLineWithNumbersAndPunctuationTokens_ChangesNothing()
    {
        var line = " mr. <unk> is N years old and chairman of the u.s. unit 's $ N million ";

        string[] expected = ["mr.", "<unk>", "is", "N", "years", "old", "and", "chairman", "of", "the", "u.s.", "unit", "'s", "$", "N", "million"];
        Assert.Equal(expected, Whitespace.Tokenize(line));
    }

    [Fact]
    public void Tokenize_OtherCharacters_NeverSplitOrChange()
    {
        Assert.Equal(["Don't,", "U.S.", "$5", "(x)", "a\u00A0b", "c\nd"], Whitespace.Tokenize("Don't, \t U.S.\t$5  (x) a\u00A0b c\nd"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t ")]
    public void Tokenize_BlankLine_GivesNoTokens(string line)
    {
        Assert.Empty(Whitespace.Tokenize(line));
    }

    [Fact]
    public void Tokenize_LiteralSentenceMarkers_AreDropped()
    {
        Assert.Equal(["a", "<pad>", "b"], Whitespace.Tokenize("<s> a <pad> b </s>"));
    }

    [Fact]
    public void Tokenize_UnkToken_MapsToUnkId()
    {
        var vocabulary = Vocabulary.Build([Whitespace.Tokenize(" the <unk> cat"), Whitespace.Tokenize(" a <unk>")]);

        Assert.Equal(["<unk>", "<s>", "</s>", "<pad>", "a", "cat", "the"], Enumerable.Range(0, vocabulary.Count).Select(vocabulary.Token));
        Assert.Equal([Vocabulary.Unk, 4, Vocabulary.Unk], vocabulary.Encode(Whitespace.Tokenize(" <unk> a dog")));
        Assert.Equal(2, vocabulary.Frequency(Vocabulary.Unk));
    }

    [Fact]
    public void Tokenize_Lowercase_FoldsWhenAsked()
    {
        var tokenizer = Tokenizers.Create(new TokenizerOptions { Kind = TokenizerKind.Whitespace, Lowercase = true });

        Assert.Equal(["the", "u.s.", "<unk>"], tokenizer.Tokenize("The U.S. <UNK>"));
    }

    [Fact]
    public void Detokenize_Tokens_JoinsWithSingleSpaces()
    {
        Assert.Equal("the <unk> company 's", Whitespace.Detokenize(["the", "<unk>", "company", "'s"]));
    }
}
