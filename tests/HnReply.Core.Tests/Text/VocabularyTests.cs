using HnReply.Text;

namespace HnReply.Core.Tests.Text;

public class VocabularyTests
{
    private static readonly string[][] Documents = [["b", "a", "c", "a", "b"], ["a", "d"]];

    private static string[] Tokens(Vocabulary vocabulary) => Enumerable.Range(0, vocabulary.Count).Select(vocabulary.Token).ToArray();

    private static long[] Frequencies(Vocabulary vocabulary) => Enumerable.Range(0, vocabulary.Count).Select(vocabulary.Frequency).ToArray();

    [Fact]
    public void Build_Documents_SpecialsFirstThenMostFrequentWithTiesInOrdinalOrder()
    {
        var vocabulary = Vocabulary.Build(Documents);

        Assert.Equal(["<unk>", "<s>", "</s>", "<pad>", "a", "b", "c", "d"], Tokens(vocabulary));
        Assert.Equal([0L, 0, 2, 0, 3, 2, 1, 1], Frequencies(vocabulary));
    }

    [Fact]
    public void Build_TiesOfDifferentCase_OrdinalOrderPutsUpperCaseFirst()
    {
        var vocabulary = Vocabulary.Build([["b", "B", "a", "é", "z"]]);

        Assert.Equal(["B", "a", "b", "z", "é"], Tokens(vocabulary).Skip(4));
    }

    [Fact]
    public void Build_MinCount_LeavesRareTokensToUnk()
    {
        var vocabulary = Vocabulary.Build(Documents, minCount: 2);

        Assert.Equal(["<unk>", "<s>", "</s>", "<pad>", "a", "b"], Tokens(vocabulary));
        Assert.Equal(2, vocabulary.Frequency(Vocabulary.Unk));
        Assert.Equal(Vocabulary.Unk, vocabulary.Id("c"));
    }

    [Fact]
    public void Build_MaxSize_CountsSpecialsAndLeavesTheRestToUnk()
    {
        var vocabulary = Vocabulary.Build(Documents, maxSize: 5);

        Assert.Equal(["<unk>", "<s>", "</s>", "<pad>", "a"], Tokens(vocabulary));
        Assert.Equal(4, vocabulary.Frequency(Vocabulary.Unk));
    }

    [Fact]
    public void Build_LiteralSpecialTokens_CountTowardTheirSpecials()
    {
        var vocabulary = Vocabulary.Build([["<unk>", "x", "<unk>", "</s>"], ["rare"]], minCount: 2);

        Assert.Equal(["<unk>", "<s>", "</s>", "<pad>"], Tokens(vocabulary));
        Assert.Equal([4L, 0, 3, 0], Frequencies(vocabulary));
    }

    [Fact]
    public void Build_NoDocuments_HasOnlySpecials()
    {
        var vocabulary = Vocabulary.Build([]);

        Assert.Equal(4, vocabulary.Count);
        Assert.Equal([0L, 0, 0, 0], Frequencies(vocabulary));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 3)]
    public void Build_InvalidLimits_Throw(int minCount, int maxSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Documents, minCount, maxSize));
    }

    [Fact]
    public void Build_EmptyToken_Throws()
    {
        Assert.Throws<ArgumentException>(() => Vocabulary.Build([["a", ""]]));
    }

    [Fact]
    public void FromTokens_List_KeepsGivenOrderAfterSpecials()
    {
        var vocabulary = FromTokens("the", "<unk>", "cat", "</s>");

        Assert.Equal(["<unk>", "<s>", "</s>", "<pad>", "the", "cat"], Tokens(vocabulary));
        Assert.All(Frequencies(vocabulary), frequency => Assert.Equal(0, frequency));
    }

    [Fact]
    public void FromTokens_Duplicate_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => FromTokens("a", "b", "a"));

        Assert.Contains("\"a\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_KnownAndUnknownTokens_GivesIdOrUnk()
    {
        var vocabulary = FromTokens("the", "cat");

        Assert.Equal(4, vocabulary.Id("the"));
        Assert.Equal(Vocabulary.Unk, vocabulary.Id("dog"));
        Assert.Equal(Vocabulary.Eos, vocabulary.Id("</s>"));
        Assert.True(vocabulary.TryGetId("cat", out var cat));
        Assert.Equal(5, cat);
        Assert.False(vocabulary.TryGetId("The", out _));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void TokenAndFrequency_IdOutOfRange_Throw(int id)
    {
        var vocabulary = FromTokens("the", "cat");

        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Token(id));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Frequency(id));
    }

    [Fact]
    public void Encode_Tokens_MapsEachWithoutMarkers()
    {
        var vocabulary = FromTokens("the", "cat");

        Assert.Equal([4, Vocabulary.Unk, 5, Vocabulary.Pad], vocabulary.Encode(["the", "dog", "cat", "<pad>"]));
        Assert.Empty(vocabulary.Encode([]));
    }

    [Fact]
    public void Id_ManyThreads_SameAnswers()
    {
        var words = Enumerable.Range(0, 5000).Select(i => $"w{i}").ToArray();
        var vocabulary = Vocabulary.FromTokens(words);
        var queries = Enumerable.Range(0, 200_000).Select(i => i * 7 % 6000).ToArray();

        var ids = queries.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(n => vocabulary.Id($"w{n}")).ToArray();

        Assert.Equal(queries.Select(n => n < words.Length ? n + 4 : Vocabulary.Unk), ids);
    }

    private static Vocabulary FromTokens(params string[] tokens) => Vocabulary.FromTokens(tokens);
}
