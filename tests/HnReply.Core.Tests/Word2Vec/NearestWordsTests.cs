using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class NearestWordsTests
{
    // Two axes: royalty (x) and gender (y); "apple" is off both.
    private static readonly WordVectors Royal = new(
        ["man", "woman", "king", "queen", "apple", "prince"],
        [
            0, 1, 0,
            0, -1, 0,
            1, 1, 0,
            1, -1, 0,
            0, 0, 1,
            0.8f, 1.1f, 0.1f,
        ],
        dimensions: 3);

    [Fact]
    public void Nearest_Word_ByCosineWithoutItself()
    {
        var nearest = NearestWords.Nearest(Royal, "king", 2);

        Assert.Equal(["prince", "man"], nearest.Select(w => w.Word));
        Assert.Equal((0.8f + 1.1f) / MathF.Sqrt(2) / MathF.Sqrt(0.64f + 1.21f + 0.01f), nearest[0].Similarity, 5);
        Assert.True(nearest[0].Similarity >= nearest[1].Similarity);
    }

    [Theory]
    [InlineData(AnalogyMethod.Add)]
    [InlineData(AnalogyMethod.Mul)]
    public void Analogy_ManKingWoman_IsQueen(AnalogyMethod method)
    {
        var answer = NearestWords.Analogy(Royal, "man", "king", "woman", 3, method);

        Assert.Equal("queen", answer[0].Word);
        Assert.DoesNotContain(answer, w => w.Word is "man" or "king" or "woman");
    }

    [Fact]
    public void Nearest_UnknownWord_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => NearestWords.Nearest(Royal, "kingdom", 3));

        Assert.Contains("'kingdom'", error.Message, StringComparison.Ordinal);
    }
}
